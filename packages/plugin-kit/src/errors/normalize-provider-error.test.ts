import { describe, expect, it } from 'vitest';
import { readFixture } from '../__test-utils__/read-fixture.js';
import { normalizeProviderError } from './normalize-provider-error.js';

describe('normalizeProviderError: recorded bodies', () => {
  it('DeepSeek 401 (OpenAI nested; string code). The masked "****cd15" is not key-shaped and is kept', () => {
    expect(normalizeProviderError(401, readFixture('deepseek-error-401'))).toEqual({
      message: 'Authentication Fails, Your api key: ****cd15 is invalid',
      type: 'authentication_error',
      code: 'invalid_request_error',
      shape: 'openai-nested',
    });
  });

  it('DeepSeek 401 with the real key as a secret: the 4-character suffix is not the key, so nothing changes', () => {
    const key = 'sk-0123456789abcdef0123456789abcd15';
    expect(normalizeProviderError(401, readFixture('deepseek-error-401'), [key]).message).toBe(
      'Authentication Fails, Your api key: ****cd15 is invalid',
    );
  });

  it('Together 404 model_not_found (OpenAI nested)', () => {
    expect(normalizeProviderError(404, readFixture('together-error-404-model-not-found'))).toEqual({
      message:
        'Unable to access model togethercomputer/evo-1-131k-base. Please visit https://api.together.xyz to see the list of supported models or contact the owner to request access.',
      type: 'invalid_request_error',
      code: 'model_not_found',
      shape: 'openai-nested',
    });
  });

  it('Ollama native 404 ({error: string})', () => {
    expect(normalizeProviderError(404, readFixture('ollama-error-404'))).toEqual({
      message: 'model not found',
      shape: 'ollama-native',
    });
  });

  it('Ollama /v1 error (OpenAI nested; code null is dropped)', () => {
    expect(normalizeProviderError(400, readFixture('ollama-openai-error'))).toEqual({
      message: 'model not found',
      type: 'invalid_request_error',
      shape: 'openai-nested',
    });
  });
});

describe('normalizeProviderError: other shapes', () => {
  it('SGLang / older vLLM flat error with an integer code', () => {
    const body = {
      object: 'error',
      message: 'The model `llama-3` does not exist.',
      type: 'NotFoundError',
      param: null,
      code: 404,
    };
    expect(normalizeProviderError(404, body)).toEqual({
      message: 'The model `llama-3` does not exist.',
      type: 'NotFoundError',
      code: '404',
      shape: 'openai-flat',
    });
  });

  it('plain text (Hugging Face router, OpenRouter), whitespace folded', () => {
    expect(normalizeProviderError(400, 'Model foo/bar is not supported by any provider\nyou have enabled.')).toEqual({
      message: 'Model foo/bar is not supported by any provider you have enabled.',
      shape: 'plain-text',
    });
  });

  it('bare {message} and FastAPI {detail}', () => {
    expect(normalizeProviderError(429, { message: 'slow down', code: 'rate' })).toEqual({
      message: 'slow down',
      code: 'rate',
      shape: 'message-field',
    });
    expect(normalizeProviderError(404, { detail: 'Not Found' })).toEqual({
      message: 'Not Found',
      shape: 'message-field',
    });
  });

  it.each([
    ['an empty string', ''],
    ['whitespace', '  \n'],
    ['null', null],
    ['a number', 42],
    ['an array', [{ message: 'x' }]],
    ['an object without message', { foo: 'bar' }],
    ['FastAPI validation detail (a list)', { detail: [{ msg: 'field required' }] }],
  ])('%s gives the generic message', (_name, body) => {
    expect(normalizeProviderError(502, body)).toEqual({ message: 'HTTP 502 with no error message', shape: 'empty' });
  });

  it('a nested error without a message keeps type and code', () => {
    expect(normalizeProviderError(500, { error: { type: 'server_error', code: 'x1' } })).toEqual({
      message: 'HTTP 500 with no error message',
      type: 'server_error',
      code: 'x1',
      shape: 'openai-nested',
    });
  });

  it('redacts given secrets and key-shaped strings in message, type and code', () => {
    const body = {
      error: {
        message: 'Incorrect API key provided: sk-proj-abcdefghijklmnop and mysecretvalue',
        type: 'Bearer abcdefghijklmnopqrstu',
        code: 'nvapi-0123456789abcdef',
      },
    };
    expect(normalizeProviderError(401, body, ['mysecretvalue'])).toEqual({
      message: 'Incorrect API key provided: [redacted] and [redacted]',
      type: '[redacted]',
      code: '[redacted]',
      shape: 'openai-nested',
    });
  });

  it('caps messages at 500 characters', () => {
    const message = normalizeProviderError(500, 'x'.repeat(10_000)).message;
    expect(message).toHaveLength(500);
    expect(message.endsWith('…')).toBe(true);
  });
});
