import type { LiveResponse } from '@codewhale/core';
import { ListingParseError, normalizeProviderError, ProviderHttpError } from '@codewhale/plugin-kit';

const PROVIDER_ID = 'deepseek';

/** The URL a request went to, for error details: origin and path only, never user info or a query string. */
export function deepseekRequestUrl(baseUrl: string, path: string, from: 'origin' | 'base' = 'origin'): string {
  try {
    const url = new URL(baseUrl);
    const prefix = from === 'origin' ? '' : url.pathname.replace(/\/+$/u, '');
    return `${url.origin}${prefix}${path}`;
  } catch {
    return path;
  }
}

/**
 * The JSON body of a successful answer. A non-2xx answer (hosts may also throw for those themselves) becomes a
 * `ProviderHttpError` with DeepSeek's own message (nested OpenAI envelope, redacted); a 2xx answer that is not JSON
 * becomes a `ListingParseError`.
 */
export function deepseekJsonBody(response: LiveResponse, url: string, what: string): unknown {
  if (response.status < 200 || response.status > 299) {
    const error = normalizeProviderError(response.status, response.json ?? response.text);
    const providerCode = error.code ?? error.type;
    throw new ProviderHttpError(`[deepseek] ${what} failed with HTTP ${response.status}: ${error.message}`, {
      kind: 'http-status',
      url,
      status: response.status,
      providerMessage: error.message,
      ...(providerCode !== undefined ? { providerCode } : {}),
    });
  }
  if (response.json === undefined) throw new ListingParseError(PROVIDER_ID, '', `${what}: the body is not JSON`);
  return response.json;
}
