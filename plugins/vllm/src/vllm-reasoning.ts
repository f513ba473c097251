import type { ReasoningLevel, ReasoningMapping, ReasoningPart } from '@codewhale/core';
import { mapServedModelReasoning } from '@codewhale/plugin-kit';
import { findVllmKnownModel } from './vllm-known-models.js';
import type { VllmReasoningDialect } from './vllm-settings.js';

// Sources (docs.vllm.ai/en/stable/features/reasoning_outputs; PROVIDERS.md section 6):
// - Qwen3 thinks by default; chat_template_kwargs.enable_thinking=false turns it off.
// - DeepSeek V3.1: chat_template_kwargs.thinking=true.
// - DeepSeek V4 recipe: chat_template_kwargs {thinking, reasoning_effort: "high"|"max"}; Think Max needs
//   --max-model-len >= 393216.
// - Top-level reasoning_effort is Literal["low","medium","high"] in vllm/entrypoints/openai/protocol.py
//   (ChatCompletionRequest), and reasoning output needs the server started with --reasoning-parser.

/** Map a reasoning level to vLLM request parameters for one dialect. */
export function mapVllmReasoningDialect(level: ReasoningLevel, dialect: VllmReasoningDialect): ReasoningMapping {
  switch (dialect) {
    case 'deepseek-v4': {
      if (level === 'off') return { level, params: { chat_template_kwargs: { thinking: false } } };
      const effort = level === 'max' ? 'max' : 'high';
      const params = { chat_template_kwargs: { thinking: true, reasoning_effort: effort } };
      if (level === 'low' || level === 'medium')
        return {
          level: 'high',
          clampedFrom: level,
          params,
          note: 'DeepSeek V4 has high and max reasoning effort only',
        };
      return level === 'max'
        ? { level, params, note: 'Think Max needs the server started with --max-model-len 393216 or more' }
        : { level, params };
    }
    case 'deepseek-v3':
    case 'qwen3':
    case 'gpt-oss':
    case 'non-thinking':
      return mapServedModelReasoning(level, dialect);
    case 'reasoning-effort': {
      if (level === 'off') {
        return {
          level: 'off',
          clampedFrom: 'off',
          params: {},
          note: "vLLM has no model-independent switch to turn reasoning off, so nothing is sent and the model default applies; declare the served model's dialect in settings.reasoningDialects (e.g. qwen3)",
        };
      }
      const note = 'top-level reasoning_effort is model-specific and needs the server started with --reasoning-parser';
      if (level === 'max')
        return {
          level: 'high',
          clampedFrom: 'max',
          params: { reasoning_effort: 'high' },
          note: `vLLM's reasoning_effort stops at high; ${note}`,
        };
      return { level, params: { reasoning_effort: level }, note };
    }
  }
}

/** The reasoning dialect for a served name: your settings, else the well-known model's, else `reasoning-effort`. */
export function vllmDialectFor(
  wireModelId: string,
  dialects: ReadonlyMap<string, VllmReasoningDialect>,
): VllmReasoningDialect {
  return dialects.get(wireModelId) ?? findVllmKnownModel(wireModelId)?.reasoning ?? 'reasoning-effort';
}

/** vLLM's reasoning part: the dialect is chosen by the served name (the wire id), byte-for-byte. */
export function createVllmReasoning(dialects: ReadonlyMap<string, VllmReasoningDialect> = new Map()): ReasoningPart {
  return { map: (level, context) => mapVllmReasoningDialect(level, vllmDialectFor(context.wireModelId, dialects)) };
}
