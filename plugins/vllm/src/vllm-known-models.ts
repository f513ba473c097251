import type { VllmReasoningDialect } from './vllm-settings.js';

/** A well-known served model name and the canonical model it serves. Not an offering: used by discovery and reasoning only. */
export interface VllmKnownModel {
  /** The served name, matched byte-for-byte (vLLM names are opaque and case-sensitive). */
  readonly name: string;
  /** Canonical model id (a profile in `catalog/models`). */
  readonly canonical: string;
  /** Where the name → model mapping was read. */
  readonly source: string;
  /** How the model takes reasoning controls; absent: the generic `reasoning-effort`. */
  readonly reasoning?: VllmReasoningDialect;
  readonly note?: string;
}

// The served name defaults to the model path, i.e. the Hugging Face repo id when the model is pulled from the Hub
// (docs.vllm.ai OpenAI-compatible server, --served-model-name). Each entry cites the repo it names.
const hf = (repo: string): string => `https://huggingface.co/${repo}`;
// Model cards: "This model supports only non-thinking mode".
const NON_THINKING = 'non-thinking only per its Hugging Face model card';

/** Well-known Hugging Face repo ids served under their default name (PROVIDERS.md sections 6 and 10, 2026-11-21). */
export const vllmKnownModels: readonly VllmKnownModel[] = [
  { name: 'deepseek-ai/DeepSeek-V4-Pro', canonical: 'deepseek-v4-pro', source: hf('deepseek-ai/DeepSeek-V4-Pro'), reasoning: 'deepseek-v4', note: 'vLLM recipe: chat_template_kwargs thinking + reasoning_effort high|max' },
  { name: 'deepseek-ai/DeepSeek-V4-Flash', canonical: 'deepseek-v4-flash', source: hf('deepseek-ai/DeepSeek-V4-Flash'), reasoning: 'deepseek-v4' },
  { name: 'Qwen/Qwen3-Coder-480B-A35B-Instruct', canonical: 'qwen3-coder-480b-a35b', source: hf('Qwen/Qwen3-Coder-480B-A35B-Instruct'), reasoning: 'non-thinking', note: NON_THINKING },
  { name: 'Qwen/Qwen3-Coder-Next', canonical: 'qwen3-coder-next', source: hf('Qwen/Qwen3-Coder-Next'), reasoning: 'non-thinking', note: NON_THINKING },
  { name: 'openai/gpt-oss-120b', canonical: 'gpt-oss-120b', source: hf('openai/gpt-oss-120b'), reasoning: 'gpt-oss' },
  { name: 'openai/gpt-oss-20b', canonical: 'gpt-oss-20b', source: hf('openai/gpt-oss-20b'), reasoning: 'gpt-oss' },
  { name: 'moonshotai/Kimi-K2.6', canonical: 'kimi-k2.6', source: hf('moonshotai/Kimi-K2.6') },
  { name: 'moonshotai/Kimi-K2.7-Code', canonical: 'kimi-k2.7-code', source: hf('moonshotai/Kimi-K2.7-Code') },
  { name: 'moonshotai/Kimi-K2-Instruct-0905', canonical: 'kimi-k2-instruct-0905', source: hf('moonshotai/Kimi-K2-Instruct-0905') },
  { name: 'zai-org/GLM-5.1', canonical: 'glm-5.1', source: hf('zai-org/GLM-5.1') },
  { name: 'zai-org/GLM-4.7', canonical: 'glm-4.7', source: hf('zai-org/GLM-4.7') },
  { name: 'meta-llama/Llama-3.3-70B-Instruct', canonical: 'llama-3.3-70b-instruct', source: hf('meta-llama/Llama-3.3-70B-Instruct') },
];

const byName = new Map(vllmKnownModels.map((model) => [model.name, model] as const));

/** The well-known model a served name (or a model card's `root`, the real model path) refers to, byte-for-byte. */
export function findVllmKnownModel(name: string): VllmKnownModel | undefined {
  return byName.get(name);
}
