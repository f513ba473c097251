import { describe, expect, it } from 'vitest';
import { offering, plugin, profile } from '../__fixtures__/synthetic-plugins.js';
import { CatalogError } from '../errors/catalog-error.js';
import type { ProviderPlugin } from '../plugin/plugin-types.js';
import { CATALOG_STAMP_FORMAT, describeCatalog } from './catalog-stamp.js';
import { createPrevalidatedRegistry } from './create-prevalidated-registry.js';
import { stampCatalog } from './stamp-catalog.js';

const acme = plugin('acme', {
  offerings: [offering('acme-1', 'acme/one'), offering('acme-2', 'acme/two')],
  models: [profile('acme-1'), profile('acme-2')],
});
const beta = plugin('beta', { version: '2.3.4', offerings: [offering('acme-1', 'beta/one')] });
const extra = [profile('extra-1'), profile('extra-2'), profile('extra-3')];

const acmeEntry = { id: 'acme', version: '1.0.0', spec: 'v1', offerings: 2, models: 2 };
const betaEntry = { id: 'beta', version: '2.3.4', spec: 'v1', offerings: 1, models: 0 };

describe('the catalog stamp', () => {
  it('records each plugin with its version, contract and data counts, and the number of extra models', () => {
    expect(stampCatalog({ plugins: [acme, beta], models: extra })).toStrictEqual({
      format: 'codewhale-catalog-stamp/1',
      plugins: [acmeEntry, betaEntry],
      models: 3,
    });
    expect(CATALOG_STAMP_FORMAT).toBe('codewhale-catalog-stamp/1');
  });

  it('records 0 extra models when none are given', () => {
    expect(stampCatalog({ plugins: [acme] })).toStrictEqual({
      format: 'codewhale-catalog-stamp/1',
      plugins: [acmeEntry],
      models: 0,
    });
    expect(stampCatalog({ plugins: [acme], models: [] }).models).toBe(0);
  });

  it('records the default provider only when one is given', () => {
    expect(stampCatalog({ plugins: [acme, beta], defaultProvider: 'beta' })).toStrictEqual({
      format: 'codewhale-catalog-stamp/1',
      plugins: [acmeEntry, betaEntry],
      models: 0,
      defaultProvider: 'beta',
    });
    expect(stampCatalog({ plugins: [acme, beta] })).not.toHaveProperty('defaultProvider');
  });

  it('counts offerings or models that are not a list as -1, so no stamp of real data describes them', () => {
    const listless = { ...acme, offerings: undefined, models: 'none' } as unknown as ProviderPlugin;
    expect(describeCatalog({ plugins: [listless] }).plugins).toStrictEqual([
      { id: 'acme', version: '1.0.0', spec: 'v1', offerings: -1, models: -1 },
    ]);
  });

  it('refuses, as stale, a plugin that lost its offerings list since it was stamped', () => {
    const single = plugin('single', { offerings: [offering('acme-1', 'single/one')], models: [profile('acme-1')] });
    const stamp = stampCatalog({ plugins: [single] });
    const broken = { ...single, offerings: undefined } as unknown as ProviderPlugin;
    let error: unknown;
    try {
      createPrevalidatedRegistry({ plugins: [broken], stamp });
    } catch (caught) {
      error = caught;
    }
    expect(CatalogError.isInstance(error)).toBe(true);
    expect((error as CatalogError).issues.map((issue) => issue.code)).toStrictEqual(['STALE_CATALOG_STAMP']);
  });
});
