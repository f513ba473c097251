import type { ModelIdPolicy, ModelIdVerdict } from '@codewhale/core';
import { huggingfaceOfferings } from './huggingface-offerings.js';

/** Longest wire id the catalog schema accepts. */
const MAX_ID_LENGTH = 512;

// Whitespace anywhere, C0/C1 controls, invisible format characters (zero-width, BOM, bidi) and lone surrogates:
// none of these can be part of a real id; they come from a bad paste or a broken config file.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\p{Cs}]/u;

/**
 * One trailing routing suffix: a provider (`:novita`, `:together`, `:fireworks-ai`) or a policy (`:fastest`,
 * `:cheapest`, `:preferred`). Hub repo names cannot contain `:`, so this never eats part of a repo id.
 */
const ROUTING_SUFFIX = /:[a-z0-9-]+$/;

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The id without its one trailing `:<provider>` / `:<policy>` suffix (the form the catalog and `/models` use). */
export function stripHuggingfaceSuffix(id: string): string {
  return id.replace(ROUTING_SUFFIX, '');
}

/** Why an id cannot be a router model id, or undefined when it is syntactically fine. */
export function huggingfaceIdSyntaxProblem(
  id: string,
): { readonly reason: string; readonly suggestion?: string } | undefined {
  if (id.length === 0) return { reason: 'the id is empty' };
  if (id.length > MAX_ID_LENGTH)
    return { reason: `the id is ${id.length} characters long; wire ids have at most ${MAX_ID_LENGTH}` };
  const bad = FORBIDDEN.exec(id);
  if (bad)
    return {
      reason: /\p{White_Space}/u.test(bad[0])
        ? `it contains whitespace (${codePoint(bad[0])})`
        : `it contains an invisible or control character (${codePoint(bad[0])})`,
    };
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
    const suffix = bare === id ? '' : id.slice(bare.length);
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
