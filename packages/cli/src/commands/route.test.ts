import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { errorOutputSchema, explainOutputSchema, routeExplanationSchema } from '../output/schemas.js';
import { createSandbox, json } from '../test-utils/cli-harness.js';

const sandbox = createSandbox();
afterAll(() => sandbox.cleanup());
const ANSI = /\u001b\[/;
const CANARY = 'sk-canary-3f9a1c7e-never-print';

describe('resolve and explain', () => {
  it('explains a route on the bundled catalog with no network and no keys', async () => {
    const run = await sandbox.run(['explain', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro']);
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(ANSI);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('route         together:deepseek-ai/DeepSeek-V4-Pro');
    expect(run.stdout).toContain(
      'context       512,000  (offering; official https://docs.together.ai/docs/deepseek-v4-quickstart',
    );
    expect(run.stdout).toContain('provider      You named provider "together" (flag --provider). [explicit]');
    expect(run.stdout).toContain(
      'warning       No credential for Together AI: set TOGETHER_API_KEY, or api_key_env in [providers.together].',
    );
    expect(run.stdout).toMatch(
      /inputs\n {2}provider {2}together {21}flag --provider\n {2}model {5}deepseek-ai\/DeepSeek-V4-Pro {2}flag --model\n {2}base URL {2}https:\/\/api\.together\.xyz\/v1 {2}official endpoint/,
    );
    expect(run.stdout).toMatch(/alternatives \(deepseek-v4-pro elsewhere\)\n {2}deepseek:deepseek-v4-pro /);
  });

  it('prints the RouteExplanation for resolve --json and explain --json, valid against their schemas', async () => {
    const resolved = await sandbox.run([
      'resolve',
      '--provider',
      'together',
      '--model',
      'deepseek-ai/DeepSeek-V4-Pro',
      '--json',
    ]);
    expect(resolved.code).toBe(EXIT_CODES.ok);
    const explanation = routeExplanationSchema.parse(json(resolved));
    expect(explanation).toMatchObject({
      route: 'together:deepseek-ai/DeepSeek-V4-Pro',
      model: { logical: 'deepseek-v4-pro', wire: 'deepseek-ai/DeepSeek-V4-Pro' },
      auth: 'missing',
      limits: { contextWindow: { value: 512_000, source: 'offering' } },
    });
    const flags = [
      '--provider',
      'together',
      '--model',
      'deepseek-ai/DeepSeek-V4-Pro',
      '--require',
      'tools,json',
      '--reasoning',
      'high',
      '--context',
      '128k',
      '--json',
    ];
    const explained = await sandbox.run(['explain', ...flags]);
    expect(explained.code).toBe(EXIT_CODES.ok);
    const document = explainOutputSchema.parse(json(explained));
    expect(document.inputs).toEqual(
      expect.arrayContaining([
        { input: 'provider', value: 'together', source: 'flag', label: 'flag --provider' },
        { input: 'model', value: 'deepseek-ai/DeepSeek-V4-Pro', source: 'flag', label: 'flag --model' },
        { input: 'baseUrl', value: 'https://api.together.xyz/v1', source: 'default', label: 'official endpoint' },
        { input: 'requires', value: ['tools', 'json'], source: 'flag', label: 'flag --require' },
        {
          input: 'reasoning',
          value: 'high',
          source: 'flag',
          label: 'flag --reasoning',
          detail: document.decisions.reasoning?.detail,
        },
        { input: 'contextTokens', value: 128_000, source: 'flag', label: 'flag --context' },
      ]),
    );
    expect(document.alternatives.map((alternative) => alternative.ref)).toEqual([
      'deepseek:deepseek-v4-pro',
      'nvidia-nim:deepseek-ai/deepseek-v4-pro',
      'huggingface:deepseek-ai/DeepSeek-V4-Pro',
    ]);
    // explain's document is a RouteExplanation plus three fields.
    const { inputs: _inputs, ignoredEnv: _ignored, alternatives: _alternatives, ...rest } = document;
    expect(routeExplanationSchema.parse(rest)).toEqual(
      routeExplanationSchema.parse(json(await sandbox.run(['resolve', ...flags]))),
    );
    expect(explanation.reasoning).toEqual({ applied: 'provider-default', source: 'none', params: {} });
  });

  it('accepts a provider-scoped ref as the argument', async () => {
    const run = await sandbox.run(['explain', 'together:deepseek-ai/DeepSeek-V4-Pro', '--json']);
    const document = explainOutputSchema.parse(json(run));
    expect(document.route).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
    expect(document.inputs[0]).toEqual({
      input: 'provider',
      value: 'together',
      source: 'argument',
      label: 'argument together:deepseek-ai/DeepSeek-V4-Pro',
    });
    const both = await sandbox.run(['explain', 'together:x', '--model', 'y']);
    expect(both.code).toBe(EXIT_CODES.usage);
  });

  it('never prints a credential value, only its class', async () => {
    const run = await sandbox.run(['explain', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro'], {
      env: { TOGETHER_API_KEY: CANARY },
    });
    expect(run.stdout).toContain('auth          env:TOGETHER_API_KEY');
    const asJson = await sandbox.run(['explain', '--provider', 'together', '--json'], {
      env: { TOGETHER_API_KEY: CANARY },
    });
    expect(explainOutputSchema.parse(json(asJson)).auth).toBe('env:TOGETHER_API_KEY');
    for (const output of [run.stdout, run.stderr, asJson.stdout, asJson.stderr]) expect(output).not.toContain(CANARY);
  });
});

describe('precedence: flags > wrapper env > provider env > config > defaults', () => {
  const inputsOf = async (args: string[], env: Record<string, string> = {}) => {
    const run = await sandbox.run(['explain', ...args, '--json'], { env });
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    return explainOutputSchema.parse(json(run));
  };

  it('wrapper env chooses when no flag does, and explain says so', async () => {
    const document = await inputsOf([], { CODEWHALE_PROVIDER: 'together', CODEWHALE_MODEL: 'moonshotai/Kimi-K2.6' });
    expect(document.route).toBe('together:moonshotai/Kimi-K2.6');
    expect(document.inputs.slice(0, 2)).toEqual([
      { input: 'provider', value: 'together', source: 'env', label: 'env CODEWHALE_PROVIDER' },
      { input: 'model', value: 'moonshotai/Kimi-K2.6', source: 'env', label: 'env CODEWHALE_MODEL' },
    ]);
    expect(document.decisions.provider.detail).toBe('You named provider "together" (env CODEWHALE_PROVIDER).');
  });

  // @see issue 12 item 7: a table spelled as users type it is found; explain names it as the file spells it.
  it('labels a value from a folded table name as the file spells it', async () => {
    sandbox.writeConfig('[providers.Together-AI]\nmodel = "deepseek-ai/DeepSeek-V4-Pro"\n');
    try {
      const document = await inputsOf(['--provider', 'together']);
      expect(document.inputs.find((input) => input.input === 'model')).toEqual({
        input: 'model',
        value: 'deepseek-ai/DeepSeek-V4-Pro',
        source: 'config',
        label: 'config [providers.Together-AI] model',
      });
    } finally {
      sandbox.writeConfig('');
    }
  });

  it('a flag beats the wrapper env; the wrapper env beats the config; the config beats the default', async () => {
    sandbox.writeConfig('provider = "nvidia-nim"\n');
    try {
      expect((await inputsOf(['--provider', 'deepseek'], { CODEWHALE_PROVIDER: 'together' })).provider.id).toBe(
        'deepseek',
      );
      expect((await inputsOf([], { CODEWHALE_PROVIDER: 'together' })).provider.id).toBe('together');
      const fromConfig = await inputsOf([]);
      expect(fromConfig.inputs[0]).toEqual({
        input: 'provider',
        value: 'nvidia-nim',
        source: 'config',
        label: 'config provider',
      });
    } finally {
      sandbox.writeConfig('');
    }
    expect((await inputsOf([])).inputs[0]).toEqual({
      input: 'provider',
      value: 'deepseek',
      source: 'default',
      label: 'default provider',
    });
  });

  it("applies a provider's own variables only when it is the active provider", async () => {
    const env = { DEEPSEEK_BASE_URL: 'https://proxy.example/v1', DEEPSEEK_MODEL: 'deepseek-v4-pro' };
    const active = await inputsOf(['--provider', 'deepseek'], env);
    expect(active.endpoint).toMatchObject({ baseUrl: 'https://proxy.example/v1', official: false });
    expect(active.inputs.slice(1, 3)).toEqual([
      { input: 'model', value: 'deepseek-v4-pro', source: 'env', label: 'env DEEPSEEK_MODEL' },
      { input: 'baseUrl', value: 'https://proxy.example/v1', source: 'env', label: 'env DEEPSEEK_BASE_URL' },
    ]);
    // A custom endpoint: the catalog price does not follow the model there.
    expect(active.meter.kind).toBe('unknown');

    const other = await inputsOf(['--provider', 'together'], env);
    expect(other.endpoint).toMatchObject({ baseUrl: 'https://api.together.xyz/v1', official: true });
    expect(other.ignoredEnv).toEqual([
      { name: 'DEEPSEEK_BASE_URL', reason: 'applies only to deepseek; the active provider is together' },
      { name: 'DEEPSEEK_MODEL', reason: 'applies only to deepseek; the active provider is together' },
    ]);

    const wrapperWins = await inputsOf(['--provider', 'deepseek'], {
      ...env,
      CODEWHALE_BASE_URL: 'https://api.deepseek.com',
    });
    expect(wrapperWins.endpoint).toMatchObject({ baseUrl: 'https://api.deepseek.com', official: true });
    expect(wrapperWins.ignoredEnv).toEqual([
      { name: 'DEEPSEEK_BASE_URL', reason: 'env CODEWHALE_BASE_URL takes precedence' },
    ]);

    const text = await sandbox.run(['explain', '--provider', 'together'], { env });
    expect(text.stdout).toMatch(
      /ignored {3}DEEPSEEK_BASE_URL {12}applies only to deepseek; the active provider is together/,
    );
  });

  it("keeps a provider's variable with its provider: it never moves the route elsewhere", async () => {
    // Without pinning, a namespaced id would be looked up at the other providers (and be ambiguous there).
    const run = await sandbox.run(['explain', '--json'], { env: { DEEPSEEK_MODEL: 'moonshotai/Kimi-K2.6' } });
    expect(run.code).toBe(EXIT_CODES.resolution);
    expect(errorOutputSchema.parse(json(run)).error).toMatchObject({ code: 'foreign-model' });
    const document = await inputsOf([], { DEEPSEEK_BASE_URL: 'https://api.together.xyz/v1' });
    expect(document.provider.id).toBe('deepseek');
    expect(document.inputs[0]).toEqual({
      input: 'provider',
      value: 'deepseek',
      source: 'default',
      label: 'default provider; DEEPSEEK_BASE_URL applies only to deepseek',
    });
    expect(document.decisions.provider.detail).toBe(
      'You named provider "deepseek" (default provider; DEEPSEEK_BASE_URL applies only to deepseek).',
    );
  });

  it('a provider variable applies when the config makes that provider active', async () => {
    sandbox.writeConfig('provider = "deepseek"\n');
    try {
      const document = await inputsOf([], { DEEPSEEK_BASE_URL: 'https://proxy.example/v1' });
      expect(document.inputs[0]).toMatchObject({ value: 'deepseek', source: 'config' });
      expect(document.inputs[2]).toEqual({
        input: 'baseUrl',
        value: 'https://proxy.example/v1',
        source: 'env',
        label: 'env DEEPSEEK_BASE_URL',
      });
    } finally {
      sandbox.writeConfig('');
    }
  });
});

describe("purpose and preference: what was applied, and why (from the candidate's decisions)", () => {
  const explain = async (args: string[]) => {
    const run = await sandbox.run(['explain', ...args, '--json']);
    expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
    return explainOutputSchema.parse(json(run));
  };
  const input = (document: Awaited<ReturnType<typeof explain>>, name: string) =>
    document.inputs.find((entry) => entry.input === name);

  // @see issue 12 item 8: a role's purpose means the same as --purpose.
  it('a role with purpose "summary" routes like --model auto --purpose summary', async () => {
    sandbox.writeConfig('[roles.summary]\nmodel = "auto"\npurpose = "summary"\n');
    try {
      const byRole = await explain(['--role', 'summary']);
      const byFlags = await explain(['--model', 'auto', '--purpose', 'summary']);
      expect(byRole.route).toBe(byFlags.route);
      expect(byRole.reasoning).toEqual(byFlags.reasoning);
      expect(input(byRole, 'purpose')).toMatchObject({
        value: 'summary',
        source: 'config',
        label: 'config [roles.summary] purpose',
      });
      expect(input(byFlags, 'purpose')).toMatchObject({ value: 'summary', source: 'flag', label: 'flag --purpose' });
      for (const document of [byRole, byFlags]) {
        expect(input(document, 'prefer')).toMatchObject({
          value: document.decisions.preference?.value,
          label: 'purpose summary default',
          detail: document.decisions.preference?.detail,
        });
        expect(input(document, 'reasoning')).toMatchObject({
          value: document.decisions.reasoning?.value ?? null,
          label: 'purpose summary default',
        });
      }
    } finally {
      sandbox.writeConfig('');
    }
  });

  // @see issue 12 item 9: the model row and the inputs table say the same preference, the one auto ranked by.
  it('with [routing] prefer, the inputs table shows the preference auto applied and who set it', async () => {
    sandbox.writeConfig('[routing]\nprefer = "quality"\n');
    try {
      const document = await explain(['--model', 'auto', '--purpose', 'summary']);
      const applied = document.decisions.preference;
      expect(applied).toBeDefined();
      const prefer = input(document, 'prefer');
      expect(prefer?.value).toBe(applied?.value);
      expect(prefer?.detail).toBe(applied?.detail);
      expect(prefer?.label).toBe(
        applied?.source === 'config-routing' ? 'config [routing] prefer' : 'purpose summary default',
      );
      expect(input(document, 'model')?.label).toMatch(
        new RegExp(`^auto, prefer ${applied?.value} \\(asked by flag --model\\)$`),
      );
      const text = await sandbox.run(['explain', '--model', 'auto', '--purpose', 'summary']);
      const lines = text.stdout.split('\n');
      const preferRow = lines.find((line) => /^ {2}prefer +/.test(line));
      expect(preferRow).toMatch(new RegExp(`^ {2}prefer +${applied?.value} +`));
      // Nothing in the text says another preference.
      const other = (['cost', 'latency', 'quality'] as const).filter((value) => value !== applied?.value);
      for (const value of other) expect(text.stdout).not.toMatch(new RegExp(`prefer ${value}\\b`));
      // An explicit --prefer wins over both, and says so.
      const flagged = await explain(['--model', 'auto', '--purpose', 'summary', '--prefer', 'latency']);
      expect(input(flagged, 'prefer')).toMatchObject({ value: 'latency', source: 'flag', label: 'flag --prefer' });
      expect(input(flagged, 'model')?.label).toBe('auto, prefer latency (asked by flag --model)');
    } finally {
      sandbox.writeConfig('');
    }
  });
});

describe('errors and exit codes', () => {
  it('exits 3 on resolution errors, with the fix', async () => {
    const ambiguous = await sandbox.run(['explain', '--model', 'deepseek-ai/DeepSeek-V4-Pro']);
    expect(ambiguous.code).toBe(EXIT_CODES.resolution);
    expect(ambiguous.stdout).toBe('');
    expect(ambiguous.stderr).toBe(
      'error: "deepseek-ai/DeepSeek-V4-Pro" is not in DeepSeek\'s catalog and matches several providers: together:deepseek-ai/DeepSeek-V4-Pro, huggingface:deepseek-ai/DeepSeek-V4-Pro. Name one: provider "together", or the ref "together:deepseek-ai/DeepSeek-V4-Pro".\n',
    );
    const unknown = await sandbox.run(['resolve', '--provider', 'nope', '--json']);
    expect(unknown.code).toBe(EXIT_CODES.resolution);
    expect(errorOutputSchema.parse(json(unknown)).error).toMatchObject({
      category: 'resolution',
      exitCode: EXIT_CODES.resolution,
      code: 'unknown-provider',
      details: { value: 'nope' },
    });
  });

  it('exits 2 on bad command lines, in one or two lines, never a stack', async () => {
    const cases: [string[], string][] = [
      [
        ['explain', '--modle', 'x'],
        'error: Unknown flag --modle for codewhale-route explain. Did you mean --model?\nRun `codewhale-route explain --help` for its flags.\n',
      ],
      [
        ['explian'],
        'error: Unknown command "explian". Did you mean "explain"?\nCommands: providers, models, resolve, explain, compare, discover, health, usage, hub, passport, serve-plan, eval, receipts, lab, config, catalog, completion. Run `codewhale-route --help`.\n',
      ],
      [
        ['explain', '--prefer', 'cheap'],
        'error: --prefer must be one of cost, latency, quality (got "cheap").\nWrite --prefer cost.\n',
      ],
      [
        ['explain', '--context', 'lots'],
        'error: --context needs a positive whole number (got "lots").\nWrite e.g. --context 128000 (or 128k).\n',
      ],
      [
        ['explain', '--require', 'tools,telepathy'],
        'error: --require must be one of reasoning, tools, json, streaming, vision (got "telepathy").\nWrite --require reasoning.\n',
      ],
      [['explain', '--model'], 'error: --model needs a value.\nWrite --model <id>.\n'],
      [
        ['compare'],
        'error: codewhale-route compare needs <model>: A canonical model id (or alias, or a wire id).\nWrite codewhale-route compare <model>.\n',
      ],
      [
        ['providers', 'extra'],
        'error: Unexpected argument "extra" for codewhale-route providers.\nRun `codewhale-route providers --help` for its arguments.\n',
      ],
    ];
    for (const [args, stderr] of cases) {
      const run = await sandbox.run(args);
      expect({ args, code: run.code, stderr: run.stderr, stdout: run.stdout }).toEqual({
        args,
        code: EXIT_CODES.usage,
        stderr,
        stdout: '',
      });
    }
    const group = await sandbox.run(['config']);
    expect(group.code).toBe(EXIT_CODES.usage);
    expect(group.stderr).toContain('usage: codewhale-route config <command> [flags]');
    const asJson = await sandbox.run(['explain', '--modle', 'x', '--json']);
    expect(errorOutputSchema.parse(json(asJson)).error).toMatchObject({
      category: 'usage',
      exitCode: EXIT_CODES.usage,
      code: 'unknown-flag',
    });
  });

  // @see issue 12 item 14: one rule for an unknown provider (exit 3, code unknown-provider) in every command, and a hint
  // that does not repeat the message.
  it('exits 3 for an unknown provider in every command that takes one', async () => {
    for (const args of [
      ['explain', '--provider', 'vlm'],
      ['resolve', '--provider', 'vlm'],
      ['models', '--provider', 'vlm'],
      ['discover', '--provider', 'vlm'],
      ['health', '--provider', 'vlm'],
      ['usage', '--provider', 'vlm'],
      ['models', '--provider', 'vlm', '--live'],
    ]) {
      const run = await sandbox.run([...args, '--json']);
      expect({ args, code: run.code }).toEqual({ args, code: EXIT_CODES.resolution });
      expect(errorOutputSchema.parse(json(run)).error).toMatchObject({
        category: 'resolution',
        exitCode: EXIT_CODES.resolution,
        code: 'unknown-provider',
      });
      const text = await sandbox.run(args);
      expect(text.code).toBe(EXIT_CODES.resolution);
      const [message, hint, ...rest] = text.stderr.trimEnd().split('\n');
      expect(rest).toEqual([]);
      expect(message).toMatch(/^error: .*"vlm"/);
      // The hint adds something: it never repeats the list the message gives.
      if (hint !== undefined) expect(message).not.toContain(hint.replace(/\.$/, ''));
      expect(hint ?? '').not.toMatch(/Registered providers|to see them/);
    }
    const models = await sandbox.run(['models', '--provider', 'vlm']);
    const explain = await sandbox.run(['explain', '--provider', 'vlm']);
    expect(models.stderr).toBe(explain.stderr);
    expect(models.stderr).toBe(
      'error: Unknown provider "vlm" (flag --provider). Did you mean "vllm"? Registered providers: deepseek, together, nvidia-nim, huggingface, sglang, vllm, ollama.\nA custom endpoint needs a [providers.<id>] table with base_url in the config.\n',
    );
  });

  // @see issue 12 item 14: a hint that says again what the message says is noise.
  it("adds no hint that repeats the resolver's message", async () => {
    for (const args of [
      ['explain', '--provider', 'deepseek', '--model', 'deepseek-ai/DeepSeek-V4-Pro'],
      ['explain', '--provider', 'deepseek', '--model', 'auto', '--require', 'vision', '--context', '5m'],
    ]) {
      const run = await sandbox.run(args);
      expect(run.code).toBe(EXIT_CODES.resolution);
      const [message, hint] = run.stderr.trimEnd().split('\n');
      if (hint === undefined) continue;
      const words = (text: string) => new Set(text.toLowerCase().match(/[a-z_-]{5,}/g) ?? []);
      const shared = [...words(hint)].filter((word) => words(message ?? '').has(word));
      expect(shared.length / words(hint).size, `${message}\n${hint}`).toBeLessThan(0.5);
    }
  });

  // @see issue 12 item 14: a command's flag without the command.
  it('suggests the command for a flag given without one', async () => {
    const run = await sandbox.run(['--provider', 'deepseek']);
    expect(run.code).toBe(EXIT_CODES.usage);
    expect(run.stderr).toBe(
      'error: Unknown flag --provider for codewhale-route. Did you mean `codewhale-route explain --provider deepseek`?\n--provider is a flag of models, resolve, explain, discover, health, usage, hub search, receipts; run `codewhale-route --help` for the commands.\n',
    );
  });

  // @see issue 12 item 14: the environment table of --help is aligned.
  it('aligns the environment table of --help', async () => {
    const help = (await sandbox.run(['--help'])).stdout.split('\n');
    const start = help.indexOf('environment');
    const rows = help.slice(start + 1, help.indexOf('', start));
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.some((row) => row.includes('<PROVIDER>_BASE_URL'))).toBe(true);
    const column = (row: string) => /^ {2}\S.*?\S {2,}(?=\S)/.exec(row)?.[0].length;
    expect(new Set(rows.map(column)).size, rows.join('\n')).toBe(1);
  });

  it('answers --help and --version with exit 0', async () => {
    const help = await sandbox.run(['--help']);
    expect(help.code).toBe(EXIT_CODES.ok);
    expect(help.stdout).toContain('usage: codewhale-route <command> [flags]');
    expect(help.stdout).toContain('0 ok · 2 usage · 3 resolution · 4 network · 5 config · 6 catalog · 1 unexpected');
    const explainHelp = await sandbox.run(['explain', '-h']);
    expect(explainHelp.stdout).toContain('--require <caps>');
    const version = await sandbox.run(['--version']);
    expect(version.stdout).toMatch(/^codewhale-route \d+\.\d+\.\d+/);
  });
});

describe('colour', () => {
  const args = ['explain', '--provider', 'together', '--model', 'deepseek-ai/DeepSeek-V4-Pro'];
  it('is off without a terminal, and never with NO_COLOR or --no-color', async () => {
    expect((await sandbox.run(args)).stdout).not.toMatch(ANSI);
    expect((await sandbox.run(args, { env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await sandbox.run(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await sandbox.run([...args, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    // JSON is never coloured.
    expect((await sandbox.run([...args, '--json'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
  });
});
