import { catalogModels, catalogOfferings } from '@codewhale/core';
import deepseekV4Flash from '../../../catalog/models/deepseek/deepseek-v4-flash.json' with { type: 'json' };
import deepseekV4Pro from '../../../catalog/models/deepseek/deepseek-v4-pro.json' with { type: 'json' };
import llama33 from '../../../catalog/models/meta/llama-3.3-70b-instruct.json' with { type: 'json' };
import kimiK2Instruct0905 from '../../../catalog/models/moonshotai/kimi-k2-instruct-0905.json' with { type: 'json' };
import kimiK26 from '../../../catalog/models/moonshotai/kimi-k2.6.json' with { type: 'json' };
import gptOss120b from '../../../catalog/models/openai/gpt-oss-120b.json' with { type: 'json' };
import gptOss20b from '../../../catalog/models/openai/gpt-oss-20b.json' with { type: 'json' };
import qwen3Coder480b from '../../../catalog/models/qwen/qwen3-coder-480b-a35b.json' with { type: 'json' };
import glm47 from '../../../catalog/models/zai/glm-4.7.json' with { type: 'json' };
import glm51 from '../../../catalog/models/zai/glm-5.1.json' with { type: 'json' };
import offeringsFile from '../../../catalog/offerings/nvidia-nim.json' with { type: 'json' };

/** NVIDIA NIM's hosted offerings (catalog/offerings/nvidia-nim.json), validated by the registry. */
export const nvidiaNimOfferings = catalogOfferings(offeringsFile);

/** The model profiles NVIDIA NIM's offerings name. */
export const nvidiaNimModels = catalogModels(
  deepseekV4Pro,
  deepseekV4Flash,
  qwen3Coder480b,
  kimiK26,
  kimiK2Instruct0905,
  glm51,
  glm47,
  gptOss120b,
  gptOss20b,
  llama33,
);

/** Wire id → canonical model id, for live records. */
export const nvidiaNimCanonicalByWireId: ReadonlyMap<string, string> = new Map(
  nvidiaNimOfferings.map((offering) => [offering.wireId, offering.model]),
);
