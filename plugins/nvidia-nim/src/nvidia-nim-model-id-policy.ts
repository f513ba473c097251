import type { ModelIdPolicy, ModelIdVerdict } from '@codewhale/core';
import { nvidiaNimOfferings } from './nvidia-nim-offerings.js';

/** Longest wire id the catalog schema accepts. */
const MAX_ID_LENGTH = 512;

// Whitespace anywhere, C0/C1 controls, invisible format characters (zero-width, BOM, bidi) and lone surrogates:
// none of these can be part of a real id; they come from a bad paste or a broken config file.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\p{Cs}]/u;

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why an id cannot be a NIM wire id, or undefined when it is syntactically fine. */
export function nvidiaNimIdSyntaxProblem(id: string): string | undefined {
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

const hostedSpelling: ReadonlyMap<string, string> = new Map(
  nvidiaNimOfferings.map((offering) => [offering.wireId.toLowerCase(), offering.wireId]),
);

/**
 * NIM is an aggregator, and the same plugin also serves self-hosted NIM containers whose served model names are the
 * operator's choice. So every syntactically valid id is sent byte-for-byte: namespaced ids of any publisher are never
 * rejected. Catalog matching is exact (hosted ids are lower-case); a differently-cased spelling of a catalog id
 * passes through with a note naming the hosted spelling, because a self-hosted container may really serve it.
 */
export const nvidiaNimModelIdPolicy: ModelIdPolicy = {
  classify(id): ModelIdVerdict {
    const problem = nvidiaNimIdSyntaxProblem(id);
    if (problem) return { kind: 'invalid', reason: problem };
    const hosted = hostedSpelling.get(id.toLowerCase());
    if (hosted !== undefined) {
      return {
        kind: 'pass-through',
        reason: `the hosted API spells it "${hosted}" (ids there are lower-case); "${id}" is sent unchanged`,
      };
    }
    return {
      kind: 'pass-through',
      reason:
        'NIM serves more models than this catalog lists (and self-hosted containers serve names of their own); the id is sent unchanged',
    };
  },
};
