// Test-only: a LiveContext whose every request resolves with one answer (any status, like a lenient host) or rejects with one error.
import type { LiveContext, LiveRequest, LiveResponse } from '@codewhale/core';

/** A context for `baseUrl` that answers every request with `answer` (or throws it, when it is an error). */
export function fixedLiveContext(
  answer: LiveResponse | Error,
  baseUrl = 'http://127.0.0.1:8000/v1',
  providerId = 'vllm',
): LiveContext {
  return {
    providerId,
    baseUrl,
    signal: new AbortController().signal,
    request: async (_request: LiveRequest) => {
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

/** A JSON (or empty) answer with `status`. */
export function jsonAnswer(
  status: number,
  json?: unknown,
  headers: Readonly<Record<string, string>> = {},
): LiveResponse {
  return { status, headers, json, text: json === undefined ? '' : JSON.stringify(json) };
}
