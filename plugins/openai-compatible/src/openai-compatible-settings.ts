import { envVarNameSchema, isLoopbackHost, providerIdSchema, usageMeterSchema, type UsageMeter } from '@codewhale/core';
import { pluginBaseUrl, pluginConfigError } from '@codewhale/plugin-kit';
import { OPENAI_COMPATIBLE_ERROR_CODES as CODES } from './openai-compatible-error-codes.js';

/** Settings of {@link createOpenAICompatiblePlugin}: the endpoint you name, and what you know about it. */
export interface OpenAICompatibleSettings<Id extends string = string> {
  /** Provider id, kebab-case (e.g. `lmstudio`, `llama-cpp`, `office-gateway`); also its `[providers.<id>]` key. */
  readonly id: Id;
  /** Shown in messages; defaults to the id. */
  readonly displayName?: string;
  /** Base URL of the API, with its version segment (e.g. `http://127.0.0.1:1234/v1`). */
  readonly baseUrl: string;
  /** Environment variable holding the key for this endpoint (e.g. `LMSTUDIO_API_KEY`). */
  readonly apiKeyEnv?: string;
  /**
   * Environment variable that overrides the base URL while this provider is active, or `false` for none. Default
   * `<ID>_BASE_URL` (the id upper-cased, `-` as `_`: `LMSTUDIO_BASE_URL`). A URL other than `baseUrl` makes the route
   * custom: the key from `apiKeyEnv` is not sent there.
   */
  readonly baseUrlEnv?: string | false;
  /** Environment variable naming the model while this provider is active, or `false` for none. Default `<ID>_MODEL`. */
  readonly modelEnv?: string | false;
  /** Whether requests work without a key. Default: true for a loopback base URL, false otherwise. */
  readonly authOptional?: boolean;
  /**
   * What a request costs here, if you know: any usage meter (e.g. `token-pricing` with your negotiated rates). Prices
   * are your own facts, so their `source.kind` must be `'user'`. Default: `unknown`.
   */
  readonly meter?: UsageMeter;
  /** Wire protocol spoken at `baseUrl`. Default `chat-completions`. */
  readonly protocol?: string;
  /** Allow plain `http://` to a non-loopback host (anything sent, the key included, can be read on the network). */
  readonly allowInsecureHttp?: boolean;
}

/** Settings after validation. */
export interface ResolvedOpenAICompatibleSettings<Id extends string> {
  readonly id: Id;
  readonly displayName: string;
  readonly baseUrl: string;
  readonly loopback: boolean;
  readonly insecureHttp: boolean;
  readonly apiKeyEnv: string | undefined;
  readonly baseUrlEnv: string | undefined;
  readonly modelEnv: string | undefined;
  readonly authOptional: boolean;
  readonly meter: UsageMeter | undefined;
  readonly protocol: string;
}

const PROTOCOL = /^[a-z][a-z0-9-]*$/;

function envName(
  value: string | false | undefined,
  fallback: string,
  option: 'baseUrlEnv' | 'modelEnv',
  pluginId: string,
): string | undefined {
  if (value === false) return undefined;
  const name = value ?? fallback;
  if (typeof name !== 'string' || !envVarNameSchema.safeParse(name).success) {
    throw pluginConfigError(
      pluginId,
      option,
      CODES.INVALID_ENV_NAME,
      `settings.${option} must be an environment variable name such as ${fallback}, or false for none.`,
    );
  }
  return name;
}

/** Validate the factory settings; throws `OpenAICompatibleConfigError` naming the setting and the fix. */
export function resolveOpenAICompatibleSettings<Id extends string>(
  settings: OpenAICompatibleSettings<Id>,
): ResolvedOpenAICompatibleSettings<Id> {
  const { id } = settings;
  if (typeof id !== 'string' || !providerIdSchema.safeParse(id).success) {
    throw pluginConfigError(
      'openai-compatible',
      'id',
      CODES.INVALID_ID,
      `settings.id ${JSON.stringify(id)} is not a kebab-case provider id; use something like "lmstudio" or "llama-cpp".`,
    );
  }
  const pluginId = `openai-compatible:${id}`;
  if (
    settings.displayName !== undefined &&
    (typeof settings.displayName !== 'string' || settings.displayName.trim() === '')
  ) {
    throw pluginConfigError(
      pluginId,
      'displayName',
      CODES.INVALID_DISPLAY_NAME,
      `settings.displayName cannot be empty; leave it out to use the id.`,
    );
  }
  const normalized = pluginBaseUrl(settings.baseUrl, {
    pluginId,
    example: 'http://127.0.0.1:1234/v1',
    codes: { invalid: CODES.INVALID_BASE_URL, userInfo: CODES.BASE_URL_USER_INFO, query: CODES.BASE_URL_QUERY },
  });
  const loopback = isLoopbackHost(normalized.hostname);
  const insecureHttp = normalized.protocol === 'http:' && !loopback;
  if (insecureHttp && settings.allowInsecureHttp !== true) {
    throw pluginConfigError(
      pluginId,
      'baseUrl',
      CODES.INSECURE_BASE_URL,
      `settings.baseUrl is plain http:// to ${normalized.hostname}, which is not loopback: anything sent, including the key, can be read on the network. Use https://, or pass allowInsecureHttp: true if you accept that.`,
    );
  }
  if (settings.apiKeyEnv !== undefined && !envVarNameSchema.safeParse(settings.apiKeyEnv).success) {
    throw pluginConfigError(
      pluginId,
      'apiKeyEnv',
      CODES.INVALID_API_KEY_ENV,
      `settings.apiKeyEnv must be an environment variable name such as LMSTUDIO_API_KEY.`,
    );
  }
  const envPrefix = id.toUpperCase().replaceAll('-', '_');
  const baseUrlEnv = envName(settings.baseUrlEnv, `${envPrefix}_BASE_URL`, 'baseUrlEnv', pluginId);
  const modelEnv = envName(settings.modelEnv, `${envPrefix}_MODEL`, 'modelEnv', pluginId);
  const protocol = settings.protocol ?? 'chat-completions';
  if (typeof protocol !== 'string' || !PROTOCOL.test(protocol)) {
    throw pluginConfigError(
      pluginId,
      'protocol',
      CODES.INVALID_PROTOCOL,
      `settings.protocol must be a wire protocol name such as chat-completions.`,
    );
  }
  let meter: UsageMeter | undefined;
  if (settings.meter !== undefined) {
    const parsed = usageMeterSchema.safeParse(settings.meter);
    if (!parsed.success)
      throw pluginConfigError(
        pluginId,
        'meter',
        CODES.INVALID_METER,
        `settings.meter is not a valid usage meter: ${parsed.error.issues[0]?.message ?? 'invalid'}.`,
        { cause: parsed.error },
      );
    meter = parsed.data;
    if ('source' in meter && meter.source.kind !== 'user') {
      throw pluginConfigError(
        pluginId,
        'meter',
        CODES.INVALID_METER,
        `settings.meter.source.kind is "${meter.source.kind}"; a meter you configure is your own fact: set source.kind to "user".`,
      );
    }
  }
  return {
    id,
    displayName: settings.displayName?.trim() ?? id,
    baseUrl: normalized.key,
    loopback,
    insecureHttp,
    apiKeyEnv: settings.apiKeyEnv,
    baseUrlEnv,
    modelEnv,
    authOptional: settings.authOptional ?? loopback,
    meter,
    protocol,
  };
}
