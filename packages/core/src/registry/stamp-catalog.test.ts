import { describe, expect, it } from 'vitest';
import { offering, plugin, profile } from '../__fixtures__/synthetic-plugins.js';
import { CatalogError } from '../errors/catalog-error.js';
import { createPrevalidatedRegistry } from './create-prevalidated-registry.js';
import { stampCatalog } from './stamp-catalog.js';

const clean = plugin('clean', {
  offerings: [offering('clean-1', 'clean/one')],
  models: [profile('clean-1')],
});

/** A plugin whose base URL is valid once trimmed: createRegistry accepts it, and indexes the trimmed copy. */
function padded<const Id extends string>(id: Id) {
  return plugin(id, {
    descriptorOverrides: {
      endpoints: { chat: { baseUrl: ` https://api.${id}.example.test/v1 `, protocol: 'chat-completions' } },
    },
  });
}

/** Run stampCatalog and return the CatalogError it must throw. */
function refusal(run: () => unknown): CatalogError {
  try {
    run();
  } catch (error) {
    expect(CatalogError.isInstance(error)).toBe(true);
    return error as CatalogError;
  }
  throw new Error('stampCatalog stamped a catalog it should refuse');
}

const normalisedIssue = (id: string) => ({
  code: 'INVALID_DATA',
  path: `plugins[${id}].descriptor`,
  message: 'Validation normalises this descriptor (e.g. whitespace around a URL), so it cannot be stamped as it is.',
  fix: 'Write the descriptor in its normalised form (URLs without surrounding whitespace).',
});

describe('stampCatalog', () => {
  it('refuses a plugin whose descriptor validation would normalise, naming it and saying how to fix it', () => {
    const error = refusal(() => stampCatalog({ plugins: [clean, padded('acme')] }));
    expect(error.code).toBe('CATALOG_INVALID');
    expect(error.issues).toStrictEqual([normalisedIssue('acme')]);
    expect(error.message).toBe(
      [
        'Catalog rejected (1 problem):',
        '- plugins[acme].descriptor: Validation normalises this descriptor (e.g. whitespace around a URL), so it cannot be stamped as it is. Fix: Write the descriptor in its normalised form (URLs without surrounding whitespace). [INVALID_DATA]',
      ].join('\n'),
    );
  });

  it('lists every plugin it refuses, in plugin order', () => {
    const error = refusal(() => stampCatalog({ plugins: [padded('zeta'), clean, padded('alpha')] }));
    expect(error.issues).toStrictEqual([normalisedIssue('zeta'), normalisedIssue('alpha')]);
  });

  it('stamps plugins whose descriptors are already in normalised form, and the stamp loads them', () => {
    const other = plugin('other', { descriptorOverrides: { docsUrl: 'https://docs.other.example.test/' } });
    const options = { plugins: [clean, other] } as const;
    const stamp = stampCatalog(options);
    expect(stamp.plugins.map((entry) => entry.id)).toStrictEqual(['clean', 'other']);
    expect(createPrevalidatedRegistry({ ...options, stamp }).providerIds).toStrictEqual(['clean', 'other']);
  });
});
