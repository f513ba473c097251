import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it.each([
    ['an OpenAI-style key', 'key sk-abcdefghijklmnop1234 bad', 'key [redacted] bad'],
    ['a project key', 'sk-proj-AbC_dEf-123456789', '[redacted]'],
    ['an NVIDIA key', 'nvapi-abcdefghijklmnopqrstuvwxyz', '[redacted]'],
    ['a Hugging Face token', 'token hf_abcdefghijklmnopqrst.', 'token [redacted]'],
    ['a bearer header', 'Authorization: Bearer abcdefghijklmnop==', 'Authorization: [redacted]'],
    [
      'short prefixed words are kept',
      'sk-short and task-force and model-not-found',
      'sk-short and task-force and model-not-found',
    ],
    ['DeepSeek masked suffix is kept', 'Your api key: ****cd15 is invalid', 'Your api key: ****cd15 is invalid'],
  ])('%s', (_name, text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });

  it('replaces every occurrence of given secrets of 4+ characters, and ignores shorter ones', () => {
    expect(redactSecrets('abcd-x-abcd', ['abcd'])).toBe(`${REDACTED}-x-${REDACTED}`);
    expect(redactSecrets('abc stays', ['abc', ''])).toBe('abc stays');
    expect(redactSecrets('DeepSeek ****cd15', ['cd15'])).toBe('DeepSeek ****[redacted]');
  });

  it('never leaves a key-alphabet secret in the output (unless it is part of the word "redacted" itself)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{4,40}$/),
        fc.array(fc.string(), { maxLength: 4 }),
        (secret, parts) => {
          const text = parts.join(secret);
          return !redactSecrets(text, [secret]).includes(secret) || REDACTED.includes(secret);
        },
      ),
    );
  });
});
