import type { ModelIdContext, ModelIdPolicy, ModelIdVerdict } from '@codewhale/core';
import { deepseekRenameOf } from './deepseek-model-renames.js';
import { deepseekWireIdByModel, deepseekWireIds } from './deepseek-offerings.js';

const MAX_ID_LENGTH = 512;
// Every id DeepSeek has published (deepseek-chat, deepseek-v4-pro, deepseek-flash, ...) has this shape; its API
// matches ids exactly against an allowlist, so "DeepSeek-V4-Pro" or "deepseek-v4-pro:free" can never work there.
const DEEPSEEK_ID_SHAPE = /^[a-z0-9][a-z0-9.-]*$/;
const DEEPSEEK_FAMILY = /^deepseek(?:-|$)/;
const WHITESPACE = /\s/u;
// Control characters and invisible format characters (zero-width space, bidi overrides): never part of a model id.
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;

function syntaxProblem(id: string): string | undefined {
  if (id.length > MAX_ID_LENGTH)
    return `it is ${id.length} characters long, and model ids have at most ${MAX_ID_LENGTH}`;
  if (WHITESPACE.test(id)) return 'it contains whitespace';
  if (CONTROL_OR_FORMAT.test(id)) return 'it contains control or invisible formatting characters';
  return undefined;
}

/** The wire id a (lower-cased) id stands for at DeepSeek: an offering's wire id, a renamed id's target, or a canonical id's wire id. */
function knownWireId(lower: string): string | undefined {
  if (deepseekWireIds.has(lower)) return lower;
  return deepseekRenameOf(lower)?.to ?? deepseekWireIdByModel.get(lower);
}

/** For a suggestion: drop a `:tag` or `@version` suffix, which DeepSeek ids never have. */
function withoutSuffix(lower: string): string {
  return lower.split(/[:@]/u, 1)[0] ?? lower;
}

function classifyDeepseekModelId(id: string, context: ModelIdContext): ModelIdVerdict {
  const problem = syntaxProblem(id);
  if (problem) return { kind: 'invalid', reason: problem };

  const lower = id.toLowerCase();
  if (id.includes('/')) {
    // deepseek-ai/DeepSeek-V4-Pro (Together, HF), deepseek/deepseek-v4-pro (OpenRouter), qwen/qwen3-coder, ...
    const tail = withoutSuffix(lower.slice(lower.lastIndexOf('/') + 1));
    const suggestion = knownWireId(tail);
    return {
      kind: 'foreign',
      reason: "namespaced ids (org/model) are other providers' wire ids; DeepSeek's own ids have no org prefix",
      ...(suggestion ? { suggestion } : {}),
    };
  }
  if (!DEEPSEEK_FAMILY.test(lower)) {
    return { kind: 'foreign', reason: 'it is not a DeepSeek model id: DeepSeek serves only its own deepseek-* models' };
  }

  const rename = deepseekRenameOf(id);
  if (!context.endpoint.official) {
    // A proxy or gateway behind a custom base URL may spell or alias ids its own way: it decides.
    const note = rename ? `; on DeepSeek's own API it would be sent as ${rename.to} (since ${rename.since})` : '';
    return { kind: 'pass-through', reason: `a custom endpoint decides which DeepSeek ids it serves${note}` };
  }

  if (!DEEPSEEK_ID_SHAPE.test(id)) {
    const base = withoutSuffix(lower);
    // (A base of the right shape differs from the id, which has not: no need to compare them.)
    const suggestion = knownWireId(base) ?? (DEEPSEEK_ID_SHAPE.test(base) ? base : undefined);
    const reason = DEEPSEEK_ID_SHAPE.test(lower)
      ? 'DeepSeek model ids are lower-case, and its API matches them exactly'
      : "DeepSeek model ids contain only lower-case letters, digits, '.' and '-'";
    return { kind: 'invalid', reason, ...(suggestion ? { suggestion } : {}) };
  }

  if (rename) return { kind: 'mapped', wireId: rename.to, since: rename.since, reason: rename.reason };

  return {
    kind: 'pass-through',
    reason:
      'a DeepSeek id this catalog does not list (a newer model?); DeepSeek\'s /models listing and its 400 "Model Not Exist" decide',
  };
}

/**
 * DeepSeek's model-id policy: strict and case-sensitive. Namespaced ids and other families' ids are foreign;
 * upper-case or suffixed ids are invalid on the official endpoint (with the lower-case or known id suggested);
 * retired ids map to their successor with a dated warning; other `deepseek-*` ids are deferred to DeepSeek.
 * Custom endpoints get every syntactically valid `deepseek-*` id unchanged.
 */
export const deepseekModelIdPolicy: ModelIdPolicy = {
  // Identity: DeepSeek compares ids exactly, so the catalog does too (canonical ids still match case-insensitively in core).
  lookupKey: (id) => id,
  classify: classifyDeepseekModelId,
};
