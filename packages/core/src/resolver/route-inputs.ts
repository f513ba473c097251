import type { InputDecision } from '../candidate/route-facts.js';
import type { RegisteredProvider } from '../registry/registry-types.js';
import type { ReasoningLevel, RoutePreference } from '../schema/constants.js';
import type { RoleConfig, UserConfig } from '../schema/user-config.js';
import { defaultsForPurpose } from './purpose-defaults.js';
import { providerTable } from './resolver-context.js';
import type { RouteRequest } from './route-request.js';

// One precedence for every setting, as ARCHITECTURE section 5 orders inputs (explicit > saved > defaults): the request,
// then the role it names (a role is saved policy the caller asked for by name), then the saved config, then what the
// purpose implies, then the built-in default. A purpose is a default-setter: it never overrides a value someone saved.

const roleLabel = (request: RouteRequest) => `[roles.${request.role}]`;

/** The purpose of a route: the request's, else its role's. A role's purpose means exactly what a request's does. */
export function appliedPurpose(request: RouteRequest, role: RoleConfig | undefined): InputDecision<string> | undefined {
  if (request.purpose !== undefined)
    return { value: request.purpose, source: 'request', detail: `The request's purpose is "${request.purpose}".` };
  if (role?.purpose !== undefined)
    return { value: role.purpose, source: 'role', detail: `${roleLabel(request)} purpose = "${role.purpose}".` };
  return undefined;
}

function purposeDefault<K extends 'prefer' | 'reasoning'>(purpose: InputDecision<string> | undefined, key: K) {
  const defaults = defaultsForPurpose(purpose?.value);
  const value = defaults?.[key];
  if (!purpose || value === undefined) return undefined;
  const from = purpose.source === 'role' ? ` (from ${purpose.detail.replace(/\.$/, '')})` : '';
  return {
    value,
    detail: `Purpose "${purpose.value}"${from} implies ${key} "${value}", and nothing more explicit set it.`,
  };
}

/** The preference `auto` ranks by: request > role > config `[routing] prefer` > purpose default > quality. */
export function appliedPreference(
  request: RouteRequest,
  role: RoleConfig | undefined,
  config: UserConfig,
): InputDecision<RoutePreference> {
  if (request.prefer !== undefined)
    return { value: request.prefer, source: 'request', detail: `The request asks to prefer ${request.prefer}.` };
  if (role?.prefer !== undefined)
    return { value: role.prefer, source: 'role', detail: `${roleLabel(request)} prefer = "${role.prefer}".` };
  const routing = config.routing?.prefer;
  if (routing !== undefined)
    return { value: routing, source: 'config-routing', detail: `Your config's [routing] prefer = "${routing}".` };
  const fromPurpose = purposeDefault(appliedPurpose(request, role), 'prefer');
  if (fromPurpose) return { value: fromPurpose.value, source: 'purpose', detail: fromPurpose.detail };
  return { value: 'quality', source: 'default', detail: 'Nothing set a preference; "auto" prefers quality.' };
}

/** The reasoning level asked for: request > role > `[providers.<id>] reasoning` > root `reasoning` > purpose default; none otherwise. */
export function requestedReasoning(
  request: RouteRequest,
  role: RoleConfig | undefined,
  config: UserConfig,
  provider: RegisteredProvider,
): InputDecision<ReasoningLevel> | undefined {
  if (request.reasoning !== undefined)
    return {
      value: request.reasoning,
      source: 'request',
      detail: `The request asks for reasoning "${request.reasoning}".`,
    };
  if (role?.reasoning !== undefined)
    return { value: role.reasoning, source: 'role', detail: `${roleLabel(request)} reasoning = "${role.reasoning}".` };
  const table = providerTable(config, provider);
  if (table?.reasoning !== undefined) {
    return {
      value: table.reasoning,
      source: 'config-provider',
      detail: `Your config's [providers.${provider.descriptor.configKey ?? provider.id}] reasoning = "${table.reasoning}".`,
    };
  }
  if (config.reasoning !== undefined)
    return {
      value: config.reasoning,
      source: 'config-root',
      detail: `Your config's reasoning = "${config.reasoning}".`,
    };
  const fromPurpose = purposeDefault(appliedPurpose(request, role), 'reasoning');
  if (fromPurpose) return { value: fromPurpose.value, source: 'purpose', detail: fromPurpose.detail };
  return undefined;
}
