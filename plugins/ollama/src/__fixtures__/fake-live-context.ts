// A LiveContext for tests: answers from a route table, records every request, never touches the network.
import type { LiveContext, LiveRequest, LiveResponse } from '@codewhale/core';

/** A recorded answer: a status with a JSON (or text) body, or an error to throw. */
export type FakeAnswer = { readonly status: number; readonly json?: unknown; readonly text?: string } | Error;

/** Route key: `METHOD from:path`, e.g. `GET origin:/api/tags` or `GET base:/models`. */
export const routeKey = (request: LiveRequest): string => `${request.method ?? 'GET'} ${request.from ?? 'base'}:${request.path}`;

/** A fake context plus the requests it received. */
export function fakeLiveContext(
  routes: Readonly<Record<string, FakeAnswer | ((request: LiveRequest) => FakeAnswer)>>,
  options: { readonly baseUrl?: string; readonly providerId?: string; readonly signal?: AbortSignal } = {},
): LiveContext & { readonly requests: LiveRequest[] } {
  const requests: LiveRequest[] = [];
  return {
    providerId: options.providerId ?? 'ollama',
    baseUrl: options.baseUrl ?? 'http://127.0.0.1:11434/v1',
    signal: options.signal ?? new AbortController().signal,
    requests,
    async request(request: LiveRequest): Promise<LiveResponse> {
      requests.push(request);
      const route = routes[routeKey(request)];
      const answer = typeof route === 'function' ? route(request) : route;
      if (answer === undefined) return { status: 404, headers: {}, json: { error: 'not found' }, text: '{"error":"not found"}' };
      if (answer instanceof Error) throw answer;
      const text = answer.text ?? (answer.json === undefined ? '' : JSON.stringify(answer.json));
      return { status: answer.status, headers: { 'content-type': 'application/json' }, json: answer.json, text };
    },
  };
}
