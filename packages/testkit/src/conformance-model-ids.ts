/** One id of the standard table, with what it exercises. */
export interface ConformanceModelId {
  readonly label: string;
  readonly id: string;
}

const LONG_ID = `org/${'x'.repeat(596)}`;

/**
 * The standard table of model ids every model-id policy is run on: namespaced, suffixed, mixed case, whitespace,
 * control characters, empty, very long and unicode. A policy must classify each without throwing; the ones with
 * whitespace or a control character inside, or over 512 characters, must never be `pass-through`.
 */
export const CONFORMANCE_MODEL_IDS: readonly ConformanceModelId[] = [
  { label: 'namespaced org/Model', id: 'org/Model' },
  { label: 'namespaced vendor wire id', id: 'deepseek-ai/DeepSeek-V4-Pro' },
  { label: 'two namespace levels', id: 'org/team/model-7b' },
  { label: 'suffixed model:tag', id: 'model:tag' },
  { label: 'suffixed model:free', id: 'model:free' },
  { label: 'local tag', id: 'llama3.2:latest' },
  { label: 'namespaced and suffixed', id: 'org/model:provider' },
  { label: 'mixed case', id: 'Mixed-Case-Model' },
  { label: 'upper case', id: 'MODEL-V4' },
  { label: 'plain lower case', id: 'conformance-unlisted-model-7b' },
  { label: 'leading whitespace', id: ' model' },
  { label: 'trailing whitespace', id: 'model ' },
  { label: 'leading tab, trailing newline', id: '\tmodel\n' },
  { label: 'inner space', id: 'model name' },
  { label: 'inner tab', id: 'model\tname' },
  { label: 'inner newline', id: 'model\nname' },
  { label: 'inner NUL', id: 'model\u0000name' },
  { label: 'inner escape (terminal control)', id: 'model\u001b[31mname' },
  { label: 'inner DEL', id: 'model\u007fname' },
  { label: 'inner no-break space', id: 'model\u00a0name' },
  { label: 'empty string', id: '' },
  { label: 'whitespace only', id: '   ' },
  { label: '512 characters', id: 'm'.repeat(512) },
  { label: '513 characters', id: 'm'.repeat(513) },
  { label: 'very long (600 characters)', id: LONG_ID },
  { label: 'unicode (CJK)', id: '模型' },
  { label: 'zero-width space', id: 'model\u200bname' },
  { label: 'right-to-left override', id: 'model\u202eledom' },
  { label: 'emoji', id: '🐋-model' },
  { label: 'combining accent', id: 'mode\u0301l' },
  { label: 'path traversal', id: '../../etc/passwd' },
  { label: 'URL', id: 'https://evil.example/model?key=1' },
  { label: 'the auto sentinel', id: 'auto' },
];

/** Longest id a policy may send unchanged (the wire-id limit of the catalog schema). */
export const MAX_WIRE_ID_LENGTH = 512;

/**
 * True for ids a policy must never classify as `pass-through`: more than 512 characters, or whitespace or a control
 * character inside the id (leading and trailing whitespace is trimmed by the resolver before it asks the policy).
 */
export function mustNotPassThrough(id: string): boolean {
  const inner = id.trim();
  return id.length > MAX_WIRE_ID_LENGTH || /\s/u.test(inner) || /\p{Cc}/u.test(inner);
}
