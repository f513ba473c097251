import { describe, expect, it } from 'vitest';
import { catalogModelRenames, catalogServedNames } from './catalog-data.js';

// What `import names from 'catalog/served-names/<id>.json'` and `catalog/renames/<id>.json` hand over.
describe('catalog JSON helpers for served names and renames', () => {
  it("catalogServedNames hands over the file's names list itself", () => {
    const file = { $schema: '../schema/served-names.json', names: [{ served: 'deepseek-v4-flash', model: 'm' }] };
    expect(catalogServedNames(file)).toBe(file.names);
  });

  it("catalogModelRenames hands over the file's renames list itself", () => {
    const file = { $schema: '../schema/renames.json', renames: [{ from: 'old-id', to: 'new-id' }] };
    expect(catalogModelRenames(file)).toBe(file.renames);
  });
});
