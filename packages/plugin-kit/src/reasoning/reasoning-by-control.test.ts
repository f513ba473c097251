import type { ProviderModelOffering, ReasoningContext, ReasoningLevel } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { reasoningByControl } from './reasoning-by-control.js';

const source = { url: 'https://docs.example.com/reasoning', retrieved: '2026-11-21', kind: 'official' } as const;
const endpoint = { key: 'chat', baseUrl: 'https://api.example.com/v1', official: true, protocol: 'chat-completions' };

function context(control?: string): ReasoningContext {
  const offering: ProviderModelOffering | undefined =
    control === undefined
      ? undefined
      : {
          provider: 'acme',
          model: 'deepseek-v4-pro',
          wireId: 'acme/deepseek-v4-pro',
          meter: { kind: 'unknown', reason: 'no published price' },
          reasoningControl: { value: control, source },
        };
  return { wireModelId: 'acme/deepseek-v4-pro', offering, endpoint } as ReasoningContext;
}

const thinking = (level: ReasoningLevel) => ({
  level,
  params: { chat_template_kwargs: { thinking: level !== 'off' } },
});
const effort = (level: ReasoningLevel) => ({ level, params: { reasoning_effort: level } });

describe('reasoningByControl', () => {
  const part = reasoningByControl({ 'deepseek-v4': thinking }, effort);

  it('declares its controls, so the registry can refuse an offering that names another', () => {
    expect(part.controls).toEqual(['deepseek-v4']);
  });

  it("maps with the control the offering's catalog entry names", () => {
    expect(part.map('high', context('deepseek-v4')).params).toEqual({ chat_template_kwargs: { thinking: true } });
  });

  it('uses the generic form without an offering (an id passed through) and for a control it does not know', () => {
    expect(part.map('high', context()).params).toEqual({ reasoning_effort: 'high' });
    expect(part.map('low', context('toString')).params).toEqual({ reasoning_effort: 'low' });
  });
});
