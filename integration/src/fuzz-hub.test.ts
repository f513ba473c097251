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
import { type Json, mutatedBodies } from './__fixtures__/json-mutations.js';

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

// Field values the Hub parsers look for, planted among the junk.
const mutatedBody = mutatedBodies(SEEDS, {
  maxTextLength: LISTING_MAX_BYTES,
  words: ['manual', 'auto', 'live', 'BF16', 'base_model:quantized:org/x', 'license:mit', 'model-Q4_K_M.gguf'],
});

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
