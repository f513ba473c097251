// Builders for small synthetic catalogs in tests. Everything goes through the public definePlugin.
import { definePlugin } from '../plugin/define-plugin.js';
import type { ModelIdPolicy, ProviderPlugin, ProviderPluginSpec } from '../plugin/plugin-types.js';
import type { ModelProfile } from '../schema/model-profile.js';
import type { OfferingEntry } from '../schema/offering.js';
import type { ProviderDescriptor } from '../schema/provider-descriptor.js';
import type { Provenance } from '../schema/provenance.js';

export const source: Provenance = { url: 'https://docs.example.test/pricing', retrieved: '2026-11-21', kind: 'official' };

export function profile(id: string, overrides: Partial<ModelProfile> = {}): ModelProfile {
  return {
    id,
    displayName: id,
    lab: 'example',
    family: 'example',
    limits: { contextWindow: { value: 131072, source }, maxOutput: 'unknown' },
    modalities: 'unknown',
    capabilities: { reasoning: 'unknown', tools: { value: 'yes', source }, json: 'unknown', streaming: 'unknown', vision: { value: 'no', source } },
    openWeights: { license: 'unknown', huggingFaceRepo: 'unknown' },
    ...overrides,
  };
}

export function offering(model: string, wireId: string, overrides: Partial<OfferingEntry> = {}): OfferingEntry {
  return { model, wireId, meter: { kind: 'unknown', reason: 'no published price' }, ...overrides };
}

export function priced(model: string, wireId: string, input: number, output: number): OfferingEntry {
  return offering(model, wireId, { meter: { kind: 'token-pricing', currency: 'USD', rates: { input, output }, source } });
}

export function descriptor<Id extends string>(id: Id, overrides: Partial<ProviderDescriptor> = {}): ProviderDescriptor & { id: Id } {
  return {
    id,
    displayName: id,
    class: 'aggregator',
    auth: { scheme: 'bearer', envVars: [`${id.toUpperCase().replace(/-/g, '_')}_API_KEY`], optional: false },
    endpoints: { chat: { baseUrl: `https://api.${id}.example.test/v1`, protocol: 'chat-completions' } },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    modelIds: { style: 'aggregator', caseSensitive: true },
    ...overrides,
  } as ProviderDescriptor & { id: Id };
}

export const passThroughPolicy: ModelIdPolicy = {
  classify: () => ({ kind: 'pass-through', reason: 'aggregators defer unknown ids to the provider' }),
};

export const lowerCasePolicy: ModelIdPolicy = {
  lookupKey: (id) => id.toLowerCase(),
  classify: () => ({ kind: 'pass-through', reason: 'matched case-insensitively' }),
};

export interface SyntheticPluginOptions<Id extends string> extends Partial<Omit<ProviderPluginSpec<Id>, 'id' | 'spec'>> {
  readonly descriptorOverrides?: Partial<ProviderDescriptor>;
}

export function plugin<const Id extends string>(id: Id, options: SyntheticPluginOptions<Id> = {}): ProviderPlugin<Id> {
  const { descriptorOverrides, ...rest } = options;
  return definePlugin({
    spec: 'v1',
    id,
    version: '1.0.0',
    descriptor: descriptor(id, descriptorOverrides),
    offerings: [],
    models: [],
    modelIdPolicy: passThroughPolicy,
    usageMeter: { describe: (context) => context.offering?.meter ?? { kind: 'unknown', reason: 'no offering' } },
    ...rest,
  });
}
