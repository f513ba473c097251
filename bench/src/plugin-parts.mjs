// @ts-check
// Functions shared by the synthetic bench plugins. Plugin data (descriptor, offerings, models) is kept
// apart from these so the same data can be serialised as JSON for the JSON.parse baseline.
import { definePlugin } from '@codewhale/core';

/** @type {import('@codewhale/core').ModelIdPolicy} */
export const passThroughPolicy = {
  classify: () => ({ kind: 'pass-through', reason: 'aggregators defer unknown ids to the provider' }),
};

/** @type {import('@codewhale/core').ModelIdPolicy} */
export const lowerCasePolicy = {
  lookupKey: (id) => id.toLowerCase(),
  classify: () => ({ kind: 'pass-through', reason: 'matched case-insensitively' }),
};

/** Ollama-like: case-insensitive, a missing tag means `:latest`. */
/** @type {import('@codewhale/core').ModelIdPolicy} */
export const localTagPolicy = {
  lookupKey: (id) => {
    const lower = id.toLowerCase();
    return lower.includes(':') ? lower : `${lower}:latest`;
  },
  classify: () => ({ kind: 'pass-through', reason: 'local runtimes serve whatever was pulled' }),
};

/** @type {import('@codewhale/core').UsageMeterPart} */
const catalogMeter = {
  describe: (context) => context.offering?.meter ?? { kind: 'unknown', reason: 'no catalog offering for this route' },
};

/**
 * Turn plain plugin data into a plugin made by definePlugin.
 * @param {{ spec: 'v1', id: string, version: string, descriptor: any, offerings: any[], models: any[] }} data
 * @param {import('@codewhale/core').ModelIdPolicy} modelIdPolicy
 */
export function toPlugin(data, modelIdPolicy) {
  return definePlugin({ ...data, modelIdPolicy, usageMeter: catalogMeter });
}
