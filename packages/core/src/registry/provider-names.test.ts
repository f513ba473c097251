import { describe, expect, it } from 'vitest';
import { offering, plugin, profile } from '../__fixtures__/synthetic-plugins.js';
import { CatalogError, type CatalogIssue } from '../errors/catalog-error.js';
import type { ProviderPlugin } from '../plugin/plugin-types.js';
import { createRouteResolver } from '../resolver/create-route-resolver.js';
import { parseRouteRef } from '../route-ref/parse-route-ref.js';
import type { UserConfig } from '../schema/user-config.js';
import { createPrevalidatedRegistry } from './create-prevalidated-registry.js';
import { createRegistry } from './create-registry.js';
import { findProviderConfig, findProviderConfigKey, foldProviderName } from './provider-names.js';
import { stampCatalog } from './stamp-catalog.js';

/** The issues of the CatalogError createRegistry must throw. */
function issuesOf(plugins: readonly ProviderPlugin[]): readonly CatalogIssue[] {
  try {
    createRegistry({ plugins });
  } catch (error) {
    expect(CatalogError.isInstance(error)).toBe(true);
    return (error as CatalogError).issues;
  }
  throw new Error('createRegistry accepted a catalog with colliding names');
}

/** The issues createPrevalidatedRegistry throws for plugins stamped one by one (each valid alone). */
function prevalidatedIssuesOf(plugins: readonly ProviderPlugin[]): readonly CatalogIssue[] {
  const stamp = {
    ...stampCatalog({ plugins: [] }),
    plugins: plugins.flatMap((entry) => stampCatalog({ plugins: [entry] }).plugins),
  };
  try {
    createPrevalidatedRegistry({ plugins, stamp });
  } catch (error) {
    expect(CatalogError.isInstance(error)).toBe(true);
    return (error as CatalogError).issues;
  }
  throw new Error('createPrevalidatedRegistry accepted a catalog with colliding names');
}

const acmeCloud = plugin('acme-cloud', { descriptorOverrides: { aliases: ['acmecloud-ai', 'ac'] } });
const gpuHub = plugin('gpu-hub', { descriptorOverrides: { aliases: ['gh'], configKey: 'gpuhub_table' } });

describe('foldProviderName', () => {
  it('ignores surrounding space, case, "-" and "_", and nothing else', () => {
    expect(foldProviderName(' Acme_Cloud ')).toBe('acmecloud');
    expect(foldProviderName('ACME-CLOUD')).toBe('acmecloud');
    expect(foldProviderName('acme cloud')).toBe('acme cloud');
    expect(foldProviderName('acme.cloud')).toBe('acme.cloud');
  });
});

/** @see issue 12 item 7 */
describe('provider names as users type them', () => {
  const registry = createRegistry({ plugins: [acmeCloud, gpuHub] });

  it('findProvider folds case, surrounding space, "-" and "_" for ids and aliases', () => {
    for (const name of [
      'acme-cloud',
      'Acme-Cloud',
      ' acme_cloud ',
      'ACMECLOUD',
      'acme_cloud',
      'acmecloud-ai',
      'AcmeCloud_AI',
      '\tAC\n',
    ]) {
      expect(registry.findProvider(name)?.id, JSON.stringify(name)).toBe('acme-cloud');
    }
    expect(registry.findProvider('GPU_HUB')?.id).toBe('gpu-hub');
    expect(registry.findProvider('acme cloud')).toBeUndefined();
    expect(registry.findProvider('acme')).toBeUndefined();
    expect(registry.findProvider('-')).toBeUndefined();
    expect(registry.findProvider('')).toBeUndefined();
    // A config key names a table, not a provider.
    expect(registry.findProvider('gpuhub_table')).toBeUndefined();
  });

  it('parseRouteRef splits at a folded provider name only', () => {
    expect(parseRouteRef(' Acme_Cloud:org/Model-A:7b ', registry)).toEqual({
      provider: 'acme-cloud',
      model: 'org/Model-A:7b',
    });
    expect(parseRouteRef('GPU-Hub:m', registry)).toEqual({ provider: 'gpu-hub', model: 'm' });
    expect(parseRouteRef('acme.cloud:m', registry)).toEqual({ model: 'acme.cloud:m' });
  });

  it('findProviderConfig finds a table by config key, id or alias, folded; the exact spelling wins', () => {
    const acme = registry.provider('acme-cloud');
    const gpu = registry.provider('gpu-hub');
    const folded: UserConfig = { providers: { Acme_Cloud: { model: 'folded' }, 'GPUHUB-TABLE': { model: 'gpu' } } };
    expect(findProviderConfig(folded, acme)?.model).toBe('folded');
    expect(findProviderConfig(folded, gpu)?.model).toBe('gpu');
    const both: UserConfig = { providers: { ACMECLOUD: { model: 'folded' }, 'acme-cloud': { model: 'exact' } } };
    expect(findProviderConfig(both, acme)?.model).toBe('exact');
    // Among folded spellings, the config key / id outranks an alias.
    const ranked: UserConfig = { providers: { Acmecloud_AI: { model: 'alias' }, ACME_CLOUD: { model: 'id' } } };
    expect(findProviderConfig(ranked, acme)?.model).toBe('id');
    expect(findProviderConfigKey(ranked, acme)).toBe('ACME_CLOUD');
    expect(findProviderConfigKey(both, acme)).toBe('acme-cloud');
    expect(findProviderConfigKey(folded, gpu)).toBe('GPUHUB-TABLE');
    expect(findProviderConfigKey({ providers: { other: {} } }, acme)).toBeUndefined();
    expect(findProviderConfig({ providers: { 'acme cloud': { model: 'x' } } }, acme)).toBeUndefined();
    expect(findProviderConfig({}, acme)).toBeUndefined();
    const polluted = JSON.parse('{"providers":{"__proto__":{"model":"x"}}}') as UserConfig;
    expect(findProviderConfig(polluted, acme)).toBeUndefined();
  });

  it('the resolver reads a folded provider name and a folded table spelling as the user meant them', () => {
    const models = [profile('m-one'), profile('m-two')];
    const withModels = createRegistry({
      plugins: [
        plugin('acme-cloud', { models, offerings: [offering('m-one', 'org/M-One'), offering('m-two', 'org/M-Two')] }),
        gpuHub,
      ],
    });
    const config: UserConfig = { provider: ' Acme_Cloud ', providers: { ACME_CLOUD: { model: 'org/M-Two' } } };
    const result = createRouteResolver({ registry: withModels, config }).resolve({});
    expect(result.ok && [result.candidate.provider.id, result.candidate.wireModelId]).toEqual([
      'acme-cloud',
      'org/M-Two',
    ]);
    const explicit = createRouteResolver({ registry: withModels }).resolve({ provider: 'ACME-CLOUD', model: 'm-one' });
    expect(explicit.ok && explicit.candidate.provider.id).toBe('acme-cloud');
  });
});

/** @see issue 12 item 7 */
describe('createRegistry refuses names that fold alike', () => {
  it.each([
    ['createRegistry', issuesOf],
    ['createPrevalidatedRegistry', prevalidatedIssuesOf],
  ] as const)('%s: ids, aliases and config keys of two providers never fold to one name', (_, refuse) => {
    expect(refuse([acmeCloud, plugin('acmecloud')])).toEqual([
      {
        code: 'DUPLICATE_PROVIDER',
        path: 'plugins[acmecloud].id',
        message:
          'Provider id "acmecloud" is already registered (as the id "acme-cloud" of plugins[acme-cloud]; names are compared ignoring case, surrounding space, "-" and "_").',
        fix: 'Register each provider once; give a different provider its own id.',
      },
    ]);
    expect(refuse([acmeCloud, plugin('other', { descriptorOverrides: { aliases: ['acmecloud'] } })])).toEqual([
      {
        code: 'DUPLICATE_ALIAS',
        path: 'plugins[other].descriptor.aliases[0]',
        message:
          'Provider alias "acmecloud" is already the id "acme-cloud" of provider "acme-cloud" (plugins[acme-cloud]); names are compared ignoring case, surrounding space, "-" and "_".',
        fix: 'Remove the alias from one of the two providers.',
      },
    ]);
    expect(
      refuse([acmeCloud, plugin('other', { descriptorOverrides: { aliases: ['acme-cloud-ai'] } })]).map(
        (issue) => issue.code,
      ),
    ).toEqual(['DUPLICATE_ALIAS']);
    expect(refuse([gpuHub, plugin('other', { descriptorOverrides: { aliases: ['gpuhub-table'] } })])[0]?.message).toBe(
      'Provider alias "gpuhub-table" is already the config key "gpuhub_table" of provider "gpu-hub" (plugins[gpu-hub]); names are compared ignoring case, surrounding space, "-" and "_".',
    );
  });
});

/** @see issue 13 item 2 */
describe("createRegistry refuses a plugin that claims another provider's config table or variables", () => {
  const owner = plugin('acme-cloud', {
    descriptorOverrides: {
      env: {
        baseUrl: ['ACME_CLOUD_BASE_URL', 'ACME_BASE_URL'],
        model: 'ACME_CLOUD_MODEL',
        host: { name: 'ACME_HOST', path: '/v1' },
      },
    },
  });

  it.each([
    ['createRegistry', issuesOf],
    ['createPrevalidatedRegistry', prevalidatedIssuesOf],
  ] as const)("%s: a config key that is another provider's name", (_, refuse) => {
    for (const configKey of ['acme-cloud', 'Acme_Cloud', 'acmecloud']) {
      expect(refuse([owner, plugin('intruder', { descriptorOverrides: { configKey } })])).toEqual([
        {
          code: 'DUPLICATE_CONFIG_KEY',
          path: 'plugins[intruder].descriptor.configKey',
          message: `Config key "${configKey}" is already the id${configKey === 'acme-cloud' ? '' : ' "acme-cloud"'} of provider "acme-cloud" (plugins[acme-cloud])${configKey === 'acme-cloud' ? '' : '; names are compared ignoring case, surrounding space, "-" and "_"'}: its [providers.${configKey}] table and the keys in it belong to that provider.`,
          fix: 'Leave configKey out (it defaults to the id), or use a key no other provider answers to.',
        },
      ]);
    }
    expect(
      refuse([gpuHub, plugin('intruder', { descriptorOverrides: { configKey: 'GPUHUB-TABLE' } })]).map(
        (issue) => issue.code,
      ),
    ).toEqual(['DUPLICATE_CONFIG_KEY']);
  });

  it.each([
    ['createRegistry', issuesOf],
    ['createPrevalidatedRegistry', prevalidatedIssuesOf],
  ] as const)('%s: an environment variable another provider declares, as a key or in env', (_, refuse) => {
    const claims: [Parameters<typeof plugin>[1], string, string][] = [
      [
        {
          descriptorOverrides: {
            auth: { scheme: 'bearer', envVars: ['INTRUDER_KEY', 'ACME_CLOUD_API_KEY'], optional: false },
          },
        },
        'plugins[intruder].descriptor.auth.envVars[1]',
        'plugins[acme-cloud].descriptor.auth.envVars[0]',
      ],
      [
        { descriptorOverrides: { env: { baseUrl: 'ACME_BASE_URL' } } },
        'plugins[intruder].descriptor.env.baseUrl',
        'plugins[acme-cloud].descriptor.env.baseUrl[1]',
      ],
      [
        { descriptorOverrides: { env: { model: ['INTRUDER_MODEL', 'ACME_CLOUD_MODEL'] } } },
        'plugins[intruder].descriptor.env.model[1]',
        'plugins[acme-cloud].descriptor.env.model',
      ],
      [
        { descriptorOverrides: { env: { host: { name: 'ACME_HOST', path: '' } } } },
        'plugins[intruder].descriptor.env.host.name',
        'plugins[acme-cloud].descriptor.env.host.name',
      ],
      [
        { descriptorOverrides: { auth: { scheme: 'bearer', envVars: ['ACME_HOST'], optional: false } } },
        'plugins[intruder].descriptor.auth.envVars[0]',
        'plugins[acme-cloud].descriptor.env.host.name',
      ],
    ];
    for (const [options, path, ownerPath] of claims) {
      const issues = refuse([owner, plugin('intruder', options)]);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'DUPLICATE_ENV_VAR', path });
      expect(issues[0]?.message).toContain(`already declared by provider "acme-cloud" (${ownerPath})`);
      expect(issues[0]?.fix).toContain('INTRUDER_API_KEY');
    }
  });

  it('names the provider that owns a variable; each name has one owner', () => {
    const registry = createRegistry({ plugins: [owner, gpuHub] });
    expect(registry.envVarOwner('ACME_CLOUD_API_KEY')).toBe('acme-cloud');
    expect(registry.envVarOwner('ACME_BASE_URL')).toBe('acme-cloud');
    expect(registry.envVarOwner('ACME_CLOUD_MODEL')).toBe('acme-cloud');
    expect(registry.envVarOwner('ACME_HOST')).toBe('acme-cloud');
    expect(registry.envVarOwner(' acme_cloud_api_key ')).toBe('acme-cloud');
    expect(registry.envVarOwner('GPU_HUB_API_KEY')).toBe('gpu-hub');
    expect(registry.envVarOwner('CORP_PROXY_KEY')).toBeUndefined();
    expect(registry.envVarOwner('')).toBeUndefined();
    // A provider may list its own variable twice (e.g. a setting that repeats a default name).
    expect(() =>
      createRegistry({
        plugins: [
          plugin('twice', {
            descriptorOverrides: {
              auth: { scheme: 'bearer', envVars: ['TWICE_KEY', 'TWICE_KEY'], optional: false },
              env: { baseUrl: ['TWICE_URL', 'TWICE_URL'] },
            },
          }),
        ],
      }),
    ).not.toThrow();
  });
});
