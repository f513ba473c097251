import { describe, expect, it } from 'vitest';
import { LICENSE_ID_PATTERN, licenseFactSchema, modelProfileSchema } from './model-profile.js';
import { profile } from '../__fixtures__/synthetic-plugins.js';

const source = { url: 'https://huggingface.co/acme/Acme-1', retrieved: '2026-12-02', kind: 'official' } as const;

// @see issue 17 item 4: a licence is a sourced fact (id, name, link) or `unknown` with a reason; old data keeps loading.
describe('licenseFactSchema', () => {
  it('takes a sourced licence with the Hub id, SPDX id, name and link', () => {
    const license = {
      value: 'apache-2.0',
      spdx: 'Apache-2.0',
      name: 'Apache License 2.0',
      url: 'https://huggingface.co/acme/Acme-1/blob/main/LICENSE',
      source,
    };
    expect(licenseFactSchema.parse(license)).toEqual(license);
    const other = {
      value: 'other',
      licenseName: 'modified-mit',
      name: 'Modified MIT License',
      url: 'https://huggingface.co/acme/Acme-1/blob/main/LICENSE',
      source,
      note: 'Card metadata: license: other, license_name: modified-mit.',
    };
    expect(licenseFactSchema.parse(other)).toEqual(other);
  });

  it('takes unknown with a reason, and optionally the sources that did not settle it', () => {
    expect(licenseFactSchema.parse({ value: 'unknown', reason: 'No public weights.' })).toEqual({
      value: 'unknown',
      reason: 'No public weights.',
    });
    expect(
      licenseFactSchema.safeParse({ value: 'unknown', reason: 'Sources disagree.', sources: [source] }).success,
    ).toBe(true);
    expect(licenseFactSchema.safeParse({ value: 'unknown' }).success).toBe(false);
    expect(licenseFactSchema.safeParse({ value: 'unknown', reason: '' }).success).toBe(false);
    expect(licenseFactSchema.safeParse({ value: 'unknown', source }).success).toBe(false);
  });

  it('keeps loading data written before: the bare "unknown" and the text-fact form { value, source }', () => {
    expect(licenseFactSchema.parse('unknown')).toBe('unknown');
    expect(licenseFactSchema.parse({ value: 'mit', source })).toEqual({ value: 'mit', source });
    expect(modelProfileSchema.safeParse(profile('acme-1')).success).toBe(true);
  });

  it('rejects ids not spelled as the Hub spells them, a licence without a source, and unknown keys', () => {
    for (const value of ['MIT', 'Apache 2.0', 'unknown', '', '-mit'])
      expect(LICENSE_ID_PATTERN.test(value), value).toBe(false);
    for (const value of ['mit', 'apache-2.0', 'llama3.3', 'other', 'cc-by-nc-4.0', 'openrail++'])
      expect(LICENSE_ID_PATTERN.test(value), value).toBe(true);
    expect(licenseFactSchema.safeParse({ value: 'mit', name: 'MIT License' }).success).toBe(false);
    expect(licenseFactSchema.safeParse({ value: 'mit', source, spdx: 'MIT License' }).success).toBe(false);
    expect(licenseFactSchema.safeParse({ value: 'mit', source, url: 'not a url' }).success).toBe(false);
    expect(licenseFactSchema.safeParse({ value: 'mit', source, colour: 'blue' }).success).toBe(false);
  });
});
