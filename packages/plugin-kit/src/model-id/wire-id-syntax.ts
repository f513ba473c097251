import type { ModelIdPolicy, ModelIdVerdict } from '@codewhale/core';

/** Longest wire id the catalog schema accepts. */
export const MAX_WIRE_ID_LENGTH = 512;

// Whitespace anywhere, C0/C1 controls, invisible format characters (zero-width, BOM, bidi) and lone surrogates:
// none of these can be part of a real id; they come from a bad paste or a broken config file.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\p{Cs}]/u;

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why an id cannot be a wire model id at all (empty, too long, whitespace, control or invisible characters, naming the
 * code point), or `undefined` when it is syntactically fine. Providers with stricter id shapes check those after this.
 */
export function wireIdSyntaxProblem(id: string): string | undefined {
  if (id.length === 0) return 'the id is empty';
  if (id.length > MAX_WIRE_ID_LENGTH)
    return `the id is ${id.length} characters long; wire ids have at most ${MAX_WIRE_ID_LENGTH}`;
  const bad = FORBIDDEN.exec(id);
  if (!bad) return undefined;
  return /\p{White_Space}/u.test(bad[0])
    ? `it contains whitespace (${codePoint(bad[0])})`
    : `it contains an invisible or control character (${codePoint(bad[0])})`;
}

/** Options of {@link passThroughModelIdPolicy}. */
export interface PassThroughPolicyOptions {
  /** The provider's catalog offerings (their wire ids are matched exactly by the resolver; here only for casing notes). */
  readonly offerings: readonly { readonly wireId: string }[];
  /** The note for an id that is a catalog wire id in other casing (`listed` is the catalog's spelling). */
  readonly otherCasing: (listed: string, id: string) => string;
  /** The note for any other syntactically valid id. */
  readonly unlisted: string;
}

/**
 * The model-id policy of an aggregator whose catalog is larger than ours: every syntactically valid id is sent
 * byte-for-byte and the provider decides. Catalog matching stays exact; a differently-cased catalog id passes through
 * unchanged with a note naming the catalog's spelling (never re-cased).
 */
export function passThroughModelIdPolicy(options: PassThroughPolicyOptions): ModelIdPolicy {
  const catalogSpelling: ReadonlyMap<string, string> = new Map(
    options.offerings.map((offering) => [offering.wireId.toLowerCase(), offering.wireId]),
  );
  return {
    classify(id): ModelIdVerdict {
      const problem = wireIdSyntaxProblem(id);
      if (problem) return { kind: 'invalid', reason: problem };
      const listed = catalogSpelling.get(id.toLowerCase());
      return {
        kind: 'pass-through',
        reason: listed === undefined ? options.unlisted : options.otherCasing(listed, id),
      };
    },
  };
}
