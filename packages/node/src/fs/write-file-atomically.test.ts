import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './write-file-atomically.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomically', () => {
  it('keeps its temp file 0600 until the rename, then gives the target its mode', async () => {
    /** @see issue 13 item 14 */
    if (process.platform === 'win32') return;
    const target = join(dir, 'config.toml');
    writeFileSync(target, 'old\n', { mode: 0o644 });
    const tempModes: number[] = [];
    const written = await writeFileAtomically(target, 'api_key = "k"\n', {
      mode: 0o644,
      beforeRename: () => {
        for (const name of readdirSync(dir))
          if (name.endsWith('.tmp')) tempModes.push(statSync(join(dir, name)).mode & 0o777);
        return true;
      },
    });
    expect(written).toBe(true);
    expect(tempModes).toEqual([0o600]);
    expect(statSync(target).mode & 0o777).toBe(0o644);
    expect(readFileSync(target, 'utf8')).toBe('api_key = "k"\n');
    expect(readdirSync(dir)).toEqual(['config.toml']);
  });

  it('replaces the target whole without flushing to disk when not durable (caches), leaving no temp file', async () => {
    const target = join(dir, 'cache.json');
    writeFileSync(target, '{"old":true}');
    expect(await writeFileAtomically(target, '{"new":true}', { durable: false })).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('{"new":true}');
    expect(readdirSync(dir)).toEqual(['cache.json']);
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
  });
});
