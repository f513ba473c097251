import type { ReadyRouteCandidate } from '@codewhale/core';
import { chatCandidate } from './chat-route.js';

/**
 * The route's reasoning parameters for a chat-completions body (`candidate.reasoning.params`) as a fresh, mutable copy;
 * `{}` when the provider's default applies.
 *
 * @example
 * ```ts
 * await client.chat.completions.create({ model: candidate.wireModelId, messages, ...reasoningBody(candidate) });
 * ```
 */
export function reasoningBody(candidate: ReadyRouteCandidate): Record<string, unknown> {
  return structuredClone(chatCandidate(candidate, 'reasoningBody').reasoning.params) as Record<string, unknown>;
}
