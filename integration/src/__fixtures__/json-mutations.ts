// Random mutations of recorded JSON bodies, shared by the fuzz harnesses (fuzz-listings, fuzz-hub). Each body is
// mutated by a small seeded generator whose seed fast-check draws: no `fc.gen()` history to replay, which once made a
// harness overflow the stack inside fast-check.
import fc from 'fast-check';

/** A JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Random choices of one mutation. */
interface Draw {
  int(min: number, max: number): number;
  junk(): Json;
  key(): string;
}

const KEY_POOL = fc.sample(fc.string({ maxLength: 8 }), { numRuns: 400, seed: 18 });

/** A small seeded generator (mulberry32) over a pool of junk values. */
function drawFrom(seed: number, junkPool: readonly Json[]): Draw {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    junk: () => junkPool[int(0, junkPool.length - 1)] as Json,
    key: () => KEY_POOL[int(0, KEY_POOL.length - 1)] as string,
  };
}

/** Apply one random mutation somewhere in a JSON value (replace, delete, retype, duplicate, wrap, inflate). */
function mutate(value: Json, draw: Draw, depth = 0): Json {
  const roll = draw.int(0, 99);
  if (depth > 6 || roll < 8) return draw.junk();
  if (Array.isArray(value)) {
    if (value.length === 0 || roll < 15) return [...value, draw.junk()];
    if (roll < 20) return value.slice(1);
    if (roll < 24) return Array.from({ length: draw.int(0, 3000) }, () => value[0] ?? null);
    const index = draw.int(0, value.length - 1);
    return value.map((item, position) => (position === index ? mutate(item, draw, depth + 1) : item));
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0 || roll < 15) return { ...value, [draw.key()]: draw.junk() };
    const key = keys[draw.int(0, keys.length - 1)] as string;
    if (roll < 25) {
      const { [key]: _dropped, ...rest } = value;
      return rest;
    }
    if (roll < 30) return [value];
    return { ...value, [key]: mutate(value[key] as Json, draw, depth + 1) };
  }
  if (typeof value === 'string' && roll < 50) return value.repeat(draw.int(0, 40));
  return draw.junk();
}

/**
 * Whether a value's JSON text would fit in `limit` characters (an estimate that stops early). Mutations share
 * sub-values by reference, so an inflated list of inflated lists can stand for gigabytes of text that no real response
 * could carry: the HTTP client caps bodies.
 */
function fitsInJsonText(value: Json, limit: number): boolean {
  let budget = limit;
  const visit = (node: Json): boolean => {
    budget -= typeof node === 'string' ? node.length + 2 : 8;
    if (budget < 0) return false;
    if (Array.isArray(node)) return node.every(visit);
    if (node !== null && typeof node === 'object')
      return Object.entries(node).every(([key, item]) => (budget -= key.length + 3) >= 0 && visit(item));
    return true;
  };
  return visit(value);
}

/**
 * Recorded bodies mutated 1 to 4 times, no larger than `maxTextLength` characters of JSON. `words` are values worth
 * planting (field values the parsers look for), beside null, booleans, edge numbers, prototype keys and random JSON.
 */
export function mutatedBodies(
  seeds: readonly Json[],
  options: { readonly maxTextLength: number; readonly words?: readonly Json[] },
): fc.Arbitrary<Json> {
  const junk: fc.Arbitrary<Json> = fc.oneof(
    fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e308, -0, '', ' ', 'null', '__proto__', 'constructor', [], {}),
    ...(options.words && options.words.length > 0 ? [fc.constantFrom<Json>(...options.words)] : []),
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  );
  // Junk values drawn once; each mutation picks among them with its own seeded generator.
  const junkPool = fc.sample(junk, { numRuns: 4_000, seed: 17 });
  return fc
    .tuple(fc.constantFrom(...seeds), fc.integer({ min: 1, max: 4 }), fc.integer())
    .map(([seed, rounds, mutationSeed]) => {
      const draw = drawFrom(mutationSeed, junkPool);
      let input = seed;
      for (let round = 0; round < rounds; round++) input = mutate(input, draw);
      return input;
    })
    .filter((input) => fitsInJsonText(input, options.maxTextLength));
}
