import type { LanguageModelV4 } from '@ai-sdk/provider';
import type { AdapterProtocol } from './chat-route.js';
import { UNUSED_API_KEY } from './with-credential.js';

/** What every protocol's model is built from; the credential is not here (it travels in `fetch` only). */
export interface ProtocolModelSettings {
  /** Provider name the AI SDK reports (with a suffix per protocol) and reads `providerOptions` under. */
  readonly name: string;
  /** The route's base URL, as the candidate has it. */
  readonly baseUrl: string;
  /** Sent byte-for-byte. */
  readonly wireModelId: string;
  /** The endpoint's fixed, non-secret headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** Places the credential, merges reasoning, follows same-origin redirects only, redacts error bodies. */
  readonly fetch: typeof globalThis.fetch;
  /** chat-completions only: ask for usage in streamed replies. */
  readonly includeUsage?: boolean;
}

/** One protocol: the AI SDK package that speaks it, and how a route's model is made from that package. */
interface ProtocolPackage {
  /** The npm package to install. */
  readonly packageName: string;
  /** The peer range this adapter is tested with. */
  readonly range: string;
  /** What the model reports after the name: `<name>.<suffix>`. */
  readonly suffix: string;
  /** Imports the package (only when a route of this protocol is first called). */
  readonly load: () => Promise<unknown>;
  /** The model for a route, from the loaded package. */
  readonly build: (module: unknown, settings: ProtocolModelSettings) => LanguageModelV4;
}

type OpenAICompatibleModule = typeof import('@ai-sdk/openai-compatible');
type OpenAIModule = typeof import('@ai-sdk/openai');
type AnthropicModule = typeof import('@ai-sdk/anthropic');

/**
 * The AI SDK package of each protocol. Each is an optional peer dependency, imported on a route's first call: a host
 * installs only the ones its routes need.
 */
export const PROTOCOL_PACKAGES: Readonly<Record<AdapterProtocol, ProtocolPackage>> = {
  'chat-completions': {
    packageName: '@ai-sdk/openai-compatible',
    range: '^3.0.92',
    suffix: 'chat',
    load: () => import('@ai-sdk/openai-compatible'),
    build: (module, settings) =>
      (module as OpenAICompatibleModule)
        .createOpenAICompatible({
          name: settings.name,
          baseURL: settings.baseUrl,
          headers: { ...settings.headers },
          fetch: settings.fetch,
          ...(settings.includeUsage === undefined ? {} : { includeUsage: settings.includeUsage }),
        })
        .chatModel(settings.wireModelId),
  },
  responses: {
    packageName: '@ai-sdk/openai',
    range: '^4.0.118',
    suffix: 'responses',
    load: () => import('@ai-sdk/openai'),
    // `apiKey` is a placeholder so the package never reads OPENAI_API_KEY; `fetch` drops it. `baseURL` is set, so
    // OPENAI_BASE_URL is never read either; no organization or project header is sent.
    build: (module, settings) =>
      (module as OpenAIModule)
        .createOpenAI({
          name: settings.name,
          baseURL: settings.baseUrl,
          apiKey: UNUSED_API_KEY,
          headers: { ...settings.headers },
          fetch: settings.fetch,
        })
        .responses(settings.wireModelId),
  },
  'anthropic-messages': {
    packageName: '@ai-sdk/anthropic',
    range: '^4.0.105',
    suffix: 'messages',
    load: () => import('@ai-sdk/anthropic'),
    // Anthropic-format base URLs are written as Anthropic's own SDKs take them, without /v1
    // (https://api.deepseek.com/anthropic answers POST /anthropic/v1/messages); @ai-sdk/anthropic wants the /v1.
    // `apiKey` is a placeholder so the package never reads ANTHROPIC_API_KEY; `fetch` drops it and sets the route's
    // one credential header (x-api-key or Authorization, as the endpoint declares).
    build: (module, settings) =>
      (module as AnthropicModule).createAnthropic({
        name: `${settings.name}.messages`,
        baseURL: `${settings.baseUrl}/v1`,
        apiKey: UNUSED_API_KEY,
        headers: { ...settings.headers },
        fetch: settings.fetch,
      })(settings.wireModelId),
  },
};

/** Imports the AI SDK package of a protocol. Replaceable in tests (a failed import without uninstalling anything). */
export type ProtocolLoader = (protocol: AdapterProtocol) => Promise<unknown>;

/** The default {@link ProtocolLoader}: a dynamic `import()` of the protocol's package. */
export const importProtocolPackage: ProtocolLoader = (protocol) => PROTOCOL_PACKAGES[protocol].load();
