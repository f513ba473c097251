import type { ProviderDescriptor } from '@codewhale/core';
import type { ResolvedOpenAICompatibleSettings } from './openai-compatible-settings.js';

/**
 * The descriptor of an endpoint you named: class `custom`, its base URL as the official endpoint (you chose it),
 * your key variable, and opaque model ids.
 */
export function createOpenAICompatibleDescriptor<Id extends string>(
  settings: ResolvedOpenAICompatibleSettings<Id>,
): ProviderDescriptor & { readonly id: Id } {
  const notes = [
    'The endpoint you configured; model ids are sent byte-for-byte.',
    ...(settings.insecureHttp
      ? ['Plain http:// to a non-loopback host was allowed explicitly (allowInsecureHttp).']
      : []),
  ];
  return {
    id: settings.id,
    displayName: settings.displayName,
    class: 'custom',
    auth: {
      scheme: 'bearer',
      envVars: settings.apiKeyEnv === undefined ? [] : [settings.apiKeyEnv],
      optional: settings.authOptional,
    },
    endpoints: { chat: { baseUrl: settings.baseUrl, protocol: settings.protocol, note: notes.join(' ') } },
    defaultEndpoint: 'chat',
    liveListing: { supported: true, path: '/models' },
    ...(settings.baseUrlEnv !== undefined || settings.modelEnv !== undefined
      ? {
          env: {
            ...(settings.baseUrlEnv !== undefined ? { baseUrl: settings.baseUrlEnv } : {}),
            ...(settings.modelEnv !== undefined ? { model: settings.modelEnv } : {}),
          },
        }
      : {}),
    modelIds: {
      style: 'opaque',
      caseSensitive: true,
      note: 'Whatever the server serves; invalid only with whitespace, control characters or over 512 characters.',
    },
  };
}
