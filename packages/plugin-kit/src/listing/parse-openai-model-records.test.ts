import { describe, expect, it } from 'vitest';
import { ListingParseError } from '../errors/provider-http-error.js';
import { parseOpenAIModelRecords } from './parse-openai-model-records.js';

describe('parseOpenAIModelRecords', () => {
  it('keeps id, canonical model, owner and creation time, and nothing else', () => {
    const body = {
      object: 'list',
      data: [{ id: 'acme-1', owned_by: 'acme', created: 1700000000, api_key: 'sk-planted' }, { id: 'other' }],
    };
    const records = parseOpenAIModelRecords(body, {
      providerId: 'acme',
      canonicalFor: (id) => (id === 'acme-1' ? 'acme-one' : undefined),
    });
    expect(records).toEqual([
      { id: 'acme-1', canonicalModel: 'acme-one', ownedBy: 'acme', created: 1700000000 },
      { id: 'other' },
    ]);
    expect(JSON.stringify(records)).not.toContain('sk-planted');
  });

  it('passes the listing options through (null data, bad bodies)', () => {
    expect(parseOpenAIModelRecords({ data: null }, { providerId: 'acme', allowNullData: true })).toEqual([]);
    expect(() => parseOpenAIModelRecords({ data: [{ id: 3 }] }, { providerId: 'acme' })).toThrow(ListingParseError);
  });
});
