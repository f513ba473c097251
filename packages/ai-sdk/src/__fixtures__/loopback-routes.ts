// Real candidates for the host tests: the first-party vLLM, DeepSeek and Together plugins, plus a small gateway plugin
// (x-api-key on a chat-completions endpoint, with fixed headers), all configured at the loopback server. Keys come
// from an explicit env map through @codewhale/node's credential source, and are bound with requestCredential.
import {
  createRegistry,
  createRouteResolver,
  definePlugin,
  findProviderConfig,
  type ProviderPlugin,
  type ReadyRouteCandidate,
  type RouteRequest,
  type UserConfig,
} from '@codewhale/core';
import { createCredentialSource, requestCredential } from '@codewhale/node';
import { createDeepseekPlugin } from '@codewhale/provider-deepseek';
import { createTogetherPlugin } from '@codewhale/provider-together';
import { createVllmPlugin } from '@codewhale/provider-vllm';
import type { RouteCredential } from '../chat-route.js';

/** Keys the routes use by default; each is distinctive, so a test can tell which one went where. */
export const KEYS = {
  deepseek: 'sk-deepseek-loopback-41c2',
  together: 'tgp-together-loopback-93aa',
  gateway: 'gw-gateway-loopback-5d10',
} as const;

/** A test-only gateway: x-api-key on a chat-completions endpoint that needs two fixed headers. */
function createGatewayPlugin(baseUrl: string) {
  return definePlugin({
    spec: 'v1',
    id: 'acme-gateway',
    version: '0.0.0',
    descriptor: {
      id: 'acme-gateway',
      displayName: 'Acme Gateway',
      class: 'custom',
      auth: { scheme: 'x-api-key', envVars: ['ACME_GATEWAY_KEY'], optional: false },
      endpoints: { chat: { baseUrl, protocol: 'chat-completions', headers: { 'acme-version': '2026-11-01', 'x-acme-tenant': 'route-tests' } } },
      defaultEndpoint: 'chat',
      liveListing: { supported: false },
      modelIds: { style: 'opaque', caseSensitive: true },
    },
    offerings: [],
    models: [],
    modelIdPolicy: { classify: () => ({ kind: 'pass-through', reason: 'the gateway decides' }) },
    usageMeter: { describe: () => ({ kind: 'unknown', reason: 'test gateway' }) },
    reasoning: { map: (level) => ({ level, params: { reasoning: { effort: level } } }) },
  });
}

/** A test-only endpoint on the legacy `completions` protocol, which none of the adapters speaks. */
export function createLegacyCompletionsPlugin(baseUrl: string) {
  return definePlugin({
    spec: 'v1',
    id: 'acme-legacy',
    version: '0.0.0',
    descriptor: {
      id: 'acme-legacy',
      displayName: 'Acme Legacy',
      class: 'custom',
      auth: { scheme: 'bearer', envVars: ['ACME_LEGACY_KEY'], optional: false },
      endpoints: { completions: { baseUrl, protocol: 'completions' } },
      defaultEndpoint: 'completions',
      liveListing: { supported: false },
      modelIds: { style: 'opaque', caseSensitive: true },
    },
    offerings: [],
    models: [],
    modelIdPolicy: { classify: () => ({ kind: 'pass-through', reason: 'the endpoint decides' }) },
    usageMeter: { describe: () => ({ kind: 'unknown', reason: 'test endpoint' }) },
  });
}

/** Options of {@link loopbackRoutes}. */
export interface LoopbackRoutesOptions {
  /** Plugins registered after the default ones (e.g. {@link createLegacyCompletionsPlugin}). */
  readonly plugins?: readonly ProviderPlugin[];
  /** Environment for the credential source (default: the deepseek, together and gateway keys of {@link KEYS}). */
  readonly env?: Readonly<Record<string, string>>;
  /** Config tables merged over the default ones. */
  readonly providers?: UserConfig['providers'];
  /** The resolver's `protocols` (default: every known one). */
  readonly protocols?: readonly string[];
}

/** A resolver over real plugins pointed at `origin`, and the host's credential binding. */
export function loopbackRoutes(origin: string, options: LoopbackRoutesOptions = {}) {
  const config: UserConfig = {
    providers: {
      vllm: { base_url: `${origin}/v1`, model: 'My-Org/Served_Name' },
      deepseek: { base_url: `${origin}/deepseek`, api_key_env: 'CW_TEST_DEEPSEEK_KEY' },
      together: { base_url: `${origin}/together/v1`, api_key_env: 'CW_TEST_TOGETHER_KEY' },
      ...options.providers,
    },
  };
  const env = options.env ?? { CW_TEST_DEEPSEEK_KEY: KEYS.deepseek, CW_TEST_TOGETHER_KEY: KEYS.together, ACME_GATEWAY_KEY: KEYS.gateway };
  const registry = createRegistry({
    plugins: [
      createVllmPlugin({ reasoningDialects: { 'My-Org/Served_Name': 'deepseek-v4' } }),
      createDeepseekPlugin(),
      createTogetherPlugin(),
      createGatewayPlugin(`${origin}/gateway/v2`),
      ...(options.plugins ?? []),
    ],
  });
  const credentials = createCredentialSource({ env });
  const resolver = createRouteResolver({ registry, config, credentials, ...(options.protocols ? { protocols: options.protocols } : {}) });

  /** Resolve a request; throws when it does not resolve (a test bug). */
  function resolve(request: RouteRequest): ReadyRouteCandidate {
    const result = resolver.resolve(request);
    if (!result.ok) throw new Error(`route did not resolve: ${result.error.message}`);
    return result.candidate;
  }

  /** What a host does at call time: read the key for the route's endpoint and put it in its one header. */
  async function bind(candidate: ReadyRouteCandidate): Promise<RouteCredential | undefined> {
    const provider = registry.findProvider(candidate.provider.id);
    if (!provider) throw new Error(`unknown provider ${candidate.provider.id}`);
    const { baseUrl, official, key } = candidate.endpoint;
    const resolved = await credentials.resolve({ providerId: provider.id, descriptor: provider.descriptor, baseUrl, official, config: findProviderConfig(config, provider) });
    return requestCredential(provider.descriptor, key, resolved);
  }

  return { registry, resolver, resolve, bind };
}
