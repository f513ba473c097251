import { describe, expect, it } from 'vitest';
import { descriptor, offering, passThroughPolicy, profile } from '../__fixtures__/synthetic-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import { catalogModels, catalogOfferings, definePlugin } from './define-plugin.js';

// What `import offerings from 'catalog/offerings/acme.json'` and `catalog/models/**.json` imports hand over.
const offeringsFile = { $schema: '../schema/offerings.json', offerings: [offering('acme-1', 'acme/one')] };
const first = profile('acme-1');
const second = profile('acme-2');

describe('catalog JSON helpers for definePlugin', () => {
  it("catalogOfferings hands over the file's offerings list itself", () => {
    expect(catalogOfferings(offeringsFile)).toBe(offeringsFile.offerings);
  });

  it('catalogModels hands over the model files as a list, in the order given', () => {
    expect(catalogModels(second, first)).toStrictEqual([second, first]);
    expect(catalogModels()).toStrictEqual([]);
  });

  it('a plugin made from catalog JSON imports registers its offerings and models', () => {
    const acme = definePlugin({
      spec: 'v1',
      id: 'acme',
      version: '1.0.0',
      descriptor: descriptor('acme'),
      offerings: catalogOfferings(offeringsFile),
      models: catalogModels(first, second),
      modelIdPolicy: passThroughPolicy,
      usageMeter: { describe: () => ({ kind: 'unknown', reason: 'no published price' }) },
    });
    const registry = createRegistry({ plugins: [acme] });
    expect(registry.provider('acme').offerings.map((entry) => entry.wireId)).toStrictEqual(['acme/one']);
    expect(registry.model('acme-2')?.id).toBe('acme-2');
  });
});
