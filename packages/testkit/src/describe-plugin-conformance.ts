import type { LiveContext, ProviderPlugin } from '@codewhale/core';
import { ProviderHttpError } from '@codewhale/plugin-kit';
import { describe, it } from 'vitest';
import {
  CANARY_KEY,
  CANARY_TOKEN,
  malformedListings,
  plantCanaries,
  plantedSyntheticListings,
} from './conformance-bodies.js';
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
  officialEndpoint,
  reasoningContexts,
} from './conformance-checks.js';
import { createFakeLiveContext, type FakeAnswer } from './fake-live-context.js';

/** The checks of {@link describePluginConformance}, each skippable with a reason. */
export const CONFORMANCE_CHECKS = [
  'registration',
  'provenance',
  'model-id-policy',
  'discovery',
  'malformed-listings',
  'canary',
  'health',
  'usage-meter',
  'reasoning',
] as const;

/** One check of {@link describePluginConformance}. */
export type ConformanceCheck = (typeof CONFORMANCE_CHECKS)[number];

/** A recorded `/models` body from the plugin's `__fixtures__/`. */
export interface RecordedListing {
  /** Shown in test names, e.g. the fixture file name. */
  readonly name: string;
  /** The body exactly as recorded (parsed JSON). */
  readonly body: unknown;
  /** Fewest records it must give (default 1; use 0 for a recording of an empty server). */
  readonly minRecords?: number;
}

/** Options of {@link describePluginConformance}. */
export interface PluginConformanceOptions {
  /** Recorded listing bodies `discovery.parseModels` must parse (required when the plugin has discovery). */
  readonly listings?: readonly RecordedListing[];
  /** Health: the fake routes (keys as in `createFakeLiveContext`, e.g. `GET origin:/health`) of a runtime that is `up`. */
  readonly health?: { readonly routes: Readonly<Record<string, FakeAnswer>> };
  /** Checks this plugin legitimately cannot pass, each with the reason (shown as a skipped test). */
  readonly skip?: Readonly<Partial<Record<ConformanceCheck, string>>>;
}

function validateOptions(plugin: ProviderPlugin, options: PluginConformanceOptions): void {
  for (const [check, reason] of Object.entries(options.skip ?? {})) {
    if (!(CONFORMANCE_CHECKS as readonly string[]).includes(check)) {
      throw new Error(
        `[plugin-testkit] describePluginConformance(${plugin.id}): unknown check "${check}" in skip; the checks are ${CONFORMANCE_CHECKS.join(', ')}.`,
      );
    }
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new Error(
        `[plugin-testkit] describePluginConformance(${plugin.id}): skip.${check} needs a reason (why this plugin lacks that part).`,
      );
    }
  }
}

/** A fake context for the plugin's default endpoint where every request gets the same answer. */
function everyRequest(plugin: ProviderPlugin, answer: FakeAnswer): LiveContext {
  return createFakeLiveContext(
    {},
    { providerId: plugin.id, baseUrl: officialEndpoint(plugin).baseUrl, fallback: answer },
  );
}

/** A 200 body that fits most probes (a model list, a tag list, a version, a status), with planted secrets. */
function plantedOkBody(): unknown {
  return plantCanaries({
    object: 'list',
    data: [
      {
        id: 'conformance-model',
        object: 'model',
        owned_by: 'conformance',
        created: 1_700_000_000,
        max_model_len: 4096,
      },
    ],
    models: [{ name: 'conformance-model:latest', model: 'conformance-model:latest', size: 1 }],
    version: '0.0.0-conformance',
    status: 'ok',
    message: 'Service is ready.',
    server_args: { api_key: CANARY_KEY, admin_api_key: CANARY_TOKEN },
  });
}

function healthCases(plugin: ProviderPlugin): { readonly name: string; readonly context: () => LiveContext }[] {
  const url = `${officialEndpoint(plugin).baseUrl}/models`;
  return [
    {
      name: 'every request 200 with JSON holding planted secrets',
      context: () => everyRequest(plugin, { status: 200, json: plantedOkBody() }),
    },
    { name: 'every request 200 with an empty body', context: () => everyRequest(plugin, { status: 200, text: '' }) },
    {
      name: 'every request 200 with HTML',
      context: () =>
        everyRequest(plugin, {
          status: 200,
          text: `<html>${CANARY_TOKEN}</html>`,
          headers: { 'content-type': 'text/html' },
        }),
    },
    {
      name: 'every request 401 (the key echoed in the error body)',
      context: () =>
        everyRequest(plugin, {
          status: 401,
          json: {
            error: {
              message: `Incorrect API key provided: ${CANARY_KEY}`,
              type: 'invalid_request_error',
              code: 'invalid_api_key',
            },
          },
        }),
    },
    { name: 'every request 503', context: () => everyRequest(plugin, { status: 503, text: '' }) },
    {
      name: 'network error',
      context: () => everyRequest(plugin, new ProviderHttpError('connect ECONNREFUSED', { kind: 'network', url })),
    },
    {
      name: 'timeout',
      context: () =>
        everyRequest(
          plugin,
          new ProviderHttpError('timed out', { kind: 'timeout', url, phase: 'headers', limit: 2000 }),
        ),
    },
  ];
}

/**
 * Register the shared conformance suite for a provider plugin (vitest `describe`/`it`): registration, provenance,
 * model-id policy, discovery on recorded and malformed bodies, planted-secret canaries, health, usage meter and
 * reasoning. Parts the plugin lacks are reported as skipped.
 * @example
 * describePluginConformance(vllmPlugin, { listings: [{ name: 'vllm-models.json', body: vllmModels }], health: { routes: { 'GET origin:/health': { status: 200, text: '' } } } });
 */
export function describePluginConformance(plugin: ProviderPlugin, options: PluginConformanceOptions = {}): void {
  validateOptions(plugin, options);
  const skipReason = (check: ConformanceCheck): string | undefined => options.skip?.[check];
  const section = (check: ConformanceCheck, title: string, missingPart: string | undefined, body: () => void): void => {
    describe(title, () => {
      const reason = skipReason(check);
      if (reason !== undefined) it.skip(`${check}: skipped (${reason})`, () => undefined);
      else if (missingPart !== undefined) it.skip(`${check}: the plugin has no ${missingPart}`, () => undefined);
      else body();
    });
  };
  const listings = options.listings ?? [];

  describe(`plugin conformance: ${plugin.id}`, () => {
    section('registration', 'registration', undefined, () => {
      it('registers: schema-valid descriptor and offerings, every offering names a model among plugin.models', () =>
        checkRegistration(plugin));
    });

    section('provenance', 'provenance', undefined, () => {
      it('every token-pricing meter and every known limit has source.url; no price is 0', () =>
        checkProvenance(plugin));
    });

    section('model-id-policy', 'model-id policy', undefined, () => {
      it('classifies the standard id table (official and custom endpoint) without throwing; lookupKey is idempotent', () =>
        checkModelIdPolicy(plugin));
    });

    section('discovery', 'discovery: recorded listings', plugin.discovery ? undefined : 'discovery part', () => {
      if (listings.length === 0) {
        it('has recorded listings to parse', () => {
          throw new Error(
            `[plugin-testkit] ${plugin.id} has discovery: pass options.listings (its recorded /models bodies) or skip: { discovery: '<reason>' }.`,
          );
        });
      }
      for (const listing of listings)
        it(`parses ${listing.name} into schema-valid records`, () => checkRecordedListing(plugin, listing));
    });
    if (!plugin.health && options.health) {
      it('health: up routes were given, so the plugin must have a health part', () => {
        throw new Error(`[plugin-testkit] options.health was given, but ${plugin.id} has no health.probe.`);
      });
    }
    if (!plugin.discovery && listings.length > 0) {
      it('discovery: listings were given, so the plugin must have a discovery part', () => {
        throw new Error(`[plugin-testkit] options.listings was given, but ${plugin.id} has no discovery.parseModels.`);
      });
    }

    section(
      'malformed-listings',
      'discovery: malformed listings',
      plugin.discovery ? undefined : 'discovery part',
      () => {
        for (const { label, body } of malformedListings())
          it(`${label}: schema-valid records or a ListingParseError`, () => checkMalformedListing(plugin, body));
      },
    );

    section('canary', 'discovery: planted secrets', plugin.discovery ? undefined : 'discovery part', () => {
      for (const listing of listings)
        it(`${listing.name} with secrets planted in unknown fields: same ids, no secret in any record`, () =>
          checkPlantedRecordedListing(plugin, listing));
      for (const { label, body } of plantedSyntheticListings())
        it(`${label} with planted secrets: no secret in any record or error`, () =>
          checkPlantedSyntheticListing(plugin, body));
    });

    section('health', 'health', plugin.health ? undefined : 'health part', () => {
      it('is up for the recorded up case', async () => {
        if (!options.health)
          throw new Error(
            `[plugin-testkit] ${plugin.id} has health: pass options.health.routes for an 'up' runtime, or skip: { health: '<reason>' }.`,
          );
        await checkHealthProbe(
          plugin,
          createFakeLiveContext(options.health.routes, {
            providerId: plugin.id,
            baseUrl: officialEndpoint(plugin).baseUrl,
          }),
          'up',
        );
      });
      for (const { name, context } of healthCases(plugin))
        it(`${name}: a known state with secret-free evidence, never a throw`, () =>
          checkHealthProbe(plugin, context()));
    });

    section('usage-meter', 'usage meter', undefined, () => {
      it('describe: a schema-valid meter on the official endpoint (each offering, and none); never token-pricing on a custom endpoint', () =>
        checkMeterDescribe(plugin));
      if (!plugin.usageMeter.read) {
        it.skip('read: the plugin has no live meter read', () => undefined);
        return;
      }
      it('read: a 500 rejects with a typed error', () =>
        checkMeterRead(
          plugin,
          everyRequest(plugin, { status: 500, json: { error: { message: 'Internal Server Error' } } }),
          true,
        ));
      it('read: a 200 with an unexpected JSON body gives a reading or a typed error', () =>
        checkMeterRead(plugin, everyRequest(plugin, { status: 200, json: { unexpected: [1, 'x'] } }), false));
      it('read: a 200 with HTML gives a reading or a typed error', () =>
        checkMeterRead(
          plugin,
          everyRequest(plugin, { status: 200, text: '<html></html>', headers: { 'content-type': 'text/html' } }),
          false,
        ));
    });

    section('reasoning', 'reasoning', plugin.reasoning ? undefined : 'reasoning part', () => {
      for (const { name, context } of reasoningContexts(plugin))
        it(`maps every reasoning level for ${name}`, () => checkReasoning(plugin, context));
    });
  });
}
