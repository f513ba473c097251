import { describe, expect, it } from 'vitest';
import { configKeyInfo, knownConfigKeys } from './config-keys.js';

describe('configKeyInfo', () => {
  it('tells a plain string from a URL, and carries the description the schema gives', () => {
    expect(configKeyInfo(['provider'])).toStrictEqual({ kind: 'string', description: 'Default provider id or alias.' });
    expect(configKeyInfo(['providers', 'vllm', 'base_url'])).toStrictEqual({
      kind: 'url',
      description: 'Endpoint override. Not the official endpoint: the route becomes custom.',
    });
  });

  it('knows booleans and lists of strings', () => {
    expect(configKeyInfo(['routing', 'cost_saving'])).toStrictEqual({ kind: 'boolean' });
    expect(configKeyInfo(['fallback'])).toStrictEqual({
      kind: 'string-list',
      description: 'Fallback chain of route refs (provider:model).',
    });
    expect(configKeyInfo(['providers', 'x', 'api_key_command'])).toStrictEqual({
      kind: 'string-list',
      description: 'Command (argv, no shell) that prints the key.',
    });
  });

  it('has no key below a leaf', () => {
    expect(configKeyInfo(['provider', 'x'])).toBeUndefined();
    expect(configKeyInfo(['providers', 'vllm', 'model', 'x'])).toBeUndefined();
  });
});

describe('knownConfigKeys', () => {
  it('lists only keys a user can write (each one has a kind), never $schema', () => {
    const keys = knownConfigKeys();
    expect(keys).not.toContain('$schema');
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(configKeyInfo(key.split('.')), key).toBeDefined();
    expect(keys.slice(0, 5)).toStrictEqual(['provider', 'model', 'base_url', 'reasoning', 'fallback']);
    expect(keys).toEqual(expect.arrayContaining(['routing.cost_saving', 'receipts.keep_days', 'roles.<name>.prefer']));
  });
});
