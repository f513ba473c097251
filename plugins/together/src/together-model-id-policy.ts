import type { ModelIdPolicy, ModelIdVerdict } from '@codewhale/core';
import { togetherOfferings } from './together-offerings.js';

/** Longest wire id the catalog schema accepts. */
const MAX_ID_LENGTH = 512;

// Whitespace anywhere, C0/C1 controls, invisible format characters (zero-width, BOM, bidi) and lone surrogates:
// none of these can be part of a real id; they come from a bad paste or a broken config file.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\p{Cs}]/u;

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why an id cannot be a Together wire id, or undefined when it is syntactically fine. */
export function togetherIdSyntaxProblem(id: string): string | undefined {
  if (id.length === 0) return 'the id is empty';
  if (id.length > MAX_ID_LENGTH)
    return `the id is ${id.length} characters long; wire ids have at most ${MAX_ID_LENGTH}`;
  const bad = FORBIDDEN.exec(id);
  if (bad)
    return /\p{White_Space}/u.test(bad[0])
      ? `it contains whitespace (${codePoint(bad[0])})`
      : `it contains an invisible or control character (${codePoint(bad[0])})`;
  return undefined;
}

const listedCasing: ReadonlyMap<string, string> = new Map(
  togetherOfferings.map((offering) => [offering.wireId.toLowerCase(), offering.wireId]),
);

/**
 * Together is an aggregator: its catalog is far larger than ours and changes often, so every syntactically valid id
 * is sent byte-for-byte and Together decides (404 `model_not_found`, or 400 `model_not_available` for dedicated-only
 * models). Namespaced ids of any organisation (`deepseek/…`, `qwen/…`, `openai/…`) are never rejected. Catalog
 * matching is exact (the default look-up key): Together seems to match ids case-insensitively, but that is inferred
 * (HeyPuter/puter#3168), so a differently-cased id passes through unchanged with a note rather than being re-cased.
 */
export const togetherModelIdPolicy: ModelIdPolicy = {
  classify(id): ModelIdVerdict {
    const problem = togetherIdSyntaxProblem(id);
    if (problem) return { kind: 'invalid', reason: problem };
    const listed = listedCasing.get(id.toLowerCase());
    if (listed !== undefined) {
      return {
        kind: 'pass-through',
        reason: `Together lists it as "${listed}"; its id matching appears case-insensitive (inferred, not documented), so "${id}" is sent unchanged`,
      };
    }
    return {
      kind: 'pass-through',
      reason: 'Together serves more models than this catalog lists; the id is sent unchanged and Together decides',
    };
  },
};
