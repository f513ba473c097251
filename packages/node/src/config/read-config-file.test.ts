import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { thrownConfigError } from './__test-utils__/thrown-config-error.js';
import { CONFIG_MAX_BYTES, readConfigFile } from './read-config-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cw-read-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A file of exactly `bytes` bytes that is a valid config: `model = "m"`, then a comment filling the rest. */
function configOfSize(path: string, bytes: number): string {
  const head = 'model = "m"\n# ';
  const text = `${head}${'x'.repeat(bytes - head.length - 1)}\n`;
  writeFileSync(path, text);
  return text;
}

describe('readConfigFile', () => {
  it('reads a file of exactly 1 MiB, and refuses one byte more, saying what to check', () => {
    const fits = join(dir, 'fits.toml');
    const text = configOfSize(fits, CONFIG_MAX_BYTES);
    expect(readConfigFile(fits)?.text).toBe(text);
    const big = join(dir, 'big.toml');
    configOfSize(big, CONFIG_MAX_BYTES + 1);
    const error = thrownConfigError(() => readConfigFile(big));
    expect(error).toMatchObject({
      code: 'CONFIG_TOO_LARGE',
      file: big,
      hint: 'A config file is a few kilobytes: check that the path points at your config.toml.',
      message: `The config file ${big} is larger than 1 MiB; it was not read.\nA config file is a few kilobytes: check that the path points at your config.toml.`,
    });
  });

  it('names a directory, a pipe and a device, with the fix for each', () => {
    expect(thrownConfigError(() => readConfigFile(dir))).toMatchObject({
      code: 'CONFIG_UNREADABLE',
      file: dir,
      message: `Cannot read the config file ${dir}: it is a directory, not a regular file.\nThat is a directory: point at the config.toml file inside it.`,
    });
    if (process.platform === 'win32') return;
    const fifo = join(dir, 'fifo.toml');
    execFileSync('mkfifo', [fifo]);
    expect(thrownConfigError(() => readConfigFile(fifo, ' (from CODEWHALE_CONFIG)'))).toMatchObject({
      code: 'CONFIG_UNREADABLE',
      file: fifo,
      hint: 'Point at a config.toml file.',
      message: `Cannot read the config file ${fifo} (from CODEWHALE_CONFIG): it is a named pipe, not a regular file.\nPoint at a config.toml file.`,
    });
    expect(thrownConfigError(() => readConfigFile('/dev/null')).message).toBe(
      'Cannot read the config file /dev/null: it is a device, not a regular file.\nPoint at a config.toml file.',
    );
  });

  it('reports a path it cannot open with the error code and how to check it', () => {
    const plain = join(dir, 'plain');
    writeFileSync(plain, 'not a directory\n');
    const under = join(plain, 'config.toml');
    const error = thrownConfigError(() => readConfigFile(under));
    expect(error).toMatchObject({
      code: 'CONFIG_UNREADABLE',
      file: under,
      hint: 'Check that the file exists and that you may read it.',
      message: `Cannot read the config file ${under} (ENOTDIR).\nCheck that the file exists and that you may read it.`,
    });
    expect((error.cause as NodeJS.ErrnoException).code).toBe('ENOTDIR');
    expect(readConfigFile(join(dir, 'missing.toml'))).toBeUndefined();
  });

  it('reads a file whose size the file system does not report (it reads on past what fstat said)', () => {
    // Files under /proc report size 0; a file that grows while it is read looks the same.
    if (!existsSync('/proc/version')) return;
    expect(readConfigFile('/proc/version')?.text).toBe(readFileSync('/proc/version', 'utf8'));
  });

  it('reports a read that fails as unreadable, not as a bare system error', () => {
    // /proc/self/mem opens as a regular file, but reading it at offset 0 fails (EIO).
    if (!existsSync('/proc/self/mem')) return;
    expect(thrownConfigError(() => readConfigFile('/proc/self/mem'))).toMatchObject({
      code: 'CONFIG_UNREADABLE',
      file: '/proc/self/mem',
      message:
        'Cannot read the config file /proc/self/mem (EIO).\nCheck that the file exists and that you may read it.',
    });
  });

  it('closes the file every time, also when it refuses it', () => {
    if (!existsSync('/proc/self/fd')) return;
    const file = join(dir, 'config.toml');
    writeFileSync(file, 'model = "m"\n');
    const big = join(dir, 'big.toml');
    configOfSize(big, CONFIG_MAX_BYTES + 1);
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let round = 0; round < 50; round++) {
      readConfigFile(file);
      thrownConfigError(() => readConfigFile(big));
      thrownConfigError(() => readConfigFile(dir));
    }
    // 150 reads: a leak would leave 150 more descriptors open; allow a few opened by anything else meanwhile.
    expect(open() - before).toBeLessThan(10);
  });
});
