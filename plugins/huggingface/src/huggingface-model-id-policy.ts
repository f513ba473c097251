import type { ModelIdPolicy, ModelIdVerdict } from '@codewhale/core';
import { wireIdSyntaxProblem } from '@codewhale/plugin-kit';
import { huggingfaceOfferings } from './huggingface-offerings.js';

/**
 * One trailing routing suffix: a provider (`:novita`, `:together`, `:fireworks-ai`) or a policy (`:fastest`,
 * `:cheapest`, `:preferred`). Hub repo names cannot contain `:`, so this never eats part of a repo id.
 */
const ROUTING_SUFFIX = /:[a-z0-9-]+$/;

/** The id without its one trailing `:<provider>` / `:<policy>` suffix (the form the catalog and `/models` use). */
export function stripHuggingfaceSuffix(id: string): string {
  return id.replace(ROUTING_SUFFIX, '');
}

/** Why an id cannot be a router model id, or undefined when it is syntactically fine. */
export function huggingfaceIdSyntaxProblem(
  id: string,
): { readonly reason: string; readonly suggestion?: string } | undefined {
  const problem = wireIdSyntaxProblem(id);
  if (problem) return { reason: problem };
  if (id.startsWith(':')) return { reason: 'there is no model before the routing suffix' };
  if (id.endsWith(':')) return { reason: 'the routing suffix after ":" is empty', suggestion: id.replace(/:+$/, '') };
  return undefined;
}

const catalogSpelling: ReadonlyMap<string, string> = new Map(
  huggingfaceOfferings.map((offering) => [offering.wireId.toLowerCase(), offering.wireId]),
);

/**
 * The router's ids are Hub repo ids, optionally pinned to an upstream with `:<provider>` or to a policy with
 * `:fastest` / `:cheapest` / `:preferred` (huggingface.co/docs/inference-providers). The suffix is part of the wire id
 * and is always sent as typed; `lookupKey` drops it only so that `deepseek-ai/DeepSeek-V4-Pro:novita` matches the
 * catalog offering. Every other syntactically valid id passes through unchanged: the router decides (400 "not
 * supported by any provider you have enabled").
 */
export const huggingfaceModelIdPolicy: ModelIdPolicy = {
  lookupKey: stripHuggingfaceSuffix,
  classify(id): ModelIdVerdict {
    const problem = huggingfaceIdSyntaxProblem(id);
    if (problem) return { kind: 'invalid', ...problem };
    const bare = stripHuggingfaceSuffix(id);
    const suffix = id.slice(bare.length); // '' when there is none
    const listed = catalogSpelling.get(bare.toLowerCase());
    if (listed !== undefined) {
      return {
        kind: 'pass-through',
        reason: `the catalog spells it "${listed}${suffix}"; "${id}" is sent unchanged for the router to decide`,
      };
    }
    const pinned = suffix ? ` with its ${suffix} suffix` : '';
    return {
      kind: 'pass-through',
      reason: `the router serves more models than this catalog lists; the id is sent unchanged${pinned} and the router decides`,
    };
  },
};
