import { describe, expect, it } from 'vitest';
import { MAX_WIRE_ID_LENGTH, passThroughModelIdPolicy, wireIdSyntaxProblem } from './wire-id-syntax.js';

describe('wireIdSyntaxProblem', () => {
  it('accepts namespaced, dotted, mixed-case and suffixed ids', () => {
    for (const id of [
      'deepseek-ai/DeepSeek-V4-Pro',
      'qwen/qwen3-coder:free',
      'gpt-oss-120b',
      'a'.repeat(MAX_WIRE_ID_LENGTH),
    ])
      expect(wireIdSyntaxProblem(id)).toBeUndefined();
  });

  it('names the problem and the code point of what cannot be in an id', () => {
    expect(wireIdSyntaxProblem('')).toBe('the id is empty');
    expect(wireIdSyntaxProblem('a'.repeat(MAX_WIRE_ID_LENGTH + 1))).toBe(
      `the id is ${MAX_WIRE_ID_LENGTH + 1} characters long; wire ids have at most ${MAX_WIRE_ID_LENGTH}`,
    );
    expect(wireIdSyntaxProblem('deepseek v4')).toBe('it contains whitespace (U+0020)');
    expect(wireIdSyntaxProblem('deepseek\u00a0v4')).toBe('it contains whitespace (U+00A0)');
    expect(wireIdSyntaxProblem('deep\u200bseek')).toBe('it contains an invisible or control character (U+200B)');
    expect(wireIdSyntaxProblem('deep\u001bseek')).toBe('it contains an invisible or control character (U+001B)');
    expect(wireIdSyntaxProblem('deep\ud800seek')).toBe('it contains an invisible or control character (U+D800)');
  });
});

describe('passThroughModelIdPolicy', () => {
  const policy = passThroughModelIdPolicy({
    offerings: [{ wireId: 'org/Model-A' }],
    otherCasing: (listed, id) => `listed as ${listed}, ${id} sent`,
    unlisted: 'not listed, sent',
  });

  it('sends every valid id unchanged, noting a catalog id in other casing', () => {
    expect(policy.classify('ORG/model-a', {} as never)).toEqual({
      kind: 'pass-through',
      reason: 'listed as org/Model-A, ORG/model-a sent',
    });
    expect(policy.classify('other/model', {} as never)).toEqual({ kind: 'pass-through', reason: 'not listed, sent' });
  });

  it('refuses what cannot be an id, with the reason', () => {
    expect(policy.classify('org/ model', {} as never)).toEqual({
      kind: 'invalid',
      reason: 'it contains whitespace (U+0020)',
    });
  });
});
