import { groupDigits } from '@codewhale/core';
import type { CapabilityName, LimitSource, ModelProfile, ReadyRouteCandidate } from '@codewhale/core';
import { CliError, EXIT_CODES } from '../cli/exit-codes.js';
import { renderTable, type Output } from '../cli/output.js';
import type { Session } from '../cli/session.js';
import { sanitizeTerminalText as untrusted } from '../cli/terminal-text.js';
import { meterText, summarizeMeter, type MeterSummary } from './meter-summary.js';
import { resolutionError } from './route.js';
import { providerEndpoint } from './route-request.js';

/** One row of `models --json`. */
export interface ModelRow {
  /** `<provider>:<wire id>`, ready for `codewhale-route explain <ref>`. */
  readonly ref: string;
  readonly provider: string;
  readonly wireId: string;
  readonly canonical: string | null;
  readonly contextWindow: number | 'unknown';
  readonly contextSource?: LimitSource;
  readonly meter: MeterSummary;
  /** What the route can do (yes, no, unknown), as `explain` says; absent when the ref does not resolve. */
  readonly capabilities?: Readonly<Record<CapabilityName, 'yes' | 'no' | 'unknown'>>;
  /** The licence of the canonical model's weights (Hub id, name, link), or `unknown`; absent without a canonical model. */
  readonly license?: RowLicense;
  /** `catalog`: a bundled offering; `live`: only in the provider's live listing. */
  readonly source: 'catalog' | 'live';
  /** Whether the live listing has this id; `null` when there is no listing in the cache. */
  readonly listed: boolean | null;
  readonly status?: string;
}

/** The licence of a row's model: the Hub licence id with its name and link, or `unknown` with the reason. */
export type RowLicense =
  | { readonly value: string; readonly name?: string; readonly spdx?: string; readonly url?: string }
  | { readonly value: 'unknown'; readonly reason?: string };

/** A profile's licence as a row shows it (no provenance: `compare` and `passport` give the sources). */
function rowLicense(profile: ModelProfile | undefined): RowLicense | undefined {
  if (!profile) return undefined;
  const license = profile.openWeights.license;
  if (license === 'unknown') return { value: 'unknown' };
  if ('reason' in license) return { value: 'unknown', reason: license.reason };
  return {
    value: license.value,
    ...(license.name !== undefined ? { name: license.name } : {}),
    ...(license.spdx !== undefined ? { spdx: license.spdx } : {}),
    ...(license.url !== undefined ? { url: license.url } : {}),
  };
}

/** The three-state capabilities of a resolved route. */
function rowCapabilities(candidate: ReadyRouteCandidate): Record<CapabilityName, 'yes' | 'no' | 'unknown'> {
  return Object.fromEntries(
    Object.entries(candidate.capabilities).map(([name, capability]) => [name, capability.state]),
  ) as Record<CapabilityName, 'yes' | 'no' | 'unknown'>;
}

/** The facts of a row that come from the resolved route and the model profile. */
function routeFacts(
  session: Session,
  candidate: ReadyRouteCandidate | undefined,
  canonical: string | null | undefined,
): Pick<ModelRow, 'capabilities' | 'license'> {
  const license = canonical ? rowLicense(session.registry.model(canonical)) : undefined;
  return {
    ...(candidate ? { capabilities: rowCapabilities(candidate) } : {}),
    ...(license ? { license } : {}),
  };
}

/**
 * Resolve the named providers (ids or aliases, as users type them) or all. An unknown name is a resolution error (exit
 * 3, code `unknown-provider`), as in `explain`: see the rule in cli/exit-codes.ts.
 */
export function chosenProviders(session: Session, names: readonly string[] | undefined): string[] {
  if (!names || names.length === 0) return [...session.registry.providerIds];
  return names.map((name) => {
    const provider = session.registry.findProvider(name);
    if (!provider) throw unknownProvider(session, name);
    return provider.id;
  });
}

/**
 * The error for a provider name the registry does not know (exit 3): the resolver's own `unknown-provider` error (with
 * its suggestion and the registered ids), so every command says it the same way as `explain`.
 */
export function unknownProvider(session: Session, name: string): CliError {
  const result = session.resolver().resolve({ provider: name, origin: { provider: 'flag --provider' } });
  if (!result.ok && result.error.kind === 'unknown-provider') return resolutionError(result.error);
  return new CliError(
    'resolution',
    `Unknown provider "${name}". Registered providers: ${session.registry.providerIds.join(', ')}.`,
    { code: 'unknown-provider', details: { field: 'provider', value: name, registered: session.registry.providerIds } },
  );
}

/** Catalog offerings of each provider merged with its live listing (when cached). */
export function modelRows(session: Session, providers: readonly string[]): ModelRow[] {
  const resolver = session.resolver();
  const live = session.live();
  const rows: ModelRow[] = [];
  for (const providerId of providers) {
    const provider = session.registry.provider(providerId);
    const endpoint = providerEndpoint(session, providerId).result;
    const listing = endpoint.ok ? live.listing(providerId, endpoint.endpoint.baseUrl) : undefined;
    const listed = new Set(listing?.models.map((record) => provider.lookupKey(record.id)));
    const seen = new Set<string>();
    for (const offering of provider.offerings) {
      seen.add(provider.lookupKey(offering.wireId));
      const result = resolver.resolve({ provider: providerId, model: offering.wireId });
      const context = result.ok ? result.candidate.limits.contextWindow : undefined;
      rows.push({
        ref: `${providerId}:${offering.wireId}`,
        provider: providerId,
        wireId: offering.wireId,
        canonical: offering.model,
        contextWindow: context?.value ?? 'unknown',
        ...(context && context.value !== 'unknown' ? { contextSource: context.source } : {}),
        meter: summarizeMeter(result.ok ? result.candidate.meter : offering.meter),
        ...routeFacts(session, result.ok ? result.candidate : undefined, offering.model),
        source: 'catalog',
        listed: listing ? listed.has(provider.lookupKey(offering.wireId)) : null,
        ...(offering.status && offering.status !== 'active' ? { status: offering.status } : {}),
      });
    }
    for (const record of listing?.models ?? []) {
      if (seen.has(provider.lookupKey(record.id))) continue;
      const result = resolver.resolve({ provider: providerId, model: record.id });
      const context = result.ok ? result.candidate.limits.contextWindow : undefined;
      rows.push({
        ref: `${providerId}:${record.id}`,
        provider: providerId,
        wireId: record.id,
        canonical: record.canonicalModel ?? null,
        contextWindow: context?.value ?? record.contextWindow ?? 'unknown',
        ...(context && context.value !== 'unknown'
          ? { contextSource: context.source }
          : record.contextWindow !== undefined
            ? { contextSource: 'live' as const }
            : {}),
        meter: result.ok ? summarizeMeter(result.candidate.meter) : { kind: 'unknown', note: 'not in the catalog' },
        ...routeFacts(session, result.ok ? result.candidate : undefined, record.canonicalModel),
        source: 'live',
        listed: true,
      });
    }
  }
  return rows;
}

/** `models`: offerings from the bundled catalog, merged with the live cache. */
export function printModels(session: Session, output: Output, providers: readonly string[]): number {
  const rows = modelRows(session, providers);
  if (output.json) {
    output.printJson({ schemaVersion: 1, models: rows });
    return EXIT_CODES.ok;
  }
  const { colors } = output;
  const table: string[][] = [
    ['ref', 'canonical', 'context', 'cost / 1M tokens (in / out)', 'source'].map((title) => colors.bold(title)),
  ];
  for (const row of rows) {
    const source =
      row.source === 'live'
        ? colors.cyan('live listing')
        : row.listed === true
          ? 'catalog, listed'
          : row.listed === false
            ? `catalog, ${colors.yellow('not listed')}`
            : 'catalog';
    // Ids from a live listing are the server's text.
    table.push([
      untrusted(row.ref),
      row.canonical !== null ? untrusted(row.canonical) : colors.dim('-'),
      row.contextWindow === 'unknown' ? colors.dim('unknown') : groupDigits(row.contextWindow),
      meterText(row.meter, colors),
      `${source}${row.status ? colors.yellow(` (${row.status})`) : ''}`,
    ]);
  }
  const empty = providers.filter((providerId) => !rows.some((row) => row.provider === providerId));
  const note = empty.length
    ? `\n${colors.dim(`No offerings in the catalog or the live cache for ${empty.join(', ')}: they serve whatever you load; list them with \`codewhale-route models --provider ${empty[0]} --live\`.`)}`
    : '';
  output.out(rows.length ? `${renderTable(table, { right: [2] })}${note}` : note.trimStart());
  return EXIT_CODES.ok;
}
