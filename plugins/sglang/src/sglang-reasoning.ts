import type { ReasoningLevel, ReasoningMapping, ReasoningPart } from '@codewhale/core';
import { mapServedModelReasoning } from '@codewhale/plugin-kit';
import { findSglangKnownModel } from './sglang-known-models.js';
import type { SglangReasoningDialect } from './sglang-settings.js';

// Sources: docs.sglang.io/docs/advanced_features/separate_reasoning (DeepSeek V3.1/V3.2 read
// chat_template_kwargs.thinking, not enable_thinking; Qwen3 reads enable_thinking; output needs --reasoning-parser).
// CodeWhale sends DeepSeek-style `thinking` plus `reasoning_effort` on its sglang route. SGLang's own handling of
// reasoning_effort "none" sets both `thinking` and `enable_thinking` to false (python/sglang/srt/entrypoints/openai/
// protocol.py @004c82e); older releases accept only low|medium|high, so none and max are not sent for unknown models.

/** Map a reasoning level to SGLang request parameters for one dialect. */
export function mapSglangReasoningDialect(level: ReasoningLevel, dialect: SglangReasoningDialect): ReasoningMapping {
  switch (dialect) {
    case 'deepseek-v4': {
      if (level === 'off') return { level, params: { chat_template_kwargs: { thinking: false } } };
      const effort = level === 'max' ? 'max' : 'high';
      const params = { chat_template_kwargs: { thinking: true }, reasoning_effort: effort };
      if (level === 'low' || level === 'medium')
        return {
          level: 'high',
          clampedFrom: level,
          params,
          note: 'DeepSeek V4 has high and max reasoning effort only',
        };
      return { level, params };
    }
    case 'deepseek-v3':
    case 'qwen3':
    case 'gpt-oss':
    case 'non-thinking':
      return mapServedModelReasoning(level, dialect);
    case 'thinking-and-effort': {
      // Both switches off covers DeepSeek-style and Qwen3-style templates; a template that reads neither ignores them.
      if (level === 'off')
        return { level, params: { chat_template_kwargs: { thinking: false, enable_thinking: false } } };
      const note =
        "model-specific: chat templates that do not read `thinking` ignore it; declare the served model's dialect in settings.reasoningDialects";
      const effort = level === 'max' ? 'high' : level;
      const params = { chat_template_kwargs: { thinking: true }, reasoning_effort: effort };
      if (level === 'max')
        return {
          level: 'high',
          clampedFrom: 'max',
          params,
          note: `older SGLang releases accept reasoning_effort up to high; ${note}`,
        };
      return { level, params, note };
    }
  }
}

/** The reasoning dialect for a served name: your settings, else the well-known model's, else `thinking-and-effort`. */
export function sglangDialectFor(
  wireModelId: string,
  dialects: ReadonlyMap<string, SglangReasoningDialect>,
): SglangReasoningDialect {
  return dialects.get(wireModelId) ?? findSglangKnownModel(wireModelId)?.reasoning ?? 'thinking-and-effort';
}

/** SGLang's reasoning part: the dialect is chosen by the served name (the wire id), byte-for-byte. */
export function createSglangReasoning(
  dialects: ReadonlyMap<string, SglangReasoningDialect> = new Map(),
): ReasoningPart {
  return { map: (level, context) => mapSglangReasoningDialect(level, sglangDialectFor(context.wireModelId, dialects)) };
}
