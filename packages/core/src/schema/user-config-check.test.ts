import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unknownUserConfigKeys, USER_CONFIG_SHAPES, userConfigIssues } from './user-config-check.js';
import { providerConfigSchema, roleConfigSchema, userConfigSchema } from './user-config.js';
import { expectedCases, propertyRuns } from '../__fixtures__/property-runs.js';

/** Mostly valid values of one field, sometimes an invalid one, sometimes anything at all. */
const field = (good: readonly unknown[], bad: readonly unknown[]) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...good), weight: 60 },
    { arbitrary: fc.constantFrom(...bad), weight: 2 },
    { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 },
  );

const strings = field([['deepseek:deepseek-v4-pro'], [], ['a', 'b']], [[''], 'x', [1]]);
const url = field(
  ['https://api.example.com/v1', 'http://127.0.0.1:8000/v1', ' https://x.example ', 'HTTPS://UP.example'],
  ['ftp://x.example', 'http:x.example', 'https:/x', 'not a url', '', 'https://'],
);
const positive = field(
  [1, 128_000, Number.MAX_SAFE_INTEGER],
  [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '8'],
);
const reasoning = field(['off', 'high', 'max'], ['HIGH', 'extreme', '']);
const text = field(['x', 'deepseek-v4-pro'], ['', 7]);

/** A table with some of its known keys (each maybe absent), plus an unknown key now and then. */
const table = (shape: Record<string, fc.Arbitrary<unknown>>) =>
  fc.record({ ...shape, unknown_key: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: [] });

const providerTable = table({
  model: text,
  base_url: url,
  endpoint: text,
  api_key: text,
  api_key_env: field(['ACME_API_KEY', '_X'], ['acme_key', '1ABC', '']),
  api_key_command: field([['pass', 'show', 'acme'], ['x']], [[], [''], 'pass show']),
  auth_mode: field(['auto', 'bearer', 'x-api-key', 'none'], ['basic', '']),
  context_window: positive,
  max_output: positive,
  custom_models: strings,
  reasoning,
  fallback: strings,
});

const roleTable = table({
  provider: text,
  model: text,
  purpose: text,
  requires: field([['tools', 'json'], []], [['telepathy'], 'tools']),
  min_context: positive,
  prefer: field(['cost', 'latency', 'quality'], ['cheap']),
  reasoning,
  allow_providers: strings,
});

const tables = (item: fc.Arbitrary<unknown>) =>
  fc.oneof(
    {
      arbitrary: fc.dictionary(fc.constantFrom('together', 'deepseek', 'local-vllm', '__proto__x'), item, {
        maxKeys: 3,
      }),
      weight: 8,
    },
    { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 },
  );

const config = fc.record(
  {
    $schema: field(['./config.schema.json', ''], [1]),
    provider: text,
    model: text,
    base_url: url,
    reasoning,
    fallback: strings,
    providers: tables(providerTable),
    roles: tables(roleTable),
    routing: field(
      [{}, { prefer: 'cost', cost_saving: true }, { allow_providers: ['together'] }, { extra: 1 }],
      [{ prefer: 'fast' }, { cost_saving: 'yes' }, { allow_providers: [''] }, []],
    ),
    unknown_root: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);

describe('userConfigIssues', () => {
  it('accepts exactly what userConfigSchema accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(config, (value) => {
        const expected = userConfigSchema.safeParse(value).success;
        if (expected) accepted++;
        expect(userConfigIssues(value).length === 0).toBe(expected);
      }),
      { numRuns: propertyRuns(20_000) },
    );
    // Both sides must be exercised, or the agreement means nothing.
    expect(accepted).toBeGreaterThan(expectedCases(1_000));
    expect(accepted).toBeLessThan(propertyRuns(20_000) - expectedCases(1_000));
  }, 120_000);

  it('agrees with the schema on arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        expect(userConfigIssues(value).length === 0).toBe(userConfigSchema.safeParse(value).success);
      }),
      { numRuns: propertyRuns(3_000) },
    );
  });

  it('names the key and what is expected, never the value', () => {
    const issues = userConfigIssues({
      providers: { together: { auth_mode: 'sometimes', api_key: '', context_window: 0 } },
      routing: { prefer: 'sk-secret-value' },
    });
    expect(issues).toEqual([
      { path: ['providers', 'together', 'api_key'], message: 'Expected a non-empty string.' },
      { path: ['providers', 'together', 'auth_mode'], message: 'Expected one of: auto, bearer, x-api-key, none.' },
      { path: ['providers', 'together', 'context_window'], message: 'Expected a positive whole number.' },
      { path: ['routing', 'prefer'], message: 'Expected one of: cost, latency, quality.' },
    ]);
    expect(JSON.stringify(issues)).not.toContain('sk-secret-value');
  });

  it('checks the [receipts] table: a retention of 0 days or a size cap that is not a whole number is refused', () => {
    expect(userConfigIssues({ receipts: { keep_days: 0, max_bytes: 1.5, hash_request_body: 'yes', dir: '' } })).toEqual(
      [
        { path: ['receipts', 'dir'], message: 'Expected a non-empty string.' },
        { path: ['receipts', 'keep_days'], message: 'Expected a positive whole number.' },
        { path: ['receipts', 'max_bytes'], message: 'Expected a positive whole number.' },
        { path: ['receipts', 'hash_request_body'], message: 'Expected true or false.' },
      ],
    );
    expect(userConfigIssues({ receipts: { keep_days: 30, max_bytes: 50_000_000 } })).toEqual([]);
  });

  it('knows exactly the keys the schema declares, table by table', () => {
    const routing = userConfigSchema.shape.routing.unwrap();
    expect([...USER_CONFIG_SHAPES.root].sort()).toEqual(Object.keys(userConfigSchema.shape).sort());
    expect([...USER_CONFIG_SHAPES.provider].sort()).toEqual(Object.keys(providerConfigSchema.shape).sort());
    expect([...USER_CONFIG_SHAPES.role].sort()).toEqual(Object.keys(roleConfigSchema.shape).sort());
    expect([...USER_CONFIG_SHAPES.routing].sort()).toEqual(Object.keys(routing.shape).sort());
    const receipts = userConfigSchema.shape.receipts.unwrap();
    expect([...USER_CONFIG_SHAPES.receipts].sort()).toEqual(Object.keys(receipts.shape).sort());
  });

  it('lists the keys no schema knows, inside known tables and records', () => {
    const config = {
      provider: 'x',
      provder: 'typo',
      providers: { acme: { contxt_window: 1, model: 'm' }, odd: 'not a table' },
      roles: { review: { modle: 'x' } },
      routing: { prefer: 'cost', cheap: true },
    };
    expect(unknownUserConfigKeys(config)).toEqual([
      ['provder'],
      ['providers', 'acme', 'contxt_window'],
      ['roles', 'review', 'modle'],
      ['routing', 'cheap'],
    ]);
    expect(unknownUserConfigKeys('not a table')).toEqual([]);
  });
});
