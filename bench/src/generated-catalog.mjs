// @ts-check
// A generated catalog of 8 plugins x 1,250 offerings = 10,000 offerings over 200 model profiles.
// Deterministic: every value is derived from indexes, nothing is random.
//
// Shape, per plugin: 125 of the 200 models (a window that shifts by 25 per plugin) x 10 wire-id variants.
// Every offering has a contextWindow limit with provenance and a token-pricing meter with provenance;
// every 5th has an alias, every 3rd a cachedInput rate, every 7th a note on its price source.
// Each plugin carries its own copy of the 125 profiles it references (1,000 profile copies in all),
// as separate plugin packages would.
import { lowerCasePolicy, localTagPolicy, passThroughPolicy, toPlugin } from './plugin-parts.mjs';

export const PLUGIN_COUNT = 8;
export const OFFERINGS_PER_PLUGIN = 1250;
export const MODEL_COUNT = 200;
const MODELS_PER_PLUGIN = 125;
const VARIANTS = ['', '-Instruct', '-FP8', '-Turbo', '-Instruct-FP8', '-AWQ', '-Int4', '-Lite', '-Thinking', '-Long'];

const LABS = [
  { lab: 'deepseek', org: 'deepseek-ai', name: 'DeepSeek' },
  { lab: 'qwen', org: 'Qwen', name: 'Qwen' },
  { lab: 'moonshotai', org: 'moonshotai', name: 'Kimi' },
  { lab: 'zai', org: 'zai-org', name: 'GLM' },
  { lab: 'meta', org: 'meta-llama', name: 'Llama' },
  { lab: 'openai', org: 'openai', name: 'GPT-OSS' },
  { lab: 'mistralai', org: 'mistralai', name: 'Mistral' },
  { lab: 'google', org: 'google', name: 'Gemma' },
  { lab: 'microsoft', org: 'microsoft', name: 'Phi' },
  { lab: 'ibm', org: 'ibm-granite', name: 'Granite' },
];
const SIZES = ['8B', '32B', '70B', '235B-A22B'];
const CONTEXTS = [32768, 65536, 131072, 262144, 1048576];

const PROVIDERS = [
  { id: 'deepseek', klass: 'direct', host: 'https://api.deepseek.com', style: 'strict', policy: passThroughPolicy },
  {
    id: 'together',
    klass: 'aggregator',
    host: 'https://api.together.xyz/v1',
    style: 'aggregator',
    policy: lowerCasePolicy,
  },
  {
    id: 'nvidia-nim',
    klass: 'aggregator',
    host: 'https://integrate.api.nvidia.com/v1',
    style: 'aggregator',
    policy: lowerCasePolicy,
  },
  {
    id: 'huggingface',
    klass: 'aggregator',
    host: 'https://router.huggingface.co/v1',
    style: 'aggregator',
    policy: passThroughPolicy,
  },
  { id: 'sglang', klass: 'local', host: 'http://127.0.0.1:30000/v1', style: 'opaque', policy: passThroughPolicy },
  { id: 'vllm', klass: 'local', host: 'http://127.0.0.1:8000/v1', style: 'opaque', policy: passThroughPolicy },
  { id: 'ollama', klass: 'local', host: 'http://127.0.0.1:11434/v1', style: 'local-tag', policy: localTagPolicy },
  {
    id: 'openai-compatible',
    klass: 'custom',
    host: 'http://localhost:8080/v1',
    style: 'opaque',
    policy: passThroughPolicy,
  },
];

/** @param {number} i */
const date = (i) => `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
/** @param {number} cents */
const money = (cents) => Math.round(cents) / 100;

/** @param {number} i */
function modelOf(i) {
  const { lab, org, name } = LABS[i % LABS.length];
  const j = Math.floor(i / LABS.length); // 0..19
  const version = 1 + Math.floor(j / SIZES.length); // 1..5
  const size = SIZES[j % SIZES.length];
  const repoName = `${name}-V${version}-${size}`;
  const id = `${lab}-v${version}-${size.toLowerCase()}`;
  return { id, lab, repo: `${org}/${repoName}`, repoName, version };
}

/** @param {number} i */
function profile(i) {
  const { id, lab, repo, repoName, version } = modelOf(i);
  const card = { url: `https://huggingface.co/${repo}`, retrieved: date(i), kind: 'official' };
  const thirdParty = {
    url: 'https://github.com/anomalyco/models.dev',
    retrieved: date(i + 3),
    kind: 'third-party',
    note: `models.dev entry for ${id}.`,
  };
  /** @param {number} k */
  const fact = (k) =>
    (i + k) % 3 === 0
      ? 'unknown'
      : { value: (i + k) % 4 === 0 ? 'no' : 'yes', source: (i + k) % 2 === 0 ? card : thirdParty };
  return {
    id,
    displayName: repoName.replace(/-/g, ' '),
    lab,
    family: `${lab}-v${version}`,
    ...(i % 10 === 0 ? { aliases: [`${id}-instruct`] } : {}),
    releaseDate: { value: date(i + 1), source: card },
    limits: {
      contextWindow: { value: CONTEXTS[i % CONTEXTS.length], source: card },
      maxOutput:
        i % 2 === 0 ? { value: 32768, source: thirdParty, note: 'Largest output any provider reports.' } : 'unknown',
    },
    modalities: i % 4 === 0 ? { input: ['text', 'image'], output: ['text'], source: card } : 'unknown',
    capabilities: { reasoning: fact(0), tools: fact(1), json: fact(2), streaming: fact(3), vision: fact(4) },
    openWeights: {
      license: i % 3 === 0 ? 'unknown' : { value: i % 2 === 0 ? 'MIT' : 'Apache-2.0', source: card },
      huggingFaceRepo: { value: repo, source: card },
    },
  };
}

/**
 * @param {typeof PROVIDERS[number]} provider
 * @param {ReturnType<typeof modelOf>} model
 * @param {number} variant
 */
function wireIdOf(provider, model, variant) {
  const suffix = VARIANTS[variant];
  switch (provider.style) {
    case 'strict':
      return `${model.id}${suffix.toLowerCase()}`;
    case 'local-tag':
      return `${model.id}:${variant === 0 ? 'latest' : suffix.slice(1).toLowerCase()}`;
    default:
      return `${model.repo}${suffix}`;
  }
}

/** @param {number} p */
function pluginData(p) {
  const provider = PROVIDERS[p];
  const pricingUrl =
    provider.klass === 'local' || provider.klass === 'custom'
      ? `https://docs.example.test/${provider.id}/pricing`
      : `${new URL(provider.host).origin}/pricing`;
  const modelsPage = { url: `https://docs.example.test/${provider.id}/models`, retrieved: date(p), kind: 'official' };
  const modelIndexes = Array.from({ length: MODELS_PER_PLUGIN }, (_, k) => (p * 25 + k) % MODEL_COUNT);
  const offerings = [];
  for (const [m, modelIndex] of modelIndexes.entries()) {
    const model = modelOf(modelIndex);
    for (let variant = 0; variant < VARIANTS.length; variant++) {
      const n = m * VARIANTS.length + variant; // 0..1249
      const wireId = wireIdOf(provider, model, variant);
      const input = money(5 + ((n * 7 + p * 13) % 300));
      /** @type {Record<string, unknown>} */
      const pricingSource = { url: pricingUrl, retrieved: date(n + p), kind: 'official' };
      if (n % 7 === 0)
        pricingSource.note = `Price of the ${VARIANTS[variant] || 'base'} variant as listed on ${date(n)}.`;
      if (n % 11 === 0) pricingSource.verified = date(n + p + 1);
      offerings.push({
        model: model.id,
        wireId,
        ...(n % 5 === 0 ? { aliases: [`${provider.id}-${model.id}-${variant}`] } : {}),
        ...(n === 0 ? { default: true } : {}),
        limits: {
          contextWindow: {
            value: CONTEXTS[(modelIndex + variant) % CONTEXTS.length],
            // Most offerings cite the provider's models page; every 5th cites the model card.
            source:
              n % 5 === 2
                ? { url: `https://huggingface.co/${model.repo}`, retrieved: date(n), kind: 'third-party' }
                : modelsPage,
          },
        },
        meter: {
          kind: 'token-pricing',
          currency: 'USD',
          rates: { input, ...(n % 3 === 0 ? { cachedInput: money(input * 25) } : {}), output: money(input * 400) },
          source: pricingSource,
        },
      });
    }
  }
  const descriptor = {
    id: provider.id,
    displayName: `Generated ${provider.id}`,
    class: provider.klass,
    auth: {
      scheme: 'bearer',
      envVars: [`${provider.id.toUpperCase().replace(/-/g, '_')}_API_KEY`],
      optional: provider.klass !== 'direct' && provider.klass !== 'aggregator',
    },
    endpoints: { chat: { baseUrl: provider.host, protocol: 'chat-completions' } },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    modelIds: { style: provider.style, caseSensitive: provider.policy === passThroughPolicy },
  };
  return {
    spec: /** @type {const} */ ('v1'),
    id: provider.id,
    version: '0.0.0-bench',
    descriptor,
    offerings,
    models: modelIndexes.map(profile),
  };
}

/**
 * The generated catalog: plain data (what gets serialised for the JSON.parse baseline) and the plugins
 * made from that same data.
 */
export function generatedCatalog() {
  const data = PROVIDERS.map((_, p) => pluginData(p));
  const plugins = data.map((entry, p) => toPlugin(entry, PROVIDERS[p].policy));
  return { data, plugins, offeringCount: data.reduce((sum, entry) => sum + entry.offerings.length, 0) };
}
