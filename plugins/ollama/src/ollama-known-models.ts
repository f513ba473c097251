import { ollamaLookupKey } from './ollama-model-id-policy.js';

/** How a well-known model takes reasoning controls on Ollama (absent: the plain `reasoning_effort` mapping). */
export type OllamaReasoningTrait =
  /** gpt-oss: levels only; booleans are ignored and the trace cannot be turned off. */
  | 'gpt-oss'
  /** The model has no thinking mode at all (its model card says so). */
  | 'non-thinking';

/** A well-known Ollama model name and the canonical model it serves. Not an offering: used by discovery only. */
export interface OllamaKnownModel {
  /** The name as Ollama lists it (matched case-insensitively, `:latest` implied). */
  readonly name: string;
  /** Canonical model id (a profile in `catalog/models`). */
  readonly canonical: string;
  /** Where the name → model mapping was read. */
  readonly source: string;
  readonly reasoning?: OllamaReasoningTrait;
  readonly note?: string;
}

// models.dev (third-party) at commit f3fc692, 2026-07-02, providers/ollama-cloud/models/<name>.toml.
const MODELS_DEV = 'https://github.com/anomalyco/models.dev';
// "Cloud models pulled locally carry a -cloud tag suffix" (ollama commit fb30760).
const OLLAMA_CLOUD_DOCS = 'https://github.com/ollama/ollama/blob/main/docs/cloud.mdx';
// Model cards: "This model supports only non-thinking mode" (Qwen3-Coder-480B-A35B-Instruct, Qwen3-Coder-Next).
const QWEN3_CODER_NON_THINKING = 'non-thinking only per its Hugging Face model card';

/**
 * Well-known Ollama names (PROVIDERS.md section 10, read 2026-11-21), each with its source. Names a user pulls
 * under other tags (quantisations, sizes) are not guessed.
 */
export const ollamaKnownModels: readonly OllamaKnownModel[] = [
  { name: 'gpt-oss:120b', canonical: 'gpt-oss-120b', source: MODELS_DEV, reasoning: 'gpt-oss', note: 'local tag, and the name on the ollama.com API' },
  { name: 'gpt-oss:120b-cloud', canonical: 'gpt-oss-120b', source: OLLAMA_CLOUD_DOCS, reasoning: 'gpt-oss', note: 'the cloud model pulled locally' },
  { name: 'gpt-oss:20b', canonical: 'gpt-oss-20b', source: MODELS_DEV, reasoning: 'gpt-oss' },
  { name: 'qwen3-coder:480b', canonical: 'qwen3-coder-480b-a35b', source: MODELS_DEV, reasoning: 'non-thinking', note: `cloud model; ${QWEN3_CODER_NON_THINKING}` },
  { name: 'qwen3-coder-next', canonical: 'qwen3-coder-next', source: MODELS_DEV, reasoning: 'non-thinking', note: QWEN3_CODER_NON_THINKING },
  { name: 'kimi-k2.6', canonical: 'kimi-k2.6', source: MODELS_DEV },
  { name: 'kimi-k2.7-code', canonical: 'kimi-k2.7-code', source: MODELS_DEV },
  { name: 'kimi-k2:1t', canonical: 'kimi-k2-instruct-0905', source: MODELS_DEV, note: 'models.dev marks it deprecated on Ollama' },
  { name: 'glm-5.1', canonical: 'glm-5.1', source: MODELS_DEV },
  { name: 'glm-4.7', canonical: 'glm-4.7', source: MODELS_DEV },
  { name: 'deepseek-v4-pro', canonical: 'deepseek-v4-pro', source: MODELS_DEV, note: 'the name on the ollama.com API' },
  { name: 'deepseek-v4-pro:0813-cloud', canonical: 'deepseek-v4-pro', source: 'https://ollama.com/library/deepseek-v4-pro', note: 'the cloud model pulled locally' },
  { name: 'deepseek-v4-flash', canonical: 'deepseek-v4-flash', source: MODELS_DEV },
  // PROVIDERS.md marks this tag "not verified": kept because it is the library's usual name for Llama 3.3 70B.
  { name: 'llama3.3:70b', canonical: 'llama-3.3-70b-instruct', source: 'https://ollama.com/library/llama3.3', note: 'not verified' },
];

const DEFAULT_PREFIXES = ['registry.ollama.ai/library/', 'library/'];

/** The match key: the lookup key without the default host and namespace (registry.ollama.ai/library). */
function matchKey(name: string): string {
  const key = ollamaLookupKey(name);
  const prefix = DEFAULT_PREFIXES.find((candidate) => key.startsWith(candidate));
  return prefix ? key.slice(prefix.length) : key;
}

const byKey = new Map(ollamaKnownModels.map((model) => [matchKey(model.name), model] as const));

/**
 * The well-known model an Ollama name refers to: compared case-insensitively, `:latest` implied, the default
 * host/namespace ignored, and a locally pulled cloud model's `-cloud` tag suffix ignored (docs/cloud.mdx).
 */
export function findOllamaKnownModel(name: string): OllamaKnownModel | undefined {
  const key = matchKey(name);
  const found = byKey.get(key);
  if (found) return found;
  if (key.endsWith('-cloud') && key.lastIndexOf(':') > key.lastIndexOf('/')) return byKey.get(key.slice(0, -'-cloud'.length));
  return undefined;
}
