import type { ModelIdPolicy, ModelIdVerdict } from '@codewhale/core';
import { openrouterOfferings } from './openrouter-offerings.js';

/** OpenRouter model ids, e.g. `deepseek/deepseek-v4-pro`, `qwen/qwen3-coder:free`, `~vendor/model-latest` (https://openrouter.ai/models). */
export type OpenrouterModelId =
  | 'deepseek/deepseek-v4-pro'
  | 'qwen/qwen3-coder'
  | 'openai/gpt-oss-120b'
  | 'z-ai/glm-5.1'
  | (string & {});

/** Longest wire id the catalog schema accepts. */
const MAX_ID_LENGTH = 512;

// Whitespace anywhere, C0/C1 controls, invisible format characters (zero-width, BOM, bidi) and lone surrogates:
// none of these can be part of a real id; they come from a bad paste or a broken config file.
const FORBIDDEN = /[\s\p{Cc}\p{Cf}\p{Cs}]/u;

function codePoint(character: string): string {
  return `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why an id cannot be an OpenRouter wire id, or undefined when it is syntactically fine. */
export function openrouterIdSyntaxProblem(id: string): string | undefined {
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

const listedLowercase: ReadonlyMap<string, string> = new Map(
  openrouterOfferings.map((offering) => [offering.wireId.toLowerCase(), offering.wireId]),
);

function reasonFor(id: string): string {
  if (id.startsWith('~'))
    return 'a floating ~vendor/model-latest alias: OpenRouter resolves it to its current model, so it is sent unchanged';
  const variant = /:([^:/]+)$/.exec(id)?.[1];
  if (variant !== undefined)
    return `a ":${variant}" variant is its own OpenRouter wire id (own price and limits), so it is sent unchanged`;
  const listed = listedLowercase.get(id.toLowerCase());
  if (listed !== undefined && listed !== id)
    return `OpenRouter ids are lowercase (this catalog lists "${listed}"); "${id}" is sent unchanged and OpenRouter decides`;
  return 'OpenRouter serves far more models than this catalog lists; the id is sent unchanged and OpenRouter decides';
}

/**
 * OpenRouter is an aggregator: every syntactically valid id is sent byte-for-byte and OpenRouter decides. Variant
 * suffixes (`qwen/qwen3-coder:free`), floating aliases (`~vendor/model-latest`) and dated slugs are distinct wire ids,
 * never folded into a catalog offering (https://openrouter.ai/docs/models). Catalog matching is exact; only empty ids, ids with
 * whitespace, control or invisible characters, and ids over 512 characters are refused locally.
 */
export const openrouterModelIdPolicy: ModelIdPolicy = {
  classify(id): ModelIdVerdict {
    const problem = openrouterIdSyntaxProblem(id);
    if (problem) return { kind: 'invalid', reason: problem };
    return { kind: 'pass-through', reason: reasonFor(id) };
  },
};
