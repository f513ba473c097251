import { catalogModels, catalogOfferings } from '@codewhale/core';
import deepseekV4Flash from '../../../catalog/models/deepseek/deepseek-v4-flash.json' with { type: 'json' };
import deepseekV4Pro from '../../../catalog/models/deepseek/deepseek-v4-pro.json' with { type: 'json' };
import llama33 from '../../../catalog/models/meta/llama-3.3-70b-instruct.json' with { type: 'json' };
import kimiK2Instruct0905 from '../../../catalog/models/moonshotai/kimi-k2-instruct-0905.json' with { type: 'json' };
import kimiK26 from '../../../catalog/models/moonshotai/kimi-k2.6.json' with { type: 'json' };
import kimiK27Code from '../../../catalog/models/moonshotai/kimi-k2.7-code.json' with { type: 'json' };
import gptOss120b from '../../../catalog/models/openai/gpt-oss-120b.json' with { type: 'json' };
import qwen3Coder480b from '../../../catalog/models/qwen/qwen3-coder-480b-a35b.json' with { type: 'json' };
import qwen3CoderNext from '../../../catalog/models/qwen/qwen3-coder-next.json' with { type: 'json' };
import glm47 from '../../../catalog/models/zai/glm-4.7.json' with { type: 'json' };
import glm51 from '../../../catalog/models/zai/glm-5.1.json' with { type: 'json' };
import offeringsFile from '../../../catalog/offerings/huggingface.json' with { type: 'json' };

/** The Hugging Face router's offerings (catalog/offerings/huggingface.json), validated by the registry. */
export const huggingfaceOfferings = catalogOfferings(offeringsFile);

/** The model profiles the Hugging Face offerings name. */
export const huggingfaceModels = catalogModels(
  deepseekV4Pro,
  deepseekV4Flash,
  qwen3Coder480b,
  qwen3CoderNext,
  kimiK26,
  kimiK2Instruct0905,
  kimiK27Code,
  glm51,
  glm47,
  gptOss120b,
  llama33,
);

/** Wire id → canonical model id, for live records (listing ids carry no suffix). */
export const huggingfaceCanonicalByWireId: ReadonlyMap<string, string> = new Map(
  huggingfaceOfferings.map((offering) => [offering.wireId, offering.model]),
);
