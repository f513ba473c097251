import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { receiptFixture } from './__fixtures__/receipt-fixture.js';
import { isPlainReceipt } from './receipt-fast-check.js';
import { routeReceiptSchema } from './route-receipt.js';

/** What the schema says, with nothing stripped: the only answer the fast check may give `true` for. */
function schemaAcceptsAsIs(value: unknown): boolean {
  const parsed = routeReceiptSchema.safeParse(value);
  return parsed.success && isDeepStrictEqual(parsed.data, value);
}

/** Paths into a receipt (the fixture's leaves and objects), to mutate one at a time. */
function paths(value: unknown, prefix: readonly string[] = []): string[][] {
  const out: string[][] = [[...prefix]];
  if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) out.push(...paths(child, [...prefix, key]));
  return out;
}

function withValue(receipt: object, path: readonly string[], value: unknown): unknown {
  const copy = structuredClone(receipt) as Record<string, unknown>;
  if (path.length === 0) return value;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1) as string;
  if (value === '(delete)') delete node[last];
  else node[last] = value;
  return copy;
}

const variants = [
  receiptFixture(),
  receiptFixture({
    outcome: { kind: 'aborted' },
    usage: { known: false, reason: 'r' },
    cost: { known: false, reason: 'c' },
  }),
  receiptFixture({
    outcome: { kind: 'network-error', code: 'ECONNRESET' },
    usage: {
      known: true,
      dialect: 'ollama-native',
      usage: { inputTokens: 1, outputTokens: 2, durations: { totalMs: 1.5, loadMs: 0, promptEvalMs: 2, evalMs: 3 } },
    },
    tags: {},
    requestSha256: 'a'.repeat(64),
    model: { wire: 'w' },
  }),
];
const oddValues = [
  '(delete)',
  undefined,
  null,
  0,
  -1,
  1.5,
  2 ** 53,
  Number.NaN,
  '',
  'x',
  'x'.repeat(513),
  'ABC',
  'a'.repeat(64),
  '0123456789abcdef',
  '2026-02-30T00:00:00.000Z',
  '2026-12-01T10:00:00Z',
  true,
  false,
  [],
  {},
  { known: true },
  { kind: 'ok', status: 200, extra: 1 },
  'https://example.com',
  'deepseek',
  200,
  1000,
];

describe('isPlainReceipt (the fast check behind checkRouteReceipt)', () => {
  it('accepts the receipts the schema accepts as they are', () => {
    for (const receipt of variants) {
      expect(schemaAcceptsAsIs(receipt)).toBe(true);
      expect(isPlainReceipt(receipt)).toBe(true);
      expect(isPlainReceipt(JSON.parse(JSON.stringify(receipt)))).toBe(true);
    }
  });

  it('never accepts what the schema rejects or would change: every path, every odd value', () => {
    let rejected = 0;
    for (const receipt of variants)
      for (const path of paths(receipt))
        for (const value of oddValues) {
          const mutated = withValue(receipt, path, value);
          const fast = isPlainReceipt(mutated);
          if (fast) expect({ path, value, schema: schemaAcceptsAsIs(mutated) }).toEqual({ path, value, schema: true });
          else rejected++;
        }
    expect(rejected).toBeGreaterThan(1000);
  });

  it('never accepts what the schema rejects or would change: random JSON anywhere (property)', () => {
    const base = variants.map((receipt) => paths(receipt).map((path) => ({ receipt, path })));
    const targets = base.flat();
    fc.assert(
      fc.property(fc.constantFrom(...targets), fc.jsonValue(), ({ receipt, path }, value) => {
        const mutated = withValue(receipt, path, value);
        if (isPlainReceipt(mutated)) expect(schemaAcceptsAsIs(mutated)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves a class instance, an extra key or a stale provenance to the schema', () => {
    class Box {
      constructor(readonly wire: string) {}
    }
    expect(isPlainReceipt({ ...receiptFixture(), model: new Box('w') })).toBe(false);
    expect(isPlainReceipt({ ...receiptFixture(), prompt: 'p' })).toBe(false);
    const fixture = receiptFixture();
    const cost = fixture.cost.known ? { ...fixture.cost, source: { ...fixture.cost.source, extra: 1 } } : fixture.cost;
    expect(isPlainReceipt({ ...fixture, cost })).toBe(false);
  });
});
