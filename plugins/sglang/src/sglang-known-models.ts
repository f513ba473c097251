import { catalogModels } from '@codewhale/core';
import { hubServedModels, type HubServedModel } from '@codewhale/plugin-kit';
import deepseekV4Flash from '../../../catalog/models/deepseek/deepseek-v4-flash.json' with { type: 'json' };
import deepseekV4Pro from '../../../catalog/models/deepseek/deepseek-v4-pro.json' with { type: 'json' };
import deepseekV41Flash from '../../../catalog/models/deepseek/deepseek-v4.1-flash.json' with { type: 'json' };
import llama3370bInstruct from '../../../catalog/models/meta/llama-3.3-70b-instruct.json' with { type: 'json' };
import kimiK2Instruct0905 from '../../../catalog/models/moonshotai/kimi-k2-instruct-0905.json' with { type: 'json' };
import kimiK26 from '../../../catalog/models/moonshotai/kimi-k2.6.json' with { type: 'json' };
import kimiK27Code from '../../../catalog/models/moonshotai/kimi-k2.7-code.json' with { type: 'json' };
import gptOss120b from '../../../catalog/models/openai/gpt-oss-120b.json' with { type: 'json' };
import gptOss20b from '../../../catalog/models/openai/gpt-oss-20b.json' with { type: 'json' };
import qwen3Coder480bA35b from '../../../catalog/models/qwen/qwen3-coder-480b-a35b.json' with { type: 'json' };
import qwen3CoderNext from '../../../catalog/models/qwen/qwen3-coder-next.json' with { type: 'json' };
import inkling from '../../../catalog/models/thinkingmachines/inkling.json' with { type: 'json' };
import glm47 from '../../../catalog/models/zai/glm-4.7.json' with { type: 'json' };
import glm51 from '../../../catalog/models/zai/glm-5.1.json' with { type: 'json' };

/** A well-known served name and the canonical model it serves, derived from its model profile. Not an offering: used by discovery and reasoning only. */
export type SglangKnownModel = HubServedModel;

// The served name defaults to the model path, i.e. the Hugging Face repo id when the model is pulled from the Hub
// (--served-model-name defaults to --model-path). Every catalog profile is listed here; those with a known `openWeights.huggingFaceRepo` are recognised,
// with the reasoning dialect of their chat template (`openWeights.reasoningDialect`).
const known = hubServedModels(
  catalogModels(
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
  ),
);

/** Well-known Hugging Face repo ids served under their default name, from the model profiles in catalog/models. */
export const sglangKnownModels: readonly SglangKnownModel[] = [...known.values()];

/** The well-known model a served name (or a model card's `root`, the real model path) refers to, byte-for-byte. */
export function findSglangKnownModel(name: string): SglangKnownModel | undefined {
  return known.get(name);
}
