import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRegistry,
  createRouteResolver,
  createRouteSession,
  type CredentialSource,
  type ReadyRouteCandidate,
  type Registry,
  type RouteRequest,
} from '@codewhale/core';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import fc from 'fast-check';
import { parse } from 'smol-toml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from './config-error.js';
import { createRoutePersister, editRouteSwitch, persistRouteSwitch, PersistRouteError } from './persist-route.js';

const CANARY = 'sk-canary-51d0c3e7-persist';
const registry = createRegistry({ plugins: [deepseekPlugin, togetherPlugin, ollamaPlugin, vllmPlugin] });
const allKeys: CredentialSource = {
  describe: ({ descriptor, official }) =>
    official && descriptor.auth.envVars[0]
      ? { source: 'env', envVar: descriptor.auth.envVars[0] }
      : { source: 'missing' },
};
const resolver = createRouteResolver({ registry, credentials: allKeys });

function candidate(request: RouteRequest): ReadyRouteCandidate {
  const result = resolver.resolve(request);
  if (!result.ok) throw new Error(result.error.message);
  return result.candidate;
}

const together = candidate({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' });
const deepseek = candidate({ provider: 'deepseek' });

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codewhale-persist-'));
  file = join(dir, 'config.toml');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const read = () => readFileSync(file, 'utf8');

describe('persistRouteSwitch', () => {
  it('writes [providers.<id>].model and the root provider, keeping comments, spacing and unknown keys', async () => {
    writeFileSync(
      file,
      [
        '# My CodeWhale config',
        'provider = "deepseek"   # default provider',
        'model = "deepseek-v4-pro"',
        'my_own_key = { keep = true }',
        '',
        '[providers.deepseek]',
        '  model   =   "deepseek-flash" # cheap',
        '',
        '# Together: keys live in the env',
        '[providers.together]',
        '  base_url = "https://api.together.xyz/v1"',
        '  context_window = 131_072',
        '',
        '[roles.summary]',
        'model = "auto"',
        '',
      ].join('\n'),
    );
    await persistRouteSwitch(file, together, { fromAuto: false });
    expect(read()).toMatchInlineSnapshot(`
      "# My CodeWhale config
      provider = "together"   # default provider
      model = "deepseek-v4-pro"
      my_own_key = { keep = true }

      [providers.deepseek]
        model   =   "deepseek-flash" # cheap

      # Together: keys live in the env
      [providers.together]
        base_url = "https://api.together.xyz/v1"
        context_window = 131_072
        model = "deepseek-ai/DeepSeek-V4-Pro"

      [roles.summary]
      model = "auto"
      "
    `);
    // Switching back edits the values in place.
    await persistRouteSwitch(file, deepseek, { fromAuto: false });
    expect(read()).toContain('provider = "deepseek"   # default provider\n');
    expect(read()).toContain('  model   =   "deepseek-v4-pro" # cheap\n');
    expect(read()).toContain('  model = "deepseek-ai/DeepSeek-V4-Pro"\n');
  });

  it('creates a missing file (mode 0600, parent directories too)', async () => {
    const nested = join(dir, 'a', 'b', 'config.toml');
    await persistRouteSwitch(nested, together, { fromAuto: false });
    expect(readFileSync(nested, 'utf8')).toBe(
      'provider = "together"\n\n[providers.together]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n',
    );
    expect(statSync(nested).mode & 0o777).toBe(0o600);
  });

  it('adds a root provider before the first table (and the comments attached to it), and a new table at the end', async () => {
    writeFileSync(file, '# header comment\n\n# about deepseek\n[providers.deepseek]\nmodel = "deepseek-flash"');
    await persistRouteSwitch(file, together, { fromAuto: false });
    expect(read()).toBe(
      '# header comment\n\nprovider = "together"\n\n# about deepseek\n[providers.deepseek]\nmodel = "deepseek-flash"\n\n[providers.together]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n',
    );
  });

  it('never writes a model auto chose (only the provider), and leaves the saved model alone', async () => {
    writeFileSync(file, 'provider = "deepseek"\n\n[providers.together]\nmodel = "moonshotai/Kimi-K2.6"\n');
    const auto = candidate({ provider: 'together', model: 'auto' });
    expect(auto.fromAuto).toBe(true);
    await persistRouteSwitch(file, auto, { fromAuto: true });
    expect(read()).toBe('provider = "together"\n\n[providers.together]\nmodel = "moonshotai/Kimi-K2.6"\n');
    expect(read()).not.toContain(auto.wireModelId === 'moonshotai/Kimi-K2.6' ? '\u0000' : auto.wireModelId);
  });

  it('writes nothing when the file already says so', async () => {
    writeFileSync(file, 'provider = "together"\n[providers.together]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n');
    const before = statSync(file);
    await persistRouteSwitch(file, together, { fromAuto: false });
    const after = statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('edits a table written under an alias, and a root provider that names it by alias stays as written (with the registry)', async () => {
    const withAlias = createRegistry({ plugins: [deepseekPlugin, togetherPlugin, ollamaPlugin, vllmPlugin] });
    const aliases = withAlias.provider('together').descriptor.aliases ?? [];
    const ollama = candidate({ provider: 'ollama', model: 'qwen3-coder:30b' });
    writeFileSync(file, 'provider = "ollama"\n[providers.ollama]\nbase_url = "http://127.0.0.1:11434/v1"\n');
    await persistRouteSwitch(file, ollama, { fromAuto: false, registry: withAlias });
    expect(read()).toBe(
      'provider = "ollama"\n[providers.ollama]\nbase_url = "http://127.0.0.1:11434/v1"\nmodel = "qwen3-coder:30b"\n',
    );
    if (aliases[0]) {
      writeFileSync(file, `provider = "${aliases[0]}"\n[providers.${aliases[0]}]\nmodel = "x"\n`);
      await persistRouteSwitch(file, together, { fromAuto: false, registry: withAlias });
      expect(read()).toBe(
        `provider = "${aliases[0]}"\n[providers.${aliases[0]}]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n`,
      );
    }
  });

  /** @see issue 12 item 7: a table spelled as users type it is the provider's table; a switch must not shadow it with a new one. */
  it('edits a table whose name folds to the provider (Together-AI), instead of adding [providers.together] beside it', async () => {
    writeFileSync(file, 'provider = "together"\n[providers.Together-AI]\nmodel = "x"\n');
    await persistRouteSwitch(file, together, { fromAuto: false, registry });
    expect(read()).toBe('provider = "together"\n[providers.Together-AI]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n');
  });

  it('adds a dotted key beside dotted keys, keeps CRLF line ends and a BOM', async () => {
    writeFileSync(
      file,
      '\uFEFFprovider = "deepseek"\r\n[providers]\r\ntogether.base_url = "https://api.together.xyz/v1"\r\n',
    );
    await persistRouteSwitch(file, together, { fromAuto: false });
    expect(read()).toBe(
      '\uFEFFprovider = "together"\r\n[providers]\r\ntogether.base_url = "https://api.together.xyz/v1"\r\ntogether.model = "deepseek-ai/DeepSeek-V4-Pro"\r\n',
    );
  });

  it('refuses layouts it cannot edit in place, and invalid TOML, without writing or quoting the file', async () => {
    const inline = `providers = { together = { api_key = "${CANARY}" } }\n`;
    writeFileSync(file, inline);
    const error = await persistRouteSwitch(file, together, { fromAuto: false }).catch((caught: unknown) => caught);
    expect(PersistRouteError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'PERSIST_LAYOUT_UNSUPPORTED', file: expect.stringContaining('config.toml') });
    expect(read()).toBe(inline);

    const broken = `provider = "deepseek"\n[providers.together]\napi_key = "${CANARY}\n`;
    writeFileSync(file, broken);
    const invalid = (await persistRouteSwitch(file, together, { fromAuto: false }).catch(
      (caught: unknown) => caught,
    )) as PersistRouteError;
    expect(invalid).toMatchObject({ code: 'PERSIST_CONFIG_INVALID' });
    expect(invalid.message).toMatch(/is not valid TOML at line 3, column \d+\./);
    expect(
      `${invalid.message}${String(invalid.stack)}${JSON.stringify(invalid)}${String(invalid.cause)}`,
    ).not.toContain(CANARY);
    expect(read()).toBe(broken);
    expect(readdirSync(dir)).toEqual(['config.toml']);
  });

  it('keeps the file mode, edits through a symlink, and leaves no temp files', async () => {
    const target = join(dir, 'real.toml');
    writeFileSync(target, 'provider = "deepseek"\n');
    chmodSync(target, 0o640);
    symlinkSync(target, file);
    await persistRouteSwitch(file, together, { fromAuto: false });
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(statSync(target).mode & 0o777).toBe(0o640);
    expect(readFileSync(target, 'utf8')).toContain('provider = "together"');
    expect(readdirSync(dir).sort()).toEqual(['config.toml', 'real.toml']);
  });

  it('serialises concurrent saves to one file: none is lost', async () => {
    writeFileSync(file, '# shared\n');
    const routes = [
      together,
      deepseek,
      candidate({ provider: 'ollama', model: 'llama3:8b' }),
      candidate({ provider: 'vllm', model: 'served' }),
    ];
    await Promise.all(routes.map((route) => persistRouteSwitch(file, route, { fromAuto: false })));
    const config = parse(read()) as { provider: string; providers: Record<string, { model: string }> };
    expect(config.provider).toBe('vllm');
    expect(Object.fromEntries(Object.entries(config.providers).map(([key, table]) => [key, table.model]))).toEqual({
      together: 'deepseek-ai/DeepSeek-V4-Pro',
      deepseek: deepseek.wireModelId,
      ollama: 'llama3:8b',
      vllm: 'served',
    });
    expect(read().startsWith('# shared\n')).toBe(true);
  });

  it('is a session persist hook: a failed save fails the switch at stage persistence and leaves the file alone', async () => {
    const persist = createRoutePersister(file, { registry });
    const session = createRouteSession<string>({ resolver });
    writeFileSync(file, 'provider = "deepseek"\n');
    const ok = await session.switchTo(
      { provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' },
      { buildClient: String, persist },
    );
    expect(ok.ok).toBe(true);
    expect(read()).toBe('provider = "together"\n\n[providers.together]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n');
    writeFileSync(file, 'providers = { deepseek = {} }\n');
    const failed = await session.switchTo({ provider: 'deepseek' }, { buildClient: String, persist });
    expect(!failed.ok && failed.error.stage).toBe('persistence');
    expect(!failed.ok && PersistRouteError.isInstance(failed.error.cause)).toBe(true);
    expect(session.current?.provider).toBe('together');
    expect(read()).toBe('providers = { deepseek = {} }\n');
  });
});

describe('editRouteSwitch over generated layouts', () => {
  const segment = fc.constantFrom('together', 'deepseek', 'ollama', 'roles', 'summary', 'x_y', '"quoted.key"');
  const scalar = fc.constantFrom(
    '"text # not a comment"',
    "'lit [providers.together]'",
    '42',
    'true',
    '1979-05-27',
    '[1, 2,\n  3] # multi-line',
    '"""\nmodel = "fake"\n[providers.together]\n"""',
    '{ a = 1 }',
  );
  const line = fc.oneof(
    fc.constantFrom('# a comment', '', '   ', '# provider = "old"', '\t# model = "x"'),
    fc.tuple(segment, scalar).map(([key, value]) => `${key} = ${value}`),
  );
  const block = fc.record({
    header: fc.constantFrom(
      '',
      '[providers.together]',
      '[providers.deepseek]',
      '[roles.summary]',
      '[providers]',
      '[[plugins]]',
      '[ providers . "together" ]',
    ),
    lines: fc.array(line, { maxLength: 4 }),
  });
  const rootLines = fc.array(
    fc.oneof(line, fc.constantFrom('provider = "deepseek"', "provider = 'ollama' # old", 'model = "root-model"')),
    { maxLength: 4 },
  );

  it('changes only the intended keys and keeps every other line, or refuses without output', () => {
    let edited = 0;
    fc.assert(
      fc.property(
        rootLines,
        fc.array(block, { maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom(together, deepseek),
        fc.boolean(),
        (root, blocks, crlf, route, fromAuto) => {
          const eol = crlf ? '\r\n' : '\n';
          const text = [...root, ...blocks.flatMap((entry) => [entry.header, ...entry.lines])]
            .join('\n')
            .replace(/\n/g, eol);
          let before: Record<string, unknown>;
          try {
            before = parse(text) as Record<string, unknown>;
          } catch {
            return; // Not a valid file to begin with (duplicate keys and tables are easy to generate).
          }
          let result: string | undefined;
          try {
            result = editRouteSwitch(text, 'config.toml', route, { fromAuto });
          } catch (error) {
            expect(PersistRouteError.isInstance(error)).toBe(true);
            return;
          }
          if (result === undefined) return;
          edited += 1;
          const after = parse(result) as {
            provider?: unknown;
            model?: unknown;
            providers?: Record<string, { model?: unknown }>;
          };
          expect(after.provider).toBe(route.provider.id);
          expect(after.model).toEqual(before.model);
          if (!fromAuto) expect(after.providers?.[route.provider.id]?.model).toBe(route.wireModelId);
          // Every original line is still there, in order (values of the edited keys aside).
          if (text.includes('\r\n')) expect(result.replace(/\r\n/g, '')).not.toContain('\n');
          if (text === '') return;
          const kept = result.split(/\r?\n/);
          let cursor = 0;
          for (const original of text.split(/\r?\n/)) {
            const found = kept.indexOf(original, cursor);
            if (found >= 0) cursor = found + 1;
            else
              expect(
                /^\s*(provider|model)\s*=|^\s*together\.model|^\s*deepseek\.model/.test(original),
                `lost line: ${original}`,
              ).toBe(true);
          }
        },
      ),
      { numRuns: 3000 },
    );
    expect(edited).toBeGreaterThan(300);
  });
});

describe('persistRouteSwitch and symlinks', () => {
  it('refuses a dangling symlink instead of replacing it with a regular file', async () => {
    /** @see issue 13 item 14 */
    if (process.platform === 'win32') return;
    symlinkSync(join(dir, 'missing', 'config.toml'), file);
    await expect(persistRouteSwitch(file, deepseek, { fromAuto: false, registry })).rejects.toMatchObject({
      code: 'PERSIST_WRITE_FAILED',
      message: expect.stringContaining('symbolic link'),
    });
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir)).toEqual(['config.toml']);
  });
});

describe('persistRouteSwitch and hostile files', () => {
  it('refuses a file with a 50,000-segment dotted key instead of overflowing the stack', async () => {
    /** @see issue 13 item 11 */
    const deep = `${Array.from({ length: 50_000 }, () => 'a').join('.')} = 1\n`;
    writeFileSync(file, deep);
    await expect(persistRouteSwitch(file, deepseek, { fromAuto: false, registry })).rejects.toMatchObject({
      code: 'PERSIST_CONFIG_INVALID',
      message: expect.stringContaining('nests deeper'),
    });
    expect(read()).toBe(deep);
  });
});

// @see issue 14 item 1 (one piece of code per job): route persistence and config set share one TOML editor.
describe('persistRouteSwitch with the shared editor', () => {
  it('refuses an array of tables up front, naming it', async () => {
    // Was: the value was replaced inside the array's last element, then refused as "would change more than...".
    writeFileSync(file, 'provider = "deepseek"\n[[providers.together]]\nmodel = "x"\n');
    await expect(persistRouteSwitch(file, together, { fromAuto: false })).rejects.toMatchObject({
      code: 'PERSIST_LAYOUT_UNSUPPORTED',
      message: expect.stringContaining('providers.together is an array of tables'),
    });
    expect(read()).toBe('provider = "deepseek"\n[[providers.together]]\nmodel = "x"\n');
  });

  it('puts a new table after the blank line the file already ends with, not after a second one', async () => {
    // Was: one more blank line on every new table (config set removed the file's own instead).
    writeFileSync(file, 'provider = "deepseek"\n\n');
    await persistRouteSwitch(file, together, { fromAuto: false });
    expect(read()).toBe('provider = "together"\n\n[providers.together]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n');
  });
});

describe('persistRouteSwitch: what a failed save says', () => {
  let real: string;
  let saved: string;
  beforeEach(() => {
    real = realpathSync(dir);
    saved = join(real, 'config.toml');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  const failure = (attempt: Promise<unknown>) =>
    attempt.then(
      () => {
        throw new Error('expected the save to fail');
      },
      (caught: unknown) => caught,
    );

  it('is a PersistRouteError, and only errors with its codes are', () => {
    expect(new PersistRouteError('PERSIST_WRITE_FAILED', 'f', 'm').name).toBe('PersistRouteError');
    expect(PersistRouteError.isInstance(new ConfigError('CONFIG_UNREADABLE', 'p', { hint: 'h' }))).toBe(false);
    expect(PersistRouteError.isInstance({ code: 'PERSIST_WRITE_FAILED', message: 'm' })).toBe(false);
  });

  it('says another process kept the file locked, naming the lock file', async () => {
    writeFileSync(saved, 'provider = "deepseek"\n');
    // A live writer's lock (our own pid) that never gets old; the clock runs 20 s ahead every 50 ms, so the 10 s wait
    // for it ends at once.
    writeFileSync(`${saved}.lock`, `${process.pid}\n`);
    const future = new Date(Date.now() + 24 * 3_600_000);
    utimesSync(`${saved}.lock`, future, future);
    vi.useFakeTimers({ toFake: ['Date'] });
    const jump = setInterval(() => vi.setSystemTime(Date.now() + 20_000), 50);
    let error: unknown;
    try {
      error = await failure(persistRouteSwitch(saved, together, { fromAuto: false }));
    } finally {
      clearInterval(jump);
      vi.useRealTimers();
    }
    expect(error).toMatchObject({
      name: 'PersistRouteError',
      code: 'PERSIST_CONCURRENT_EDIT',
      file: saved,
      message: `Could not save the route: another process kept ${saved} locked (${saved}.lock). Nothing was written; switch again.`,
    });
    expect(readFileSync(saved, 'utf8')).toBe('provider = "deepseek"\n');
  });

  it('says the file kept changing, after as many attempts as asked for', async () => {
    writeFileSync(saved, 'provider = "deepseek"\n');
    const fsPromises = process.getBuiltinModule('node:fs/promises');
    const realReadFile = fsPromises.readFile;
    let saves = 0;
    // An editor that takes no lock saves the file right before each compare-before-rename.
    vi.spyOn(fsPromises, 'readFile').mockImplementation((async (...args: Parameters<typeof realReadFile>) => {
      if (args[0] === saved) writeFileSync(saved, `# save ${++saves}\nprovider = "deepseek"\n`);
      return realReadFile(...args);
    }) as typeof realReadFile);
    const error = await failure(persistRouteSwitch(saved, together, { fromAuto: false, attempts: 2 }));
    expect(error).toMatchObject({
      code: 'PERSIST_CONCURRENT_EDIT',
      file: saved,
      message: `Could not save the route: ${saved} kept changing while it was being saved. Nothing was written; switch again.`,
    });
    expect(saves).toBe(2);
    expect(read()).toBe('# save 2\nprovider = "deepseek"\n');
  });

  it('names the file a symlink points at when that file is not valid TOML', async () => {
    const target = join(real, 'real.toml');
    writeFileSync(target, 'provider = "deepseek\n');
    symlinkSync(target, file);
    await expect(failure(persistRouteSwitch(file, together, { fromAuto: false }))).resolves.toMatchObject({
      code: 'PERSIST_CONFIG_INVALID',
      file: target,
      message: expect.stringMatching(
        new RegExp(
          `^Could not save the route: ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid TOML at line 1, column \\d+\\.`,
        ),
      ),
    });
  });

  it('refuses a root provider written as a table (the edit would not parse), naming the table it would have set', async () => {
    writeFileSync(saved, '[provider]\nname = "deepseek"\n');
    await expect(failure(persistRouteSwitch(saved, together, { fromAuto: false }))).resolves.toMatchObject({
      code: 'PERSIST_LAYOUT_UNSUPPORTED',
      file: saved,
      message: `Could not save the route to ${saved}: editing it in place would change more than provider and [providers.together] model. Nothing was written; set them by hand.`,
    });
    expect(read()).toBe('[provider]\nname = "deepseek"\n');
  });

  it('turns a file it may not read into a save error naming the file (the one a symlink leads to), and releases the lock', async () => {
    mkdirSync(join(real, 'real', 'config.toml'), { recursive: true });
    symlinkSync(join(real, 'real'), join(real, 'linked'));
    const target = join(real, 'real', 'config.toml');
    const error = await failure(persistRouteSwitch(join(real, 'linked', 'config.toml'), together, { fromAuto: false }));
    expect(error).toMatchObject({
      code: 'PERSIST_WRITE_FAILED',
      file: target,
      message: `Could not save the route: Cannot read the config file ${target}: it is a directory, not a regular file.`,
    });
    expect((error as Error).cause).toMatchObject({ code: 'CONFIG_UNREADABLE', file: target });
    expect(readdirSync(join(real, 'real'))).toEqual(['config.toml']);
  });

  it('reports a system error with its code and the file, keeping it as the cause', async () => {
    writeFileSync(join(real, 'plain'), 'not a directory\n');
    const under = join(real, 'plain', 'config.toml');
    const error = await failure(persistRouteSwitch(under, together, { fromAuto: false }));
    expect(error).toMatchObject({
      code: 'PERSIST_WRITE_FAILED',
      file: under,
      message: `Could not save the route to ${under} (EEXIST). The file is unchanged.`,
    });
    expect((error as Error).cause).toMatchObject({ code: 'EEXIST' });
  });
});

describe('persistRouteSwitch with a registry that does not know every name', () => {
  it('saves a provider the registry does not have, over a root provider it does not know', async () => {
    const deepseekOnly = createRegistry({ plugins: [deepseekPlugin] });
    writeFileSync(file, 'provider = "my-gateway"\n');
    await persistRouteSwitch(file, together, { fromAuto: false, registry: deepseekOnly });
    expect(read()).toBe('provider = "together"\n\n[providers.together]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n');
  });

  it('lets a registry failure through unchanged from editRouteSwitch, and turns only rewrite refusals into its errors', () => {
    const failing = new Error('registry unavailable');
    const broken = {
      findProvider: () => {
        throw failing;
      },
    } as unknown as Registry;
    expect(() =>
      editRouteSwitch('provider = "deepseek"\n', 'config.toml', together, { fromAuto: false, registry: broken }),
    ).toThrow(failing);
    expect(() => editRouteSwitch('provider = \n', 'config.toml', together, { fromAuto: false })).toThrow(
      expect.objectContaining({
        code: 'PERSIST_CONFIG_INVALID',
        message: expect.stringMatching(
          /^Could not save the route: config\.toml is not valid TOML at line 1, column \d+\./,
        ),
      }),
    );
  });

  it('createRoutePersister passes fromAuto and the registry on', async () => {
    writeFileSync(file, 'provider = "deepseek"\n[providers.Together-AI]\nmodel = "moonshotai/Kimi-K2.6"\n');
    const persist = createRoutePersister(file, { registry });
    await persist(together, { fromAuto: true });
    expect(read()).toBe('provider = "together"\n[providers.Together-AI]\nmodel = "moonshotai/Kimi-K2.6"\n');
    await persist(together, { fromAuto: false });
    expect(read()).toBe('provider = "together"\n[providers.Together-AI]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n');
  });
});
