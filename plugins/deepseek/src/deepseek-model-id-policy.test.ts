import { readFileSync } from 'node:fs';
import { modelRenamesFileSchema, type ModelIdContext, type ModelIdVerdict } from '@codewhale/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepseekModelIdPolicy } from './deepseek-model-id-policy.js';
import { DEEPSEEK_MODEL_RENAMES } from './deepseek-model-renames.js';

const official: ModelIdContext = {
  providerId: 'deepseek',
  endpoint: { key: 'chat', baseUrl: 'https://api.deepseek.com', official: true },
};
const anthropic: ModelIdContext = {
  providerId: 'deepseek',
  endpoint: { key: 'anthropic', baseUrl: 'https://api.deepseek.com/anthropic', official: true },
};
const custom: ModelIdContext = {
  providerId: 'deepseek',
  endpoint: { key: 'chat', baseUrl: 'https://llm-proxy.example.com/v1', official: false },
};

const classify = (id: string, context: ModelIdContext = official): ModelIdVerdict =>
  deepseekModelIdPolicy.classify(id, context);

describe('deepseekModelIdPolicy.lookupKey', () => {
  it('is the identity: DeepSeek compares ids exactly', () => {
    for (const id of ['deepseek-v4-pro', 'DeepSeek-V4-Pro', 'deepseek-flash ', 'qwen/qwen3-coder'])
      expect(deepseekModelIdPolicy.lookupKey?.(id)).toBe(id);
  });
});

describe('deepseekModelIdPolicy.classify on the official endpoint', () => {
  it.each<[string, string, Partial<ModelIdVerdict>]>([
    // namespaced: other providers' wire ids
    ['namespaced, other family', 'qwen/qwen3-coder', { kind: 'foreign' }],
    [
      'namespaced Together/HF id of a DeepSeek model',
      'deepseek-ai/DeepSeek-V4-Pro',
      { kind: 'foreign', suggestion: 'deepseek-v4-pro' },
    ],
    ['namespaced OpenRouter id', 'deepseek/deepseek-v4-pro', { kind: 'foreign', suggestion: 'deepseek-v4-pro' }],
    ['namespaced retired id', 'deepseek/deepseek-v4-flash', { kind: 'foreign', suggestion: 'deepseek-flash' }],
    ['namespaced canonical id', 'deepseek/deepseek-v4.1-flash', { kind: 'foreign', suggestion: 'deepseek-flash' }],
    [
      'namespaced with an HF :provider suffix',
      'deepseek-ai/DeepSeek-V4-Pro:novita',
      { kind: 'foreign', suggestion: 'deepseek-v4-pro' },
    ],
    ['namespaced, unknown tail', 'deepseek-ai/DeepSeek-V3.2', { kind: 'foreign' }],
    ['namespaced current wire id', 'deepseek/deepseek-flash', { kind: 'foreign', suggestion: 'deepseek-flash' }],
    // other families
    ['other family', 'qwen3-coder', { kind: 'foreign' }],
    ['other family', 'kimi-k2.6', { kind: 'foreign' }],
    ['other family', 'gpt-oss-120b', { kind: 'foreign' }],
    ['other family, mixed case', 'Qwen3-Coder', { kind: 'foreign' }],
    ['look-alike prefix', 'deepseekv4', { kind: 'foreign' }],
    ['look-alike separator', 'deepseek_v4_pro', { kind: 'foreign' }],
    ['family name inside another id', 'my-deepseek-v4', { kind: 'foreign' }],
    ['512 characters (the longest id)', `deepseek-${'a'.repeat(503)}`, { kind: 'pass-through' }],
    // mixed case
    ['upper-case unknown id', 'DeepSeek-V5', { kind: 'invalid', suggestion: 'deepseek-v5' }],
    ['upper-case known wire id', 'DEEPSEEK-FLASH', { kind: 'invalid', suggestion: 'deepseek-flash' }],
    [
      'upper-case retired id suggests its successor',
      'DeepSeek-Chat',
      { kind: 'invalid', suggestion: 'deepseek-flash' },
    ],
    // suffixed
    ['tag suffix on a known id', 'deepseek-v4-pro:free', { kind: 'invalid', suggestion: 'deepseek-v4-pro' }],
    ['Ollama cloud tag', 'deepseek-v4-pro:0813-cloud', { kind: 'invalid', suggestion: 'deepseek-v4-pro' }],
    ['version suffix', 'deepseek-flash@latest', { kind: 'invalid', suggestion: 'deepseek-flash' }],
    ['tag suffix on an unknown id', 'deepseek-v5:beta', { kind: 'invalid', suggestion: 'deepseek-v5' }],
    ['dated suffix (DeepSeek-style)', 'deepseek-v4-pro-0813', { kind: 'pass-through' }],
    // syntax
    ['whitespace inside', 'deepseek v4 pro', { kind: 'invalid', reason: 'it contains whitespace' }],
    ['tab inside', 'deepseek-v4-pro\tx', { kind: 'invalid', reason: 'it contains whitespace' }],
    [
      'control character',
      'deepseek-v4-pro\u0000',
      { kind: 'invalid', reason: 'it contains control or invisible formatting characters' },
    ],
    [
      'zero-width space',
      'deepseek-v4\u200b-pro',
      { kind: 'invalid', reason: 'it contains control or invisible formatting characters' },
    ],
    [
      'very long',
      `deepseek-${'x'.repeat(600)}`,
      { kind: 'invalid', reason: 'it is 609 characters long, and model ids have at most 512' },
    ],
    // unicode
    ['Cyrillic look-alike letter', 'deepseek-v4-pr\u043e', { kind: 'invalid' }],
    ['accented letter', 'deepseek-v4-pró', { kind: 'invalid' }],
    ['non-Latin id', '深度求索', { kind: 'foreign' }],
    // own family, unknown: deferred
    ['future id', 'deepseek-v5-pro', { kind: 'pass-through' }],
    ['future id with dots', 'deepseek-v4.2-flash', { kind: 'pass-through' }],
    ['bare family name', 'deepseek', { kind: 'pass-through' }],
  ])('%s: %s', (_label, id, expected) => {
    expect(classify(id)).toMatchObject(expected);
  });

  it('explains invalid ids precisely', () => {
    expect(classify('DeepSeek-V5')).toEqual({
      kind: 'invalid',
      reason: 'DeepSeek model ids are lower-case, and its API matches them exactly',
      suggestion: 'deepseek-v5',
    });
    expect(classify('deepseek-v4-pro:free')).toEqual({
      kind: 'invalid',
      reason: "DeepSeek model ids contain only lower-case letters, digits, '.' and '-'",
      suggestion: 'deepseek-v4-pro',
    });
    // A bad character and a suffix: nothing to suggest (the base is no DeepSeek id either).
    expect(classify('deepseek-v4_pro:free')).toEqual({
      kind: 'invalid',
      reason: "DeepSeek model ids contain only lower-case letters, digits, '.' and '-'",
    });
    // Upper case and a bad character: lower-casing alone would not fix it, so the reason names the characters.
    expect(classify('DeepSeek-V4_Pro')).toEqual({
      kind: 'invalid',
      reason: "DeepSeek model ids contain only lower-case letters, digits, '.' and '-'",
    });
    expect(classify(`deepseek-${'a'.repeat(504)}`)).toEqual({
      kind: 'invalid',
      reason: 'it is 513 characters long, and model ids have at most 512',
    });
    expect(classify('deepseek-v4-pr\u043e')).toEqual({
      kind: 'invalid',
      reason: "DeepSeek model ids contain only lower-case letters, digits, '.' and '-'",
    });
  });

  it('foreign verdicts say why', () => {
    expect(classify('qwen/qwen3-coder')).toEqual({
      kind: 'foreign',
      reason: "namespaced ids (org/model) are other providers' wire ids; DeepSeek's own ids have no org prefix",
    });
    expect(classify('kimi-k2.6')).toEqual({
      kind: 'foreign',
      reason: 'it is not a DeepSeek model id: DeepSeek serves only its own deepseek-* models',
    });
  });

  it('maps every renamed id, dated, to an offering', () => {
    expect(classify('deepseek-v4-flash')).toEqual({
      kind: 'mapped',
      wireId: 'deepseek-flash',
      since: '2026-09-10',
      reason:
        'V4 Flash was retired on 2026-09-10; DeepSeek still accepts the id and routes it to V4.1 Flash, served as deepseek-flash',
    });
    expect(classify('deepseek-v4-flash-vision-exp')).toMatchObject({
      kind: 'mapped',
      wireId: 'deepseek-flash',
      since: '2026-09-10',
    });
    expect(classify('deepseek-chat')).toMatchObject({ kind: 'mapped', wireId: 'deepseek-flash', since: '2026-07-24' });
    expect(classify('deepseek-reasoner')).toMatchObject({
      kind: 'mapped',
      wireId: 'deepseek-flash',
      since: '2026-07-24',
      reason: expect.stringContaining('reasoning "high"'),
    });
    expect(classify('deepseek-v4-flash-0731')).toMatchObject({
      kind: 'mapped',
      wireId: 'deepseek-flash',
      since: '2026-09-10',
    });
  });

  it('the anthropic endpoint is official too: same verdicts', () => {
    expect(classify('deepseek-chat', anthropic)).toMatchObject({ kind: 'mapped', wireId: 'deepseek-flash' });
    expect(classify('DeepSeek-V5', anthropic)).toMatchObject({ kind: 'invalid' });
  });

  it('never treats prototype keys as renames', () => {
    expect(classify('constructor')).toMatchObject({ kind: 'foreign' });
    expect(classify('deepseek-__proto__')).toMatchObject({ kind: 'invalid' });
  });
});

describe('deepseekModelIdPolicy.classify on a custom endpoint', () => {
  it('passes case, suffixes and retired ids through: the endpoint decides', () => {
    expect(classify('DeepSeek-V5', custom)).toEqual({
      kind: 'pass-through',
      reason: 'a custom endpoint decides which DeepSeek ids it serves',
    });
    expect(classify('deepseek-v4-pro:free', custom)).toMatchObject({ kind: 'pass-through' });
    expect(classify('deepseek-chat', custom)).toEqual({
      kind: 'pass-through',
      reason:
        "a custom endpoint decides which DeepSeek ids it serves; on DeepSeek's own API it would be sent as deepseek-flash (since 2026-07-24)",
    });
  });

  it('still calls other families foreign (core defers that off the official endpoint) and bad syntax invalid', () => {
    expect(classify('qwen/qwen3-coder', custom)).toMatchObject({ kind: 'foreign' });
    expect(classify('gpt-oss-120b', custom)).toMatchObject({ kind: 'foreign' });
    expect(classify('deepseek v4', custom)).toMatchObject({ kind: 'invalid', reason: 'it contains whitespace' });
  });
});

describe('rename table', () => {
  it('is dated, sourced, and points at offered wire ids', () => {
    for (const [id, rename] of Object.entries(DEEPSEEK_MODEL_RENAMES)) {
      expect(id).toMatch(/^deepseek-[a-z0-9.-]+$/);
      expect(rename.since).toMatch(/^2026-\d{2}-\d{2}$/);
      expect(['deepseek-flash', 'deepseek-v4-pro']).toContain(rename.to);
      expect(rename.sources.length).toBeGreaterThan(0);
      for (const source of rename.sources) expect(() => new URL(source)).not.toThrow();
    }
    expect(Object.keys(DEEPSEEK_MODEL_RENAMES).sort()).toEqual([
      'deepseek-chat',
      'deepseek-reasoner',
      'deepseek-v4-flash',
      'deepseek-v4-flash-0731',
      'deepseek-v4-flash-vision-exp',
    ]);
    expect(Object.isFrozen(DEEPSEEK_MODEL_RENAMES)).toBe(true);
  });

  it('is catalog/renames/deepseek.json, row for row (data, not code)', () => {
    const file = modelRenamesFileSchema.parse(
      JSON.parse(readFileSync(new URL('../../../catalog/renames/deepseek.json', import.meta.url), 'utf8')),
    );
    expect(file.provider).toBe('deepseek');
    expect(DEEPSEEK_MODEL_RENAMES).toEqual(
      Object.fromEntries(
        file.renames.map(({ from, to, since, reason, sources }) => [
          from,
          { to, since, reason, sources: sources.map((source) => source.url) },
        ]),
      ),
    );
    expect(DEEPSEEK_MODEL_RENAMES['deepseek-chat']).toMatchObject({ to: 'deepseek-flash', since: '2026-07-24' });
  });
});

describe('properties', () => {
  const contexts = fc.constantFrom(official, anthropic, custom);

  it('never throws and always returns a verdict with a reason', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 700 }), contexts, (id, context) => {
        const verdict = classify(id, context);
        expect(['pass-through', 'mapped', 'foreign', 'invalid']).toContain(verdict.kind);
        expect(verdict.reason.length).toBeGreaterThan(0);
      }),
    );
  });

  it('maps only on official endpoints, and only to an offered wire id', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(DEEPSEEK_MODEL_RENAMES), 'deepseek-v5', 'deepseek-flash'),
        contexts,
        (id, context) => {
          const verdict = classify(id, context);
          if (verdict.kind === 'mapped') {
            expect(context.endpoint.official).toBe(true);
            expect(verdict.wireId).toBe('deepseek-flash');
          }
        },
      ),
    );
  });

  it('a suggestion is always a lower-case DeepSeek id', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9./:@_-]{1,40}$/), (id) => {
        const verdict = classify(id);
        if ((verdict.kind === 'invalid' || verdict.kind === 'foreign') && verdict.suggestion !== undefined) {
          expect(verdict.suggestion).toMatch(/^deepseek(?:-[a-z0-9.-]*)?$/);
        }
      }),
    );
  });

  it('any id without a slash that does not start with deepseek is foreign or invalid, never passed through', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9.-]{0,30}$/).filter((id) => !/^deepseek(?:-|$)/.test(id)),
        (id) => {
          expect(classify(id).kind).toBe('foreign');
        },
      ),
    );
  });
});
