import type { ReasoningLevel, ReasoningMapping, ReasoningPart } from '@codewhale/core';
import { reasoningByControl } from '@codewhale/plugin-kit';

// DeepSeek V4 on the hosted API: the official build.nvidia.com sample sends
// extra_body={"chat_template_kwargs":{"thinking":True,"reasoning_effort":"high"}}. models.dev cites a top-level
// reasoning_effort none|high|max instead; both are documented, and chat_template_kwargs is preferred (as CodeWhale does).
function deepseekV4(level: ReasoningLevel): ReasoningMapping {
  if (level === 'off') return { level, params: { chat_template_kwargs: { thinking: false } } };
  if (level === 'low' || level === 'medium') {
    return {
      level: 'high',
      clampedFrom: level,
      params: { chat_template_kwargs: { thinking: true, reasoning_effort: 'high' } },
      note: 'DeepSeek V4 on NIM takes reasoning_effort high or max only',
    };
  }
  return { level, params: { chat_template_kwargs: { thinking: true, reasoning_effort: level } } };
}

const UNVERIFIED =
  "NIM's reasoning controls are model-specific and this model's is not sourced; the top-level reasoning_effort is sent unverified";

// gpt-oss's own control is reasoning_effort low|medium|high and it cannot stop reasoning (it is "adjustable effort"
// only at Together too); NIM's handling of it is not documented in the sources read.
function gptOss(level: ReasoningLevel): ReasoningMapping {
  if (level === 'off')
    return {
      level: 'low',
      clampedFrom: 'off',
      params: { reasoning_effort: 'low' },
      note: `gpt-oss always reasons; low is its lightest effort. ${UNVERIFIED}`,
    };
  if (level === 'max')
    return {
      level: 'high',
      clampedFrom: 'max',
      params: { reasoning_effort: 'high' },
      note: `gpt-oss efforts are low, medium and high. ${UNVERIFIED}`,
    };
  return { level, params: { reasoning_effort: level }, note: UNVERIFIED };
}

// Every other model: NIM has no shared field (top-level reasoning_effort, chat_template_kwargs.enable_thinking,
// /think prompts and reasoning_budget are all in use). Sending the top-level reasoning_effort is the most common form
// and the one NIM's DeepSeek reference documents with none|high|max; it is never silently dropped, and the note says
// it is unverified. Models without a reasoning mode are clamped to off by the resolver when their profile says so.
function generic(level: ReasoningLevel): ReasoningMapping {
  if (level === 'off') return { level, params: { reasoning_effort: 'none' }, note: UNVERIFIED };
  if (level === 'max')
    return {
      level: 'high',
      clampedFrom: 'max',
      params: { reasoning_effort: 'high' },
      note: `high is the top effort assumed here. ${UNVERIFIED}`,
    };
  return { level, params: { reasoning_effort: level }, note: UNVERIFIED };
}

/**
 * NVIDIA NIM's reasoning dialect: the catalog names an offering's model-specific control (`reasoningControl`, with its
 * source; known for catalog offerings on the hosted API). DeepSeek V4 uses `chat_template_kwargs`; other models get a
 * top-level `reasoning_effort` marked unverified.
 */
export const nvidiaNimReasoning: ReasoningPart = reasoningByControl(
  { 'deepseek-v4': deepseekV4, 'gpt-oss': gptOss },
  generic,
);
