import { catalogModels, type ModelProfile } from '@codewhale/core';
import deepseekV4Flash from '../../../../catalog/models/deepseek/deepseek-v4-flash.json' with { type: 'json' };
import deepseekV4Pro from '../../../../catalog/models/deepseek/deepseek-v4-pro.json' with { type: 'json' };
import deepseekV41Flash from '../../../../catalog/models/deepseek/deepseek-v4.1-flash.json' with { type: 'json' };
import llama3370bInstruct from '../../../../catalog/models/meta/llama-3.3-70b-instruct.json' with { type: 'json' };
import kimiK2Instruct0905 from '../../../../catalog/models/moonshotai/kimi-k2-instruct-0905.json' with { type: 'json' };
import kimiK26 from '../../../../catalog/models/moonshotai/kimi-k2.6.json' with { type: 'json' };
import kimiK27Code from '../../../../catalog/models/moonshotai/kimi-k2.7-code.json' with { type: 'json' };
import gptOss120b from '../../../../catalog/models/openai/gpt-oss-120b.json' with { type: 'json' };
import gptOss20b from '../../../../catalog/models/openai/gpt-oss-20b.json' with { type: 'json' };
import qwen3Coder480bA35b from '../../../../catalog/models/qwen/qwen3-coder-480b-a35b.json' with { type: 'json' };
import qwen3CoderNext from '../../../../catalog/models/qwen/qwen3-coder-next.json' with { type: 'json' };
import inkling from '../../../../catalog/models/thinkingmachines/inkling.json' with { type: 'json' };
import glm47 from '../../../../catalog/models/zai/glm-4.7.json' with { type: 'json' };
import glm51 from '../../../../catalog/models/zai/glm-5.1.json' with { type: 'json' };
import { type HubServedModel, hubServedModels } from './hub-served-models.js';

/**
 * Every model profile in `catalog/models`, for the plugins that recognise models by what a server lists (vLLM, SGLang,
 * Ollama) rather than by offerings of their own. A test checks that no file of the folder is missing here.
 */
export const catalogModelProfiles: readonly ModelProfile[] = catalogModels(
  deepseekV4Flash,
  deepseekV4Pro,
  deepseekV41Flash,
  llama3370bInstruct,
  kimiK2Instruct0905,
  kimiK26,
  kimiK27Code,
  gptOss120b,
  gptOss20b,
  qwen3Coder480bA35b,
  qwen3CoderNext,
  inkling,
  glm47,
  glm51,
);

/**
 * Served name → model for every catalog profile with a known Hugging Face repo id: what a self-hosted vLLM or SGLang
 * lists under its default served name (`--served-model-name` defaults to the model path).
 */
export const catalogHubServedModels: ReadonlyMap<string, HubServedModel> = hubServedModels(catalogModelProfiles);
