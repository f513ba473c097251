// Reads a provider's own environment variables (descriptor `env`). Pure and zod-free: hosts call it on every start.
import type { ProviderDescriptor } from './provider-descriptor.js';

/** A provider's environment variable names for its base URL and model, as lists in read order. */
export interface ProviderEnvNames {
  /** Base URL variables, read in this order. */
  readonly baseUrl: readonly string[];
  /** Model variables, read in this order. */
  readonly model: readonly string[];
  /** A variable holding `[scheme://]host[:port]` (a local runtime's host variable), read after the base URL names; `path` is appended. */
  readonly host?: { readonly name: string; readonly path: string };
}

/** One provider variable that is set and applies. */
export interface ProviderEnvValue {
  /** The variable's name. */
  readonly name: string;
  /** Its value, trimmed; for a host variable, the base URL made from it. */
  readonly value: string;
}

/** A provider variable that is set but not used, and why (the reason never repeats the value). */
export interface IgnoredProviderEnv {
  readonly name: string;
  readonly reason: string;
}

/** What a provider's own variables say in one environment. */
export interface ProviderEnvValues {
  /** The base URL override: the first non-blank base URL variable, else the host variable turned into a base URL. */
  readonly baseUrl?: ProviderEnvValue;
  /** The model override: the first non-blank model variable. */
  readonly model?: ProviderEnvValue;
  /** Variables that were set but lost to an earlier one in the order, or could not be read (a malformed host). */
  readonly ignored: readonly IgnoredProviderEnv[];
}

/** The parts of a descriptor the environment helpers read. */
export type ProviderEnvDescriptor = Pick<ProviderDescriptor, 'env'> &
  Partial<Pick<ProviderDescriptor, 'endpoints' | 'defaultEndpoint'>>;

/** Environment variables as `process.env` holds them. */
export type EnvSnapshot = Readonly<Record<string, string | undefined>>;

const list = (names: string | readonly string[] | undefined): readonly string[] =>
  names === undefined ? [] : typeof names === 'string' ? [names] : [...names];

/**
 * The environment variable names a provider declares (descriptor `env`) for its base URL and model, each as a list in
 * read order, plus its host variable if it has one.
 * @example providerEnvNames(runtime.descriptor) // { baseUrl: ['ACME_BASE_URL'], model: [], host: { name: 'ACME_HOST', path: '/v1' } }
 */
export function providerEnvNames(descriptor: Pick<ProviderDescriptor, 'env'>): ProviderEnvNames {
  const env = descriptor.env;
  const host = env?.host;
  return {
    baseUrl: list(env?.baseUrl),
    model: list(env?.model),
    ...(host ? { host: { name: host.name, path: host.path } } : {}),
  };
}

/** The value of a variable when it is set to something other than whitespace, trimmed. */
function present(env: EnvSnapshot, name: string): string | undefined {
  if (!Object.hasOwn(env, name)) return undefined;
  const value = env[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** The explicit port of the provider's default endpoint (`11434` for `http://127.0.0.1:11434/v1`), if it has one. */
function defaultPort(descriptor: ProviderEnvDescriptor): string | undefined {
  const endpoint =
    descriptor.endpoints &&
    descriptor.defaultEndpoint !== undefined &&
    Object.hasOwn(descriptor.endpoints, descriptor.defaultEndpoint)
      ? descriptor.endpoints[descriptor.defaultEndpoint]
      : undefined;
  if (!endpoint) return undefined;
  try {
    return new URL(endpoint.baseUrl).port || undefined;
  } catch {
    return undefined;
  }
}

/** A base URL, or why the host value cannot make one (never quoting the value). */
type HostResult = { readonly ok: true; readonly baseUrl: string } | { readonly ok: false; readonly reason: string };

const PORT_PATTERN = /^\d{1,5}$/;

/**
 * Turn `[scheme://]host[:port][/path]` into a base URL, the way local runtimes' own tools read their host variable: without a scheme,
 * `http` and the default endpoint's port; with one, that scheme and its default port. A wildcard bind address
 * (`0.0.0.0`, `::`, or no host at all, as in `:11434`) means this machine, so it becomes loopback.
 */
function baseUrlFromHost(value: string, path: string, fallbackPort: string | undefined): HostResult {
  const fail = (reason: string): HostResult => ({ ok: false, reason });
  let text = value.trim().replace(/^["']+|["']+$/g, '');
  let scheme = 'http';
  let port: string | undefined;
  const separator = text.indexOf('://');
  if (separator >= 0) {
    scheme = text.slice(0, separator).toLowerCase();
    text = text.slice(separator + 3);
    if (scheme !== 'http' && scheme !== 'https') return fail('its scheme is not http:// or https://');
  } else {
    port = fallbackPort;
  }
  const slash = text.indexOf('/');
  const hostPort = slash >= 0 ? text.slice(0, slash) : text;
  const hostPath = slash >= 0 ? text.slice(slash) : '';
  if (/[?#]/.test(hostPath) || /[?#]/.test(hostPort))
    return fail('it has a query or fragment; give [scheme://]host[:port]');
  if (hostPort.includes('@')) return fail('it carries user info (user@ or user:password@); keys never go in URLs');
  if (/\s/.test(text)) return fail('it contains whitespace; give [scheme://]host[:port]');
  let host: string;
  let portText: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) return fail('its IPv6 address has no closing "]"');
    host = hostPort.slice(1, close);
    const rest = hostPort.slice(close + 1);
    if (rest !== '' && !rest.startsWith(':')) return fail('text follows its IPv6 address; write [address]:port');
    if (rest !== '') portText = rest.slice(1);
  } else {
    const colons = hostPort.split(':').length - 1;
    if (colons > 1)
      host = hostPort; // a bare IPv6 address, no port
    else if (colons === 1) [host, portText] = hostPort.split(':') as [string, string];
    else host = hostPort;
  }
  if (portText !== undefined) {
    if (!PORT_PATTERN.test(portText) || Number(portText) < 1 || Number(portText) > 65_535)
      return fail('its port is not a number from 1 to 65535');
    port = String(Number(portText));
  }
  if (host === '' || host === '0.0.0.0') host = '127.0.0.1';
  else if (host === '::' || host === '0:0:0:0:0:0:0:0') host = '::1';
  let url: URL;
  try {
    url = new URL(`${scheme}://${host.includes(':') ? `[${host}]` : host}${port !== undefined ? `:${port}` : ''}`);
  } catch {
    return fail('its host is not a valid host name or IP address');
  }
  if (
    url.hostname === '' ||
    url.username !== '' ||
    url.password !== '' ||
    url.pathname !== '/' ||
    url.search !== '' ||
    url.hash !== ''
  ) {
    return fail('its host is not a valid host name or IP address');
  }
  return { ok: true, baseUrl: `${url.protocol}//${url.host}${hostPath.replace(/\/+$/, '')}${path}` };
}

/**
 * Read a provider's own environment variables (descriptor `env`) in one environment. Each list is read in order and the
 * first non-blank value wins (whitespace-only counts as unset); the host variable (a local runtime's
 * `[scheme://]host[:port]`) is read after the base URL names and turned into `scheme://host:port` + its path. Everything
 * else that was set is listed in `ignored` with the reason; a malformed host value is ignored, never made into a URL.
 * Pure: the caller passes the environment (e.g. `process.env`).
 * @example
 * providerEnvValues(runtime.descriptor, { ACME_HOST: '0.0.0.0:11500' }).baseUrl // { name: 'ACME_HOST', value: 'http://127.0.0.1:11500/v1' }
 */
export function providerEnvValues(descriptor: ProviderEnvDescriptor, env: EnvSnapshot): ProviderEnvValues {
  const names = providerEnvNames(descriptor);
  const ignored: IgnoredProviderEnv[] = [];
  const firstOf = (candidates: readonly string[]): ProviderEnvValue | undefined => {
    let winner: ProviderEnvValue | undefined;
    for (const name of candidates) {
      const value = present(env, name);
      if (value === undefined || name === winner?.name) continue;
      if (winner) ignored.push({ name, reason: `${winner.name} is set and is read first` });
      else winner = { name, value };
    }
    return winner;
  };
  let baseUrl = firstOf(names.baseUrl);
  const host = names.host;
  const hostValue = host ? present(env, host.name) : undefined;
  if (host && hostValue !== undefined) {
    if (baseUrl) {
      ignored.push({ name: host.name, reason: `${baseUrl.name} is set and is read first` });
    } else {
      const made = baseUrlFromHost(hostValue, host.path, defaultPort(descriptor));
      if (made.ok) baseUrl = { name: host.name, value: made.baseUrl };
      else ignored.push({ name: host.name, reason: `not a [scheme://]host[:port] value: ${made.reason}` });
    }
  }
  const model = firstOf(names.model);
  return { ...(baseUrl ? { baseUrl } : {}), ...(model ? { model } : {}), ignored };
}
