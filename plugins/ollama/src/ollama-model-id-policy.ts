import type { ModelIdPolicy, ModelIdVerdict } from '@codewhale/core';

// Model names: [host/][namespace/]model[:tag]; defaults registry.ollama.ai / library / latest; compared
// case-insensitively (types/model/name.go EqualFold; docs/api.md "Model names", ollama commit fb30760).
const MAX_LENGTH = 512;
const ALLOWED = /^[A-Za-z0-9._/:-]+$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The last path segment of a name (`model[:tag]`). */
function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('/') + 1);
}

/**
 * The key an Ollama name is matched by: lower-case, `:latest` added when there is no tag. Matching only;
 * the id is always sent as typed.
 */
export function ollamaLookupKey(id: string): string {
  const lower = id.toLowerCase();
  return lastSegment(lower).includes(':') ? lower : `${lower}:latest`;
}

/** Why `id` is not a valid Ollama name, or undefined when it is. */
function syntaxProblem(id: string): { reason: string; suggestion?: string } | undefined {
  if (id.length > MAX_LENGTH) return { reason: `it is ${id.length} characters long; names are at most ${MAX_LENGTH}` };
  if (/\s/u.test(id)) return { reason: 'it contains whitespace' };
  if (CONTROL.test(id)) return { reason: 'it contains control characters' };
  if (!ALLOWED.test(id)) {
    // Stryker disable next-line StringLiteral: unreachable, an id ALLOWED refuses has a character outside it
    const bad = [...id].find((character) => !ALLOWED.test(character)) ?? '';
    return { reason: `it contains "${bad}"; names use only letters, digits and . _ - / :` };
  }
  const segments = id.split('/');
  if (segments.length > 3)
    return { reason: `it has ${segments.length} path segments; the form is [host/][namespace/]model[:tag]` };
  if (segments.some((segment) => segment === '')) return { reason: 'it has an empty path segment' };
  const last = lastSegment(id);
  const colon = last.lastIndexOf(':');
  if (colon === 0) return { reason: 'the model name before ":" is empty' };
  if (colon === last.length - 1) {
    const bare = id.slice(0, -1);
    return { reason: 'the tag after ":" is empty', suggestion: bare };
  }
  return undefined;
}

/**
 * Ollama's model-id policy: any syntactically valid name passes through unchanged (whatever was pulled is
 * servable, including mixed case: Ollama compares case-insensitively); malformed names are `invalid`.
 */
export const ollamaModelIdPolicy: ModelIdPolicy = {
  lookupKey: ollamaLookupKey,
  classify(id): ModelIdVerdict {
    const problem = syntaxProblem(id);
    if (problem) return { kind: 'invalid', ...problem };
    return { kind: 'pass-through', reason: 'an Ollama model name; the local server decides whether it is pulled' };
  },
};
