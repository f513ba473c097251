import type { Registry } from '../registry/registry-types.js';

/** A provider-scoped reference split into its parts. `provider` is set only when the prefix is a registered provider. */
export interface RouteRef {
  readonly provider?: string;
  readonly model: string;
}

/**
 * Split a `<provider>:<model>` reference at the first `:` only, and only when the part before it is a registered
 * provider id or alias (`local:coder:30b` → provider local + model `coder:30b`). Anything else is a plain model
 * string, kept whole (`coder:30b`, `org/Model-Name:upstream`).
 */
export function parseRouteRef(ref: string, registry: Pick<Registry, 'findProvider'>): RouteRef {
  const text = ref.trim();
  const colon = text.indexOf(':');
  if (colon > 0) {
    const provider = registry.findProvider(text.slice(0, colon));
    if (provider) return { provider: provider.id, model: text.slice(colon + 1) };
  }
  return { model: text };
}
