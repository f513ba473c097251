import { foldProviderName, providerNamesOf } from '../registry/provider-names.js';
import type { Registry } from '../registry/registry-types.js';

function distance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    for (let column = 1; column <= right.length; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      current[column] = Math.min(
        (previous[column] as number) + 1,
        (current[column - 1] as number) + 1,
        (previous[column - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[right.length] as number;
}

/**
 * The registered provider id whose id or alias is closest to a name that matched none (folded like provider names),
 * when it is close enough to be a likely typo; `undefined` otherwise.
 */
export function nearestProvider(registry: Pick<Registry, 'providers'>, name: string): string | undefined {
  const wanted = foldProviderName(name);
  if (wanted === '' || wanted.length > 64) return undefined;
  let best: { id: string; score: number } | undefined;
  for (const provider of registry.providers()) {
    for (const candidate of providerNamesOf(provider.descriptor)) {
      const folded = foldProviderName(candidate);
      const score = folded.startsWith(wanted) && wanted.length >= 3 ? 0.5 : distance(wanted, folded);
      if (score <= Math.max(1, Math.floor(folded.length / 4)) + 1 && (!best || score < best.score))
        best = { id: provider.id, score };
    }
  }
  return best?.id;
}

/**
 * A sentence for a model string shaped like a provider-scoped ref (`nope:foo`) whose prefix is not a registered
 * provider: the prefix was probably meant as one. `undefined` when the string has no such prefix.
 */
export function unknownRefPrefix(
  registry: Pick<Registry, 'providers' | 'findProvider' | 'providerIds'>,
  model: string,
): { readonly name: string; readonly nearest?: string; readonly sentence: string } | undefined {
  const colon = model.indexOf(':');
  if (colon <= 0) return undefined;
  const name = model.slice(0, colon).trim();
  // Only a name that could be a provider id (no org path, no dots): `qwen3-coder:30b` still qualifies, `org/x:tag` does not.
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name) || registry.findProvider(name)) return undefined;
  const nearest = nearestProvider(registry, name);
  const hint = nearest
    ? ` Did you mean "${nearest}" (the ref ${nearest}:${model.slice(colon + 1)})?`
    : ` Registered providers: ${registry.providerIds.join(', ')}.`;
  return {
    name,
    ...(nearest ? { nearest } : {}),
    sentence: `If "${name}" is meant as a provider: no provider "${name}" is registered.${hint}`,
  };
}
