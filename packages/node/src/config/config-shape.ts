/** How deep tables, arrays and dotted keys may nest in a config (the schema needs five levels). */
export const CONFIG_MAX_DEPTH = 16;

const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** True for a key segment no config path may use: `__proto__`, `constructor`, `prototype` (prototype pollution). */
export function isForbiddenKeySegment(segment: string): boolean {
  return FORBIDDEN_SEGMENTS.has(segment);
}

/** The first structural problem of a parsed config: nesting deeper than {@link CONFIG_MAX_DEPTH}, or a forbidden key. */
export type ConfigShapeProblem =
  | { readonly kind: 'too-deep'; readonly path: readonly string[] }
  | { readonly kind: 'forbidden-key'; readonly path: readonly string[] };

/**
 * Walk a parsed config without recursion (a 50,000-segment dotted key is 50,000 nested tables) and report the first
 * table or array nested deeper than {@link CONFIG_MAX_DEPTH}, or the first key named `__proto__`, `constructor` or
 * `prototype`. Paths are cut at the limit.
 */
export function configShapeProblem(value: unknown): ConfigShapeProblem | undefined {
  const stack: { readonly node: unknown; readonly path: readonly string[] }[] = [{ node: value, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as (typeof stack)[number];
    if (typeof node !== 'object' || node === null || node instanceof Date) continue;
    if (path.length >= CONFIG_MAX_DEPTH) return { kind: 'too-deep', path };
    const entries: [string, unknown][] = Array.isArray(node)
      ? node.map((item, index) => [String(index), item])
      : Object.entries(node);
    for (const [key, child] of entries) {
      if (!Array.isArray(node) && isForbiddenKeySegment(key)) return { kind: 'forbidden-key', path: [...path, key] };
      stack.push({ node: child, path: [...path, key] });
    }
  }
  return undefined;
}

/** A copy of a parsed config whose tables have no prototype (TOML dates kept as they are). Depth is checked first. */
export function cloneWithoutPrototypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneWithoutPrototypes) as T;
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    const copy = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) copy[key] = cloneWithoutPrototypes(item);
    return copy as T;
  }
  return value;
}
