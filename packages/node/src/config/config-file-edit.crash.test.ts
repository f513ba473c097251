import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';

// Real child processes editing one config file through the built package (turbo builds before tests).
const writer = fileURLToPath(new URL('./__fixtures__/config-writer.mjs', import.meta.url));
const packageRoot = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function run(args: readonly string[]): Promise<string> {
  return new Promise((resolve) =>
    execFile(process.execPath, [writer, ...args], { cwd: packageRoot, timeout: 60_000 }, (_error, stdout) =>
      resolve(String(stdout).trim()),
    ),
  );
}

describe('concurrent writers of one config file', () => {
  it('twelve parallel setConfigValue processes and a persistRouteSwitch all keep their change, or say they lost', async () => {
    /** @see issue 13 item 13 */
    const dir = mkdtempSync(join(tmpdir(), 'cw-config-race-'));
    dirs.push(dir);
    const file = join(dir, 'config.toml');
    writeFileSync(file, '# shared\nprovider = "deepseek"\n');
    const sets = Array.from({ length: 12 }, (_, index) =>
      run([file, 'set', `roles.r${index}.model`, `model-${index}`]),
    );
    const switched = run([file, 'switch', 'vllm', 'Qwen/Qwen3-Coder-30B']);
    const outcomes = await Promise.all([...sets, switched]);
    const config = parse(readFileSync(file, 'utf8')) as {
      provider?: string;
      roles?: Record<string, { model: string }>;
      providers?: Record<string, { model?: string }>;
    };
    outcomes.slice(0, 12).forEach((outcome, index) => {
      // A writer that reports success kept its key; one that lost said so (and then its key is absent).
      if (outcome === 'ok') expect(config.roles?.[`r${index}`]?.model, `writer ${index}`).toBe(`model-${index}`);
      else expect(outcome, `writer ${index}`).toMatch(/^error CONFIG_CONCURRENT_EDIT$/);
    });
    if (outcomes[12] === 'ok')
      expect([config.provider, config.providers?.vllm?.model]).toEqual(['vllm', 'Qwen/Qwen3-Coder-30B']);
    else expect(outcomes[12]).toBe('error PERSIST_CONCURRENT_EDIT');
    // On an idle machine every writer gets its turn well within the lock's wait.
    expect(outcomes.filter((outcome) => outcome === 'ok').length).toBe(13);
    expect(readdirSync(dir)).toEqual(['config.toml']);
  });
});
