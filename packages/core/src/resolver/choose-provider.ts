import type { ProviderDecision } from '../candidate/route-facts.js';
import type { RegisteredProvider } from '../registry/registry-types.js';
import { nearestProvider } from './nearest-provider.js';
import { fail, ok, type ResolverContext, type Step } from './resolver-context.js';
import type { RouteError, RouteRequest } from './route-request.js';
import type { RoleConfig } from '../schema/user-config.js';

/** The provider of a route and how it was chosen. `inferredFrom` is set when a base URL identified it. */
export interface ProviderChoice {
  readonly provider: RegisteredProvider;
  readonly decision: ProviderDecision;
  readonly inferredFrom?: 'request' | 'config';
}

function unknownProvider(context: ResolverContext, name: string, where: string): { ok: false; error: RouteError } {
  const registered = context.registry.providerIds;
  const nearest = nearestProvider(context.registry, name);
  return fail(
    'unknown-provider',
    `Unknown provider "${name}" (${where}).${nearest ? ` Did you mean "${nearest}"?` : ''} Registered providers: ${registered.join(', ') || '(none)'}.`,
    {
      field: 'provider',
      value: name,
      registered,
      ...(nearest ? { nearestProvider: nearest } : {}),
    },
  );
}

/** The single provider whose official endpoint equals this URL, if exactly one. */
function inferFromBaseUrl(context: ResolverContext, url: string): RegisteredProvider | undefined {
  const owners = new Set(context.registry.officialEndpointsAt(url).map((endpoint) => endpoint.providerId));
  if (owners.size !== 1) return undefined;
  return context.registry.provider([...owners][0] as string);
}

/**
 * Provider first: explicit (id or alias) > the role's provider > a request base URL that is exactly one provider's
 * official endpoint > the config's saved provider > the config's legacy base URL, inferred the same way > the
 * registry default. A model string never chooses a provider here.
 */
export function chooseProvider(
  context: ResolverContext,
  request: RouteRequest,
  role: RoleConfig | undefined,
): Step<ProviderChoice> {
  const { registry, config } = context;
  if (request.provider !== undefined) {
    const name = request.provider.trim();
    const provider = registry.findProvider(name);
    if (!provider) return unknownProvider(context, name, request.origin?.provider ?? 'explicit');
    const via = request.origin?.provider ? ` (${request.origin.provider})` : '';
    return ok({ provider, decision: { source: 'explicit', detail: `You named provider "${name}"${via}.` } });
  }
  if (role?.provider !== undefined) {
    const provider = registry.findProvider(role.provider);
    if (!provider) return unknownProvider(context, role.provider, `[roles.${request.role}] provider`);
    return ok({
      provider,
      decision: { source: 'role', detail: `Role "${request.role}" uses provider "${role.provider}".` },
    });
  }
  if (request.baseUrl !== undefined) {
    const provider = inferFromBaseUrl(context, request.baseUrl);
    if (provider) {
      return ok({
        provider,
        inferredFrom: 'request',
        decision: {
          source: 'base-url',
          detail: `The base URL you gave is ${provider.descriptor.displayName}'s official endpoint.`,
        },
      });
    }
  }
  if (config.provider !== undefined) {
    const provider = registry.findProvider(config.provider);
    if (!provider) return unknownProvider(context, config.provider, 'config: provider');
    return ok({
      provider,
      decision: { source: 'config', detail: `Your config's default provider is "${config.provider}".` },
    });
  }
  if (config.base_url !== undefined) {
    const provider = inferFromBaseUrl(context, config.base_url);
    if (provider) {
      return ok({
        provider,
        inferredFrom: 'config',
        decision: {
          source: 'base-url',
          detail: `Your config's base_url is ${provider.descriptor.displayName}'s official endpoint.`,
        },
      });
    }
  }
  const fallback = registry.defaultProviderId;
  if (fallback === undefined)
    return fail('invalid-request', 'No provider plugin is registered. Pass plugins to createRegistry.', {
      field: 'provider',
    });
  return ok({
    provider: registry.provider(fallback),
    decision: { source: 'default', detail: `No provider was named or configured; "${fallback}" is the default.` },
  });
}
