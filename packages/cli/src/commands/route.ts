import { findProviderConfigKey, groupDigits } from '@codewhale/core';
import {
  explainRoute,
  formatRouteExplanation,
  parseRouteRef,
  type InputDecision,
  type ReadyRouteCandidate,
  type RouteError,
  type RouteExplanation,
  type RouteInputField,
  type RouteProvider,
  type RouteRequest,
} from '@codewhale/core';
import { CliError, EXIT_CODES, usageError } from '../cli/exit-codes.js';
import { renderTable, type Output } from '../cli/output.js';
import type { Session } from '../cli/session.js';
import { summarizeMeter, meterText, type MeterSummary } from './meter-summary.js';
import {
  originLabel,
  resolveRequest,
  type IgnoredEnv,
  type ResolvedRequest,
  type RouteFlags,
} from './route-request.js';

/** How one input of the route was chosen (explain). */
export interface ExplainedInput {
  readonly input: RouteInputField;
  /** The value in effect; `null` when unset. */
  readonly value: string | number | readonly string[] | null;
  readonly source: 'flag' | 'argument' | 'env' | 'config' | 'role' | 'default' | 'catalog' | 'auto' | 'live' | 'unset';
  /** Who chose it, for people: `flag --model`, `env DEEPSEEK_BASE_URL`, `config [providers.vllm] base_url`, `default`. */
  readonly label: string;
  /** The resolver's sentence for a setting it applied (purpose, prefer, reasoning), from `candidate.decisions`. */
  readonly detail?: string;
}

/** Another offering of the same canonical model, resolved through the same resolver (explain). */
export interface RouteAlternative {
  readonly ref: string;
  readonly provider: RouteProvider;
  readonly wireModelId: string;
  readonly endpoint: { readonly baseUrl: string; readonly official: boolean };
  /** Credential class (never a value). */
  readonly auth: string;
  readonly credentialReady: boolean;
  readonly contextWindow: number | 'unknown';
  readonly meter: MeterSummary;
}

/** `explain --json`: the resolver's RouteExplanation plus how each input was chosen and the alternatives. */
export type ExplainOutput = RouteExplanation & {
  readonly inputs: readonly ExplainedInput[];
  readonly ignoredEnv: readonly IgnoredEnv[];
  readonly alternatives: readonly RouteAlternative[];
};

/** Flags of resolve/explain, plus the optional `<provider>:<model>` argument. */
export type RouteCommandFlags = RouteFlags & { readonly ref?: string };

const HINTS: Partial<Record<RouteError['kind'], (error: RouteError) => string | undefined>> = {
  // The message lists the registered providers already: the hint says only what it does not.
  'unknown-provider': () => 'A custom endpoint needs a [providers.<id>] table with base_url in the config.',
  // Each hint says only what the resolver's message does not say already.
  'foreign-model': (error) =>
    typeof error.details.suggestion === 'string' && !error.message.includes(`"${error.details.suggestion}"`)
      ? `Try --model ${error.details.suggestion}.`
      : undefined,
  'auto-unsatisfiable': (error) =>
    error.message.includes('allow_providers')
      ? undefined
      : 'Relax --require/--context, or let auto use other providers ([routing] allow_providers in the config).',
};

/** A RouteError as a CLI error (exit 3). */
export function resolutionError(error: RouteError): CliError {
  const hint = HINTS[error.kind]?.(error);
  return new CliError('resolution', error.message, {
    code: error.kind,
    details: error.details,
    ...(hint && !error.message.includes(hint) ? { hint } : {}),
  });
}

function withRef(session: Session, flags: RouteCommandFlags): RouteFlags {
  if (flags.ref === undefined) return flags;
  if (flags.provider !== undefined || flags.model !== undefined)
    throw usageError(
      'Give either a <provider>:<model> argument or --provider/--model, not both.',
      'e.g. `codewhale-route explain together:deepseek-ai/DeepSeek-V4-Pro`.',
      'conflicting-arguments',
    );
  const ref = parseRouteRef(flags.ref, session.registry);
  return { ...flags, model: ref.model, ...(ref.provider !== undefined ? { provider: ref.provider } : {}) };
}

/** Resolve a route from flags and env; a resolution failure throws (exit 3). */
export function resolveFromFlags(
  session: Session,
  flags: RouteCommandFlags,
): ResolvedRequest & { candidate: ReadyRouteCandidate } {
  const resolved = resolveRequest(
    session,
    withRef(session, flags),
    flags.ref !== undefined ? { argument: flags.ref } : {},
  );
  if (!resolved.result.ok) throw resolutionError(resolved.result.error);
  return { ...resolved, candidate: resolved.result.candidate };
}

const PINNED_SOURCE: Readonly<Record<NonNullable<ResolvedRequest['pinned']>['from'], ExplainedInput['source']>> = {
  explicit: 'flag',
  role: 'config',
  config: 'config',
  'base-url': 'config',
  default: 'default',
  'model-match': 'catalog',
};

function explicitLabel(
  resolved: ResolvedRequest,
  field: 'provider' | 'model' | 'baseUrl',
): Pick<ExplainedInput, 'source' | 'label'> {
  const origin = resolved.origins[field];
  if (origin) return { source: origin.source, label: originLabel(origin) };
  // The CLI pinned the active provider itself, so that a provider-scoped variable stays with it.
  return {
    source: resolved.pinned ? PINNED_SOURCE[resolved.pinned.from] : 'config',
    label: resolved.request.origin?.[field] ?? 'config',
  };
}

/** How each input of the route was chosen. */
export function explainInputs(
  session: Session,
  resolved: ResolvedRequest,
  candidate: ReadyRouteCandidate,
): ExplainedInput[] {
  const { decisions } = candidate;
  const request: RouteRequest = resolved.request;
  const role = request.role !== undefined ? session.config.roles?.[request.role] : undefined;
  const roleLabel = `config [roles.${request.role}]`;
  // The table as the user's file spells it (`[providers.Together-AI]` is Together's table), else the provider's own key.
  const registered = session.registry.provider(candidate.provider.id);
  const providerKey =
    findProviderConfigKey(session.config, registered) ?? registered.descriptor.configKey ?? candidate.provider.id;
  const inputs: ExplainedInput[] = [];

  const providerWhy: Record<typeof decisions.provider.source, () => Pick<ExplainedInput, 'source' | 'label'>> = {
    explicit: () => explicitLabel(resolved, 'provider'),
    role: () => ({ source: 'config', label: `${roleLabel} provider` }),
    config: () => ({ source: 'config', label: 'config provider' }),
    'base-url': () =>
      resolved.origins.baseUrl
        ? {
            ...explicitLabel(resolved, 'baseUrl'),
            label: `${explicitLabel(resolved, 'baseUrl').label} (its official endpoint)`,
          }
        : { source: 'config', label: 'config base_url (its official endpoint)' },
    default: () => ({ source: 'default', label: 'default provider' }),
    'model-match': () => ({ source: 'catalog', label: 'catalog: the only provider offering this model' }),
  };
  inputs.push({ input: 'provider', value: candidate.provider.id, ...providerWhy[decisions.provider.source]() });

  const modelWhy: Record<typeof decisions.model.source, () => Pick<ExplainedInput, 'source' | 'label'>> = {
    explicit: () => explicitLabel(resolved, 'model'),
    role: () => ({ source: 'config', label: `${roleLabel} model` }),
    'config-provider': () => ({ source: 'config', label: `config [providers.${providerKey}] model` }),
    'config-root': () => ({ source: 'config', label: 'config model' }),
    'provider-default': () => ({ source: 'default', label: "provider's default offering" }),
    'live-listing': () => ({ source: 'live', label: 'live listing' }),
    auto: () => ({ source: 'auto', label: 'auto' }),
  };
  const modelInput = modelWhy[decisions.model.source]();
  // The preference auto ranked by, as the resolver recorded it (never recomputed here).
  const preference = decisions.preference?.value ?? decisions.auto?.preference;
  // "auto" was asked for (explicitly, or by a role or the config); the model itself was chosen by auto.
  const autoLabel = candidate.fromAuto
    ? {
        source: 'auto' as const,
        label: `auto${preference ? `, prefer ${preference}` : ''} (asked by ${modelInput.label})`,
      }
    : undefined;
  inputs.push({ input: 'model', value: candidate.wireModelId, ...(autoLabel ?? modelInput) });

  const endpointWhy: Record<typeof decisions.endpoint.source, () => Pick<ExplainedInput, 'source' | 'label'>> = {
    explicit: () => explicitLabel(resolved, 'baseUrl'),
    'config-provider': () => ({ source: 'config', label: `config [providers.${providerKey}] base_url` }),
    'config-root': () => ({ source: 'config', label: 'config base_url' }),
    official: () => ({ source: 'default', label: 'official endpoint' }),
  };
  inputs.push({ input: 'baseUrl', value: candidate.endpoint.baseUrl, ...endpointWhy[decisions.endpoint.source]() });

  const fromFlagOrRole = (
    input: ExplainedInput['input'],
    flagName: string,
    flagValue: ExplainedInput['value'] | undefined,
    roleKey: string,
    roleValue: ExplainedInput['value'] | undefined,
  ) => {
    if (flagValue !== undefined && flagValue !== null)
      inputs.push({ input, value: flagValue, source: 'flag', label: `flag ${flagName}` });
    else if (roleValue !== undefined && roleValue !== null)
      inputs.push({ input, value: roleValue, source: 'config', label: `${roleLabel} ${roleKey}` });
    else inputs.push({ input, value: null, source: 'unset', label: 'not set' });
  };
  // Purpose, preference and reasoning: what the resolver applied and why, from its decisions (one source of truth).
  const purpose = decisions.purpose?.value;
  const decided = <T extends string>(
    input: ExplainedInput['input'],
    decision: InputDecision<T> | undefined,
    flagName: string,
    key: string,
  ): ExplainedInput | undefined => {
    if (!decision) return undefined;
    const where: Record<InputDecision<T>['source'], Pick<ExplainedInput, 'source' | 'label'>> = {
      request: { source: 'flag', label: `flag ${flagName}` },
      role: { source: 'config', label: `${roleLabel} ${key}` },
      'config-provider': { source: 'config', label: `config [providers.${providerKey}] ${key}` },
      'config-root': { source: 'config', label: `config ${key}` },
      'config-routing': { source: 'config', label: `config [routing] ${key}` },
      purpose: { source: 'default', label: `purpose ${purpose ?? ''} default`.replace('  ', ' ') },
      default: { source: 'default', label: 'default' },
    };
    return { input, value: decision.value, ...where[decision.source], detail: decision.detail };
  };
  inputs.push(
    request.role !== undefined
      ? { input: 'role', value: request.role, source: 'flag', label: 'flag --role' }
      : { input: 'role', value: null, source: 'unset', label: 'not set' },
  );
  inputs.push(
    decided('purpose', decisions.purpose, '--purpose', 'purpose') ?? {
      input: 'purpose',
      value: null,
      source: 'unset',
      label: 'not set',
    },
  );
  fromFlagOrRole('requires', '--require', request.requires ?? undefined, 'requires', role?.requires);
  // A preference only applies when auto chose the model; otherwise nothing ranked by it.
  inputs.push(
    decided('prefer', decisions.preference, '--prefer', 'prefer') ?? {
      input: 'prefer',
      value: null,
      source: 'unset',
      label: candidate.fromAuto ? 'not set' : 'not used (auto did not choose the model)',
    },
  );
  inputs.push(
    decided('reasoning', decisions.reasoning, '--reasoning', 'reasoning') ?? {
      input: 'reasoning',
      value: null,
      source: 'unset',
      label: "not set (provider's default)",
    },
  );
  fromFlagOrRole('contextTokens', '--context', request.contextTokens, 'min_context', role?.min_context);
  return inputs;
}

/** Other offerings of the route's canonical model, each resolved explicitly (their own endpoint, credential, price). */
export function alternativesOf(session: Session, candidate: ReadyRouteCandidate): RouteAlternative[] {
  if (!candidate.canonicalModel) return [];
  const resolver = session.resolver();
  const alternatives: RouteAlternative[] = [];
  for (const offering of session.registry.offeringsForModel(candidate.canonicalModel)) {
    if (offering.provider === candidate.provider.id && offering.wireId === candidate.wireModelId) continue;
    if (offering.status === 'retired') continue;
    const result = resolver.resolve({ provider: offering.provider, model: offering.wireId });
    if (!result.ok) continue;
    const other = result.candidate;
    const explanation = explainRoute(other);
    alternatives.push({
      ref: explanation.route,
      provider: other.provider,
      wireModelId: other.wireModelId,
      endpoint: { baseUrl: other.endpoint.baseUrl, official: other.endpoint.official },
      auth: explanation.auth,
      credentialReady: other.auth.source !== 'missing',
      contextWindow: other.limits.contextWindow.value,
      meter: summarizeMeter(other.meter),
    });
  }
  return alternatives;
}

/** `resolve`: the route and its facts. */
export function runResolve(session: Session, output: Output, flags: RouteCommandFlags): number {
  const { candidate } = resolveFromFlags(session, flags);
  const explanation = explainRoute(candidate);
  if (output.json) output.printJson(explanation);
  else output.out(formatRouteExplanation(explanation, { color: output.color, decisions: false }));
  return EXIT_CODES.ok;
}

/** `explain`: the route, why each choice was made, where each input came from, and the alternatives. */
export function runExplain(session: Session, output: Output, flags: RouteCommandFlags): number {
  const resolved = resolveFromFlags(session, flags);
  const { candidate } = resolved;
  const explanation = explainRoute(candidate);
  const inputs = explainInputs(session, resolved, candidate);
  const alternatives = alternativesOf(session, candidate);
  if (output.json) {
    const document: ExplainOutput = { ...explanation, inputs, ignoredEnv: resolved.ignored, alternatives };
    output.printJson(document);
    return EXIT_CODES.ok;
  }
  const { colors } = output;
  const sections = [formatRouteExplanation(explanation, { color: output.color, decisions: true })];
  const shown = (value: ExplainedInput['value']) =>
    value === null
      ? colors.dim('-')
      : Array.isArray(value)
        ? value.join(', ')
        : typeof value === 'number'
          ? groupDigits(value)
          : String(value);
  const names: Record<ExplainedInput['input'], string> = {
    provider: 'provider',
    model: 'model',
    baseUrl: 'base URL',
    role: 'role',
    purpose: 'purpose',
    requires: 'requires',
    prefer: 'prefer',
    reasoning: 'reasoning',
    contextTokens: 'context',
  };
  const rows = inputs
    .filter((input) => input.source !== 'unset' || ['provider', 'model', 'baseUrl'].includes(input.input))
    .map((input) => [names[input.input], shown(input.value), colors.dim(input.label)]);
  for (const ignored of resolved.ignored) rows.push(['ignored', ignored.name, colors.dim(ignored.reason)]);
  sections.push(`${colors.bold('inputs')}\n${renderTable(rows, { indent: '  ' })}`);
  if (alternatives.length > 0) {
    const table = alternatives.map((alternative) => [
      alternative.ref,
      alternative.contextWindow === 'unknown'
        ? colors.dim('context ?')
        : `${groupDigits(alternative.contextWindow)} ctx`,
      meterText(alternative.meter, colors),
      alternative.credentialReady ? alternative.auth : colors.yellow('key missing'),
    ]);
    sections.push(
      `${colors.bold(`alternatives (${candidate.canonicalModel} elsewhere)`)}\n${renderTable(table, { indent: '  ', right: [1] })}`,
    );
  }
  output.out(sections.join('\n\n'));
  return EXIT_CODES.ok;
}
