import { catalogModels, catalogOfferings } from '@codewhale/core';
import deepseekV4Pro from '../../../catalog/models/deepseek/deepseek-v4-pro.json' with { type: 'json' };
import deepseekV41Flash from '../../../catalog/models/deepseek/deepseek-v4.1-flash.json' with { type: 'json' };
import offeringsFile from '../../../catalog/offerings/deepseek.json' with { type: 'json' };

/**
 * Model ids DeepSeek's API accepts (open union: DeepSeek renames often, unknown ids are deferred to it).
 * @see https://api-docs.deepseek.com/quick_start/pricing
 */
export type DeepseekModelId = 'deepseek-v4-pro' | 'deepseek-flash' | (string & {});

/** DeepSeek's offerings (catalog/offerings/deepseek.json), validated by the registry. */
export const deepseekOfferings = catalogOfferings(offeringsFile);

/** The model profiles the offerings name. */
export const deepseekModels = catalogModels(deepseekV4Pro, deepseekV41Flash);

/** Wire ids of the offerings, for the model-id policy and discovery. */
export const deepseekWireIds: ReadonlyMap<string, string> = new Map(
  deepseekOfferings.map((offering) => [offering.wireId, offering.model]),
);

/** Canonical model id → wire id, for suggestions. */
export const deepseekWireIdByModel: ReadonlyMap<string, string> = new Map(
  deepseekOfferings.map((offering) => [offering.model, offering.wireId]),
);
