import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { huggingfacePlugin } from '@codewhale/provider-huggingface';
import { nvidiaNimPlugin } from '@codewhale/provider-nvidia-nim';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';

/** The first-party plugins, in the order the registry lists them (DeepSeek is the default provider). */
export const FIRST_PARTY_PLUGINS = [
  deepseekPlugin,
  togetherPlugin,
  nvidiaNimPlugin,
  huggingfacePlugin,
  sglangPlugin,
  vllmPlugin,
  ollamaPlugin,
] as const;
