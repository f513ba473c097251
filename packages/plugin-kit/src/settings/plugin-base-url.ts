import { isLoopbackHost, normalizeBaseUrl, type NormalizedBaseUrl } from '@codewhale/core';
import { pluginConfigError } from '../errors/plugin-config-error.js';

/** The plugin's own stable codes for a base URL it refuses (hosts switch on them, so the plugin keeps its names). */
export interface BaseUrlErrorCodes {
  /** Not an absolute http(s) URL; also user info, a query or a fragment when those have no code of their own. */
  readonly invalid: string;
  /** The URL carries user info (`user:password@`). Default: `invalid`. */
  readonly userInfo?: string;
  /** The URL carries a query string or fragment. Default: `invalid`. */
  readonly query?: string;
}

/** How {@link pluginBaseUrl} names the plugin and the setting in its errors. */
export interface PluginBaseUrlRule {
  /** The plugin as named in messages, e.g. `ollama` or `openai-compatible:lmstudio`. */
  readonly pluginId: string;
  /** The setting, default `baseUrl`. */
  readonly option?: string;
  /** A URL the user could write instead, e.g. `http://127.0.0.1:11434/v1`. */
  readonly example: string;
  readonly codes: BaseUrlErrorCodes;
}

/** What {@link loopbackBaseUrl} needs: a {@link PluginBaseUrlRule} plus the code for a host that is not loopback. */
export interface LoopbackBaseUrlRule extends PluginBaseUrlRule {
  readonly codes: BaseUrlErrorCodes & {
    /** The host is not loopback (`localhost`, `127.0.0.0/8`, `::1`). */
    readonly nonLoopback: string;
  };
}

/**
 * A plugin setting holding a base URL, parsed (see core's `normalizeBaseUrl`): an absolute http(s) URL without user
 * info, query or fragment (keys never go in URLs). Throws a `PluginConfigError` with the plugin's own code otherwise.
 */
export function pluginBaseUrl(value: unknown, rule: PluginBaseUrlRule): NormalizedBaseUrl {
  const option = rule.option ?? 'baseUrl';
  const fail = (code: string, fix: string) =>
    pluginConfigError(rule.pluginId, option, code, `settings.${option} ${fix}`);
  const normalized = typeof value === 'string' ? normalizeBaseUrl(value) : undefined;
  const separate = rule.codes.userInfo !== undefined && rule.codes.query !== undefined;
  if (!normalized || (!separate && (normalized.hadUserInfo || normalized.hadQuery))) {
    throw fail(
      rule.codes.invalid,
      `must be an absolute http(s) URL${separate ? '' : ' without user info, query or fragment'}, e.g. ${rule.example}.`,
    );
  }
  if (normalized.hadUserInfo) {
    throw fail(
      rule.codes.userInfo ?? rule.codes.invalid,
      "contains user info (user:password@). Remove it and name the key's environment variable instead; keys never go in URLs.",
    );
  }
  if (normalized.hadQuery)
    throw fail(
      rule.codes.query ?? rule.codes.invalid,
      'has a query string or fragment. Remove it; keys never go in URLs.',
    );
  return normalized;
}

/**
 * The normalised default base URL of a local-server plugin, which must be loopback (`localhost`, `127.0.0.0/8`,
 * `::1`): other hosts are configured per route with `base_url`. Throws a `PluginConfigError` with the plugin's codes.
 * @example
 * const baseUrl = settings.baseUrl === undefined ? DEFAULT : loopbackBaseUrl(settings.baseUrl, { pluginId: 'ollama', example: DEFAULT, codes: { invalid: OLLAMA_ERROR_CODES.INVALID_BASE_URL, nonLoopback: OLLAMA_ERROR_CODES.NON_LOOPBACK_BASE_URL } });
 */
export function loopbackBaseUrl(value: unknown, rule: LoopbackBaseUrlRule): string {
  const normalized = pluginBaseUrl(value, rule);
  if (!isLoopbackHost(normalized.hostname)) {
    const option = rule.option ?? 'baseUrl';
    throw pluginConfigError(
      rule.pluginId,
      option,
      rule.codes.nonLoopback,
      `settings.${option} must be a loopback address (got host ${normalized.hostname}). Configure other hosts per route: [providers.${rule.pluginId}] base_url = "...".`,
    );
  }
  return normalized.key;
}
