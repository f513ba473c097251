import { describe, expect, it } from 'vitest';
import { catalogModels, providerLikePlugins, togetherLike } from '../__fixtures__/provider-like-plugins.js';
import { CatalogError } from '../errors/catalog-error.js';
import { definePlugin } from '../plugin/define-plugin.js';
import { createPrevalidatedRegistry } from './create-prevalidated-registry.js';
import { createRegistry } from './create-registry.js';
import type { Registry } from './registry-types.js';
import { stampCatalog } from './stamp-catalog.js';

/** Everything a registry answers, as plain data. */
function snapshot(registry: Registry) {
  return {
    providerIds: registry.providerIds,
    defaultProviderId: registry.defaultProviderId,
    providers: registry.providers().map((provider) => ({
      id: provider.id,
      descriptor: provider.descriptor,
      offerings: provider.offerings,
      defaultOffering: provider.defaultOffering,
    })),
    models: registry.models(),
    matches: registry
      .providers()
      .flatMap((provider) =>
        [
          'deepseek-v4-pro',
          'DeepSeek-V4-Pro',
          'kimi-k2.6',
          'qwen3-coder',
          'gpt-oss-120b',
          ...provider.offerings.map((offering) => offering.wireId),
        ].map((query) => registry.matchInProvider(provider.id, query) ?? null),
      ),
  };
}

describe('stampCatalog and createPrevalidatedRegistry', () => {
  it('builds the same registry as createRegistry from a stamped catalog', () => {
    const options = { plugins: providerLikePlugins, models: catalogModels, defaultProvider: 'together' } as const;
    const stamp = stampCatalog(options);
    // A stamp is plain JSON: it survives being written into a bundle.
    const reread = JSON.parse(JSON.stringify(stamp)) as typeof stamp;
    expect(snapshot(createPrevalidatedRegistry({ ...options, stamp: reread }))).toEqual(
      snapshot(createRegistry(options)),
    );
  });

  it('refuses plugins the stamp does not describe, naming both sides and the fix', () => {
    const stamp = stampCatalog({ plugins: providerLikePlugins });
    const upgraded = definePlugin({ ...togetherLike, version: '9.9.9' });
    const fewer = definePlugin({ ...togetherLike, offerings: togetherLike.offerings.slice(1) });
    for (const changed of [upgraded, fewer]) {
      const plugins = providerLikePlugins.map((plugin) => (plugin.id === 'together' ? changed : plugin));
      let error: unknown;
      try {
        createPrevalidatedRegistry({ plugins, stamp });
      } catch (caught) {
        error = caught;
      }
      expect(CatalogError.isInstance(error)).toBe(true);
      const issue = (error as CatalogError).issues[0];
      expect(issue?.code).toBe('STALE_CATALOG_STAMP');
      expect(issue?.fix).toMatch(/stampCatalog\(\).*createRegistry\(\)/);
    }
    expect(() =>
      createPrevalidatedRegistry({ plugins: providerLikePlugins, stamp: { bogus: true } as never }),
    ).toThrowError(/not a stamp/);
  });

  it('stamps only what createRegistry accepts', () => {
    const broken = definePlugin({
      ...togetherLike,
      offerings: [
        {
          model: 'deepseek-v4-pro',
          wireId: 'x',
          meter: { kind: 'token-pricing', currency: 'USD', rates: { input: 0 } },
        } as never,
      ],
    });
    expect(() => stampCatalog({ plugins: [broken] })).toThrowError(CatalogError);
  });

  it('still runs every cross-reference check at run time', () => {
    // Two plugins with the same id: the shapes are fine (stampable one by one), the combination is not.
    const stamp = {
      ...stampCatalog({ plugins: [togetherLike] }),
      plugins: [
        ...stampCatalog({ plugins: [togetherLike] }).plugins,
        ...stampCatalog({ plugins: [togetherLike] }).plugins,
      ],
    };
    expect(() => createPrevalidatedRegistry({ plugins: [togetherLike, togetherLike], stamp })).toThrowError(
      /DUPLICATE_PROVIDER/,
    );
  });
});
