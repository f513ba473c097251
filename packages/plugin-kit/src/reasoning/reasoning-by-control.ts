import type { ReasoningLevel, ReasoningMapping, ReasoningPart } from '@codewhale/core';

/** One reasoning control's mapping from the provider-neutral level to wire parameters. */
export type ReasoningControlMapping = (level: ReasoningLevel) => ReasoningMapping;

/**
 * A hosted provider's reasoning part keyed by catalog data: each offering names its control in `reasoningControl`
 * (with the source that documents it), and routes without one (other models, ids passed through, custom endpoints)
 * get `generic`. `controls` lists the names, so the registry refuses an offering that names another.
 *
 * @example
 * export const acmeReasoning = reasoningByControl({ 'deepseek-v4': deepseekV4, 'gpt-oss': gptOss }, generic);
 */
export function reasoningByControl(
  controls: Readonly<Record<string, ReasoningControlMapping>>,
  generic: ReasoningControlMapping,
): ReasoningPart {
  return {
    controls: Object.keys(controls),
    map(level, context) {
      const control = context.offering?.reasoningControl?.value;
      const mapping = control !== undefined && Object.hasOwn(controls, control) ? controls[control] : undefined;
      return (mapping ?? generic)(level);
    },
  };
}
