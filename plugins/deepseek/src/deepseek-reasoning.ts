import type { ReasoningContext, ReasoningLevel, ReasoningMapping, ReasoningPart } from '@codewhale/core';

type Effort = 'high' | 'max';

// https://api-docs.deepseek.com/guides/thinking_mode: thinking {type: enabled|disabled} (default enabled) and the
// efforts high and max; the server maps low and medium to high. We send high and say so, rather than rely on that.
// (kolega-ai/kolega-code PR #695 saw none/low/high/max accepted on deepseek-flash after V4.1; the docs still say
// low behaves as high, so nothing is lost.)
const CLAMP_NOTE = 'DeepSeek thinking has two efforts, high and max; low and medium run as high';

function effortOf(level: Exclude<ReasoningLevel, 'off'>): { effort: Effort; clampedFrom?: ReasoningLevel } {
  if (level === 'max') return { effort: 'max' };
  if (level === 'high') return { effort: 'high' };
  return { effort: 'high', clampedFrom: level };
}

/** OpenAI format: `thinking` plus `reasoning_effort` (with the OpenAI SDK both go in `extra_body`). */
function chatParams(effort: Effort | undefined): Record<string, unknown> {
  if (effort === undefined) return { thinking: { type: 'disabled' } };
  return { thinking: { type: 'enabled' }, reasoning_effort: effort };
}

/** Anthropic format (`/anthropic`): `thinking.type` plus `output_config.effort`; `thinking.budget_tokens` is ignored there. */
function anthropicParams(effort: Effort | undefined): Record<string, unknown> {
  if (effort === undefined) return { thinking: { type: 'disabled' } };
  return { thinking: { type: 'enabled' }, output_config: { effort } };
}

/**
 * OpenAI Responses format (`/responses`): `reasoning.effort`, where `none` turns thinking off. A real recording of
 * 2026-08-05 sends `reasoning: {effort: "high"}` (pydantic/pydantic-ai tests/models/cassettes/test_deepseek_responses,
 * `[reasoning_effort]`); `none` and `max` as in vercel/ai packages/deepseek (responses options, citing
 * https://api-docs.deepseek.com/guides/thinking_mode). `thinking` and `reasoning_effort` are Chat Completions fields.
 */
function responsesParams(effort: Effort | undefined): Record<string, unknown> {
  return { reasoning: { effort: effort ?? 'none' } };
}

const PARAMS_BY_PROTOCOL = new Map<string, (effort: Effort | undefined) => Record<string, unknown>>([
  ['anthropic-messages', anthropicParams],
  ['responses', responsesParams],
]);

function mapDeepseekReasoning(level: ReasoningLevel, context: ReasoningContext): ReasoningMapping {
  const params = PARAMS_BY_PROTOCOL.get(context.endpoint.protocol) ?? chatParams;
  if (level === 'off') return { level, params: params(undefined) };
  const { effort, clampedFrom } = effortOf(level);
  if (clampedFrom === undefined) return { level, params: params(effort) };
  return { level: effort, clampedFrom, params: params(effort), note: CLAMP_NOTE };
}

/** DeepSeek's reasoning dialect: off, high and max exactly; low and medium clamped to high with a note. */
export const deepseekReasoning: ReasoningPart = { map: mapDeepseekReasoning };
