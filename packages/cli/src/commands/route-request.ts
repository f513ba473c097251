import { providerEnvValues } from '@codewhale/core';
import type {
  CapabilityName,
  EndpointResult,
  ProviderDecision,
  ReasoningLevel,
  RoutePreference,
  RouteRequest,
  RouteResult,
} from '@codewhale/core';
import type { Env, Session } from '../cli/session.js';

/** Route flags as parsed. */
export interface RouteFlags {
  readonly provider?: string;
  readonly model?: string;
  readonly 'base-url'?: string;
  readonly role?: string;
  readonly purpose?: string;
  readonly require?: readonly string[];
  readonly prefer?: string;
  readonly reasoning?: string;
  readonly context?: number;
}

/** Where an explicit input came from: a flag, the `<provider>:<model>` argument, or an environment variable. */
export interface ExplicitOrigin {
  readonly source: 'flag' | 'argument' | 'env';
  /** `--model`, `together:deepseek-ai/DeepSeek-V4-Pro`, `CODEWHALE_MODEL`, `DEEPSEEK_BASE_URL`... */
  readonly name: string;
}

/** An environment variable that was set but did not apply, and why. */
export interface IgnoredEnv {
  readonly name: string;
  readonly reason: string;
}

/** A resolution with the request that produced it and the origin of each explicit value. */
export interface ResolvedRequest {
  readonly request: RouteRequest;
  readonly result: RouteResult;
  readonly origins: Readonly<Partial<Record<'provider' | 'model' | 'baseUrl', ExplicitOrigin>>>;
  readonly ignored: readonly IgnoredEnv[];
  /** Set when the CLI pinned the active provider so that a provider-scoped variable stays with it. */
  readonly pinned?: { readonly from: ProviderDecision['source']; readonly because: readonly string[] };
}

/** Wrapper environment variables (session-scoped explicit choices). */
export const WRAPPER_ENV = {
  provider: 'CODEWHALE_PROVIDER',
  model: 'CODEWHALE_MODEL',
  baseUrl: 'CODEWHALE_BASE_URL',
} as const;

const present = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value.trim() : undefined;
/** `flag --model`, `argument together:x`, `env CODEWHALE_MODEL`. */
export const originLabel = (origin: ExplicitOrigin): string => `${origin.source} ${origin.name}`;
const label = originLabel;

/**
 * Resolve with the CLI's precedence: flags > wrapper env (`CODEWHALE_PROVIDER`, `CODEWHALE_MODEL`, `CODEWHALE_BASE_URL`)
 * > the active provider's own env (`<PROVIDER>_BASE_URL` / `<PROVIDER>_MODEL` and the other names its descriptor declares,
 * read by core's `providerEnvValues`) > config >
 * defaults. A provider-scoped variable applies only when its provider is the active one; the others are reported as
 * ignored. The origin of every explicit value goes into `RouteRequest.origin`, so explanations say who chose it.
 */
export function resolveRequest(
  session: Session,
  flags: RouteFlags,
  options: { readonly env?: Env; readonly argument?: string } = {},
): ResolvedRequest {
  const env = options.env ?? session.env;
  const resolver = session.resolver();
  const origins: Partial<Record<'provider' | 'model' | 'baseUrl', ExplicitOrigin>> = {};
  const pick = (
    field: 'provider' | 'model' | 'baseUrl',
    flag: string | undefined,
    flagName: string,
  ): string | undefined => {
    if (flag !== undefined) {
      origins[field] =
        options.argument !== undefined && field !== 'baseUrl'
          ? { source: 'argument', name: options.argument }
          : { source: 'flag', name: flagName };
      return flag;
    }
    const fromEnv = present(env[WRAPPER_ENV[field]]);
    if (fromEnv !== undefined) origins[field] = { source: 'env', name: WRAPPER_ENV[field] };
    return fromEnv;
  };
  const provider = pick('provider', flags.provider, '--provider');
  const model = pick('model', flags.model, '--model');
  const baseUrl = pick('baseUrl', flags['base-url'], '--base-url');
  const originLabels = () =>
    Object.fromEntries(Object.entries(origins).map(([field, origin]) => [field, label(origin)]));

  const base: RouteRequest = {
    ...(provider !== undefined ? { provider } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(flags.role !== undefined ? { role: flags.role } : {}),
    ...(flags.purpose !== undefined ? { purpose: flags.purpose } : {}),
    ...(flags.require !== undefined ? { requires: flags.require as readonly CapabilityName[] } : {}),
    ...(flags.prefer !== undefined ? { prefer: flags.prefer as RoutePreference } : {}),
    ...(flags.reasoning !== undefined ? { reasoning: flags.reasoning as ReasoningLevel } : {}),
    ...(flags.context !== undefined ? { contextTokens: flags.context } : {}),
  };
  const withOrigins = (request: RouteRequest): RouteRequest =>
    Object.keys(origins).length ? { ...request, origin: originLabels() } : request;

  // The active provider: the explicit one, else whatever the request resolves to without provider-scoped variables.
  const first = resolver.resolve(withOrigins(base));
  const activeId =
    provider !== undefined
      ? session.registry.findProvider(provider)?.id
      : first.ok
        ? first.candidate.provider.id
        : undefined;

  const ignored: IgnoredEnv[] = [];
  const scoped: { baseUrl?: string; model?: string } = {};
  // Each provider's own variables, read by core's rule (every declared name in order, first non-blank wins; a host
  // variable such as OLLAMA_HOST after the base URL names): the same rule node's live operations use.
  for (const registered of session.registry.providers()) {
    const values = providerEnvValues(registered.descriptor, env);
    if (registered.id !== activeId) {
      const set = [values.baseUrl, values.model, ...values.ignored].filter((entry) => entry !== undefined);
      for (const entry of set)
        ignored.push({
          name: entry.name,
          reason: activeId
            ? `applies only to ${registered.id}; the active provider is ${activeId}`
            : `applies only to ${registered.id}`,
        });
      continue;
    }
    ignored.push(...values.ignored);
    for (const field of ['baseUrl', 'model'] as const) {
      const value = values[field];
      if (value === undefined) continue;
      if ((field === 'baseUrl' ? baseUrl : model) !== undefined) {
        const winner = origins[field] as ExplicitOrigin;
        ignored.push({ name: value.name, reason: `${label(winner)} takes precedence` });
      } else {
        scoped[field] = value.value;
        origins[field] = { source: 'env', name: value.name };
      }
    }
  }
  const applied = (['baseUrl', 'model'] as const).filter((field) => scoped[field] !== undefined);
  if (applied.length === 0 || activeId === undefined)
    return { request: withOrigins(base), result: first, origins, ignored };

  // A provider-scoped value must stay with its provider: without an explicit provider, pin the active one, or the
  // value could move the route (a model found elsewhere, a base URL that is another provider's official endpoint).
  const names = applied.map((field) => (origins[field] as ExplicitOrigin).name);
  const pinned =
    provider === undefined && first.ok
      ? { from: first.candidate.decisions.provider.source, because: names }
      : undefined;
  const request = withOrigins({ ...base, ...scoped, ...(pinned ? { provider: activeId } : {}) });
  const labelled: RouteRequest = pinned
    ? {
        ...request,
        origin: {
          ...request.origin,
          provider: `${PINNED_FROM[pinned.from]}; ${names.join(' and ')} ${names.length > 1 ? 'apply' : 'applies'} only to ${activeId}`,
        },
      }
    : request;
  return { request: labelled, result: resolver.resolve(labelled), origins, ignored, ...(pinned ? { pinned } : {}) };
}

/** How the provider had been chosen before the CLI pinned it, in words. */
const PINNED_FROM: Readonly<Record<ProviderDecision['source'], string>> = {
  explicit: 'explicit',
  role: 'the role',
  config: 'config provider',
  'base-url': 'the base URL',
  default: 'default provider',
  'model-match': 'the only provider offering the model',
};

/**
 * A provider's endpoint as the live commands use it: its own base URL variable (`<PROVIDER>_BASE_URL`, `OLLAMA_HOST`,
 * by core's `providerEnvValues`) when set, else its configured or official one. `providers` and `models` show (and read
 * the live cache of) the endpoint `discover` and `health` contact.
 */
export function providerEndpoint(
  session: Session,
  providerId: string,
): { readonly result: EndpointResult; readonly envName?: string } {
  const fromEnv = providerEnvValues(session.registry.provider(providerId).descriptor, session.env).baseUrl;
  return {
    result: session.resolver().endpoint({ provider: providerId, ...(fromEnv ? { baseUrl: fromEnv.value } : {}) }),
    ...(fromEnv ? { envName: fromEnv.name } : {}),
  };
}
