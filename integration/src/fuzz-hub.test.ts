import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  buildPassport,
  cardSummary,
  createHubClient,
  HubError,
  modelPassportSchema,
  parseHubFileSizes,
  parseHubModelInfo,
  parseHubSearchResults,
  parseLinkHeader,
  type HubAnswerSource,
} from '@codewhale/hub';
import { LISTING_MAX_BYTES } from '@codewhale/plugin-kit';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Untrusted Hub bodies: every recorded model answer (packages/hub/src/__fixtures__), mutated at random, through every
// parser of @codewhale/hub. The only acceptable outcomes: checked values (and a schema-valid passport), or a HubError.
const FIXTURES = new URL('../../packages/hub/src/__fixtures__/', import.meta.url);
const fixture = (name: string): Json => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Json;
const MODEL_ANSWERS = [
  'model_info_gated_llama31_8b_instruct.json',
  'model_info_gguf_gemma3_1b.json',
  'model_info_expand_inferenceProviderMapping_2025-02.json',
  'model_info_expand_pipeline_tag_bart_base.json',
].map(fixture);
// A search page as `GET /api/models?expand[]=…` answers it: a list of model objects (here, the recorded answers).
const SEEDS: Json[] = [...MODEL_ANSWERS, MODEL_ANSWERS, [fixture('error_401_invalid_credentials.json')]];

const SOURCE: HubAnswerSource = {
  url: 'https://huggingface.co/api/models/org/model',
  requested: 'org/model',
  fetchedAt: '2026-12-02T10:00:00.000Z',
  fromCache: false,
  token: 'none',
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 1e308, -0, '', ' ', 'null', '__proto__', 'constructor', [], {}),
  fc.constantFrom<Json>(
    'manual',
    'auto',
    'live',
    'BF16',
    'base_model:quantized:org/x',
    'license:mit',
    'model-Q4_K_M.gguf',
  ),
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

/** Random choices of one mutation, from a seed fast-check draws (a seeded generator: no `fc.gen()` history to replay). */
interface Draw {
  int(min: number, max: number): number;
  junk(): Json;
  key(): string;
}

// Junk values and keys drawn once; each mutation picks among them with its own seeded generator.
const JUNK_POOL = fc.sample(junk, { numRuns: 4_000, seed: 17 });
const KEY_POOL = fc.sample(fc.string({ maxLength: 8 }), { numRuns: 400, seed: 18 });

/** A small seeded generator (mulberry32) for the mutations of one body. */
function drawFrom(seed: number): Draw {
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
    junk: () => JUNK_POOL[int(0, JUNK_POOL.length - 1)] as Json,
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

/** Whether a value's JSON text would fit in `limit` characters (an estimate that stops early): the client caps bodies. */
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

/** A recorded body mutated 1 to 4 times, no larger than an answer the client would accept. */
const mutatedBody: fc.Arbitrary<Json> = fc
  .tuple(fc.constantFrom(...SEEDS), fc.integer({ min: 1, max: 4 }), fc.integer())
  .map(([seed, rounds, mutationSeed]) => {
    const draw = drawFrom(mutationSeed);
    let input = seed;
    for (let round = 0; round < rounds; round++) input = mutate(input, draw);
    return input;
  })
  .filter((input) => fitsInJsonText(input, LISTING_MAX_BYTES));

type Outcome = 'value' | 'typed-error';

/** Run a parser on untrusted input: a value, or a HubError; anything else fails the test. */
function checked<T>(run: () => T, check: (value: T) => void): Outcome {
  let value: T;
  try {
    value = run();
  } catch (error) {
    if (HubError.isInstance(error) && error.code === 'HUB_INVALID_BODY') return 'typed-error';
    throw error;
  }
  check(value);
  return 'value';
}

function parseEverything(input: unknown, outcomes: Record<Outcome, number>): void {
  outcomes[
    checked(
      () => parseHubModelInfo(input, SOURCE),
      (info) => {
        const passport = buildPassport(info, { card: typeof info.author === 'string' ? info.author : undefined });
        const parsed = modelPassportSchema.safeParse(passport);
        if (!parsed.success) throw new Error(`passport off schema: ${parsed.error.message}`);
        // Per-dtype counts are the body's own numbers, never summed into one for a mixed repo.
        if (passport.parameters.byDtype.known)
          expect(passport.parameters.byDtype.value).toEqual(info.safetensors?.parameters);
        if (passport.parameters.total.known) expect(Object.keys(info.safetensors?.parameters ?? {})).toHaveLength(1);
      },
    )
  ]++;
  outcomes[
    checked(
      () => parseHubSearchResults(input, { url: SOURCE.url }),
      (models) => expect(Array.isArray(models)).toBe(true),
    )
  ]++;
  outcomes[
    checked(
      () => parseHubFileSizes(input, { url: SOURCE.url }),
      (sizes) => expect(sizes).toBeInstanceOf(Map),
    )
  ]++;
}

describe('fuzzing every @codewhale/hub parser', () => {
  it('50,000 mutated Hub bodies: only checked values (schema-valid passports) or HubErrors, never a crash or a hang', () => {
    const outcomes: Record<Outcome, number> = { value: 0, 'typed-error': 0 };
    let bodies = 0;
    fc.assert(
      fc.property(mutatedBody, (input) => {
        parseEverything(input, outcomes);
        bodies++;
      }),
      { numRuns: 50_000 },
    );
    expect(bodies).toBe(50_000);
    // Both outcomes must be exercised, or the property proves little.
    expect(outcomes.value).toBeGreaterThan(5_000);
    expect(outcomes['typed-error']).toBeGreaterThan(5_000);
  }, 600_000);

  it('random text as a Link header or a model card: a plain result, never a throw', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({
        unit: fc.constantFrom(
          '<',
          '>',
          ';',
          ',',
          '"',
          'rel=',
          'next',
          ' ',
          '=',
          'https://h/',
          '[',
          ']',
          '(',
          ')',
          '`',
          '*',
          '_',
          '#',
          '-',
          '\n',
          '|',
          '!',
          '\u001b[',
          '<!--',
          '<script',
          '---\n',
        ),
        maxLength: 2_000,
      }),
    );
    fc.assert(
      fc.property(text, (input) => {
        const links = parseLinkHeader(input);
        for (const value of Object.values(links)) expect(typeof value).toBe('string');
        const { summary } = cardSummary(input);
        expect(summary).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      }),
      { numRuns: 5_000 },
    );
  }, 120_000);
});

describe('fuzzing the Hub client with untrusted bodies over real HTTP', () => {
  let server: Server;
  let base: string;
  const bodies: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      const repo = new URL(request.url ?? '/', 'http://x').pathname.split('/').pop() ?? '';
      const text = bodies[Number(repo.replace('m', ''))] ?? '';
      response.writeHead(200, { 'content-type': 'application/json' }).end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('mutated and truncated model answers end in a model info or a HubError, within the timeouts', async () => {
    for (const [index, value] of fc.sample(mutatedBody, { numRuns: 300, seed: 20261202 }).entries()) {
      const text = JSON.stringify(value);
      // Every third body is cut short, as a dropped connection would leave it.
      bodies.push(index % 3 === 0 ? text.slice(0, Math.floor(text.length / 2)) : text);
    }
    const hub = createHubClient({
      env: { HF_ENDPOINT: base },
      timeouts: { connectMs: 2000, headersMs: 2000, bodyMs: 2000 },
    });
    const outcomes = { info: 0, typed: 0 };
    try {
      for (let index = 0; index < bodies.length; index++) {
        try {
          const info = await hub.modelInfo(`org/m${index}`, undefined, { fileSizes: false });
          expect(modelPassportSchema.safeParse(buildPassport(info)).success).toBe(true);
          outcomes.info++;
        } catch (error) {
          if (!HubError.isInstance(error)) throw error;
          outcomes.typed++;
        }
      }
    } finally {
      await hub.close();
    }
    expect(outcomes.info + outcomes.typed).toBe(300);
    expect(outcomes.typed).toBeGreaterThan(0);
  }, 120_000);
});
