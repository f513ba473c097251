// @ts-check
// A stand-in for the first-party catalog until the real plugins (plugins/*) land: 8 synthetic plugins
// whose offerings reference the 13 real model profiles of catalog/models. Wire ids, endpoints and
// meter kinds look like the real providers'; prices and dates are made up for the benchmark and are
// NOT catalog facts. Each plugin carries its own copy of the profiles it references, as a plugin
// package that imports catalog/models/*.json would.
import { localTagPolicy, lowerCasePolicy, passThroughPolicy, toPlugin } from './plugin-parts.mjs';

/**
 * @param {string} url
 * @param {string} retrieved
 * @param {Record<string, unknown>} [extra]
 */
const src = (url, retrieved, extra = {}) => ({ url, retrieved, kind: 'official', ...extra });

/** @param {number} input @param {number} output @param {object} source @param {Record<string, number>} [more] */
const price = (input, output, source, more = {}) => ({ kind: 'token-pricing', currency: 'USD', rates: { input, ...more, output }, source });
/** @param {string} reason */
const unknownMeter = (reason) => ({ kind: 'unknown', reason });
const localMeter = { kind: 'local', note: 'Runs on your own hardware.' };
/** @param {number} value @param {object} source */
const limit = (value, source) => ({ value, source });

/**
 * @param {string} id
 * @param {Record<string, unknown>} overrides
 */
function descriptor(id, overrides) {
  return {
    id,
    displayName: id,
    class: 'aggregator',
    auth: { scheme: 'bearer', envVars: [`${id.toUpperCase().replace(/-/g, '_')}_API_KEY`], optional: false },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    modelIds: { style: 'aggregator', caseSensitive: true },
    ...overrides,
  };
}

/** @param {string} baseUrl */
const localEndpoints = (baseUrl) => ({ chat: { baseUrl, protocol: 'chat-completions' } });

/** The plain data of the 8 plugins (descriptor, offerings, model ids), without functions. */
function pluginData() {
  const deepseekPricing = src('https://api-docs.deepseek.com/quick_start/pricing', '2026-09-01', { verified: '2026-11-01' });
  const togetherPricing = src('https://www.together.ai/pricing', '2026-10-12');
  const togetherModels = src('https://docs.together.ai/docs/serverless-models', '2026-10-12', { note: 'Context length column of the serverless models table.' });
  const nimCatalog = src('https://build.nvidia.com/models', '2026-10-30', { kind: 'observed', note: 'max_model_len reported by the hosted endpoint.' });
  const hfModels = src('https://huggingface.co/inference/models', '2026-10-05', { kind: 'third-party' });
  const ollamaLibrary = src('https://ollama.com/library', '2026-11-02', { note: 'Default num_ctx of the library tag.' });
  const nimMeter = unknownMeter('NVIDIA NIM hosted API gives trial credits; no per-token price is published.');
  const hfMeter = unknownMeter('The router bills the inference provider it picks; the price depends on that provider.');
  const customMeter = unknownMeter('Custom OpenAI-compatible endpoint: price unknown.');

  return [
    {
      id: 'deepseek',
      policy: passThroughPolicy,
      descriptor: descriptor('deepseek', {
        displayName: 'DeepSeek',
        class: 'direct',
        auth: { scheme: 'bearer', envVars: ['DEEPSEEK_API_KEY'], optional: false, keyUrl: 'https://platform.deepseek.com/api_keys' },
        endpoints: {
          chat: { baseUrl: 'https://api.deepseek.com', protocol: 'chat-completions', alternateBaseUrls: ['https://api.deepseek.com/v1'] },
          anthropic: { baseUrl: 'https://api.deepseek.com/anthropic', protocol: 'anthropic-messages', authScheme: 'x-api-key' },
        },
        env: { baseUrl: 'DEEPSEEK_BASE_URL', model: 'DEEPSEEK_MODEL' },
        modelIds: { style: 'strict', caseSensitive: true },
        docsUrl: 'https://api-docs.deepseek.com/',
      }),
      offerings: [
        { model: 'deepseek-v4-pro', wireId: 'deepseek-v4-pro', default: true, meter: price(0.55, 2.19, deepseekPricing, { cachedInput: 0.07 }) },
        {
          model: 'deepseek-v4-flash',
          wireId: 'deepseek-v4-flash',
          aliases: ['deepseek-chat', 'deepseek-reasoner'],
          meter: price(0.14, 0.28, deepseekPricing, { cachedInput: 0.028 }),
          deprecations: [
            {
              date: '2026-07-24',
              kind: 'retired',
              replacement: 'deepseek-v4-flash',
              note: 'deepseek-chat and deepseek-reasoner stopped being accepted as names of V4 Flash.',
              source: deepseekPricing,
            },
          ],
        },
        { model: 'deepseek-v4.1-flash', wireId: 'deepseek-v4.1-flash', status: 'preview', meter: price(0.14, 0.28, deepseekPricing, { cachedInput: 0.028 }) },
      ],
    },
    {
      id: 'together',
      policy: lowerCasePolicy,
      descriptor: descriptor('together', {
        displayName: 'Together AI',
        auth: { scheme: 'bearer', envVars: ['TOGETHER_API_KEY'], optional: false, keyUrl: 'https://api.together.ai/settings/api-keys' },
        endpoints: { chat: { baseUrl: 'https://api.together.xyz/v1', protocol: 'chat-completions' } },
        env: { baseUrl: 'TOGETHER_BASE_URL' },
        modelIds: { style: 'aggregator', caseSensitive: false },
      }),
      offerings: [
        { model: 'deepseek-v4-pro', wireId: 'deepseek-ai/DeepSeek-V4-Pro', default: true, meter: price(1.25, 3.5, togetherPricing) },
        { model: 'deepseek-v4-flash', wireId: 'deepseek-ai/DeepSeek-V4-Flash', meter: price(0.3, 0.9, togetherPricing) },
        { model: 'kimi-k2.6', wireId: 'moonshotai/Kimi-K2.6', limits: { contextWindow: limit(262144, togetherModels) }, meter: price(1, 3, togetherPricing) },
        { model: 'kimi-k2-instruct-0905', wireId: 'moonshotai/Kimi-K2-Instruct-0905', status: 'deprecated', meter: price(1, 3, togetherPricing) },
        {
          model: 'qwen3-coder-480b-a35b',
          wireId: 'Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8',
          aliases: ['qwen3-coder'],
          limits: { contextWindow: limit(262144, togetherModels) },
          meter: price(2, 2, togetherPricing),
        },
        { model: 'qwen3-coder-next', wireId: 'Qwen/Qwen3-Coder-Next-FP8', status: 'deprecated', meter: price(0.5, 1.2, togetherPricing) },
        { model: 'gpt-oss-120b', wireId: 'openai/gpt-oss-120b', meter: price(0.15, 0.6, togetherPricing) },
        { model: 'gpt-oss-20b', wireId: 'openai/gpt-oss-20b', meter: price(0.05, 0.2, togetherPricing) },
        {
          model: 'llama-3.3-70b-instruct',
          wireId: 'meta-llama/Llama-3.3-70B-Instruct-Turbo',
          limits: { contextWindow: limit(131072, togetherModels) },
          meter: price(0.88, 0.88, togetherPricing),
        },
        { model: 'glm-5.1', wireId: 'zai-org/GLM-5.1', meter: price(1, 3.2, togetherPricing) },
      ],
    },
    {
      id: 'nvidia-nim',
      policy: lowerCasePolicy,
      descriptor: descriptor('nvidia-nim', {
        displayName: 'NVIDIA NIM',
        aliases: ['nim'],
        auth: { scheme: 'bearer', envVars: ['NVIDIA_API_KEY', 'NIM_API_KEY'], optional: false, keyUrl: 'https://build.nvidia.com/settings/api-keys' },
        endpoints: { chat: { baseUrl: 'https://integrate.api.nvidia.com/v1', protocol: 'chat-completions' } },
        modelIds: { style: 'aggregator', caseSensitive: false },
      }),
      offerings: [
        { model: 'deepseek-v4-pro', wireId: 'deepseek-ai/deepseek-v4-pro', default: true, limits: { maxOutput: limit(393216, nimCatalog) }, meter: nimMeter },
        { model: 'deepseek-v4-flash', wireId: 'deepseek-ai/deepseek-v4-flash', meter: nimMeter },
        { model: 'kimi-k2-instruct-0905', wireId: 'moonshotai/kimi-k2-instruct-0905', limits: { contextWindow: limit(262144, nimCatalog) }, meter: nimMeter },
        { model: 'kimi-k2.6', wireId: 'moonshotai/kimi-k2.6', meter: nimMeter },
        { model: 'qwen3-coder-480b-a35b', wireId: 'qwen/qwen3-coder-480b-a35b-instruct', meter: nimMeter },
        { model: 'gpt-oss-120b', wireId: 'openai/gpt-oss-120b', meter: nimMeter },
        { model: 'gpt-oss-20b', wireId: 'openai/gpt-oss-20b', meter: nimMeter },
        { model: 'llama-3.3-70b-instruct', wireId: 'meta/llama-3.3-70b-instruct', limits: { contextWindow: limit(131072, nimCatalog) }, meter: nimMeter },
        { model: 'glm-4.7', wireId: 'z-ai/glm-4.7', meter: nimMeter },
      ],
    },
    {
      id: 'huggingface',
      policy: passThroughPolicy,
      descriptor: descriptor('huggingface', {
        displayName: 'Hugging Face Inference Providers',
        aliases: ['hf'],
        auth: { scheme: 'bearer', envVars: ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN'], optional: false, keyUrl: 'https://huggingface.co/settings/tokens' },
        endpoints: { chat: { baseUrl: 'https://router.huggingface.co/v1', protocol: 'chat-completions' } },
      }),
      offerings: [
        { model: 'deepseek-v4-pro', wireId: 'deepseek-ai/DeepSeek-V4-Pro', default: true, meter: hfMeter },
        { model: 'deepseek-v4-flash', wireId: 'deepseek-ai/DeepSeek-V4-Flash', meter: hfMeter },
        { model: 'kimi-k2.6', wireId: 'moonshotai/Kimi-K2.6', meter: hfMeter },
        { model: 'qwen3-coder-480b-a35b', wireId: 'Qwen/Qwen3-Coder-480B-A35B-Instruct', limits: { contextWindow: limit(262144, hfModels) }, meter: hfMeter },
        { model: 'qwen3-coder-next', wireId: 'Qwen/Qwen3-Coder-Next', meter: hfMeter },
        { model: 'glm-4.7', wireId: 'zai-org/GLM-4.7', meter: hfMeter },
        { model: 'gpt-oss-120b', wireId: 'openai/gpt-oss-120b', meter: hfMeter },
      ],
    },
    {
      id: 'sglang',
      policy: passThroughPolicy,
      descriptor: descriptor('sglang', {
        displayName: 'SGLang',
        class: 'local',
        auth: { scheme: 'bearer', envVars: ['SGLANG_API_KEY'], optional: true },
        endpoints: localEndpoints('http://127.0.0.1:30000/v1'),
        modelIds: { style: 'opaque', caseSensitive: true, note: 'Served name is whatever --served-model-name says.' },
      }),
      offerings: [
        { model: 'deepseek-v4-flash', wireId: 'deepseek-ai/DeepSeek-V4-Flash', meter: localMeter },
        { model: 'qwen3-coder-next', wireId: 'Qwen/Qwen3-Coder-Next', meter: localMeter },
        { model: 'kimi-k2.7-code', wireId: 'moonshotai/Kimi-K2.7-Code', meter: localMeter },
        { model: 'glm-5.1', wireId: 'zai-org/GLM-5.1', meter: localMeter },
      ],
    },
    {
      id: 'vllm',
      policy: passThroughPolicy,
      descriptor: descriptor('vllm', {
        displayName: 'vLLM',
        class: 'local',
        auth: { scheme: 'bearer', envVars: ['VLLM_API_KEY'], optional: true },
        endpoints: localEndpoints('http://127.0.0.1:8000/v1'),
        modelIds: { style: 'opaque', caseSensitive: true },
      }),
      offerings: [
        { model: 'deepseek-v4-flash', wireId: 'deepseek-ai/DeepSeek-V4-Flash', meter: localMeter },
        { model: 'qwen3-coder-480b-a35b', wireId: 'Qwen/Qwen3-Coder-480B-A35B-Instruct', meter: localMeter },
        { model: 'gpt-oss-120b', wireId: 'openai/gpt-oss-120b', meter: localMeter },
        { model: 'gpt-oss-20b', wireId: 'openai/gpt-oss-20b', meter: localMeter },
        { model: 'llama-3.3-70b-instruct', wireId: 'meta-llama/Llama-3.3-70B-Instruct', meter: localMeter },
      ],
    },
    {
      id: 'ollama',
      policy: localTagPolicy,
      descriptor: descriptor('ollama', {
        displayName: 'Ollama',
        class: 'local',
        auth: { scheme: 'none', envVars: [], optional: true },
        endpoints: localEndpoints('http://127.0.0.1:11434/v1'),
        liveListing: { supported: true, path: '/models', authRequired: false },
        env: { baseUrl: 'OLLAMA_HOST' },
        modelIds: { style: 'local-tag', caseSensitive: false, note: 'A missing tag means :latest.' },
      }),
      offerings: [
        { model: 'gpt-oss-20b', wireId: 'gpt-oss:20b', aliases: ['gpt-oss'], limits: { contextWindow: limit(131072, ollamaLibrary) }, meter: localMeter },
        { model: 'gpt-oss-120b', wireId: 'gpt-oss:120b', limits: { contextWindow: limit(131072, ollamaLibrary) }, meter: localMeter },
        { model: 'llama-3.3-70b-instruct', wireId: 'llama3.3:70b', aliases: ['llama3.3'], meter: localMeter },
        { model: 'qwen3-coder-480b-a35b', wireId: 'qwen3-coder:480b', meter: localMeter },
        { model: 'qwen3-coder-next', wireId: 'qwen3-coder-next:latest', meter: localMeter },
        { model: 'glm-4.7', wireId: 'glm-4.7:q4_K_M', meter: localMeter },
      ],
    },
    {
      id: 'openai-compatible',
      policy: passThroughPolicy,
      descriptor: descriptor('openai-compatible', {
        displayName: 'OpenAI-compatible endpoint',
        class: 'custom',
        auth: { scheme: 'bearer', envVars: ['OPENAI_COMPATIBLE_API_KEY'], optional: true },
        endpoints: { chat: { baseUrl: 'http://localhost:8080/v1', protocol: 'chat-completions' } },
        modelIds: { style: 'opaque', caseSensitive: true },
      }),
      offerings: [
        { model: 'deepseek-v4-pro', wireId: 'deepseek-v4-pro', meter: customMeter },
        { model: 'gpt-oss-120b', wireId: 'gpt-oss-120b', meter: customMeter },
        { model: 'glm-5.1', wireId: 'glm-5.1', meter: customMeter },
      ],
    },
  ];
}

/**
 * Build the 8 first-party-like plugins.
 * @param {readonly { id: string }[]} profiles the model profiles of catalog/models (parsed JSON)
 */
export function firstPartyLikeCatalog(profiles) {
  const byId = new Map(profiles.map((profile) => [profile.id, profile]));
  const plugins = pluginData().map(({ id, policy, descriptor, offerings }) => {
    const used = [...new Set(offerings.map((offering) => offering.model))];
    const models = used.map((modelId) => {
      const profile = byId.get(modelId);
      if (!profile) throw new Error(`first-party-like catalog: no profile ${modelId} in catalog/models`);
      return structuredClone(profile);
    });
    return toPlugin({ spec: 'v1', id, version: '0.1.0', descriptor, offerings, models }, policy);
  });
  return { plugins, offeringCount: plugins.reduce((sum, plugin) => sum + plugin.offerings.length, 0) };
}
