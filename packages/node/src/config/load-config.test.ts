import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { thrownConfigError } from './__test-utils__/thrown-config-error.js';
import { configKeyInfo, knownConfigKeys, unknownConfigKeys } from './config-keys.js';
import { loadConfig } from './load-config.js';
import { parseConfig } from './parse-config.js';

const providers = [deepseekPlugin, togetherPlugin, vllmPlugin, ollamaPlugin].map((plugin) => plugin.descriptor);

describe('parseConfig', () => {
  it('reads CodeWhale-style files', () => {
    const text = [
      '# my routes',
      'provider = "deepseek"',
      'model = "deepseek-v4-pro"',
      '',
      '[providers.vllm]',
      'base_url = "http://127.0.0.1:8000/v1"',
      'context_window = 32768',
      'fallback = ["deepseek:deepseek-v4-flash"]',
      '',
      '[roles.summary]',
      'model = "auto"',
      'requires = ["tools"]',
    ].join('\n');
    const { config, warnings, customProviders } = parseConfig(text, { providers });
    expect(config).toEqual({
      provider: 'deepseek',
      model: 'deepseek-v4-pro',
      providers: {
        vllm: { base_url: 'http://127.0.0.1:8000/v1', context_window: 32768, fallback: ['deepseek:deepseek-v4-flash'] },
      },
      roles: { summary: { model: 'auto', requires: ['tools'] } },
    });
    expect(warnings).toEqual([]);
    expect(customProviders).toEqual([]);
  });

  it('reports bad TOML with the line, the column and a one-line fix', () => {
    const error = thrownConfigError(() =>
      parseConfig('provider = "deepseek"\n[providers.vllm]\nbase_url = "http://127.0.0.1:8000/v1\nmodel = "x"\n', {
        file: '/home/ada/config.toml',
      }),
    );
    expect(error.code).toBe('CONFIG_TOML_INVALID');
    expect(error.line).toBe(3);
    expect(error.column).toBeGreaterThan(1);
    expect(error.message.split('\n')).toEqual([
      `/home/ada/config.toml:3:${error.column}: invalid TOML: control characters are not allowed in strings.`,
      'A string is probably missing its closing quote: write strings like model = "deepseek-v4-pro".',
    ]);
  });

  it('lists every schema problem with its key and line', () => {
    const text =
      'provider = "deepseek"\n\n[providers.vllm]\ncontext_window = "big"\nbase_url = "not a url"\n\n[routing]\nprefer = "cheap"\n';
    const error = thrownConfigError(() => parseConfig(text, { file: 'config.toml' }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((issue) => [issue.key, issue.line]).sort()).toEqual([
      ['providers.vllm.base_url', 5],
      ['providers.vllm.context_window', 4],
      ['routing.prefer', 8],
    ]);
    expect(error.message).toContain('config.toml:4: providers.vllm.context_window:');
    expect(error.message.split('\n').at(-1)).toContain('codewhale-route config schema');
    // Values are never echoed.
    expect(error.message).not.toContain('big');
    expect(error.message).not.toContain('not a url');
  });

  it('keeps unknown keys and warns about each', () => {
    const text =
      'provider = "vllm"\ntheme = "dark"\n\n[providers.vllm]\nbase_url = "http://127.0.0.1:8000/v1"\ncontxt_window = 4096\n\n[roles.review]\nmodel = "auto"\ntemperature = 0.2\n\n[routing]\nprefer = "cost"\nmode = "fast"\n';
    const { config, warnings } = parseConfig(text, { providers });
    expect(warnings.map((warning) => [warning.code, warning.key, warning.line])).toEqual([
      ['unknown-key', 'theme', 2],
      ['unknown-key', 'providers.vllm.contxt_window', 6],
      ['unknown-key', 'roles.review.temperature', 10],
      ['unknown-key', 'routing.mode', 14],
    ]);
    expect(config).toMatchObject({
      theme: 'dark',
      providers: { vllm: { contxt_window: 4096 } },
      roles: { review: { temperature: 0.2 } },
      routing: { mode: 'fast' },
    });
  });

  /** @see issue 14 item 1: config warnings find their lines with the one scanner the config writers use. */
  it('gives the line of a key on the first line after a byte order mark, and under a table named with escapes', () => {
    // Was: no line for the first line of a file with a byte order mark, nor for keys under [providers."my\x41box"].
    const { warnings } = parseConfig(
      '\uFEFFtheme = "dark"\n\n[providers."my\\x41box"]\nbase_url = "http://h/v1"\nbogus = 1\n',
      {
        providers,
      },
    );
    expect(warnings.map((warning) => [warning.code, warning.key, warning.line])).toEqual([
      ['unknown-key', 'theme', 1],
      ['unknown-key', 'providers.myAbox.bogus', 5],
    ]);
  });

  /** @see issue 13 item 1: the file keeps what it says, so a host that parses it another way gets the same route from core. */
  it("warns about a table's key variable that belongs to another provider, and keeps it for core to refuse", () => {
    const text =
      '[providers.together]\napi_key_env = "DEEPSEEK_API_KEY"\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n\n[providers.deepseek]\napi_key_env = "DEEPSEEK_API_KEY"\n';
    const { config, warnings } = parseConfig(text, { providers });
    expect(config.providers?.together).toEqual({
      api_key_env: 'DEEPSEEK_API_KEY',
      model: 'deepseek-ai/DeepSeek-V4-Pro',
    });
    expect(config.providers?.deepseek).toEqual({ api_key_env: 'DEEPSEEK_API_KEY' });
    expect(warnings).toEqual([
      {
        code: 'foreign-credential',
        key: 'providers.together.api_key_env',
        line: 2,
        message:
          "[providers.together] api_key_env names DEEPSEEK_API_KEY, which belongs to deepseek: a provider never reads another provider's key, so this table's routes have no key. Name a variable of your own (or TOGETHER_API_KEY).",
      },
    ]);
  });

  /** @see issue 12 item 7: table names are matched as the resolver matches them (case, space, - and _ folded). */
  it('finds the provider of a table spelled as users type it, so it is neither ignored nor taken for a custom endpoint', () => {
    const text =
      '[providers.together-ai]\nbase_url = "https://api.together.xyz/v1"\n\n[providers.Ollama_Local]\nmodel = "qwen3-coder:30b"\n';
    const { warnings, customProviders } = parseConfig(text, { providers });
    expect(customProviders).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('warns about tables of unregistered providers, and lists those with a base_url as custom endpoints', () => {
    const text =
      '[providers.lmstudio]\nbase_url = "http://127.0.0.1:1234/v1"\napi_key_env = "TOGETHER_API_KEY"\n\n[providers.groq]\nmodel = "llama"\n\n[providers.local]\nmodel = "qwen3-coder:30b"\n';
    const { config, warnings, customProviders } = parseConfig(text, {
      providers: [...providers, { ...ollamaPlugin.descriptor, id: 'ollama-2', aliases: ['local'] }],
    });
    expect(customProviders).toEqual(['lmstudio']);
    expect(warnings.map((warning) => [warning.code, warning.key])).toEqual([
      ['foreign-credential', 'providers.lmstudio.api_key_env'],
      ['unknown-provider', 'providers.groq'],
    ]);
    expect(warnings[1]?.message).toContain('Add base_url to use it as a custom OpenAI-compatible endpoint.');
    expect(config.providers?.lmstudio).toEqual({
      base_url: 'http://127.0.0.1:1234/v1',
      api_key_env: 'TOGETHER_API_KEY',
    });
  });
});

describe('config keys come from the schema', () => {
  it('derives known and unknown keys from the zod shapes', () => {
    expect(knownConfigKeys()).toEqual(
      expect.arrayContaining([
        'provider',
        'model',
        'providers.<id>.base_url',
        'providers.<id>.api_key_env',
        'roles.<name>.requires',
        'routing.prefer',
      ]),
    );
    expect(unknownConfigKeys({ providers: { x: { base_url: 'u', nope: 1 } }, extra: true })).toEqual([
      ['providers', 'x', 'nope'],
      ['extra'],
    ]);
    expect(configKeyInfo(['providers', 'vllm', 'context_window'])).toMatchObject({ kind: 'number' });
    expect(configKeyInfo(['providers', 'vllm', 'base_url'])).toMatchObject({ kind: 'url' });
    expect(configKeyInfo(['routing', 'prefer'])).toEqual({ kind: 'enum', values: ['cost', 'latency', 'quality'] });
    expect(configKeyInfo(['roles', 'review', 'requires'])).toMatchObject({
      kind: 'string-list',
      values: expect.arrayContaining(['tools', 'json']),
    });
    expect(configKeyInfo(['providers', 'vllm'])).toBeUndefined();
    expect(configKeyInfo(['nope'])).toBeUndefined();
  });
});

describe('loadConfig', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cw-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('treats a missing file as an empty config', async () => {
    const loaded = await loadConfig({ env: { XDG_CONFIG_HOME: dir }, platform: 'linux' });
    expect(loaded).toEqual({
      location: { path: join(dir, 'codewhale', 'config.toml'), source: 'default' },
      exists: false,
      config: {},
      warnings: [],
      customProviders: [],
    });
  });

  it('reads CODEWHALE_CONFIG and reports an unreadable path', async () => {
    const file = join(dir, 'cw.toml');
    writeFileSync(file, 'model = "deepseek-v4-pro"\n');
    await expect(loadConfig({ env: { CODEWHALE_CONFIG: file } })).resolves.toMatchObject({
      exists: true,
      location: { source: 'env' },
      config: { model: 'deepseek-v4-pro' },
    });
    mkdirSync(join(dir, 'adir'));
    await expect(loadConfig({ explicit: join(dir, 'adir') })).rejects.toMatchObject({
      code: 'CONFIG_UNREADABLE',
      hint: 'That is a directory: point at the config.toml file inside it.',
    });
  });
});

describe('loadConfig limits', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cw-config-limits-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('an explicitly named file that does not exist is a config error naming the path', async () => {
    /** @see issue 12 item 12 */
    const typo = join(dir, 'typo.toml');
    await expect(loadConfig({ explicit: typo })).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
      file: typo,
      message: expect.stringContaining(typo),
    });
    await expect(loadConfig({ env: { CODEWHALE_CONFIG: typo } })).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
      message: expect.stringContaining('CODEWHALE_CONFIG'),
    });
  });

  it('refuses non-regular files without reading them, and files over 1 MiB', async () => {
    /** @see issue 13 item 11 */
    await expect(loadConfig({ explicit: '/dev/zero' })).rejects.toMatchObject({
      code: 'CONFIG_UNREADABLE',
      message: expect.stringContaining('a device, not a regular file'),
    });
    const fifo = join(dir, 'fifo.toml');
    execFileSync('mkfifo', [fifo]);
    await expect(loadConfig({ explicit: fifo })).rejects.toMatchObject({
      code: 'CONFIG_UNREADABLE',
      message: expect.stringContaining('a named pipe'),
    });
    const big = join(dir, 'big.toml');
    writeFileSync(big, `# ${'x'.repeat(1024 * 1024)}\n`);
    await expect(loadConfig({ explicit: big })).rejects.toMatchObject({
      code: 'CONFIG_TOO_LARGE',
      message: expect.stringContaining('larger than 1 MiB'),
    });
    const fits = join(dir, 'fits.toml');
    writeFileSync(fits, `model = "m"\n# ${'x'.repeat(1024 * 1024 - 20)}\n`);
    await expect(loadConfig({ explicit: fits })).resolves.toMatchObject({ config: { model: 'm' } });
  });

  it('a 50,000-segment dotted key is a config error, not a stack overflow', () => {
    /** @see issue 13 item 11 */
    const error = thrownConfigError(() =>
      parseConfig(`provider = "x"\n${Array.from({ length: 50_000 }, () => 'a').join('.')} = 1\n`, {
        file: 'deep.toml',
        providers,
      }),
    );
    expect(error.code).toBe('CONFIG_TOO_DEEP');
    expect(error.line).toBe(2);
    expect(error.message.length).toBeLessThan(400);
    expect(thrownConfigError(() => parseConfig(`x = ${'['.repeat(40)}${']'.repeat(40)}\n`)).code).toBe(
      'CONFIG_TOO_DEEP',
    );
  });

  it('refuses __proto__, constructor and prototype keys, and returns tables without prototypes', () => {
    /** @see issue 13 item 9 */
    expect(
      thrownConfigError(() =>
        parseConfig('[providers.__proto__]\nbase_url = "http://attacker.example/v1"\n', { providers }),
      ).code,
    ).toBe('CONFIG_INVALID');
    expect(
      thrownConfigError(() =>
        parseConfig('[providers.vllm]\nconstructor.prototype.base_url = "http://attacker.example/v1"\n', { providers }),
      ).code,
    ).toBe('CONFIG_INVALID');
    expect(({} as Record<string, unknown>).base_url).toBeUndefined();
    const { config } = parseConfig('[providers.vllm]\nbase_url = "http://127.0.0.1:8000/v1"\n', { providers });
    expect(Object.getPrototypeOf(config)).toBeNull();
    expect(Object.getPrototypeOf(config.providers?.vllm)).toBeNull();
  });
});

describe('a key on a broken line never reaches the error', () => {
  it('keeps the position, not the line, and no cause that quotes it', () => {
    const canary = 'sk-canary-31c9e0d4-toml-line';
    const text = `provider = "together"\n[providers.together]\napi_key = "${canary}\nmodel = "x"\n`;
    let caught: unknown;
    try {
      parseConfig(text, { file: 'config.toml' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({ code: 'CONFIG_TOML_INVALID' });
    const everything = [
      String(caught),
      JSON.stringify(caught),
      (caught as Error).stack,
      inspect(caught, { depth: 8, showHidden: true }),
    ].join('\n');
    expect(everything).toMatch(/config\.toml:3:\d+/);
    expect(everything).not.toContain(canary);
  });
});

describe('loadConfig: which path is read, and what a missing one says', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cw-config-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a missing file named by CODEWHALE_CONFIG says so and how to fix it', async () => {
    const missing = join(dir, 'missing.toml');
    await expect(loadConfig({ env: { CODEWHALE_CONFIG: missing } })).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
      file: missing,
      message: `The config file ${missing} (from CODEWHALE_CONFIG) does not exist.\nFix CODEWHALE_CONFIG (or unset it to use the default location).`,
    });
  });

  it('a missing file named explicitly wins over CODEWHALE_CONFIG and is told to check the path', async () => {
    const present = join(dir, 'present.toml');
    writeFileSync(present, 'model = "m"\n');
    const missing = join(dir, 'missing.toml');
    await expect(loadConfig({ explicit: missing, env: { CODEWHALE_CONFIG: present } })).rejects.toMatchObject({
      code: 'CONFIG_NOT_FOUND',
      file: missing,
      message: `The config file ${missing} does not exist.\nCheck the path (only the default location may be absent).`,
    });
  });

  it('a bad file named by CODEWHALE_CONFIG names that variable in the error', async () => {
    await expect(loadConfig({ env: { CODEWHALE_CONFIG: dir } })).rejects.toMatchObject({
      code: 'CONFIG_UNREADABLE',
      message: expect.stringContaining(`${dir} (from CODEWHALE_CONFIG): it is a directory`),
    });
    await expect(loadConfig({ explicit: dir })).rejects.toMatchObject({
      message: expect.stringContaining(`${dir}: it is a directory`),
    });
  });

  it('the default location under a regular file is an absent config, but an explicit path under one is unreadable', async () => {
    const plain = join(dir, 'plain');
    writeFileSync(plain, 'not a directory\n');
    await expect(loadConfig({ env: { XDG_CONFIG_HOME: plain }, platform: 'linux' })).resolves.toStrictEqual({
      location: { path: join(plain, 'codewhale', 'config.toml'), source: 'default' },
      exists: false,
      config: {},
      warnings: [],
      customProviders: [],
    });
    await expect(loadConfig({ explicit: join(plain, 'config.toml') })).rejects.toMatchObject({
      code: 'CONFIG_UNREADABLE',
      message: expect.stringContaining('(ENOTDIR)'),
    });
  });

  it('a directory at the default location is still an error', async () => {
    mkdirSync(join(dir, 'codewhale', 'config.toml'), { recursive: true });
    await expect(loadConfig({ env: { XDG_CONFIG_HOME: dir }, platform: 'linux' })).rejects.toMatchObject({
      code: 'CONFIG_UNREADABLE',
      hint: 'That is a directory: point at the config.toml file inside it.',
    });
  });

  it('returns the location, that the file exists, and what it says', async () => {
    const file = join(dir, 'c.toml');
    writeFileSync(file, 'model = "m"\ntheme = "dark"\n');
    const loaded = await loadConfig({ explicit: file, providers });
    expect(loaded.config).toEqual({ model: 'm', theme: 'dark' });
    expect({ ...loaded, config: undefined }).toStrictEqual({
      location: { path: file, source: 'explicit' },
      exists: true,
      config: undefined,
      warnings: [
        {
          code: 'unknown-key',
          key: 'theme',
          line: 2,
          message:
            'Unknown key theme: kept, but nothing reads it. Check the spelling (`codewhale-route config schema` lists the keys).',
        },
      ],
      customProviders: [],
    });
  });
});
