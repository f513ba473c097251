import type { ReasoningLevel } from '../schema/constants.js';
import type {
  InputDecision,
  InputSource,
  RouteCapabilities,
  RouteEndpoint,
  RouteReasoning,
} from '../candidate/route-facts.js';
import type { RegisteredProvider } from '../registry/registry-types.js';
import type { ProviderModelOffering } from '../schema/offering.js';
import type { MessageList } from './resolver-context.js';

/** The coarse source class a candidate's `reasoning.source` reports (the decision keeps the exact one). */
const REASONING_SOURCE: Readonly<Record<InputSource, RouteReasoning['source']>> = {
  request: 'request',
  role: 'role',
  'config-provider': 'config',
  'config-root': 'config',
  'config-routing': 'config',
  purpose: 'purpose',
  default: 'none',
};

/** The reasoning setting of a route: the asked level (see `requestedReasoning`), mapped by the provider's dialect. */
export function routeReasoning(options: {
  readonly asked: InputDecision<ReasoningLevel> | undefined;
  readonly provider: RegisteredProvider;
  readonly offering: ProviderModelOffering | undefined;
  readonly wireModelId: string;
  readonly endpoint: RouteEndpoint;
  readonly capabilities: RouteCapabilities;
  readonly messages: MessageList;
}): RouteReasoning {
  const { provider, messages } = options;
  const requested = options.asked;
  if (!requested) return { requested: undefined, applied: 'provider-default', source: 'none', params: {} };
  const asked = { level: requested.value, source: REASONING_SOURCE[requested.source] };
  const name = provider.descriptor.displayName;
  let level: ReasoningLevel = asked.level;
  if (level !== 'off' && options.capabilities.reasoning.state === 'no') {
    messages.add(
      'warning',
      'reasoning-clamped',
      `Reasoning "${asked.level}" was asked, but this model has no reasoning mode; it runs with reasoning off.`,
    );
    level = 'off';
  }
  const dialect = provider.plugin.reasoning;
  if (!dialect) {
    messages.add(
      'warning',
      'reasoning-unsupported',
      `${name} declares no reasoning controls, so reasoning "${level}" cannot be sent; the provider's default applies.`,
    );
    return { requested: asked.level, applied: 'provider-default', source: asked.source, params: {} };
  }
  try {
    const mapping = dialect.map(level, {
      wireModelId: options.wireModelId,
      offering: options.endpoint.official ? options.offering : undefined,
      endpoint: {
        key: options.endpoint.key,
        baseUrl: options.endpoint.baseUrl,
        official: options.endpoint.official,
        protocol: options.endpoint.protocol,
      },
    });
    if (mapping.level !== level || mapping.clampedFrom !== undefined) {
      const note = mapping.note ? `: ${mapping.note}` : '';
      messages.add(
        'warning',
        'reasoning-clamped',
        `Reasoning "${mapping.clampedFrom ?? level}" is sent to ${name} as "${mapping.level}"${note}.`,
      );
    } else if (mapping.note) {
      // e.g. "depends on the model and the upstream provider": worth knowing even when nothing was clamped.
      messages.add('info', 'reasoning-note', `Reasoning "${level}" at ${name}: ${mapping.note}`);
    }
    return { requested: asked.level, applied: mapping.level, source: asked.source, params: mapping.params };
  } catch {
    messages.add(
      'warning',
      'reasoning-error',
      `${name}'s reasoning mapping failed for "${level}"; the provider's default applies.`,
    );
    return { requested: asked.level, applied: 'provider-default', source: asked.source, params: {} };
  }
}
