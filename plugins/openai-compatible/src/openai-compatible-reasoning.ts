import type { ReasoningLevel, ReasoningMapping, ReasoningPart } from '@codewhale/core';

// The one widely shared control is top-level `reasoning_effort` (OpenAI Chat Completions). Servers differ on values:
// vLLM accepts low|medium|high only (vllm/entrypoints/openai/protocol.py), newer SGLang also none..max, Ollama
// none..max. So low/medium/high are sent as named; max is sent as high; off sends nothing (see below).

/**
 * Map a reasoning level for an arbitrary OpenAI-compatible server: `reasoning_effort` low|medium|high. `max` is sent
 * as `high`. `off` sends no parameter: `reasoning_effort: "none"` is rejected by many servers, and there is no other
 * portable switch, so the server's default applies (reported with a note, never silently).
 */
export function mapOpenAICompatibleReasoning(level: ReasoningLevel): ReasoningMapping {
  switch (level) {
    case 'off':
      return {
        level: 'off',
        clampedFrom: 'off',
        params: {},
        note: 'there is no portable way to turn reasoning off on an OpenAI-compatible server (many reject reasoning_effort "none"); nothing is sent, so the server default applies',
      };
    case 'max':
      return {
        level: 'high',
        clampedFrom: 'max',
        params: { reasoning_effort: 'high' },
        note: 'the portable reasoning_effort values stop at high',
      };
    default:
      return { level, params: { reasoning_effort: level } };
  }
}

/** Reasoning of a generic endpoint: top-level `reasoning_effort`. */
export const openAICompatibleReasoning: ReasoningPart = { map: (level) => mapOpenAICompatibleReasoning(level) };
