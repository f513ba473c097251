import { catalogJsonSchemas, createRegistry, validateCatalogFiles } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import modelProfileSchema from '../catalog/schema/model-profile.schema.json' with { type: 'json' };
import offeringsSchema from '../catalog/schema/offerings.schema.json' with { type: 'json' };
import offeringsFile from '../catalog/offerings/openrouter.json' with { type: 'json' };
import { openrouterModels } from './openrouter-offerings.js';
import { openrouterPlugin } from './openrouter-plugin.js';

const modelPath = (profile: { readonly lab: string; readonly id: string }) =>
  `models/${profile.lab}/${profile.id}.json`;

describe('catalog data', () => {
  it("validates like CodeWhale's own catalog: schema, $schema references, file names, every offering's model present", () => {
    const files = [
      { path: 'offerings/openrouter.json', json: offeringsFile },
      ...openrouterModels.map((profile) => ({ path: modelPath(profile), json: profile })),
    ];
    expect(validateCatalogFiles(files)).toEqual([]);
  });

  it('ships the JSON Schemas of the installed core (editors validate catalog/ with them)', () => {
    const schemas = catalogJsonSchemas();
    expect(offeringsSchema).toEqual(schemas['offerings.schema.json']);
    expect(modelProfileSchema).toEqual(schemas['model-profile.schema.json']);
  });

  it('ships exactly the profiles its offerings name', () => {
    expect(new Set(openrouterModels.map((profile) => profile.id))).toEqual(
      new Set(offeringsFile.offerings.map((offering) => offering.model)),
    );
  });

  it('every known limit and every price carries provenance; unpriced offerings say why instead of 0', () => {
    for (const offering of offeringsFile.offerings) {
      for (const limit of Object.values(offering.limits ?? {})) {
        if (limit === 'unknown') continue;
        expect(limit.source).toMatchObject({
          url: expect.stringMatching(/^https:\/\//),
          retrieved: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
          kind: expect.any(String),
        });
      }
      if (offering.meter.kind === 'token-pricing') expect(offering.meter).toHaveProperty('source.url');
      else expect(offering.meter).toMatchObject({ kind: 'unknown', reason: expect.any(String) });
    }
  });

  it('a registry with the plugin twice is refused (one id, one plugin)', () => {
    expect(() => createRegistry({ plugins: [openrouterPlugin, openrouterPlugin] })).toThrow();
  });
});
