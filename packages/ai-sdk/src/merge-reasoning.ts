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
