import { mkdtempSync, readFileSync, realpathSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { rewriteConfigFile } from './rewrite-config-file.js';
import { ConfigRewriteError } from './rewrite-config-text.js';

let dir: string;
let file: string;
beforeEach(() => {
  // The real path: the file a rewrite reports is the one it edited, symlinks (e.g. /tmp on macOS) followed.
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'cw-rewrite-')));
  file = join(dir, 'config.toml');
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const setProvider = (value: string) => () => [{ path: ['provider'], value }];

/** What a rewrite rejected with. */
const failure = (attempt: Promise<unknown>) =>
  attempt.then(
    () => {
      throw new Error('expected the rewrite to fail');
    },
    (caught: unknown) => caught,
  );

/**
 * A lock held by a live writer (our own pid) that never gets old, and a clock that runs 20 s ahead every 50 ms: a
 * writer waiting for the lock gives up after its 10 s wait without the test waiting 10 s.
 */
async function whileLockedByAnother<T>(attempt: () => Promise<T>): Promise<T> {
  writeFileSync(`${file}.lock`, `${process.pid}\n`);
  const future = new Date(Date.now() + 24 * 3_600_000);
  utimesSync(`${file}.lock`, future, future);
  vi.useFakeTimers({ toFake: ['Date'] });
  const jump = setInterval(() => vi.setSystemTime(Date.now() + 20_000), 50);
  try {
    return await attempt();
  } finally {
    clearInterval(jump);
    vi.useRealTimers();
  }
}

describe('rewriteConfigFile', () => {
  it('reports a lock held for the whole wait as "locked" with the lock file, and writes nothing', async () => {
    writeFileSync(file, 'provider = "deepseek"\n');
    const error = await whileLockedByAnother(() => failure(rewriteConfigFile(file, setProvider('vllm'))));
    expect(error).toBeInstanceOf(ConfigRewriteError);
    expect(error).toMatchObject({ problem: { kind: 'locked', lockPath: `${file}.lock` }, file });
    expect(readFileSync(file, 'utf8')).toBe('provider = "deepseek"\n');
  });

  it('redoes the edit when the file changed before the rename, up to `attempts` times, then reports "changing"', async () => {
    writeFileSync(file, 'provider = "deepseek"\n');
    let checks = 0;
    // An editor that takes no lock saves the file while every attempt is being made.
    const check = () => {
      checks += 1;
      writeFileSync(file, `# saved by an editor (${checks})\nprovider = "deepseek"\n`);
    };
    const error = await failure(rewriteConfigFile(file, setProvider('vllm'), { check, attempts: 2 }));
    expect(error).toMatchObject({ problem: { kind: 'changing' }, file });
    expect(checks).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('# saved by an editor (2)\nprovider = "deepseek"\n');
    // At least one attempt, whatever `attempts` says.
    checks = 0;
    await failure(rewriteConfigFile(file, setProvider('vllm'), { check, attempts: 0 }));
    expect(checks).toBe(1);
  });

  it('writes the edit made on the new text when the file changed only once', async () => {
    writeFileSync(file, 'provider = "deepseek"\n');
    let checks = 0;
    const check = () => {
      checks += 1;
      if (checks === 1) writeFileSync(file, '# saved by an editor\nprovider = "deepseek"\n');
    };
    await expect(rewriteConfigFile(file, setProvider('vllm'), { check })).resolves.toStrictEqual({
      kind: 'written',
      path: file,
      created: false,
    });
    expect(readFileSync(file, 'utf8')).toBe('# saved by an editor\nprovider = "vllm"\n');
  });

  it("names the file in its own refusals, and lets the read's and the check's errors through unchanged", async () => {
    writeFileSync(file, 'provider = "deepseek\n');
    const invalid = await failure(rewriteConfigFile(file, setProvider('vllm')));
    expect(invalid).toBeInstanceOf(ConfigRewriteError);
    expect(invalid).toMatchObject({ problem: { kind: 'invalid-toml', line: 1 }, file });
    writeFileSync(file, 'provider = "deepseek"\n');
    const refused = new Error('the check refused it');
    await expect(
      failure(
        rewriteConfigFile(file, setProvider('vllm'), {
          check: () => {
            throw refused;
          },
        }),
      ),
    ).resolves.toBe(refused);
    await expect(failure(rewriteConfigFile(dir, setProvider('vllm')))).resolves.toMatchObject({
      code: 'CONFIG_UNREADABLE',
      file: dir,
    });
    expect(readFileSync(file, 'utf8')).toBe('provider = "deepseek"\n');
  });
});
