import { redactSecrets } from './redact-secrets.js';

/** Which of the known error envelopes a body had. */
export type ProviderErrorShape =
  | 'openai-nested'
  | 'openai-flat'
  | 'ollama-native'
  | 'message-field'
  | 'plain-text'
  | 'empty';

/** A provider error body reduced to one shape. Secret-free and length-capped. */
export interface NormalizedProviderError {
  /** The provider's message, or a generic one naming the status. */
  readonly message: string;
  /** `type` as reported (e.g. `invalid_request_error`). */
  readonly type?: string;
  /** `code` as reported, as a string (DeepSeek and Together send strings; vLLM and SGLang send numbers). */
  readonly code?: string;
  readonly shape: ProviderErrorShape;
}

const MAX_MESSAGE = 500;

function clip(text: string): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > MAX_MESSAGE ? `${single.slice(0, MAX_MESSAGE - 1)}…` : single;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function codeText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return text(value);
}

/**
 * Normalise a provider error body: OpenAI nested `{error:{message,type,code}}` (DeepSeek, Together, vLLM, Ollama /v1),
 * flat `{object:"error",message,type,code}` (SGLang, older vLLM), Ollama native `{error:"..."}`, a bare `{message}`,
 * or plain text (Hugging Face router, OpenRouter). `body` is the parsed JSON when the body was JSON, else its text.
 * Known secrets and key-shaped strings are redacted.
 */
export function normalizeProviderError(
  status: number,
  body: unknown,
  secrets: readonly string[] = [],
): NormalizedProviderError {
  const finish = (
    message: string,
    shape: ProviderErrorShape,
    type?: string,
    code?: string,
  ): NormalizedProviderError => ({
    message: clip(redactSecrets(message, secrets)),
    shape,
    ...(type ? { type: clip(redactSecrets(type, secrets)) } : {}),
    ...(code ? { code: clip(redactSecrets(code, secrets)) } : {}),
  });
  const generic = `HTTP ${status} with no error message`;
  if (typeof body === 'string') return body.trim() === '' ? finish(generic, 'empty') : finish(body, 'plain-text');
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return finish(generic, 'empty');
  const record = body as Record<string, unknown>;
  const nested = record.error;
  if (typeof nested === 'object' && nested !== null && !Array.isArray(nested)) {
    const inner = nested as Record<string, unknown>;
    return finish(text(inner.message) ?? generic, 'openai-nested', text(inner.type), codeText(inner.code));
  }
  if (typeof nested === 'string') return finish(nested, 'ollama-native');
  if (record.object === 'error' && text(record.message))
    return finish(record.message as string, 'openai-flat', text(record.type), codeText(record.code));
  if (text(record.message))
    return finish(record.message as string, 'message-field', text(record.type), codeText(record.code));
  if (text(record.detail)) return finish(record.detail as string, 'message-field');
  return finish(generic, 'empty');
}
