const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The body with the route's reasoning parameters applied last: a parameter replaces the body's value, except that two
 * objects are merged one level deep (so `chat_template_kwargs` set by the caller keeps its other keys).
 */
export function mergeReasoning(
  body: Record<string, unknown>,
  params: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const keys = Object.keys(params);
  if (keys.length === 0) return body;
  const merged: Record<string, unknown> = { ...body };
  for (const key of keys) {
    const value = structuredClone(params[key]);
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
  }
  return merged;
}

/**
 * A `fetch` that applies the route's reasoning parameters (with {@link mergeReasoning}) to the JSON object body of
 * every request, whatever the wire protocol: the one place they reach the body for chat-completions, responses and
 * anthropic-messages alike. Bodies that are not a JSON object (and requests when there are no parameters) pass through.
 */
export function withReasoning(
  params: Readonly<Record<string, unknown>>,
  base: typeof globalThis.fetch,
): typeof globalThis.fetch {
  if (Object.keys(params).length === 0) return base;
  return (input, init) => {
    const body = init?.body;
    if (typeof body !== 'string') return base(input, init);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return base(input, init);
    }
    if (!isPlainObject(parsed)) return base(input, init);
    return base(input, { ...init, body: JSON.stringify(mergeReasoning(parsed, params)) });
  };
}
