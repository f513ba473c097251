// @ts-check
// The real first-party plugins, as a host registers them: the seven the CLI always loads (in its order, DeepSeek
// first), plus one OpenAI-compatible endpoint as a config with `[providers.lmstudio] base_url = ...` adds it.
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { huggingfacePlugin } from '@codewhale/provider-huggingface';
import { nvidiaNimPlugin } from '@codewhale/provider-nvidia-nim';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { createOpenAICompatiblePlugin } from '@codewhale/provider-openai-compatible';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';

/** The first-party plugins and how many offerings and model profiles they carry (counted, not assumed). */
export function firstPartyPlugins() {
  const plugins = [
    deepseekPlugin,
    togetherPlugin,
    nvidiaNimPlugin,
    huggingfacePlugin,
    sglangPlugin,
    vllmPlugin,
    ollamaPlugin,
    createOpenAICompatiblePlugin({ id: 'lmstudio', displayName: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1' }),
  ];
  const offeringCount = plugins.reduce((sum, plugin) => sum + plugin.offerings.length, 0);
  const modelIds = new Set(plugins.flatMap((plugin) => plugin.models.map((model) => model.id)));
  return { plugins, offeringCount, modelCount: modelIds.size };
}
