import type { ReasoningContext, ReasoningLevel } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { nvidiaNimOfferings } from './nvidia-nim-offerings.js';
import { nvidiaNimReasoning } from './nvidia-nim-reasoning.js';

const endpoint = {
  key: 'chat',
  baseUrl: 'https://integrate.api.nvidia.com/v1',
  official: true,
  protocol: 'chat-completions',
};
const route = (model: string | undefined): ReasoningContext => {
  const offering = model === undefined ? undefined : nvidiaNimOfferings.find((entry) => entry.model === model);
  return {
    wireModelId: offering?.wireId ?? 'some/model',
    offering: offering ? { ...offering, provider: 'nvidia-nim' } : undefined,
    endpoint,
  };
};
const map = (level: ReasoningLevel, model?: string) => nvidiaNimReasoning.map(level, route(model));
const UNVERIFIED =
  "NIM's reasoning controls are model-specific and this model's is not sourced; the top-level reasoning_effort is sent unverified";

describe('nvidiaNimReasoning', () => {
  it.each(['deepseek-v4-pro', 'deepseek-v4-flash'])(
    '%s uses chat_template_kwargs (low/medium clamped to high)',
    (model) => {
      expect(map('off', model)).toEqual({ level: 'off', params: { chat_template_kwargs: { thinking: false } } });
      for (const level of ['low', 'medium'] as const) {
        expect(map(level, model)).toEqual({
          level: 'high',
          clampedFrom: level,
          params: { chat_template_kwargs: { thinking: true, reasoning_effort: 'high' } },
          note: 'DeepSeek V4 on NIM takes reasoning_effort high or max only',
        });
      }
      expect(map('high', model)).toEqual({
        level: 'high',
        params: { chat_template_kwargs: { thinking: true, reasoning_effort: 'high' } },
      });
      expect(map('max', model)).toEqual({
        level: 'max',
        params: { chat_template_kwargs: { thinking: true, reasoning_effort: 'max' } },
      });
    },
  );

  it('gpt-oss: effort only, off → low and max → high, marked unverified', () => {
    expect(map('off', 'gpt-oss-120b')).toEqual({
      level: 'low',
      clampedFrom: 'off',
      params: { reasoning_effort: 'low' },
      note: `gpt-oss always reasons; low is its lightest effort. ${UNVERIFIED}`,
    });
    expect(map('low', 'gpt-oss-20b')).toEqual({ level: 'low', params: { reasoning_effort: 'low' }, note: UNVERIFIED });
    expect(map('medium', 'gpt-oss-120b')).toEqual({
      level: 'medium',
      params: { reasoning_effort: 'medium' },
      note: UNVERIFIED,
    });
    expect(map('high', 'gpt-oss-120b')).toEqual({
      level: 'high',
      params: { reasoning_effort: 'high' },
      note: UNVERIFIED,
    });
    expect(map('max', 'gpt-oss-120b')).toEqual({
      level: 'high',
      clampedFrom: 'max',
      params: { reasoning_effort: 'high' },
      note: `gpt-oss efforts are low, medium and high. ${UNVERIFIED}`,
    });
  });

  it.each([undefined, 'kimi-k2.6', 'glm-5.1', 'llama-3.3-70b-instruct'])(
    'other models (%s): top-level reasoning_effort, marked unverified',
    (model) => {
      expect(map('off', model)).toEqual({ level: 'off', params: { reasoning_effort: 'none' }, note: UNVERIFIED });
      expect(map('low', model)).toEqual({ level: 'low', params: { reasoning_effort: 'low' }, note: UNVERIFIED });
      expect(map('medium', model)).toEqual({
        level: 'medium',
        params: { reasoning_effort: 'medium' },
        note: UNVERIFIED,
      });
      expect(map('high', model)).toEqual({ level: 'high', params: { reasoning_effort: 'high' }, note: UNVERIFIED });
      expect(map('max', model)).toEqual({
        level: 'high',
        clampedFrom: 'max',
        params: { reasoning_effort: 'high' },
        note: `high is the top effort assumed here. ${UNVERIFIED}`,
      });
    },
  );

  it('a self-hosted DeepSeek V4 (no offering off the hosted API) gets the generic form', () => {
    const context: ReasoningContext = {
      wireModelId: 'deepseek-ai/deepseek-v4-pro',
      offering: undefined,
      endpoint: { ...endpoint, baseUrl: 'http://127.0.0.1:8000/v1', official: false },
    };
    expect(nvidiaNimReasoning.map('high', context).params).toEqual({ reasoning_effort: 'high' });
  });
});
