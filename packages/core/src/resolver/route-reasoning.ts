import type { ReasoningLevel } from '../schema/constants.js';
import type { RouteCapabilities, RouteEndpoint, RouteReasoning } from '../candidate/route-facts.js';
import type { RegisteredProvider } from '../registry/registry-types.js';
import type { ProviderModelOffering } from '../schema/offering.js';
import type { ProviderConfig, RoleConfig, UserConfig } from '../schema/user-config.js';
import { defaultsForPurpose } from './purpose-defaults.js';
import type { MessageList } from './resolver-context.js';
import type { RouteRequest } from './route-request.js';

function requestedLevel(request: RouteRequest, role: RoleConfig | undefined, table: ProviderConfig | undefined, config: UserConfig) {
  if (request.reasoning) return { level: request.reasoning, source: 'request' } as const;
  if (role?.reasoning) return { level: role.reasoning, source: 'role' } as const;
  const purpose = defaultsForPurpose(request.purpose)?.reasoning;
  if (purpose) return { level: purpose, source: 'purpose' } as const;
  const saved = table?.reasoning ?? config.reasoning;
  if (saved) return { level: saved, source: 'config' } as const;
  return undefined;
}

/** The reasoning setting of a route: asked level (request > role > purpose > config), mapped by the provider's dialect. */
export function routeReasoning(options: {
  readonly request: RouteRequest;
  readonly role: RoleConfig | undefined;
  readonly table: ProviderConfig | undefined;
  readonly config: UserConfig;
  readonly provider: RegisteredProvider;
  readonly offering: ProviderModelOffering | undefined;
  readonly wireModelId: string;
  readonly endpoint: RouteEndpoint;
  readonly capabilities: RouteCapabilities;
  readonly messages: MessageList;
}): RouteReasoning {
  const { provider, messages } = options;
  const asked = requestedLevel(options.request, options.role, options.table, options.config);
  if (!asked) return { requested: undefined, applied: 'provider-default', source: 'none', params: {} };
  const name = provider.descriptor.displayName;
  let level: ReasoningLevel = asked.level;
  if (level !== 'off' && options.capabilities.reasoning.state === 'no') {
    messages.add('warning', 'reasoning-clamped', `Reasoning "${asked.level}" was asked, but this model has no reasoning mode; it runs with reasoning off.`);
    level = 'off';
  }
  const dialect = provider.plugin.reasoning;
  if (!dialect) {
    messages.add('warning', 'reasoning-unsupported', `${name} declares no reasoning controls, so reasoning "${level}" cannot be sent; the provider's default applies.`);
    return { requested: asked.level, applied: 'provider-default', source: asked.source, params: {} };
  }
  try {
    const mapping = dialect.map(level, {
      wireModelId: options.wireModelId,
      offering: options.endpoint.official ? options.offering : undefined,
      endpoint: { key: options.endpoint.key, baseUrl: options.endpoint.baseUrl, official: options.endpoint.official, protocol: options.endpoint.protocol },
    });
    if (mapping.level !== level || mapping.clampedFrom !== undefined) {
      const note = mapping.note ? `: ${mapping.note}` : '';
      messages.add('warning', 'reasoning-clamped', `Reasoning "${mapping.clampedFrom ?? level}" is sent to ${name} as "${mapping.level}"${note}.`);
    } else if (mapping.note) {
      // e.g. "depends on the model and the upstream provider": worth knowing even when nothing was clamped.
      messages.add('info', 'reasoning-note', `Reasoning "${level}" at ${name}: ${mapping.note}`);
    }
    return { requested: asked.level, applied: mapping.level, source: asked.source, params: mapping.params };
  } catch {
    messages.add('warning', 'reasoning-error', `${name}'s reasoning mapping failed for "${level}"; the provider's default applies.`);
    return { requested: asked.level, applied: 'provider-default', source: asked.source, params: {} };
  }
}
