import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, createSandbox } from './test-utils/cli-harness.js';

const sandbox = createSandbox();
const copies = mkdtempSync(join(tmpdir(), 'codewhale-launch-'));
afterAll(() => {
  sandbox.cleanup();
  rmSync(copies, { recursive: true, force: true });
});

const ARGS = ['explain', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro'];
const explain = (bin: string): string => execFileSync(process.execPath, [bin, ...ARGS], { env: sandbox.env(), encoding: 'utf8' });

/** A copy of dist/ whose code cache is changed by `edit`. */
function distCopy(name: string, edit: (cache: string) => void): string {
  const dist = join(copies, name);
  cpSync(dirname(BIN), dist, { recursive: true });
  edit(join(dist, 'main.cjs.v8cache'));
  return join(dist, 'codewhale-route.cjs');
}

describe('the launcher', () => {
  it('ships code caches for the bundles it runs, written by the build', () => {
    for (const bundle of ['main.cjs', 'custom-endpoints.cjs', 'validate.cjs']) {
      const cache = join(dirname(BIN), `${bundle}.v8cache`);
      expect(existsSync(cache), bundle).toBe(true);
      expect(statSync(cache).size, bundle).toBeGreaterThan(10_000);
    }
  });

  it('prints the same with a foreign or corrupt cache (V8 rejects it) and with none', () => {
    const expected = explain(BIN);
    expect(expected).toContain('together:deepseek-ai/DeepSeek-V4-Pro');
    const corrupt = distCopy('corrupt', (cache) => writeFileSync(cache, Buffer.alloc(4096, 7)));
    const missing = distCopy('missing', (cache) => rmSync(cache));
    expect(explain(corrupt)).toBe(expected);
    expect(explain(missing)).toBe(expected);
  });
});
