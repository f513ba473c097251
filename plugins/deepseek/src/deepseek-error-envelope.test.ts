import { readFileSync } from 'node:fs';
import { normalizeProviderError } from '@codewhale/plugin-kit';
import { describe, expect, it } from 'vitest';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8'));

describe("DeepSeek's error envelope (OpenAI nested, string codes)", () => {
  it('401 invalid key (recorded body)', () => {
    expect(normalizeProviderError(401, fixture('deepseek-error-401.json'))).toEqual({
      message: 'Authentication Fails, Your api key: ****cd15 is invalid',
      type: 'authentication_error',
      code: 'invalid_request_error',
      shape: 'openai-nested',
    });
  });

  it('400 unknown model (PROVIDERS.md section 0.4: 400, not 404)', () => {
    const body = {
      error: { message: 'Model Not Exist', type: 'invalid_request_error', param: null, code: 'invalid_request_error' },
    };
    expect(normalizeProviderError(400, body)).toEqual({
      message: 'Model Not Exist',
      type: 'invalid_request_error',
      code: 'invalid_request_error',
      shape: 'openai-nested',
    });
  });

  it('400 for a canonical id sent on the wire (deepseek-v4.1-flash)', () => {
    const message =
      'The supported API model names are deepseek-flash, deepseek-v4-pro, but you passed deepseek-v4.1-flash';
    expect(normalizeProviderError(400, { error: { message, type: 'invalid_request_error' } })).toEqual({
      message,
      type: 'invalid_request_error',
      shape: 'openai-nested',
    });
  });

  it('redacts a key that a server echoes back', () => {
    const body = {
      error: {
        message: 'Authentication Fails (auth header format should be Bearer sk-0123456789abcdef0123)',
        type: 'authentication_error',
      },
    };
    expect(normalizeProviderError(401, body, ['sk-0123456789abcdef0123']).message).toBe(
      'Authentication Fails (auth header format should be Bearer [redacted])',
    );
  });
});
