import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, createSandbox } from './test-utils/cli-harness.js';

const sandbox = createSandbox();
afterAll(() => sandbox.cleanup());

const ARGS = ['explain', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro'];
const explain = (env: Readonly<Record<string, string>> = {}): string =>
  execFileSync(process.execPath, [BIN, ...ARGS], { env: sandbox.env(env), encoding: 'utf8', timeout: 60_000 });
/** The sandbox's `$XDG_CACHE_HOME/codewhale/node-compile-cache` (the launcher's cache directory on Linux). */
const CACHE = join(sandbox.env().XDG_CACHE_HOME as string, 'codewhale', 'node-compile-cache');
/** Every file under `dir`, with its size. */
const files = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((name) => statSync(join(dir, name)).isFile())
        .sort()
    : [];
const DIST = dirname(BIN);
/** Node 22.1+ (module.enableCompileCache); on older Nodes the launcher runs the CLI without a cache. */
const compileCache = Number(process.versions.node.split('.')[0]) >= 22;

describe('the launcher', () => {
  it('ships only the bundles and the lab page: no code-cache files (Node compiles and caches them per user)', () => {
    expect(
      files(DIST).filter(
        (name) =>
          !/^(codewhale-route|main|custom-endpoints|validate|live|receipts|hub|eval|lab)\.cjs$|^THIRD-PARTY-LICENSES\.md$|^lab[\\/](index\.html|THIRD-PARTY-LICENSES\.md|assets[\\/][\w.-]+\.(js|css|svg|png|woff2))$/.test(
            name,
          ),
      ),
    ).toEqual([]);
  });

  it('runs main.cjs from the code cache of the run before, and writes a new one only for a rebuilt bundle', () => {
    const copy = join(sandbox.dir, 'dist-copy');
    rmSync(copy, { recursive: true, force: true });
    cpSync(DIST, copy, { recursive: true });
    rmSync(CACHE, { recursive: true, force: true });
    const run = () =>
      execFileSync(process.execPath, [join(copy, 'codewhale-route.cjs'), ...ARGS], {
        env: sandbox.env(),
        encoding: 'utf8',
        timeout: 60_000,
      });
    const first = run();
    const caches = () => files(CACHE).filter((name) => /^main-.*\.v8cache$/.test(name));
    const [written] = caches();
    expect(caches()).toHaveLength(1);
    const before = statSync(join(CACHE, written as string), { bigint: true });
    // V8 took the cache: it is not written again.
    expect(run()).toBe(first);
    const after = statSync(join(CACHE, written as string), { bigint: true });
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs]);
    // A reinstalled bundle (here: the same bytes written again) never runs from the old cache; its own replaces it.
    writeFileSync(join(copy, 'main.cjs'), readFileSync(join(copy, 'main.cjs')));
    expect(run()).toBe(first);
    expect(caches()).toHaveLength(1);
    expect(caches()).not.toEqual([written]);
    // Private to the user, like the rest of their cache.
    expect(statSync(join(CACHE, caches()[0] as string)).mode & 0o077).toBe(0);
  });

  it.skipIf(!compileCache)("keeps Node's compile cache in the user's cache directory, never beside the bundles", () => {
    rmSync(CACHE, { recursive: true, force: true });
    const before = files(DIST);
    expect(explain()).toContain('together:deepseek-ai/DeepSeek-V4-Pro');
    // One entry per file compiled after the launcher turned the cache on (main.cjs here), in a folder named after the
    // Node version.
    const cached = files(CACHE);
    expect(cached.length).toBeGreaterThanOrEqual(1);
    expect(cached.reduce((sum, name) => sum + statSync(join(CACHE, name)).size, 0)).toBeGreaterThan(10_000);
    expect(files(DIST)).toEqual(before);
  });

  it('prints the same with a cold cache, a warm one, a corrupt one, none (disabled) and an unusable cache directory', () => {
    // (A corrupt main.cjs code cache is rejected by V8 and written again; Node's compile cache does the same.)
    rmSync(CACHE, { recursive: true, force: true });
    const cold = explain();
    expect(cold).toContain('together:deepseek-ai/DeepSeek-V4-Pro');
    expect(explain()).toBe(cold);
    for (const name of files(CACHE))
      writeFileSync(join(CACHE, name), Buffer.alloc(statSync(join(CACHE, name)).size, 7));
    expect(explain()).toBe(cold);
    expect(explain({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBe(cold);
    // XDG_CACHE_HOME names a file: the cache directory cannot be made, and the CLI runs without it.
    const notADirectory = join(sandbox.dir, 'a-file');
    writeFileSync(notADirectory, 'not a directory');
    expect(explain({ XDG_CACHE_HOME: notADirectory })).toBe(cold);
    expect(readFileSync(notADirectory, 'utf8')).toBe('not a directory');
  });
});
