import { describe, expect, it } from 'vitest';
import {
  descriptor,
  lowerCasePolicy,
  offering,
  plugin,
  priced,
  profile,
  source,
} from '../__fixtures__/synthetic-plugins.js';
import { CatalogError, type CatalogIssue } from '../errors/catalog-error.js';
import { CodewhaleError } from '../errors/codewhale-error.js';
import type { ProviderPlugin } from '../plugin/plugin-types.js';
import type { ReasoningLevel } from '../schema/constants.js';
import { createRegistry } from './create-registry.js';

/** Run createRegistry and return the issues of the CatalogError it must throw. */
function issuesOf(
  plugins: readonly ProviderPlugin[],
  models?: Parameters<typeof createRegistry>[0]['models'],
): readonly CatalogIssue[] {
  try {
    createRegistry({ plugins, models });
  } catch (error) {
    expect(CatalogError.isInstance(error)).toBe(true);
    expect(CodewhaleError.isInstance(error)).toBe(true);
    expect((error as CatalogError).code).toBe('CATALOG_INVALID');
    return (error as CatalogError).issues;
  }
  throw new Error('createRegistry accepted an invalid catalog');
}

const alpha = profile('alpha-1');
const beta = profile('beta-2');

describe('createRegistry rejections', () => {
  it('rejects duplicate provider ids across plugins', () => {
    const issues = issuesOf([plugin('together', { models: [alpha] }), plugin('together', { models: [alpha] })]);
    expect(issues).toEqual([
      {
        code: 'DUPLICATE_PROVIDER',
        path: 'plugins[together].id',
        message: 'Provider id "together" is already registered (as the id of plugins[together]).',
        fix: 'Register each provider once; give a different provider its own id.',
      },
    ]);
  });

  it('rejects a provider alias that is another provider id or alias', () => {
    const issues = issuesOf([
      plugin('nvidia-nim', { descriptorOverrides: { aliases: ['nim', 'nvidia'] } }),
      plugin('nim-clone', { descriptorOverrides: { aliases: ['nim'] } }),
      plugin('other', { descriptorOverrides: { aliases: ['nvidia-nim'] } }),
    ]);
    expect(issues).toEqual([
      {
        code: 'DUPLICATE_ALIAS',
        path: 'plugins[nim-clone].descriptor.aliases[0]',
        message: 'Provider alias "nim" is already the alias of provider "nvidia-nim".',
        fix: 'Remove the alias from one of the two providers.',
      },
      {
        code: 'DUPLICATE_ALIAS',
        path: 'plugins[other].descriptor.aliases[0]',
        message: 'Provider alias "nvidia-nim" is already the id of provider "nvidia-nim".',
        fix: 'Remove the alias from one of the two providers.',
      },
    ]);
  });

  it('rejects an offering naming an unknown canonical model', () => {
    const issues = issuesOf([plugin('together', { models: [alpha], offerings: [offering('ghost-9', 'org/Ghost-9')] })]);
    expect(issues).toEqual([
      {
        code: 'UNKNOWN_MODEL',
        path: 'plugins[together].offerings[0].model',
        message: 'Offering "org/Ghost-9" names canonical model "ghost-9", which no model profile defines.',
        fix: "Add catalog/models/<lab>/ghost-9.json to the plugin's models, or correct the id.",
      },
    ]);
  });

  it('rejects two offerings with the same (provider, wire id)', () => {
    const issues = issuesOf([
      plugin('together', {
        models: [alpha, beta],
        offerings: [offering('alpha-1', 'org/Alpha'), offering('beta-2', 'org/Alpha')],
      }),
    ]);
    expect(issues).toEqual([
      {
        code: 'DUPLICATE_OFFERING',
        path: 'plugins[together].offerings[1].wireId',
        message: 'Provider "together" already offers wire id "org/Alpha".',
        fix: 'Keep one offering per wire id; put variants under their own wire ids.',
      },
    ]);
  });

  it('treats wire ids equal under the provider look-up key as duplicates', () => {
    const issues = issuesOf([
      plugin('ollama', {
        models: [alpha],
        modelIdPolicy: lowerCasePolicy,
        offerings: [offering('alpha-1', 'alpha:7b'), offering('alpha-1', 'Alpha:7B')],
      }),
    ]);
    expect(issues.map((issue) => [issue.code, issue.message])).toEqual([
      [
        'DUPLICATE_OFFERING',
        'Provider "ollama" already offers wire id "alpha:7b" (same id under its matching rules as "Alpha:7B").',
      ],
    ]);
  });

  it('is fine with the same wire id at two different providers', () => {
    const registry = createRegistry({
      plugins: [
        plugin('together', { models: [alpha], offerings: [offering('alpha-1', 'org/Alpha')] }),
        plugin('hf', { models: [alpha], offerings: [offering('alpha-1', 'org/Alpha')] }),
      ],
    });
    expect(registry.offeringsForModel('alpha-1').map((entry) => entry.provider)).toEqual(['together', 'hf']);
  });

  it('rejects alias collisions inside a provider', () => {
    const issues = issuesOf([
      plugin('together', {
        models: [alpha, beta],
        offerings: [
          offering('alpha-1', 'org/Alpha', { aliases: ['fast'] }),
          offering('beta-2', 'org/Beta', { aliases: ['fast', 'org/Alpha'] }),
        ],
      }),
    ]);
    expect(issues).toEqual([
      {
        code: 'PROVIDER_ALIAS_COLLISION',
        path: 'plugins[together].offerings[1].aliases',
        message: 'Alias "fast" of "org/Beta" is already used by "org/Alpha" at provider "together".',
        fix: 'Remove the alias, or give it to one offering only.',
      },
      {
        code: 'PROVIDER_ALIAS_COLLISION',
        path: 'plugins[together].offerings[1].aliases',
        message: 'Alias "org/Alpha" of "org/Beta" is already used by "org/Alpha" at provider "together".',
        fix: 'Remove the alias, or give it to one offering only.',
      },
    ]);
  });

  it('merges identical copies of a model profile and rejects conflicting ones', () => {
    expect(() =>
      createRegistry({
        plugins: [plugin('a', { models: [alpha] }), plugin('b', { models: [structuredClone(alpha)] })],
      }),
    ).not.toThrow();
    const changed = profile('alpha-1', { limits: { contextWindow: { value: 65536, source }, maxOutput: 'unknown' } });
    const issues = issuesOf([plugin('a', { models: [alpha] }), plugin('b', { models: [changed] })]);
    expect(issues).toEqual([
      {
        code: 'CONFLICTING_MODEL_PROFILE',
        path: 'plugins[b].models[0]',
        message: 'Model profile "alpha-1" differs from the copy at plugins[a].models[0].',
        fix: 'Ship the same catalog/models file in both plugins (update the older plugin), or rename one model.',
      },
    ]);
  });

  it.each([
    ['NaN', Number.NaN, 'A price must be a finite number of currency units per million tokens.'],
    ['negative', -0.5, 'A price cannot be negative.'],
    ['absurd', 250_000, 'A price above 100000 per million tokens is not plausible.'],
    [
      'zero standing for unknown',
      0,
      'A price of 0 reads as "unknown" here. Omit the token class if no source prices it, or list it in freeTokenClasses if the provider really charges nothing.',
    ],
    ['infinite', Number.POSITIVE_INFINITY, 'A price must be a finite number of currency units per million tokens.'],
  ])('rejects a %s price', (_label, price, message) => {
    const issues = issuesOf([
      plugin('together', { models: [alpha], offerings: [priced('alpha-1', 'org/Alpha', 0.5, price)] }),
    ]);
    expect(issues).toEqual([
      {
        code: 'INVALID_PRICE',
        path: 'plugins[together].offerings[0].meter.rates.output',
        message,
        fix: "Write the provider's published rate per million tokens, or omit the token class when no source prices it.",
      },
    ]);
  });

  it('rejects a plugin written against another spec version, naming the supported ones', () => {
    const future = { ...plugin('future'), spec: 'v2' } as unknown as ProviderPlugin;
    const issues = issuesOf([future]);
    expect(issues).toEqual([
      {
        code: 'UNSUPPORTED_SPEC',
        path: 'plugins[future].spec',
        message: 'Plugin "future" targets plugin spec "v2"; this @codewhale/core supports v1.',
        fix: 'Install a @codewhale/core release that supports "v2", or a release of the plugin written for spec v1.',
      },
    ]);
  });

  it('lists every problem in one error, across plugins', () => {
    const issues = issuesOf([
      plugin('together', {
        models: [alpha],
        offerings: [offering('ghost-9', 'org/Ghost'), priced('alpha-1', 'org/Alpha', -1, 2)],
      }),
      plugin('together'),
      { ...plugin('future'), spec: 'v9' } as unknown as ProviderPlugin,
    ]);
    expect(issues.map((issue) => issue.code)).toEqual([
      'UNSUPPORTED_SPEC',
      'DUPLICATE_PROVIDER',
      'UNKNOWN_MODEL',
      'INVALID_PRICE',
    ]);
    try {
      createRegistry({
        plugins: [plugin('together', { models: [alpha], offerings: [offering('ghost-9', 'org/Ghost')] })],
      });
    } catch (error) {
      expect((error as Error).message).toBe(
        'Catalog rejected (1 problem):\n- plugins[together].offerings[0].model: Offering "org/Ghost" names canonical model "ghost-9", which no model profile defines. Fix: Add catalog/models/<lab>/ghost-9.json to the plugin\'s models, or correct the id. [UNKNOWN_MODEL]',
      );
    }
  });

  it('rejects schema-invalid offerings with the path and the schema to read', () => {
    const bad = { ...offering('alpha-1', ' org/Alpha'), colour: 'blue' } as never;
    const issues = issuesOf([plugin('together', { models: [alpha], offerings: [bad] })]);
    expect(issues).toEqual([
      {
        code: 'INVALID_DATA',
        path: 'plugins[together].offerings[0].wireId',
        message: 'A wire id cannot start or end with whitespace.',
        fix: 'Correct the value to match catalog/schema/offerings.schema.json.',
      },
      {
        code: 'INVALID_DATA',
        path: 'plugins[together].offerings[0]',
        message: 'Unrecognized key: "colour".',
        fix: 'Remove "colour" or correct the spelling (see catalog/schema/offerings.schema.json).',
      },
    ]);
  });

  it('rejects offerings on undeclared endpoints and two defaults', () => {
    const issues = issuesOf([
      plugin('together', {
        models: [alpha, beta],
        offerings: [
          offering('alpha-1', 'a', { endpoint: 'anthropic' }),
          offering('alpha-1', 'b', { default: true }),
          offering('beta-2', 'c', { default: true }),
        ],
      }),
    ]);
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ['UNKNOWN_ENDPOINT', 'plugins[together].offerings[0].endpoint'],
      ['INVALID_DATA', 'plugins[together].offerings[2].default'],
    ]);
  });

  it('refuses an offering whose reasoning control its plugin does not declare, naming the ones it does', () => {
    const control = (value: string) => ({ reasoningControl: { value, source } });
    const reasoning = { controls: ['deepseek-v4'], map: (level: ReasoningLevel) => ({ level, params: {} }) };
    const issues = issuesOf([
      plugin('together', {
        models: [alpha, beta],
        offerings: [offering('alpha-1', 'a', control('deepseek-v4')), offering('beta-2', 'b', control('gpt-oss'))],
        reasoning,
      }),
      plugin('nim', { models: [alpha], offerings: [offering('alpha-1', 'a', control('deepseek-v4'))] }),
    ]);
    expect(issues).toEqual([
      {
        code: 'UNKNOWN_REASONING_CONTROL',
        path: 'plugins[together].offerings[1].reasoningControl.value',
        message: `Reasoning control "gpt-oss" is not one together's plugin declares (deepseek-v4).`,
        fix: "Name a control from the plugin's reasoning.controls, or leave reasoningControl out for its generic form.",
      },
      {
        code: 'UNKNOWN_REASONING_CONTROL',
        path: 'plugins[nim].offerings[0].reasoningControl.value',
        message: `Reasoning control "deepseek-v4" is not one nim's plugin declares (it declares none).`,
        fix: "Name a control from the plugin's reasoning.controls, or leave reasoningControl out for its generic form.",
      },
    ]);
  });

  it('rejects a local runtime whose default endpoint is not loopback', () => {
    const issues = issuesOf([
      plugin('vllm', {
        descriptorOverrides: {
          class: 'local',
          endpoints: { chat: { baseUrl: 'http://0.0.0.0:8000/v1', protocol: 'chat-completions' } },
        },
      }),
    ]);
    expect(issues).toEqual([
      {
        code: 'NON_LOOPBACK_LOCAL_ENDPOINT',
        path: 'plugins[vllm].descriptor.endpoints.chat.baseUrl',
        message: 'Local runtime default endpoint http://0.0.0.0:8000/v1 is not a loopback address.',
        fix: 'Default to http://127.0.0.1:<port>; users configure other hosts explicitly with base_url.',
      },
    ]);
  });

  it('rejects plugins missing functions (JavaScript callers) and mismatched ids', () => {
    const broken = {
      ...plugin('broken'),
      modelIdPolicy: {},
      usageMeter: undefined,
      descriptor: descriptor('other'),
    } as unknown as ProviderPlugin;
    expect(issuesOf([broken]).map((issue) => issue.path)).toEqual([
      'plugins[broken].id',
      'plugins[broken].modelIdPolicy',
      'plugins[broken].usageMeter',
    ]);
  });

  it('rejects model aliases that clash with another model', () => {
    const issues = issuesOf([plugin('a', { models: [alpha, profile('beta-2', { aliases: ['alpha-1'] })] })]);
    expect(issues).toEqual([
      {
        code: 'DUPLICATE_MODEL_ALIAS',
        path: 'plugins[a].models[1].aliases[0]',
        message: 'Model alias "alpha-1" is already the id of model "alpha-1".',
        fix: 'Remove the alias from one of the two model profiles.',
      },
    ]);
  });
});

describe('registry look-ups', () => {
  const registry = createRegistry({
    plugins: [
      plugin('together', {
        models: [alpha, profile('beta-2', { aliases: ['beta'] })],
        offerings: [
          offering('alpha-1', 'org/Alpha-1', { aliases: ['alpha'] }),
          offering('beta-2', 'org/Beta-2-Turbo'),
          offering('beta-2', 'org/Beta-2', { default: true }),
        ],
      }),
      plugin('nvidia-nim', {
        models: [alpha],
        descriptorOverrides: {
          aliases: ['nim', 'nvidia'],
          endpoints: {
            chat: {
              baseUrl: 'https://integrate.api.nvidia.example.test/v1',
              protocol: 'chat-completions',
              alternateBaseUrls: ['https://nim.example.test/v1/'],
            },
          },
        },
        offerings: [offering('alpha-1', 'org/alpha-1')],
      }),
    ],
    defaultProvider: 'nvidia-nim',
  });

  it('finds providers by id or alias, trimmed and case-insensitive', () => {
    expect(registry.findProvider('  NIM ')?.id).toBe('nvidia-nim');
    expect(registry.findProvider('nvidia')?.id).toBe('nvidia-nim');
    expect(registry.findProvider('together')?.id).toBe('together');
    expect(registry.findProvider('openrouter')).toBeUndefined();
    expect(registry.defaultProviderId).toBe('nvidia-nim');
    expect(registry.providerIds).toEqual(['together', 'nvidia-nim']);
  });

  it('matches a model string by wire id, alias, canonical id, then model alias', () => {
    expect(registry.matchInProvider('together', 'org/Alpha-1')).toMatchObject({
      by: 'wire-id',
      offering: { wireId: 'org/Alpha-1', provider: 'together' },
    });
    expect(registry.matchInProvider('together', 'alpha')).toMatchObject({
      by: 'alias',
      offering: { wireId: 'org/Alpha-1' },
    });
    expect(registry.matchInProvider('together', 'beta-2')).toMatchObject({
      by: 'canonical-id',
      offering: { wireId: 'org/Beta-2' },
    });
    expect(registry.matchInProvider('together', 'BETA')).toMatchObject({
      by: 'model-alias',
      offering: { wireId: 'org/Beta-2' },
    });
    expect(registry.matchInProvider('together', 'org/alpha-1')).toBeUndefined();
    expect(registry.matchInProvider('nvidia-nim', 'org/alpha-1')).toMatchObject({ by: 'wire-id' });
  });

  it('gives each provider its default offering', () => {
    expect(registry.provider('together').defaultOffering?.wireId).toBe('org/Beta-2');
    expect(registry.provider('nvidia-nim').defaultOffering?.wireId).toBe('org/alpha-1');
    expect(registry.offeringsOfModel('together', 'beta-2').map((entry) => entry.wireId)).toEqual([
      'org/Beta-2',
      'org/Beta-2-Turbo',
    ]);
  });

  it('matches official endpoints exactly after normalisation, never look-alike hosts', () => {
    expect(registry.officialEndpointsAt('HTTPS://NIM.example.test:443/v1')).toEqual([
      { providerId: 'nvidia-nim', endpointKey: 'chat' },
    ]);
    expect(registry.officialEndpointsAt('https://api.together.example.test/v1/')).toEqual([
      { providerId: 'together', endpointKey: 'chat' },
    ]);
    expect(registry.officialEndpointsAt('https://api.together.example.test.evil.example/v1')).toEqual([]);
    expect(registry.officialEndpointsAt('https://user:pw@api.together.example.test/v1')).toEqual([]);
    expect(registry.officialEndpointsAt('https://api.together.example.test/v1?key=1')).toEqual([]);
    expect(registry.officialEndpointsAt('not a url')).toEqual([]);
  });

  it('is frozen, and offerings carry their provider', () => {
    expect(Object.isFrozen(registry)).toBe(true);
    const first = registry.provider('together').offerings[0];
    expect(Object.isFrozen(first)).toBe(true);
    expect(first?.provider).toBe('together');
    expect(() => registry.provider('nope' as 'together')).toThrowError(/Unknown provider "nope"/);
  });
});
