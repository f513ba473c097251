import type { LiveContext, MeterContext, ReasoningMapping } from '@codewhale/core';
import { ListingParseError, ProviderHttpError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';
import {
  acmeListing,
  acmeModel,
  acmeOffering,
  acmePlugin,
  parseAcmeModels,
  source,
  withParts,
} from './__fixtures__/acme-plugin.js';
import { CANARY_KEY, CANARY_TOKEN, malformedListings, plantCanaries } from './conformance-bodies.js';
import {
  checkHealthProbe,
  checkMalformedListing,
  checkMeterDescribe,
  checkMeterRead,
  checkModelIdPolicy,
  checkPlantedRecordedListing,
  checkPlantedSyntheticListing,
  checkProvenance,
  checkReasoning,
  checkRecordedListing,
  checkRegistration,
  reasoningContexts,
} from './conformance-checks.js';
import { CONFORMANCE_MODEL_IDS } from './conformance-model-ids.js';
import { describePluginConformance } from './describe-plugin-conformance.js';
import { createFakeLiveContext, type FakeAnswer } from './fake-live-context.js';

// The whole suite, on a plugin that owes everything and pays it.
describePluginConformance(acmePlugin, {
  listings: [{ name: 'acme listing', body: acmeListing }],
  health: { routes: { 'GET base:/models': { status: 200, json: acmeListing } } },
});

// A plugin without optional parts: those checks are reported as skipped, the rest still run.
describePluginConformance(
  withParts({
    discovery: undefined,
    health: undefined,
    reasoning: undefined,
    usageMeter: { describe: () => ({ kind: 'unknown', reason: 'unpriced' }) },
  }),
  {
    skip: { provenance: 'demonstrates a skip with its reason' },
  },
);

const host = { providerId: 'acme', baseUrl: 'https://api.acme.example/v1' } as const;
const everything = (answer: FakeAnswer): LiveContext => createFakeLiveContext({}, { ...host, fallback: answer });

describe('describePluginConformance options', () => {
  it('refuses an unknown check name or a skip without a reason', () => {
    expect(() => describePluginConformance(acmePlugin, { skip: { 'health-probe': 'typo' } as never })).toThrow(
      /unknown check "health-probe"/,
    );
    expect(() => describePluginConformance(acmePlugin, { skip: { health: ' ' } })).toThrow(
      /skip.health needs a reason/,
    );
  });

  it('has a standard id table with the required kinds of ids', () => {
    const ids = CONFORMANCE_MODEL_IDS.map(({ id }) => id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'org/Model',
        'model:tag',
        'model:free',
        'Mixed-Case-Model',
        ' model',
        'model ',
        'model name',
        '',
        '模型',
        'model\u200bname',
        'model\u202eledom',
      ]),
    );
    expect(ids.some((id) => id.length === 600)).toBe(true);
  });
});

describe('registration and provenance checks', () => {
  it('fail for an offering whose canonical model the plugin does not bring', () => {
    expect(() => checkRegistration(withParts({ models: [] }))).toThrow(
      /canonical model "acme-coder-7b" is not among plugin.models/,
    );
  });

  it('fail for a descriptor the schema refuses', () => {
    const descriptor = { ...acmePlugin.descriptor, class: 'cloud' } as never;
    expect(() => checkRegistration(withParts({ descriptor }))).toThrow(
      /createRegistry.*threw CatalogError[\s\S]*descriptor.class/,
    );
  });

  it('fail for a limit or price without source.url, and for a price of 0', () => {
    const unsourced = { ...acmeOffering, limits: { maxOutput: { value: 8192 } } } as never;
    expect(() => checkProvenance(withParts({ offerings: [unsourced] }))).toThrow(
      /limits.maxOutput: a value without source.url/,
    );
    const free = {
      ...acmeOffering,
      meter: { kind: 'token-pricing', currency: 'USD', rates: { input: 0, output: 0.6 }, source },
    } as never;
    expect(() => checkProvenance(withParts({ offerings: [free] }))).toThrow(/rates.input is 0/);
    const tiered = {
      ...acmeOffering,
      meter: { ...acmeOffering.meter, contextTiers: [{ minInputTokens: 1000, rates: { output: 0 } }] },
    } as never;
    expect(() => checkProvenance(withParts({ offerings: [tiered] }))).toThrow(/contextTiers\[0\].rates.output is 0/);
    const model = {
      ...acmeModel,
      limits: {
        contextWindow: { value: 1000, source: { retrieved: '2026-11-01', kind: 'official' } },
        maxOutput: 'unknown',
      },
    } as never;
    expect(() => checkProvenance(withParts({ models: [model] }))).toThrow(
      /models\[0\] \(acme-coder-7b\).limits.contextWindow/,
    );
  });
});

describe('model-id policy check', () => {
  const policy = (classify: (id: string) => unknown, lookupKey?: (id: string) => string) =>
    withParts({ modelIdPolicy: { classify: classify as never, ...(lookupKey ? { lookupKey } : {}) } });

  it('fails a policy that passes every id through (inner whitespace, control characters, 600 characters)', () => {
    const error = (() => {
      try {
        checkModelIdPolicy(policy(() => ({ kind: 'pass-through', reason: 'anything goes' })));
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a failure');
    })();
    expect(error.message).toMatch(/classify\("model name"\) on the official endpoint is pass-through/);
    expect(error.message).toMatch(/classify\("model\\u0000name"\)/);
    expect(error.message).toMatch(/\(600 chars\)\) on a custom endpoint is pass-through/);
    expect(error.message).not.toMatch(/classify\(" model"\)/); // leading whitespace is the resolver's to trim
  });

  it('fails a policy that throws, returns an unknown kind, or gives no reason', () => {
    expect(() =>
      checkModelIdPolicy(
        policy((id) => (id === '' ? (undefined as never as string).length : { kind: 'invalid', reason: 'no' })),
      ),
    ).toThrow(/classify\(""\) on the official endpoint threw TypeError/);
    expect(() => checkModelIdPolicy(policy(() => ({ kind: 'ok', reason: 'fine' })))).toThrow(/returned kind "ok"/);
    expect(() => checkModelIdPolicy(policy(() => ({ kind: 'invalid', reason: '' })))).toThrow(/has no reason/);
    expect(() => checkModelIdPolicy(policy(() => ({ kind: 'mapped', wireId: ' spaced ', reason: 'renamed' })))).toThrow(
      /not a valid wire id/,
    );
  });

  it('fails a lookupKey that throws or is not idempotent', () => {
    const invalid = () => ({ kind: 'invalid', reason: 'no' });
    expect(() => checkModelIdPolicy(policy(invalid, (id) => `${id}:latest`))).toThrow(
      /lookupKey is not idempotent on "org\/Model"/,
    );
    expect(() => checkModelIdPolicy(policy(invalid, (id) => id.normalize('NFC').at(0)!.toLowerCase()))).toThrow(
      /lookupKey\(""\) threw TypeError/,
    );
  });
});

describe('discovery checks', () => {
  const parser = (parseModels: (body: unknown) => unknown) =>
    withParts({ discovery: { parseModels: parseModels as never } });

  it('fail for records the schema refuses, or fewer than minRecords', () => {
    const extra = parser((body) => parseAcmeModels(body).map((record) => ({ ...record, permission: [] })));
    expect(() => checkRecordedListing(extra, { name: 'acme', body: acmeListing })).toThrow(
      /record\[0\]: Unrecognized key: "permission"/,
    );
    expect(() => checkRecordedListing(acmePlugin, { name: 'acme', body: acmeListing, minRecords: 2 })).toThrow(
      /returned 1 records, expected at least 2/,
    );
  });

  it('fail for a parser that mutates its input', () => {
    const mutating = parser((body) => {
      (body as Record<string, unknown>).parsed = true;
      return parseAcmeModels(body);
    });
    expect(() => checkRecordedListing(mutating, { name: 'acme', body: acmeListing })).toThrow(
      /must not mutate its input/,
    );
  });

  it('fail for a parser that crashes on malformed bodies with something other than a ListingParseError', () => {
    const naive = parser((body) => (body as { data: { id: string }[] }).data.map(({ id }) => ({ id })));
    expect(() => checkMalformedListing(naive, null)).toThrow(/threw TypeError: .*not a ListingParseError/);
    const nonString = parser(() => [{ id: 5 }]);
    expect(() => checkMalformedListing(nonString, { data: [{ id: 5 }] })).toThrow(/record\[0\].id/);
  });

  it('pass every malformed body for a parser built on plugin-kit', () => {
    for (const { body } of malformedListings()) checkMalformedListing(acmePlugin, body);
  });

  it('fail for a parser that copies unknown fields (the canary)', () => {
    const copying = parser((body) =>
      parseOpenAIModelListLoose(body).map((entry) => ({ id: String(entry.id), displayName: JSON.stringify(entry) })),
    );
    expect(() => checkPlantedRecordedListing(copying, { name: 'acme', body: acmeListing })).toThrow(
      /copied a planted secret into a record/,
    );
    expect(() => checkPlantedSyntheticListing(copying, plantCanaries(acmeListing))).toThrow(
      /a record holds a planted secret/,
    );
  });

  it('fail for a parser that rejects unknown fields, or quotes a planted secret in its error', () => {
    const strict = parser((body) => {
      const entry = (body as { data: Record<string, unknown>[] }).data[0] ?? {};
      const unknown = Object.keys(entry).find(
        (key) => !['id', 'object', 'created', 'owned_by', 'max_model_len'].includes(key),
      );
      if (unknown)
        throw new ListingParseError(
          'acme',
          `data[0].${unknown}`,
          `unexpected field with ${JSON.stringify(entry[unknown])}`,
        );
      return parseAcmeModels(body);
    });
    expect(() => checkPlantedRecordedListing(strict, { name: 'acme', body: acmeListing })).toThrow(
      /unknown fields must not turn a good listing into an error/,
    );
    expect(() => checkPlantedSyntheticListing(strict, plantCanaries(acmeListing))).toThrow(/quotes a planted secret/);
  });
});

function parseOpenAIModelListLoose(body: unknown): Record<string, unknown>[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) throw new ListingParseError('acme', 'data', 'expected a list');
  return data as Record<string, unknown>[];
}

describe('health check', () => {
  const probe = (run: (context: LiveContext) => Promise<unknown>) => withParts({ health: { probe: run as never } });

  it('fails a probe that throws on a network error', async () => {
    const throwing = probe(async (context) => {
      await context.request({ path: '/models' });
      return { state: 'up', evidence: ['ok'] };
    });
    const network = new ProviderHttpError('connect ECONNREFUSED', {
      kind: 'network',
      url: 'https://api.acme.example/v1/models',
    });
    await expect(checkHealthProbe(throwing, everything(network))).rejects.toThrow(/probe threw ProviderHttpError/);
  });

  it('fails a probe that echoes a body into its evidence (planted secret), or reports no evidence or an unknown state', async () => {
    const echoing = probe(async (context) => ({
      state: 'up',
      evidence: [(await context.request({ path: '/models' })).text],
    }));
    await expect(
      checkHealthProbe(echoing, everything({ status: 200, json: plantCanaries(acmeListing) })),
    ).rejects.toThrow(/holds a planted secret/);
    await expect(
      checkHealthProbe(
        probe(async () => ({ state: 'up', evidence: [] })),
        everything({ status: 200, text: '' }),
      ),
    ).rejects.toThrow(/no evidence line/);
    await expect(
      checkHealthProbe(
        probe(async () => ({ state: 'healthy', evidence: ['x'] })),
        everything({ status: 200, text: '' }),
      ),
    ).rejects.toThrow(/state "healthy" is not one of/);
  });

  it('checks the up case gives up', async () => {
    await expect(checkHealthProbe(acmePlugin, everything({ status: 200, json: { data: [] } }), 'up')).rejects.toThrow(
      /state is "up-no-model", expected "up"/,
    );
  });

  it('the 401 case is redacted by the fake host like a real one: the plugin quoting provider messages stays clean', async () => {
    const context = everything({
      status: 401,
      json: { error: { message: `Incorrect API key provided: ${CANARY_KEY}` } },
    });
    await checkHealthProbe(acmePlugin, context);
    expect(JSON.stringify(await acmePlugin.health?.probe(context))).toContain(
      '401 (Incorrect API key provided: [redacted])',
    );
  });
});

describe('usage meter checks', () => {
  it('fail a meter that keeps token pricing on a custom endpoint', () => {
    const leaky = withParts({
      usageMeter: {
        describe: (context: MeterContext) => context.offering?.meter ?? { kind: 'unknown', reason: 'none' },
      },
    });
    expect(() => checkMeterDescribe(leaky)).toThrow(/describe\(acme\/Coder-7B on a custom endpoint\) is token-pricing/);
  });

  it('fail a meter whose describe throws or returns an invalid meter', () => {
    expect(() =>
      checkMeterDescribe(withParts({ usageMeter: { describe: () => ({ kind: 'free' }) as never } })),
    ).toThrow(/describe\(acme\/Coder-7B on its official endpoint\)/);
    expect(() =>
      checkMeterDescribe(
        withParts({
          usageMeter: { describe: (context) => (context.offering as MeterContext['offering'] & object).meter },
        }),
      ),
    ).toThrow(/threw TypeError/);
  });

  it('fail a read that crashes with a TypeError, or resolves for a 500', async () => {
    const naive = withParts({
      usageMeter: {
        describe: acmePlugin.usageMeter.describe,
        read: async (context) => ({
          kind: 'account-credits',
          available: true,
          balances: [
            {
              currency: 'USD',
              total: String((await context.request({ path: '/balance' })).json as never as { a: { b: 1 } }['a']['b']),
            },
          ],
          fetchedAt: '',
        }),
      },
    });
    await expect(checkMeterRead(naive, everything({ status: 500, text: '' }), true)).resolves.toBeUndefined();
    await expect(checkMeterRead(naive, everything({ status: 200, json: {} }), false)).rejects.toThrow(
      /reading has no fetchedAt time/,
    );
    const crashing = withParts({
      usageMeter: {
        describe: acmePlugin.usageMeter.describe,
        read: async (context) => ((await context.request({ path: '/balance' })).json as { a: { b: never } }).a.b,
      },
    });
    await expect(checkMeterRead(crashing, everything({ status: 200, json: {} }), false)).rejects.toThrow(
      /read threw TypeError/,
    );
    const lenient = withParts({
      usageMeter: {
        describe: acmePlugin.usageMeter.describe,
        read: async () => ({ kind: 'local', loadedModels: [], fetchedAt: new Date().toISOString() }),
      },
    });
    await expect(checkMeterRead(lenient, everything({ status: 500, text: '' }), true)).rejects.toThrow(
      /read resolved .* for a failed request/,
    );
  });
});

describe('reasoning check', () => {
  const dialect = (map: (level: never) => unknown) => withParts({ reasoning: { map: map as never } });
  const [offering] = reasoningContexts(acmePlugin);

  it('covers each offering and a pass-through id on the official and a custom endpoint', () => {
    expect(reasoningContexts(acmePlugin).map(({ name }) => name)).toEqual([
      'offering acme/Coder-7B',
      'pass-through id conformance-unlisted-model-7b (official endpoint)',
      'pass-through id conformance-unlisted-model-7b (custom endpoint)',
    ]);
  });

  it('fails a clamp without a note or clampedFrom, an unknown level, and params that are not plain JSON', () => {
    const silent = dialect(
      (level): ReasoningMapping => (level === 'max' ? { level: 'high', params: {} } : { level, params: {} }),
    );
    expect(() => checkReasoning(silent, offering!.context)).toThrow(
      /map\(max\) applied "high" without a note[\s\S]*map\(max\) applied "high" without clampedFrom/,
    );
    expect(() =>
      checkReasoning(
        dialect(() => ({ level: 'extreme', params: {} })),
        offering!.context,
      ),
    ).toThrow(/applied level "extreme"/);
    expect(() =>
      checkReasoning(
        dialect((level) => ({ level, params: { at: new Date(0) } })),
        offering!.context,
      ),
    ).toThrow(/params are not a plain JSON object/);
    expect(() =>
      checkReasoning(
        dialect((level) => ({ level, params: { budget: Number.NaN } })),
        offering!.context,
      ),
    ).toThrow(/params are not a plain JSON object/);
    expect(() =>
      checkReasoning(
        dialect((level) => ({ level, clampedFrom: 'high', params: {} })),
        offering!.context,
      ),
    ).toThrow(/map\(off\) sets clampedFrom "high", not the asked "off"/);
  });

  it('accepts clampedFrom on an unchanged level (asked "off", but nothing can switch reasoning off)', () => {
    const cannotSwitchOff = dialect((level) =>
      level === 'off'
        ? { level, clampedFrom: 'off', params: {}, note: 'no off switch' }
        : { level, params: { effort: level } },
    );
    expect(() => checkReasoning(cannotSwitchOff, offering!.context)).not.toThrow();
  });
});

describe('planted canaries', () => {
  it('are planted in every object of a body without changing its fields', () => {
    const planted = plantCanaries({ data: [{ id: 'a', nested: { keep: 1 } }] }) as {
      data: { id: string; token: string; nested: { keep: number; api_key: string } }[];
      api_key: string;
    };
    expect(planted.api_key).toBe(CANARY_KEY);
    expect(planted.data[0]).toMatchObject({ id: 'a', token: CANARY_TOKEN, nested: { keep: 1, api_key: CANARY_KEY } });
  });
});
