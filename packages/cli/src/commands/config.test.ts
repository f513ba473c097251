import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit-codes.js';
import {
  configPathOutputSchema,
  configSetOutputSchema,
  configShowOutputSchema,
  configValidateOutputSchema,
  errorOutputSchema,
  explainOutputSchema,
  providersOutputSchema,
} from '../output/schemas.js';
import { createSandbox, json } from '../test-utils/cli-harness.js';

const sandbox = createSandbox();
afterAll(() => sandbox.cleanup());
beforeEach(() => sandbox.writeConfig(''));
const CANARY = 'sk-canary-77c1d0e2-never-print';

describe('a malformed config file', () => {
  it('gives the line and column and a one-line fix (exit 5), for every command that reads it', async () => {
    sandbox.writeConfig(
      'provider = "together"\n\n[providers.vllm]\nbase_url = "http://127.0.0.1:8000/v1\nmodel = "x"\n',
    );
    const run = await sandbox.run(['explain']);
    expect(run.code).toBe(EXIT_CODES.config);
    expect(run.stdout).toBe('');
    const [first, second, ...rest] = run.stderr.trimEnd().split('\n');
    expect(first).toMatch(
      new RegExp(
        `^error: ${sandbox.configFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: invalid TOML: control characters are not allowed in strings\\.$`,
      ),
    );
    expect(second).toBe(
      'A string is probably missing its closing quote: write strings like model = "deepseek-v4-pro".',
    );
    expect(rest).toEqual([]);
    const asJson = await sandbox.run(['providers', '--json']);
    expect(asJson.code).toBe(EXIT_CODES.config);
    expect(errorOutputSchema.parse(json(asJson)).error).toMatchObject({
      category: 'config',
      code: 'CONFIG_TOML_INVALID',
      details: { line: 4, file: sandbox.configFile },
    });
    const validate = await sandbox.run(['config', 'validate', '--json']);
    expect(validate.code).toBe(EXIT_CODES.config);
    expect(configValidateOutputSchema.parse(json(validate))).toMatchObject({
      valid: false,
      errors: [{ code: 'CONFIG_TOML_INVALID', line: 4 }],
    });
  });

  it('lists every schema problem with its key and line, without echoing values', async () => {
    sandbox.writeConfig('[providers.vllm]\ncontext_window = "huge"\n\n[routing]\nprefer = "cheapest"\n');
    const run = await sandbox.run(['explain']);
    expect(run.code).toBe(EXIT_CODES.config);
    expect(run.stderr).toContain(`${sandbox.configFile}:2: providers.vllm.context_window:`);
    expect(run.stderr).toContain(`${sandbox.configFile}:5: routing.prefer:`);
    expect(run.stderr).not.toContain('huge');
    expect(run.stderr).not.toContain('cheapest');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a key for the wrong provider', () => {
  it("is refused with a warning: a provider never reads another provider's key", async () => {
    sandbox.writeConfig('[providers.together]\napi_key_env = "DEEPSEEK_API_KEY"\n');
    const env = { DEEPSEEK_API_KEY: CANARY };
    const run = await sandbox.run(['explain', '--provider', 'together', '--json'], { env });
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(explainOutputSchema.parse(json(run)).auth).toBe('missing');
    expect(run.stderr).toBe(
      `warning: ${sandbox.configFile}:2: [providers.together] api_key_env names DEEPSEEK_API_KEY, which belongs to deepseek: a provider never reads another provider's key, so this table's routes have no key. Name a variable of your own (or TOGETHER_API_KEY).\n`,
    );
    // The route says why too (core refuses it whoever parsed the file), and the file is shown as written.
    expect(explainOutputSchema.parse(json(run)).messages).toContainEqual(
      expect.objectContaining({
        code: 'credential-refused',
        message: expect.stringContaining('belongs to provider "deepseek"'),
      }),
    );
    const show = configShowOutputSchema.parse(json(await sandbox.run(['config', 'show', '--json'], { env })));
    expect(show.config).toEqual({ providers: { together: { api_key_env: 'DEEPSEEK_API_KEY' } } });
    expect(show.warnings).toMatchObject([
      { code: 'foreign-credential', key: 'providers.together.api_key_env', line: 2 },
    ]);
    // DeepSeek itself still reads its own key.
    const deepseek = await sandbox.run(['explain', '--provider', 'deepseek', '--json'], { env });
    expect(explainOutputSchema.parse(json(deepseek)).auth).toBe('env:DEEPSEEK_API_KEY');
    for (const output of [run.stdout, run.stderr, deepseek.stdout, deepseek.stderr])
      expect(output).not.toContain(CANARY);
  });
});

describe('unknown keys and tables', () => {
  it('keeps unknown keys and warns; a table for an unregistered provider is ignored unless it has a base_url', async () => {
    sandbox.writeConfig(
      'provider = "together"\ntheme = "dark"\n\n[providers.groq]\nmodel = "llama"\n\n[providers.lmstudio]\nbase_url = "http://127.0.0.1:1234/v1"\nmodel = "qwen2.5-coder-7b"\n',
    );
    const validate = await sandbox.run(['config', 'validate', '--json']);
    expect(validate.code).toBe(EXIT_CODES.ok);
    expect(
      configValidateOutputSchema
        .parse(json(validate))
        .warnings.map((warning) => [warning.code, warning.key, warning.line]),
    ).toEqual([
      ['unknown-key', 'theme', 2],
      ['unknown-provider', 'providers.groq', 4],
    ]);
    const show = configShowOutputSchema.parse(json(await sandbox.run(['config', 'show', '--json'])));
    expect(show.config).toMatchObject({ theme: 'dark', providers: { groq: { model: 'llama' } } });
    // The custom endpoint becomes an OpenAI-compatible provider with its own id.
    const providers = providersOutputSchema.parse(json(await sandbox.run(['providers', '--json'])));
    expect(providers.providers.at(-1)).toMatchObject({
      id: 'lmstudio',
      class: 'custom',
      endpoint: { baseUrl: 'http://127.0.0.1:1234/v1', official: true },
      credential: 'not-required',
    });
    const explain = explainOutputSchema.parse(json(await sandbox.run(['explain', '--provider', 'lmstudio', '--json'])));
    expect(explain).toMatchObject({
      route: 'lmstudio:qwen2.5-coder-7b',
      model: { logical: 'qwen2.5-coder-7b', passThrough: true },
      meter: { kind: 'unknown' },
    });
    expect(explain.inputs[1]).toEqual({
      input: 'model',
      value: 'qwen2.5-coder-7b',
      source: 'config',
      label: 'config [providers.lmstudio] model',
    });
  });
});

describe('config path, show, set, validate', () => {
  it('reports the path and what chose it', async () => {
    const fromDefault = configPathOutputSchema.parse(json(await sandbox.run(['config', 'path', '--json'])));
    expect(fromDefault).toEqual({ schemaVersion: 1, path: sandbox.configFile, source: 'default', exists: true });
    const other = join(sandbox.dir, 'other.toml');
    expect(
      configPathOutputSchema.parse(
        json(await sandbox.run(['config', 'path', '--json'], { env: { CODEWHALE_CONFIG: other } })),
      ),
    ).toMatchObject({ path: other, source: 'env', exists: false });
    expect(
      configPathOutputSchema.parse(
        json(
          await sandbox.run(['config', 'path', '--json', '--config', 'x.toml'], { env: { CODEWHALE_CONFIG: other } }),
        ),
      ),
    ).toMatchObject({ path: 'x.toml', source: 'explicit' });
  });

  it('sets keys with the smallest edit, keeping comments and unknown keys', async () => {
    sandbox.writeConfig(
      '# my routes\nprovider = "deepseek" # default\ntheme = "dark"\n\n# the GPU box\n[providers.vllm]\nbase_url = "http://10.0.0.5:8000/v1"\n',
    );
    const set = await sandbox.run(['config', 'set', 'providers.vllm.context_window', '32768', '--json']);
    expect(set.code).toBe(EXIT_CODES.ok);
    expect(configSetOutputSchema.parse(json(set))).toMatchObject({
      path: sandbox.configFile,
      key: 'providers.vllm.context_window',
      value: 32768,
      created: false,
      changed: true,
    });
    const text = await sandbox.run(['config', 'set', 'provider', 'vllm']);
    expect(text.stdout).toBe(`✓ provider = vllm  (updated ${sandbox.configFile})\n`);
    await sandbox.run(['config', 'set', 'roles.review.requires', 'tools,json']);
    expect(sandbox.readConfig()).toBe(
      '# my routes\nprovider = "vllm" # default\ntheme = "dark"\n\n# the GPU box\n[providers.vllm]\nbase_url = "http://10.0.0.5:8000/v1"\ncontext_window = 32768\n\n[roles.review]\nrequires = ["tools", "json"]\n',
    );
  });

  it('refuses values that do not fit the key, unknown keys, and keys on the command line', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['providers.vllm.context_window', 'big'],
        /^error: providers\.vllm\.context_window takes a positive whole number \(got "big"\)\.\n/,
      ],
      [['routing.prefer', 'cheap'], /^error: routing\.prefer takes one of cost, latency, quality \(got "cheap"\)\.\n/],
      [
        ['providers.vllm.contxt_window', '1'],
        /^error: Unknown config key "providers\.vllm\.contxt_window"\. Did you mean providers\.vllm\.context_window\?\n/,
      ],
      [
        ['providers.vllm.api_key', CANARY],
        /^error: api_key is not set from the command line: the key would stay in your shell history\.\n/,
      ],
      [
        ['providers.vllm.base_url', 'ftp://x'],
        /^error: providers\.vllm\.base_url takes an absolute http\(s\) URL, e\.g\. http:\/\/127\.0\.0\.1:8000\/v1 \(got "ftp:\/\/x"\)\.\n/,
      ],
    ];
    for (const [args, stderr] of cases) {
      const run = await sandbox.run(['config', 'set', ...args]);
      expect(run.code).toBe(EXIT_CODES.usage);
      expect(run.stderr).toMatch(stderr);
    }
    expect(sandbox.readConfig()).toBe('');
  });

  it('creates the file where there is none', async () => {
    const path = join(sandbox.dir, 'fresh', 'config.toml');
    const run = await sandbox.run(['config', 'set', 'providers.ollama.model', 'qwen3-coder:30b', '--json'], {
      env: { CODEWHALE_CONFIG: path },
    });
    expect(configSetOutputSchema.parse(json(run))).toMatchObject({ created: true, path });
    expect(existsSync(path)).toBe(true);
  });

  it('shows the config with credential values redacted', async () => {
    sandbox.writeConfig(`[providers.vllm]\nbase_url = "http://127.0.0.1:8000/v1"\napi_key = "${CANARY}"\n`);
    const text = await sandbox.run(['config', 'show']);
    expect(text.stdout).toContain('api_key = "[redacted]"');
    const document = configShowOutputSchema.parse(json(await sandbox.run(['config', 'show', '--json'])));
    expect(document.config).toEqual({
      providers: { vllm: { base_url: 'http://127.0.0.1:8000/v1', api_key: '[redacted]' } },
    });
    expect(text.stdout + JSON.stringify(document)).not.toContain(CANARY);
  });

  it('validate checks that the routes the config names resolve', async () => {
    sandbox.writeConfig(
      'provider = "together"\nfallback = ["nope:x", "deepseek:deepseek-v4-pro"]\n\n[roles.review]\nprovider = "missing"\n',
    );
    const run = await sandbox.run(['config', 'validate', '--json']);
    expect(run.code).toBe(EXIT_CODES.config);
    expect(configValidateOutputSchema.parse(json(run)).errors.map((error) => [error.code, error.key])).toEqual([
      ['unknown-provider', 'roles.review'],
      ['unknown-provider', 'fallback'],
    ]);
    const text = await sandbox.run(['config', 'validate']);
    expect(text.stdout.split('\n')[0]).toBe(`✗ ${sandbox.configFile}: 2 problems`);
  });

  // @see issue 13 item 7: URL credentials are secrets too.
  it('shows URL credentials (user info, token-like query parameters) redacted, in text and JSON', async () => {
    sandbox.writeConfig(
      '[providers.vllm]\nbase_url = "https://u:PASSWORD-4d1c@gpu.example.test/v1?token=TOKEN-8e2f&page=2"\n\n[providers.ollama]\nbase_url = "http://127.0.0.1:11434/v1?api_key=QKEY-77aa"\n',
    );
    const text = await sandbox.run(['config', 'show']);
    expect(text.code).toBe(EXIT_CODES.ok);
    expect(text.stdout).toContain('base_url = "https://[redacted]@gpu.example.test/v1?token=[redacted]&page=2"');
    const document = configShowOutputSchema.parse(json(await sandbox.run(['config', 'show', '--json'])));
    expect(document.config).toEqual({
      providers: {
        vllm: { base_url: 'https://[redacted]@gpu.example.test/v1?token=[redacted]&page=2' },
        ollama: { base_url: 'http://127.0.0.1:11434/v1?api_key=[redacted]' },
      },
    });
    for (const secret of ['PASSWORD-4d1c', 'TOKEN-8e2f', 'QKEY-77aa'])
      expect(text.stdout + text.stderr + JSON.stringify(document)).not.toContain(secret);
  });

  // @see issue 13 item 7: `config set` refuses a URL with credentials like it refuses api_key, and never echoes it.
  it('refuses to set a URL that carries credentials, without echoing it (exit 2, nothing written)', async () => {
    for (const url of [
      'http://admin:PW-19ab@127.0.0.1:8000/v1',
      'http://127.0.0.1:8000/v1?access_token=PW-19ab',
      'https://gw.example.test/v1#key=PW-19ab',
    ]) {
      const run = await sandbox.run(['config', 'set', 'providers.vllm.base_url', url]);
      expect(run.code).toBe(EXIT_CODES.usage);
      expect(run.stderr).toMatch(
        /^error: providers\.vllm\.base_url is not set from the command line with credentials in the URL/,
      );
      expect(run.stdout + run.stderr).not.toContain('PW-19ab');
      const asJson = await sandbox.run(['config', 'set', 'providers.vllm.base_url', url, '--json']);
      expect(errorOutputSchema.parse(json(asJson)).error).toMatchObject({
        category: 'usage',
        code: 'secret-on-command-line',
      });
      expect(asJson.stdout).not.toContain('PW-19ab');
    }
    expect(sandbox.readConfig()).toBe('');
    // A query without credentials is not a secret (core still refuses a base URL with a query at resolution).
    expect((await sandbox.run(['config', 'set', 'providers.vllm.base_url', 'http://127.0.0.1:8000/v1'])).code).toBe(
      EXIT_CODES.ok,
    );
  });

  // @see issue 12 item 12: only the default location may be absent.
  it('refuses a missing explicitly named config file (exit 5, naming it) in explain and config validate', async () => {
    const typo = join(sandbox.dir, 'typo.toml');
    for (const args of [
      ['explain', '--config', typo],
      ['config', 'validate', '--config', typo],
      ['config', 'show', '--config', typo],
      ['providers', '--config', typo],
    ]) {
      const run = await sandbox.run(args);
      expect(run.code, args.join(' ')).toBe(EXIT_CODES.config);
      expect(run.stderr).toContain(typo);
      expect(run.stdout).not.toContain('defaults apply');
    }
    const validate = await sandbox.run(['config', 'validate', '--config', typo, '--json']);
    expect(validate.code).toBe(EXIT_CODES.config);
    expect(configValidateOutputSchema.parse(json(validate))).toMatchObject({
      path: typo,
      exists: false,
      valid: false,
      errors: [{ code: 'CONFIG_NOT_FOUND' }],
    });
    const fromEnv = await sandbox.run(['explain'], { env: { CODEWHALE_CONFIG: typo } });
    expect(fromEnv.code).toBe(EXIT_CODES.config);
    expect(fromEnv.stderr).toContain(typo);
    // The default location may be absent: defaults apply.
    const home = await sandbox.run(['config', 'validate'], {
      env: { XDG_CONFIG_HOME: join(sandbox.dir, 'empty-config-home') },
    });
    expect(home.code).toBe(EXIT_CODES.ok);
    expect(home.stdout).toContain('defaults apply');
  });

  // @see issue 12 item 14: the usage line names both arguments.
  it('says how to write config set when the value is missing', async () => {
    const run = await sandbox.run(['config', 'set', 'model']);
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toBe(
      'error: codewhale-route config set needs <value>: The value; lists are comma-separated.\nWrite codewhale-route config set <key> <value>.\n',
    );
  });
});
