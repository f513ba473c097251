// The lab API client: every /api/* call carries the per-run token from the page's meta tag; an error document (or a
// failure to reach the server) becomes a LabApiError with the CLI's code, message and hint.
import { LAB_API, type LabEndpointName } from '../../src/lab/lab-api.js';
import type { ErrorOutput } from './types.js';

/** Codes of errors the page itself raises (the CLI's own codes pass through unchanged). */
export const LAB_UI_ERROR_CODES = {
  unreachable: 'lab-unreachable',
  badResponse: 'lab-bad-response',
  noToken: 'lab-no-token',
} as const;

/** An API call that failed: the CLI's error document, or the page's own code when no document came back. */
export class LabApiError extends Error {
  /** The CLI error category (`usage`, `resolution`, `network`, ...), or `lab` for the page's own errors. */
  readonly category: string;
  readonly code: string;
  readonly hint: string | undefined;
  readonly status: number;

  constructor(code: string, message: string, options: { category?: string; hint?: string; status?: number } = {}) {
    super(message);
    this.name = 'LabApiError';
    this.code = code;
    this.category = options.category ?? 'lab';
    this.hint = options.hint;
    this.status = options.status ?? 0;
  }
}

/** Query values of one call: a list repeats the parameter (`require=tools&require=json`); empty values are left out. */
export type ApiParams = Readonly<Record<string, string | readonly string[] | undefined>>;

/** The token the server put in the page (`<meta name="codewhale-lab-token">`), or undefined when absent. */
export function pageToken(doc: Document = document): string | undefined {
  const content = doc.querySelector('meta[name="codewhale-lab-token"]')?.getAttribute('content') ?? '';
  // The placeholder stays when the page is opened without the lab server (e.g. from the file system).
  return content === '' || content.startsWith('%') ? undefined : content;
}

/** `/api/<name>?<params>` with the parameters in a stable order. */
export function apiUrl(name: LabEndpointName | 'meta', params: ApiParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) if (item !== '') search.append(key, item);
  }
  const query = search.toString();
  return `/api/${name}${query === '' ? '' : `?${query}`}`;
}

function isErrorDocument(value: unknown): value is ErrorOutput {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** Call one endpoint (GET or POST as LAB_API says) and return its JSON document, or throw a LabApiError. */
export async function callApi<T>(name: LabEndpointName | 'meta', params: ApiParams = {}, signal?: AbortSignal) {
  const token = pageToken();
  if (token === undefined) {
    throw new LabApiError(LAB_UI_ERROR_CODES.noToken, 'This page has no lab token.', {
      hint: 'Open the address `codewhale-route lab` printed (it carries the token).',
    });
  }
  const method = name === 'meta' ? 'GET' : LAB_API[name].method;
  let response: Response;
  try {
    response = await fetch(apiUrl(name, params), {
      method,
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      credentials: 'same-origin',
      cache: 'no-store',
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new LabApiError(LAB_UI_ERROR_CODES.unreachable, 'The lab server did not answer.', {
      hint: 'Is `codewhale-route lab` still running? Start it again and open the new address.',
    });
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new LabApiError(LAB_UI_ERROR_CODES.badResponse, `The lab server answered ${response.status} without JSON.`, {
      status: response.status,
    });
  }
  if (isErrorDocument(body)) {
    const { error } = body;
    throw new LabApiError(error.code, error.message, {
      category: error.category,
      status: response.status,
      ...(error.hint !== undefined ? { hint: error.hint } : {}),
    });
  }
  if (!response.ok) {
    throw new LabApiError(LAB_UI_ERROR_CODES.badResponse, `The lab server answered ${response.status}.`, {
      status: response.status,
    });
  }
  return body as T;
}
