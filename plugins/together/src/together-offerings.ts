import { catalogModels, catalogOfferings } from '@codewhale/core';
import deepseekV4Flash from '../../../catalog/models/deepseek/deepseek-v4-flash.json' with { type: 'json' };
import deepseekV4Pro from '../../../catalog/models/deepseek/deepseek-v4-pro.json' with { type: 'json' };
import llama33 from '../../../catalog/models/meta/llama-3.3-70b-instruct.json' with { type: 'json' };
import kimiK26 from '../../../catalog/models/moonshotai/kimi-k2.6.json' with { type: 'json' };
import kimiK27Code from '../../../catalog/models/moonshotai/kimi-k2.7-code.json' with { type: 'json' };
import gptOss120b from '../../../catalog/models/openai/gpt-oss-120b.json' with { type: 'json' };
import gptOss20b from '../../../catalog/models/openai/gpt-oss-20b.json' with { type: 'json' };
import qwen3Coder480b from '../../../catalog/models/qwen/qwen3-coder-480b-a35b.json' with { type: 'json' };
import qwen3CoderNext from '../../../catalog/models/qwen/qwen3-coder-next.json' with { type: 'json' };
import inkling from '../../../catalog/models/thinkingmachines/inkling.json' with { type: 'json' };
import glm51 from '../../../catalog/models/zai/glm-5.1.json' with { type: 'json' };
import offeringsFile from '../../../catalog/offerings/together.json' with { type: 'json' };

/** Together's offerings (catalog/offerings/together.json), validated by the registry. */
export const togetherOfferings = catalogOfferings(offeringsFile);

/** The model profiles Together's offerings name. */
export const togetherModels = catalogModels(
  deepseekV4Pro,
  deepseekV4Flash,
  kimiK26,
  kimiK27Code,
  glm51,
  gptOss120b,
  gptOss20b,
  llama33,
  qwen3Coder480b,
  qwen3CoderNext,
  inkling,
);

/** Wire id → canonical model id, for live records. */
export const togetherCanonicalByWireId: ReadonlyMap<string, string> = new Map(
  togetherOfferings.map((offering) => [offering.wireId, offering.model]),
);
