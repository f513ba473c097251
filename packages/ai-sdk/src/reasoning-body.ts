import type { ReadyRouteCandidate } from '@codewhale/core';
import { ADAPTER_PROTOCOLS, adapterCandidate } from './chat-route.js';

/**
 * The route's reasoning parameters (`candidate.reasoning.params`) as a fresh, mutable copy, in the form of the route's
 * protocol (a chat-completions, responses or anthropic-messages body); `{}` when the provider's default applies.
 *
 * @example
 * ```ts
 * await client.chat.completions.create({ model: candidate.wireModelId, messages, ...reasoningBody(candidate) });
 * ```
 */
export function reasoningBody(candidate: ReadyRouteCandidate): Record<string, unknown> {
  const route = adapterCandidate(candidate, 'reasoningBody', ADAPTER_PROTOCOLS);
  return structuredClone(route.reasoning.params) as Record<string, unknown>;
}
