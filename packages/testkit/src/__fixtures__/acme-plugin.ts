// A small, well-behaved synthetic plugin ("acme", a local runtime with one priced offering) for the testkit's own tests.
// Tests derive broken variants from it with `withParts`.
import { definePlugin, type ModelProfile, type OfferingEntry, type ProviderPlugin, type ProviderPluginSpec, type Provenance } from '@codewhale/core';
import { ListingParseError, parseOpenAIModelList, positiveInteger, probeModelListing, requestOk } from '@codewhale/plugin-kit';

export const source: Provenance = { url: 'https://docs.acme.example/models', retrieved: '2026-11-01', kind: 'official' };

export const acmeModel: ModelProfile = {
  id: 'acme-coder-7b',
  displayName: 'Acme Coder 7B',
  lab: 'acme',
  family: 'acme-coder',
  limits: { contextWindow: { value: 131072, source }, maxOutput: 'unknown' },
  modalities: 'unknown',
  capabilities: { reasoning: { value: 'yes', source }, tools: 'unknown', json: 'unknown', streaming: 'unknown', vision: 'unknown' },
  openWeights: { license: 'unknown', huggingFaceRepo: 'unknown' },
};

export const acmeOffering: OfferingEntry = {
  model: 'acme-coder-7b',
  wireId: 'acme/Coder-7B',
  aliases: ['coder'],
  default: true,
  limits: { maxOutput: { value: 8192, source } },
  meter: { kind: 'token-pricing', currency: 'USD', rates: { input: 0.2, output: 0.6 }, source },
};

/** A recorded-style listing of the acme server. */
export const acmeListing = { object: 'list', data: [{ id: 'acme/Coder-7B', object: 'model', created: 1_700_000_000, owned_by: 'acme', max_model_len: 131072 }] };

export function parseAcmeModels(body: unknown): { id: string; ownedBy?: string; created?: number; contextWindow?: number }[] {
  return parseOpenAIModelList(body, { providerId: 'acme' }).map(({ id, ownedBy, created, entry }) => {
    const contextWindow = positiveInteger(entry.max_model_len);
    return { id, ...(ownedBy !== undefined ? { ownedBy } : {}), ...(created !== undefined ? { created } : {}), ...(contextWindow !== undefined ? { contextWindow } : {}) };
  });
}

const spec: ProviderPluginSpec<'acme'> = {
  spec: 'v1',
  id: 'acme',
  version: '1.0.0',
  descriptor: {
    id: 'acme',
    displayName: 'Acme',
    class: 'direct',
    auth: { scheme: 'bearer', envVars: ['ACME_API_KEY'], optional: false },
    endpoints: { chat: { baseUrl: 'https://api.acme.example/v1', protocol: 'chat-completions' } },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    modelIds: { style: 'strict', caseSensitive: true },
  },
  offerings: [acmeOffering],
  models: [acmeModel],
  modelIdPolicy: {
    lookupKey: (id) => id.trim(),
    classify(id) {
      if (id.length > 512 || /\s|\p{Cc}/u.test(id)) return { kind: 'invalid', reason: 'not a model id' };
      if (id.includes('/') && !id.startsWith('acme/')) return { kind: 'foreign', reason: 'another organisation', suggestion: 'acme/Coder-7B' };
      return { kind: 'pass-through', reason: 'Acme decides' };
    },
  },
  usageMeter: {
    describe: (context) => (context.endpoint.official && context.offering ? context.offering.meter : { kind: 'unknown', reason: 'no sourced price here' }),
    async read(context) {
      const response = await requestOk(context, { path: '/balance' });
      const total = (response.json as { total?: unknown } | undefined)?.total;
      if (typeof total !== 'string') throw new ListingParseError('acme', 'total', 'expected a decimal string');
      return { kind: 'account-credits', available: true, balances: [{ currency: 'USD', total }], fetchedAt: new Date().toISOString() };
    },
  },
  reasoning: {
    map(level) {
      if (level === 'off') return { level, params: { thinking: false } };
      if (level === 'max') return { level: 'high', clampedFrom: 'max', params: { thinking: true, effort: 'high' }, note: 'Acme stops at high' };
      return { level, params: { thinking: true, effort: level } };
    },
  },
  discovery: { parseModels: parseAcmeModels },
  health: {
    async probe(context) {
      const listing = await probeModelListing(context, { path: '/models' }, parseAcmeModels, { serverErrors: 'down', neverThrow: true });
      if (!listing.ok) return { state: listing.state, evidence: [listing.evidence] };
      return { state: listing.models.length > 0 ? 'up' : 'up-no-model', evidence: [listing.evidence], models: listing.models };
    },
  },
};

/** The well-behaved acme plugin. */
export const acmePlugin: ProviderPlugin<'acme'> = definePlugin(spec);

/** The acme plugin with some parts replaced (or removed with `undefined`). */
export function withParts(parts: Partial<ProviderPluginSpec<'acme'>>): ProviderPlugin<'acme'> {
  return definePlugin({ ...spec, ...parts });
}
