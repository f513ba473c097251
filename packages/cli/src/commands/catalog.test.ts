import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogJsonSchemas } from '@codewhale/core';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../cli/exit-codes.js';
import {
  catalogSchemaOutputSchema,
  catalogValidateOutputSchema,
  compareOutputSchema,
  discoverOutputSchema,
  errorOutputSchema,
  explainOutputSchema,
  modelsOutputSchema,
  OUTPUT_SCHEMAS,
  outputJsonSchemas,
  providersOutputSchema,
} from '../output/schemas.js';
import { createSandbox, json } from '../test-utils/cli-harness.js';

const sandbox = createSandbox();
afterAll(() => sandbox.cleanup());

describe('providers', () => {
  it('lists every registered provider with its endpoint, key class and cache state', async () => {
    const run = await sandbox.run(['providers']);
    expect(run.code).toBe(EXIT_CODES.ok);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^provider +name +class +endpoint +key +live cache$/);
    expect(lines.slice(1).map((line) => line.split(/\s+/, 1)[0])).toEqual([
      'deepseek',
      'together',
      'nvidia-nim',
      'huggingface',
      'sglang',
      'vllm',
      'ollama',
    ]);
    expect(lines[1]).toMatch(
      /^deepseek +DeepSeek +direct +https:\/\/api\.deepseek\.com +missing \(DEEPSEEK_API_KEY\) +none \(run discover\)$/,
    );
    expect(lines[6]).toMatch(/^vllm +vLLM +local +http:\/\/127\.0\.0\.1:8000\/v1 +not needed +none \(run discover\)$/);
    const document = providersOutputSchema.parse(
      json(await sandbox.run(['providers', '--json'], { env: { NVIDIA_API_KEY: 'nvapi-canary-never-print' } })),
    );
    expect(document.providers[2]).toMatchObject({
      id: 'nvidia-nim',
      auth: 'env:NVIDIA_API_KEY',
      credential: 'ready',
      keyVariables: ['NVIDIA_API_KEY', 'NVIDIA_NIM_API_KEY'],
    });
    expect(JSON.stringify(document)).not.toContain('nvapi-canary');
  });
});

// @see issue 12 item 11: a table that names a key source needs that key, even on a local or custom endpoint.
describe('providers and a key the config asks for', () => {
  it('says missing, with the variable to set, never "not needed"', async () => {
    sandbox.writeConfig(
      '[providers.lmstudio]\nbase_url = "http://127.0.0.1:28000/v1"\napi_key_env = "LMSTUDIO_KEY"\n\n[providers.vllm]\napi_key_env = "VLLM_KEY"\n',
    );
    try {
      const run = await sandbox.run(['providers']);
      expect(run.code).toBe(EXIT_CODES.ok);
      const line = (id: string) => run.stdout.split('\n').find((text) => text.startsWith(`${id} `)) ?? '';
      expect(line('lmstudio')).toMatch(/ missing \(LMSTUDIO_KEY\) /);
      expect(line('vllm')).toMatch(/ missing \(VLLM_KEY\) /);
      expect(line('sglang')).toMatch(/ not needed /);
      expect(run.stderr).toContain(
        'warning: lmstudio: No credential for lmstudio: set LMSTUDIO_KEY (named by api_key_env in [providers.lmstudio]).\n',
      );
      expect(run.stderr).toContain(
        'warning: vllm: No credential for vLLM: set VLLM_KEY (named by api_key_env in [providers.vllm]).\n',
      );
      // Providers nobody configured are not warned about: their key column says what is missing.
      expect(run.stderr).not.toMatch(/deepseek|together|sglang|ollama/);
      const document = providersOutputSchema.parse(json(await sandbox.run(['providers', '--json'])));
      const row = (id: string) => document.providers.find((provider) => provider.id === id);
      expect(row('lmstudio')).toMatchObject({
        auth: 'missing',
        credential: 'missing',
        keyVariables: ['LMSTUDIO_KEY'],
        warnings: [expect.stringContaining('set LMSTUDIO_KEY')],
      });
      expect(row('vllm')).toMatchObject({ auth: 'missing', credential: 'missing', keyVariables: ['VLLM_KEY'] });
      expect(row('sglang')).toMatchObject({ credential: 'not-required', keyVariables: [] });
      expect(row('sglang')).not.toHaveProperty('warnings');
      // discover says it too, and sends nothing keyless.
      const discover = await sandbox.run(['discover', '--provider', 'lmstudio,vllm', '--json']);
      expect(discover.code).toBe(EXIT_CODES.ok);
      expect(discoverOutputSchema.parse(json(discover)).results).toEqual([
        {
          providerId: 'lmstudio',
          endpoint: 'http://127.0.0.1:28000/v1',
          status: 'skipped',
          error: expect.objectContaining({
            kind: 'credential-missing',
            message: expect.stringContaining('set LMSTUDIO_KEY'),
          }),
        },
        {
          providerId: 'vllm',
          endpoint: 'http://127.0.0.1:8000/v1',
          status: 'skipped',
          error: expect.objectContaining({
            kind: 'credential-missing',
            message: expect.stringContaining('set VLLM_KEY'),
          }),
        },
      ]);
      const ready = providersOutputSchema.parse(
        json(await sandbox.run(['providers', '--json'], { env: { LMSTUDIO_KEY: 'lm-canary-key-never-print' } })),
      );
      expect(ready.providers.find((provider) => provider.id === 'lmstudio')).toMatchObject({
        auth: 'env:LMSTUDIO_KEY',
        credential: 'ready',
      });
    } finally {
      sandbox.writeConfig('');
    }
  });
});

describe('models', () => {
  it('lists offerings with ref, canonical model, context and price', async () => {
    const run = await sandbox.run(['models', '--provider', 'together']);
    expect(run.code).toBe(EXIT_CODES.ok);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ref +canonical +context +cost \/ 1M tokens \(in \/ out\) +source$/);
    expect(lines[1]).toMatch(
      /^together:deepseek-ai\/DeepSeek-V4-Pro +deepseek-v4-pro +512,000 +USD 2\.1 \/ 4\.4 +catalog$/,
    );
    const document = modelsOutputSchema.parse(json(await sandbox.run(['models', '--json'])));
    expect(document.models.find((row) => row.ref === 'deepseek:deepseek-v4-pro')).toMatchObject({
      canonical: 'deepseek-v4-pro',
      source: 'catalog',
      listed: null,
      meter: { kind: 'token-pricing', currency: 'USD' },
    });
    const unknown = await sandbox.run(['models', '--provider', 'nope']);
    expect(unknown.code).toBe(EXIT_CODES.resolution);
  });

  it("gives each row the route's capabilities and the model's licence, as explain and compare give them", async () => {
    const document = modelsOutputSchema.parse(json(await sandbox.run(['models', '--json'])));
    const explained = explainOutputSchema.parse(
      json(await sandbox.run(['explain', 'together:openai/gpt-oss-120b', '--json'])),
    );
    const row = document.models.find((entry) => entry.ref === 'together:openai/gpt-oss-120b');
    expect(row?.capabilities).toEqual(explained.capabilities);
    expect(row?.license).toMatchObject({ value: 'apache-2.0', url: expect.stringMatching(/^https:\/\//) });
    // A model whose licence no source gives says so, with the reason; it is never left out or guessed.
    const unknownLicence = document.models.find((entry) => entry.license?.value === 'unknown');
    expect(unknownLicence?.license).toMatchObject({ value: 'unknown', reason: expect.any(String) });
  });
});

describe('compare', () => {
  it('puts every offering of one model side by side', async () => {
    const run = await sandbox.run(['compare', 'deepseek-v4-pro', '--json']);
    expect(run.code).toBe(EXIT_CODES.ok);
    const document = compareOutputSchema.parse(json(run));
    expect(document.model).toMatchObject({ id: 'deepseek-v4-pro', contextWindow: 1_048_576 });
    expect(
      document.offerings.map((offering) => [offering.ref, offering.hosting, offering.contextWindow.value]),
    ).toEqual([
      ['deepseek:deepseek-v4-pro', 'hosted', 1_048_576],
      ['together:deepseek-ai/DeepSeek-V4-Pro', 'hosted', 512_000],
      ['nvidia-nim:deepseek-ai/deepseek-v4-pro', 'hosted', 1_048_576],
      // The Hugging Face route serves less than the profile's window and no source says how much (issue 12 item 6).
      ['huggingface:deepseek-ai/DeepSeek-V4-Pro', 'hosted', 'unknown'],
    ]);
    expect(document.offerings[1]?.provenance).toMatchObject({
      of: 'price',
      kind: 'official',
      url: 'https://docs.together.ai/docs/deepseek-v4-quickstart',
    });
    // A wire id finds its canonical model.
    expect(
      compareOutputSchema.parse(json(await sandbox.run(['compare', 'deepseek-ai/DeepSeek-V4-Pro', '--json']))).model.id,
    ).toBe('deepseek-v4-pro');
  });

  it('says which models exist when the name is unknown (exit 3)', async () => {
    const run = await sandbox.run(['compare', 'deepseek-v4-por']);
    expect(run.code).toBe(EXIT_CODES.resolution);
    expect(run.stderr.split('\n')[0]).toBe(
      'error: No model "deepseek-v4-por" in the catalog. Did you mean deepseek-v4-pro?',
    );
    expect(errorOutputSchema.parse(json(await sandbox.run(['compare', 'x', '--json']))).error).toMatchObject({
      category: 'resolution',
      code: 'unknown-model',
    });
  });
});

describe('catalog', () => {
  it('validates the bundled catalog', async () => {
    const run = await sandbox.run(['catalog', 'validate', '--json']);
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(catalogValidateOutputSchema.parse(json(run))).toMatchObject({
      source: 'bundled',
      valid: true,
      counts: { providers: 7, models: 14 },
      issues: [],
    });
  });

  // @see issue 12 item 14: the catalog is not the config; its warnings (or errors) have nothing to do with it.
  it('validates the catalog without reading the config', async () => {
    for (const text of ['theme = "dark"\n\n[providers.groq]\nmodel = "x"\n', 'provider = "together\n']) {
      sandbox.writeConfig(text);
      const run = await sandbox.run(['catalog', 'validate']);
      expect(run.code, run.stderr).toBe(EXIT_CODES.ok);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^✓ bundled catalog \(7 providers\)/);
    }
    sandbox.writeConfig('');
  });

  it('reports every problem of a catalog directory (exit 6)', async () => {
    const dir = join(sandbox.dir, 'catalog');
    mkdirSync(join(dir, 'offerings'), { recursive: true });
    writeFileSync(
      join(dir, 'offerings', 'acme.json'),
      JSON.stringify({
        $schema: '../schema/offerings.schema.json',
        provider: 'acme',
        offerings: [{ model: 'nope-1', wireId: 'nope-1', meter: { kind: 'unknown', reason: 'unpriced' } }],
      }),
    );
    writeFileSync(join(dir, 'offerings', 'broken.json'), '{ "provider": ');
    const run = await sandbox.run(['catalog', 'validate', '--dir', dir, '--json']);
    expect(run.code).toBe(EXIT_CODES.catalog);
    const document = catalogValidateOutputSchema.parse(json(run));
    expect(document.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['INVALID_DATA', 'offerings/broken.json'],
      ['UNKNOWN_MODEL', 'offerings/acme.json.offerings[0].model'],
    ]);
    const text = await sandbox.run(['catalog', 'validate', '--dir', dir]);
    expect(text.stdout).toContain('fix: Add catalog/models/<lab>/nope-1.json or correct the id. [UNKNOWN_MODEL]');
  });

  it('prints the JSON Schemas of the catalog files, the config and every --json output', async () => {
    const run = await sandbox.run(['catalog', 'schema', '--json']);
    expect(run.code).toBe(EXIT_CODES.ok);
    const { schemas } = catalogSchemaOutputSchema.parse(json(run));
    expect(Object.keys(schemas)).toEqual([
      ...Object.keys(catalogJsonSchemas()),
      'cli-receipts.schema.json',
      'receipt.schema.json',
      'model-passport.schema.json',
      'eval-suite.schema.json',
      'eval-case.schema.json',
      ...Object.keys(OUTPUT_SCHEMAS),
    ]);
    expect(schemas).toEqual(JSON.parse(JSON.stringify({ ...catalogJsonSchemas(), ...outputJsonSchemas() })));
    const one = JSON.parse((await sandbox.run(['catalog', 'schema', 'cli-explain'])).stdout) as { title: string };
    expect(one.title).toBe('codewhale-route explain --json (RouteExplanation + inputs, ignoredEnv, alternatives)');
    const config = JSON.parse((await sandbox.run(['config', 'schema'])).stdout) as { title: string };
    expect(config.title).toBe('CodeWhale user config (config.toml)');
    const missing = await sandbox.run(['catalog', 'schema', 'cli-explian']);
    expect(missing.code).toBe(EXIT_CODES.usage);
    expect(missing.stderr.split('\n')[0]).toBe('error: No schema "cli-explian". Did you mean cli-explain.schema.json?');
  });
});

// @see issue 13 items 1-2: custom tables name key variables; the registry now gives each variable one owner, so the
// CLI must not hand a table's variable to its generated plugin (two tables sharing one, or a table naming DeepSeek's).
describe('custom endpoints and the variables their tables name', () => {
  it('starts, binds a shared variable to each table, and refuses another provider’s variable', async () => {
    sandbox.writeConfig(
      [
        '[providers.lms-one]\nbase_url = "http://127.0.0.1:28001/v1"\napi_key_env = "SHARED_KEY"\n',
        '[providers.lms-two]\nbase_url = "http://127.0.0.1:28002/v1"\napi_key_env = "SHARED_KEY"\n',
        '[providers.lms-three]\nbase_url = "http://127.0.0.1:28003/v1"\napi_key_env = "DEEPSEEK_API_KEY"\n',
      ].join('\n'),
    );
    try {
      const env = { SHARED_KEY: 'shared-canary-never-print', DEEPSEEK_API_KEY: 'sk-deepseek-canary-never-print' };
      const run = await sandbox.run(['providers', '--json'], { env });
      expect(run.code).toBe(EXIT_CODES.ok);
      const document = providersOutputSchema.parse(json(run));
      const row = (id: string) => document.providers.find((provider) => provider.id === id);
      expect(row('lms-one')).toMatchObject({ auth: 'env:SHARED_KEY', credential: 'ready' });
      expect(row('lms-two')).toMatchObject({ auth: 'env:SHARED_KEY', credential: 'ready' });
      expect(row('lms-three')).toMatchObject({ auth: 'missing', credential: 'missing' });
      expect(row('deepseek')).toMatchObject({ auth: 'env:DEEPSEEK_API_KEY' });
      expect(run.stdout + run.stderr).not.toMatch(/canary/);
      const explain = await sandbox.run(['explain', '--provider', 'lms-three', '--model', 'x', '--json'], { env });
      expect(explain.code).toBe(EXIT_CODES.ok);
      expect(explain.stdout).toContain('belongs to provider');
      expect(explain.stdout + explain.stderr).not.toMatch(/canary/);
    } finally {
      sandbox.writeConfig('');
    }
  });
});
