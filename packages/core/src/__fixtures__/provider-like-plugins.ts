import type { ReasoningLevel } from '../schema/constants.js';
// Provider-like plugins for resolver tests: real wire ids over the project's real model profiles (catalog/models),
// made through the public definePlugin. Provider behaviour (renames, foreign ids, reasoning dialects) lives here,
// in plugin code, exactly where real plugins keep it; core has no provider-specific branch.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definePlugin } from '../plugin/define-plugin.js';
import type { ModelIdPolicy, ReasoningPart } from '../plugin/plugin-types.js';
import type { CredentialSource } from '../resolver/credential-source.js';
import type { ModelProfile } from '../schema/model-profile.js';
import type { OfferingEntry } from '../schema/offering.js';
import type { Provenance } from '../schema/provenance.js';
import type { UsageMeter } from '../schema/usage-meter.js';

const modelsRoot = fileURLToPath(new URL('../../../../catalog/models/', import.meta.url));

/** The real model profiles of catalog/models. */
export const catalogModels: readonly ModelProfile[] = readdirSync(modelsRoot).flatMap((lab) =>
  readdirSync(join(modelsRoot, lab)).map((file) => JSON.parse(readFileSync(join(modelsRoot, lab, file), 'utf8')) as ModelProfile),
);

const docs = (url: string): Provenance => ({ url, retrieved: '2026-11-21', kind: 'official' });
const priced = (input: number, output: number, url: string, extra: Partial<Extract<UsageMeter, { kind: 'token-pricing' }>> = {}): UsageMeter => ({
  kind: 'token-pricing',
  currency: 'USD',
  rates: { input, output },
  source: docs(url),
  ...extra,
});
const unpriced: UsageMeter = { kind: 'unknown', reason: 'no sourced price for this offering' };
const offer = (model: string, wireId: string, meter: UsageMeter = unpriced, extra: Partial<OfferingEntry> = {}): OfferingEntry => ({ model, wireId, meter, ...extra });
const meterFromOffering = { describe: (context: { offering: { meter: UsageMeter } | undefined }) => context.offering?.meter ?? { kind: 'unknown' as const, reason: 'not in the catalog' } };

const passThrough: ModelIdPolicy = { classify: () => ({ kind: 'pass-through', reason: 'aggregators defer unknown ids to the provider' }) };

/** OpenAI-style `reasoning_effort` with every level. */
const effortDialect: ReasoningPart = {
  map(level) {
    if (level === 'off') return { level, params: { reasoning_effort: 'none' } };
    if (level === 'max') return { level: 'high', clampedFrom: 'max', params: { reasoning_effort: 'high' }, note: 'the highest effort here is high' };
    return { level, params: { reasoning_effort: level } };
  },
};

// --- DeepSeek: a direct provider with a strict, dated id policy ---------------------------------------------
const DEEPSEEK_RENAMES: Readonly<Record<string, { to: string; since: string; why: string }>> = {
  'deepseek-v4-flash': { to: 'deepseek-flash', since: '2026-09-10', why: 'V4 Flash was retired and is served by V4.1 Flash' },
  'deepseek-chat': { to: 'deepseek-flash', since: '2026-07-24', why: 'the legacy alias was retired' },
  'deepseek-reasoner': { to: 'deepseek-flash', since: '2026-07-24', why: 'the legacy alias was retired; use reasoning "high"' },
};

const deepseekPolicy: ModelIdPolicy = {
  classify(id) {
    const rename = Object.hasOwn(DEEPSEEK_RENAMES, id) ? DEEPSEEK_RENAMES[id] : undefined;
    if (rename) return { kind: 'mapped', wireId: rename.to, since: rename.since, reason: rename.why };
    if (id !== id.toLowerCase()) return { kind: 'invalid', reason: 'DeepSeek model ids are lower-case', suggestion: id.toLowerCase() };
    if (id.includes('/')) return { kind: 'foreign', reason: 'namespaced ids belong to other providers; DeepSeek ids have no org prefix' };
    if (id.startsWith('deepseek-')) return { kind: 'pass-through', reason: "a DeepSeek-family id, deferred to DeepSeek's /models" };
    return { kind: 'foreign', reason: 'not a DeepSeek-family id' };
  },
};

const deepseekReasoning: ReasoningPart = {
  map(level: ReasoningLevel) {
    if (level === 'off') return { level, params: { thinking: { type: 'disabled' } } };
    if (level === 'low' || level === 'medium') return { level: 'high', clampedFrom: level, params: { thinking: { type: 'enabled' }, reasoning_effort: 'high' }, note: 'DeepSeek offers high and max only' };
    return { level, params: { thinking: { type: 'enabled' }, reasoning_effort: level } };
  },
};

const deepseekPricing = 'https://api-docs.deepseek.com/quick_start/pricing';
export const deepseekLike = definePlugin({
  spec: 'v1',
  id: 'deepseek',
  version: '0.0.0-test',
  descriptor: {
    id: 'deepseek',
    displayName: 'DeepSeek',
    class: 'direct',
    auth: { scheme: 'bearer', envVars: ['DEEPSEEK_API_KEY'], optional: false },
    endpoints: {
      chat: { baseUrl: 'https://api.deepseek.com', protocol: 'chat-completions', alternateBaseUrls: ['https://api.deepseek.com/v1'] },
      anthropic: { baseUrl: 'https://api.deepseek.com/anthropic', protocol: 'anthropic-messages', authScheme: 'x-api-key', headers: { 'anthropic-version': '2023-06-01' } },
    },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models', authRequired: true },
    env: { baseUrl: 'DEEPSEEK_BASE_URL', model: 'DEEPSEEK_MODEL' },
    modelIds: { style: 'strict', caseSensitive: true },
  },
  offerings: [
    offer('deepseek-v4-pro', 'deepseek-v4-pro', priced(0.66, 1.98, deepseekPricing, { timeTiers: [{ name: 'peak', multiplier: 2, windows: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '01:00', end: '04:00', timezone: 'UTC' }] }] }), { default: true }),
    offer('deepseek-v4.1-flash', 'deepseek-flash', priced(0.15, 0.6, deepseekPricing)),
  ],
  models: catalogModels,
  modelIdPolicy: deepseekPolicy,
  usageMeter: meterFromOffering,
  reasoning: deepseekReasoning,
});

// --- Aggregators ------------------------------------------------------------------------------------------------
export const togetherLike = definePlugin({
  spec: 'v1',
  id: 'together',
  version: '0.0.0-test',
  descriptor: {
    id: 'together',
    displayName: 'Together AI',
    class: 'aggregator',
    auth: { scheme: 'bearer', envVars: ['TOGETHER_API_KEY'], optional: false },
    endpoints: { chat: { baseUrl: 'https://api.together.xyz/v1', protocol: 'chat-completions', alternateBaseUrls: ['https://api.together.ai/v1'] } },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    modelIds: { style: 'aggregator', caseSensitive: true },
  },
  offerings: [
    offer('deepseek-v4-pro', 'deepseek-ai/DeepSeek-V4-Pro', priced(2.1, 4.4, 'https://docs.together.ai/docs/deepseek-v4-quickstart'), {
      default: true,
      limits: { contextWindow: { value: 512_000, source: docs('https://docs.together.ai/docs/deepseek-v4-quickstart') } },
    }),
    offer('kimi-k2.6', 'moonshotai/Kimi-K2.6'),
    offer('gpt-oss-120b', 'openai/gpt-oss-120b', priced(0.18, 0.72, 'https://www.together.ai/pricing')),
    offer('qwen3-coder-480b-a35b', 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8', unpriced, { status: 'deprecated' }),
    offer('llama-3.3-70b-instruct', 'meta-llama/Llama-3.3-70B-Instruct-Turbo'),
  ],
  models: catalogModels,
  modelIdPolicy: passThrough,
  usageMeter: meterFromOffering,
  reasoning: effortDialect,
});

export const nimLike = definePlugin({
  spec: 'v1',
  id: 'nvidia-nim',
  version: '0.0.0-test',
  descriptor: {
    id: 'nvidia-nim',
    displayName: 'NVIDIA NIM',
    aliases: ['nim', 'nvidia'],
    class: 'aggregator',
    auth: { scheme: 'bearer', envVars: ['NVIDIA_API_KEY', 'NVIDIA_NIM_API_KEY'], optional: false },
    endpoints: { chat: { baseUrl: 'https://integrate.api.nvidia.com/v1', protocol: 'chat-completions' } },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    modelIds: { style: 'aggregator', caseSensitive: true },
  },
  offerings: [
    offer('deepseek-v4-pro', 'deepseek-ai/deepseek-v4-pro', unpriced, { default: true }),
    offer('deepseek-v4-flash', 'deepseek-ai/deepseek-v4-flash'),
    offer('qwen3-coder-480b-a35b', 'qwen/qwen3-coder-480b-a35b-instruct'),
    offer('gpt-oss-120b', 'openai/gpt-oss-120b'),
    offer('llama-3.3-70b-instruct', 'meta/llama-3.3-70b-instruct'),
  ],
  models: catalogModels,
  modelIdPolicy: passThrough,
  usageMeter: meterFromOffering,
});

/** Hugging Face: the `:provider` / `:fastest` suffix is part of the wire id; matching ignores it. */
export const hfLike = definePlugin({
  spec: 'v1',
  id: 'huggingface',
  version: '0.0.0-test',
  descriptor: {
    id: 'huggingface',
    displayName: 'Hugging Face Inference Providers',
    aliases: ['hf'],
    class: 'aggregator',
    auth: { scheme: 'bearer', envVars: ['HF_TOKEN'], optional: false },
    endpoints: { chat: { baseUrl: 'https://router.huggingface.co/v1', protocol: 'chat-completions' } },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models', authRequired: false },
    modelIds: { style: 'aggregator', caseSensitive: true },
  },
  offerings: [
    offer('deepseek-v4-pro', 'deepseek-ai/DeepSeek-V4-Pro', unpriced, { default: true }),
    offer('qwen3-coder-480b-a35b', 'Qwen/Qwen3-Coder-480B-A35B-Instruct'),
    offer('gpt-oss-120b', 'openai/gpt-oss-120b'),
  ],
  models: catalogModels,
  modelIdPolicy: { lookupKey: (id) => id.replace(/:[a-z0-9-]+$/, ''), classify: passThrough.classify },
  usageMeter: meterFromOffering,
  reasoning: effortDialect,
});

export const openrouterLike = definePlugin({
  spec: 'v1',
  id: 'openrouter',
  version: '0.0.0-test',
  descriptor: {
    id: 'openrouter',
    displayName: 'OpenRouter',
    class: 'aggregator',
    auth: { scheme: 'bearer', envVars: ['OPENROUTER_API_KEY'], optional: false },
    endpoints: { chat: { baseUrl: 'https://openrouter.ai/api/v1', protocol: 'chat-completions' } },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models', authRequired: false },
    modelIds: { style: 'aggregator', caseSensitive: true },
  },
  offerings: [offer('deepseek-v4-pro', 'deepseek/deepseek-v4-pro', unpriced, { default: true }), offer('qwen3-coder-480b-a35b', 'qwen/qwen3-coder')],
  models: catalogModels,
  modelIdPolicy: passThrough,
  usageMeter: meterFromOffering,
});

// --- Local runtimes -----------------------------------------------------------------------------------------------
const localMeter = { describe: () => ({ kind: 'local' as const }) };

export const ollamaLike = definePlugin({
  spec: 'v1',
  id: 'ollama',
  version: '0.0.0-test',
  descriptor: {
    id: 'ollama',
    displayName: 'Ollama',
    class: 'local',
    auth: { scheme: 'bearer', envVars: ['OLLAMA_API_KEY'], optional: true },
    endpoints: { chat: { baseUrl: 'http://127.0.0.1:11434/v1', protocol: 'chat-completions' } },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    modelIds: { style: 'local-tag', caseSensitive: false },
  },
  offerings: [],
  models: [],
  modelIdPolicy: { lookupKey: (id) => (id.includes(':') ? id : `${id}:latest`).toLowerCase(), classify: () => ({ kind: 'pass-through', reason: 'a local tag; Ollama decides' }) },
  usageMeter: localMeter,
  reasoning: effortDialect,
});

export const vllmLike = definePlugin({
  spec: 'v1',
  id: 'vllm',
  version: '0.0.0-test',
  descriptor: {
    id: 'vllm',
    displayName: 'vLLM',
    class: 'local',
    auth: { scheme: 'bearer', envVars: ['VLLM_API_KEY'], optional: true },
    endpoints: { chat: { baseUrl: 'http://127.0.0.1:8000/v1', protocol: 'chat-completions' } },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    modelIds: { style: 'opaque', caseSensitive: true },
  },
  offerings: [],
  models: [],
  modelIdPolicy: { classify: () => ({ kind: 'pass-through', reason: 'the served model name is opaque' }) },
  usageMeter: localMeter,
});

/** Every provider-like plugin, in a realistic registration order. */
export const providerLikePlugins = [deepseekLike, togetherLike, nimLike, hfLike, openrouterLike, ollamaLike, vllmLike] as const;

/**
 * A credential source that knows which env var names are set (never values). Follows the binding rule like the
 * real one: a descriptor env var only for the official endpoint; a table's api_key_env for that table.
 */
export function envCredentials(present: readonly string[]): CredentialSource {
  const set = new Set(present);
  return {
    describe({ descriptor, official, config }) {
      if (config?.api_key !== undefined) return { source: 'config' };
      if (config?.api_key_env !== undefined) return set.has(config.api_key_env) ? { source: 'env', envVar: config.api_key_env } : { source: 'missing' };
      if (!official) return { source: 'missing' };
      const name = descriptor.auth.envVars.find((candidate) => set.has(candidate));
      return name ? { source: 'env', envVar: name } : { source: 'missing' };
    },
  };
}
