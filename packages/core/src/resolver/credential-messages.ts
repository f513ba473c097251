import type { RouteEndpoint } from '../candidate/route-facts.js';
import type { RegisteredProvider } from '../registry/registry-types.js';
import { tableNamesKey } from './credential-binding.js';
import type { MessageList, RouteAuth } from './resolver-context.js';

/**
 * Warnings about a route's credential: every configured source the binding rule refused (with the fix), and, when no
 * key applies but one is needed, which variable or table entry to set. Names and URLs only, never a value.
 */
export function addCredentialMessages(
  auth: RouteAuth,
  provider: RegisteredProvider,
  endpoint: RouteEndpoint,
  messages: MessageList,
): void {
  const { binding, status, query } = auth;
  for (const refusal of binding.refusals) messages.add('warning', 'credential-refused', refusal);
  if (status.source !== 'missing') return;
  const descriptor = provider.descriptor;
  const tableName = `[providers.${descriptor.configKey ?? provider.id}]`;
  const table = query.config;
  const names = descriptor.auth.envVars;
  let how: string;
  if (binding.table && table?.api_key_env !== undefined && binding.tableEnv) {
    how = `set ${table.api_key_env} (named by api_key_env in ${tableName})`;
  } else if (binding.table && tableNamesKey(table)) {
    how = `the key source in ${tableName} gives no usable key here; fix it as said above`;
  } else if (binding.ambient) {
    const asked =
      table?.auth_mode === 'bearer' || table?.auth_mode === 'x-api-key'
        ? `${tableName} auth_mode = "${table.auth_mode}" asks for a key: `
        : '';
    how = `${asked}${names.length ? `set ${names.join(' or ')}, or ` : 'set '}api_key_env in ${tableName}`;
  } else if (binding.table) {
    how = `set api_key_env in ${tableName}`;
  } else {
    const where = endpoint.official ? "this provider's official endpoint" : 'this endpoint';
    how = `${where} gets only a key configured for it: set base_url = "${endpoint.baseUrl}" and api_key_env in ${tableName}`;
  }
  messages.add('warning', 'credential-missing', `No credential for ${descriptor.displayName}: ${how}.`);
}
