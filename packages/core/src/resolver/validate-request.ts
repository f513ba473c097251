import { CAPABILITY_NAMES, REASONING_LEVELS, ROUTE_INPUT_FIELDS, ROUTE_PREFERENCES } from '../schema/constants.js';

import { fail, ok, type Step } from './resolver-context.js';
import type { RouteRequest } from './route-request.js';

// C0/C1 controls except the whitespace that trimming removes, and Unicode format characters (Cf).
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cf}]/u;

const KNOWN_FIELDS = new Set<string>([...ROUTE_INPUT_FIELDS, 'origin']);

function isStringOrAbsent(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/** Check a request's shape. Hosts written in JavaScript can pass anything; every problem gets `invalid-request`. */
export function validateRequest(request: unknown): Step<RouteRequest> {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return fail('invalid-request', 'A route request must be an object such as { provider, model }.');
  }
  const record = request as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN_FIELDS.has(key)) {
      const hint = key === 'prompt' || key === 'messages' ? ' Routes are never chosen from prompt text.' : '';
      return fail(
        'invalid-request',
        `Unknown request field "${key}".${hint} Known fields: ${[...KNOWN_FIELDS].join(', ')}.`,
        { value: key },
      );
    }
  }
  for (const field of ['provider', 'model', 'baseUrl', 'role', 'purpose'] as const) {
    if (!isStringOrAbsent(record[field])) return fail('invalid-request', `"${field}" must be a string.`, { field });
  }
  // Control and invisible format characters (zero-width space, bidi overrides) are never part of a name, and would let an
  // explanation show something other than what is sent.
  for (const field of ['provider', 'model', 'baseUrl', 'role'] as const) {
    const value = record[field];
    if (typeof value === 'string' && INVISIBLE.test(value)) {
      return fail(
        'invalid-request',
        `"${field}" contains control or invisible characters (such as a zero-width space or a text-direction override). Type it again without them.`,
        { field },
      );
    }
  }
  if (typeof record.provider === 'string' && record.provider.trim() === '') {
    return fail(
      'invalid-request',
      'The provider is empty. Name a registered provider, or leave the field out to use your config.',
      { field: 'provider' },
    );
  }
  if (record.requires !== undefined) {
    if (!Array.isArray(record.requires))
      return fail('invalid-request', '"requires" must be a list of capabilities.', { field: 'requires' });
    const unknown = record.requires.find((item) => !(CAPABILITY_NAMES as readonly unknown[]).includes(item));
    if (unknown !== undefined) {
      return fail(
        'invalid-request',
        `Unknown requirement ${JSON.stringify(unknown)}. Use: ${CAPABILITY_NAMES.join(', ')} (and contextTokens for context).`,
        { field: 'requires', value: String(unknown) },
      );
    }
  }
  if (record.prefer !== undefined && !(ROUTE_PREFERENCES as readonly unknown[]).includes(record.prefer)) {
    return fail(
      'invalid-request',
      `Unknown preference ${JSON.stringify(record.prefer)}. Use one of: ${ROUTE_PREFERENCES.join(', ')}.`,
      { field: 'prefer', value: String(record.prefer) },
    );
  }
  if (record.reasoning !== undefined && !(REASONING_LEVELS as readonly unknown[]).includes(record.reasoning)) {
    return fail(
      'invalid-request',
      `Unknown reasoning level ${JSON.stringify(record.reasoning)}. Use one of: ${REASONING_LEVELS.join(', ')}.`,
      { field: 'reasoning', value: String(record.reasoning) },
    );
  }
  if (
    record.contextTokens !== undefined &&
    (typeof record.contextTokens !== 'number' ||
      !Number.isSafeInteger(record.contextTokens) ||
      record.contextTokens <= 0)
  ) {
    return fail('invalid-request', '"contextTokens" must be a positive whole number of tokens.', {
      field: 'contextTokens',
    });
  }
  return ok(record as RouteRequest);
}
