import { groupDigits } from '@codewhale/core';
import { explainRoute, type ExplainedLimit, type RouteProvider } from '@codewhale/core';
import { CliError, EXIT_CODES } from '../cli/exit-codes.js';
import { ageInDays, renderTable, type Output } from '../cli/output.js';
import type { Session } from '../cli/session.js';
import { suggest } from '../cli/argv.js';
import { meterText, summarizeMeter, type MeterSummary } from './meter-summary.js';

/** Where the compared fact comes from, and how old that source is. */
export interface ComparedProvenance {
  /** Which fact: the price (token pricing) or, for unpriced routes, the context window. */
  readonly of: 'price' | 'context';
  readonly kind: string;
  readonly url: string;
  /** The date the source was verified or retrieved (YYYY-MM-DD). */
  readonly date: string;
  readonly ageDays: number;
}

/** One offering in `compare --json`. */
export interface ComparedOffering {
  readonly ref: string;
  readonly provider: RouteProvider;
  readonly wireId: string;
  readonly hosting: 'local' | 'hosted';
  readonly endpoint: { readonly baseUrl: string; readonly official: boolean };
  readonly contextWindow: ExplainedLimit;
  readonly maxOutput: ExplainedLimit;
  readonly meter: MeterSummary;
  readonly provenance: ComparedProvenance | null;
  /** Credential class (never a value). */
  readonly auth: string;
  readonly status?: string;
}

/** `compare --json`. */
export interface CompareOutput {
  readonly schemaVersion: 1;
  readonly model: {
    readonly id: string;
    readonly displayName: string;
    readonly family: string;
    readonly contextWindow: number | 'unknown';
    readonly maxOutput: number | 'unknown';
  };
  readonly offerings: readonly ComparedOffering[];
}

/** Every offering of one canonical model, side by side, each resolved as an explicit route. */
export function compareModel(session: Session, input: string, now = Date.now()): CompareOutput {
  const { registry } = session;
  let profile = registry.model(input);
  if (!profile) {
    // A wire id the user copied from somewhere: find its canonical model in any provider's scope.
    for (const providerId of registry.providerIds) {
      const match = registry.matchInProvider(providerId, input);
      if (match) {
        profile = registry.model(match.offering.model);
        break;
      }
    }
  }
  if (!profile) {
    const close = suggest(
      input.toLowerCase(),
      registry.models().map((model) => model.id),
    );
    throw new CliError('resolution', `No model "${input}" in the catalog.${close ? ` Did you mean ${close}?` : ''}`, {
      code: 'unknown-model',
      hint: `Canonical models: ${registry
        .models()
        .map((model) => model.id)
        .join(', ')}.`,
    });
  }
  const resolver = session.resolver();
  const offerings: ComparedOffering[] = [];
  for (const offering of registry.offeringsForModel(profile.id)) {
    const result = resolver.resolve({ provider: offering.provider, model: offering.wireId });
    if (!result.ok) continue;
    const candidate = result.candidate;
    const explanation = explainRoute(candidate);
    const meter = summarizeMeter(candidate.meter);
    const context = candidate.limits.contextWindow;
    const source = meter.source
      ? { of: 'price' as const, kind: meter.source.kind, url: meter.source.url, date: meter.source.date }
      : context.value !== 'unknown' && context.provenance
        ? {
            of: 'context' as const,
            kind: context.provenance.kind,
            url: context.provenance.url,
            date: context.provenance.verified ?? context.provenance.retrieved,
          }
        : undefined;
    offerings.push({
      ref: explanation.route,
      provider: candidate.provider,
      wireId: candidate.wireModelId,
      hosting: candidate.provider.class === 'local' ? 'local' : 'hosted',
      endpoint: { baseUrl: candidate.endpoint.baseUrl, official: candidate.endpoint.official },
      contextWindow: explanation.limits.contextWindow,
      maxOutput: explanation.limits.maxOutput,
      meter,
      provenance: source ? { ...source, ageDays: ageInDays(source.date, now) ?? 0 } : null,
      auth: explanation.auth,
      ...(offering.status && offering.status !== 'active' ? { status: offering.status } : {}),
    });
  }
  const limit = (value: typeof profile.limits.contextWindow) => (value === 'unknown' ? 'unknown' : value.value);
  return {
    schemaVersion: 1,
    model: {
      id: profile.id,
      displayName: profile.displayName,
      family: profile.family,
      contextWindow: limit(profile.limits.contextWindow),
      maxOutput: limit(profile.limits.maxOutput),
    },
    offerings,
  };
}

/** `compare <canonical-model>`. */
export function runCompare(session: Session, output: Output, input: string): number {
  const compared = compareModel(session, input);
  if (output.json) {
    output.printJson(compared);
    return EXIT_CODES.ok;
  }
  const { colors } = output;
  const tokens = (limit: ExplainedLimit) =>
    limit.value === 'unknown' ? colors.dim('unknown') : groupDigits(limit.value);
  const sourceOf = (limit: ExplainedLimit) =>
    limit.value === 'unknown' ? 'unknown' : limit.source === 'model-profile' ? 'profile' : limit.source;
  const limitsFrom = (row: ComparedOffering) => {
    const context = sourceOf(row.contextWindow);
    const output = sourceOf(row.maxOutput);
    return context === output ? context : `${context} / ${output}`;
  };
  const { model } = compared;
  const head = `${colors.bold(model.displayName)} ${colors.dim(`(${model.id}, ${model.family})`)}  context ${model.contextWindow === 'unknown' ? 'unknown' : groupDigits(model.contextWindow)} · max output ${model.maxOutput === 'unknown' ? 'unknown' : groupDigits(model.maxOutput)} ${colors.dim('(model profile)')}`;
  const table: string[][] = [
    ['provider', 'wire id', 'context', 'max out', 'limits from', 'cost / 1M (in / out)', 'runs', 'source (age)'].map(
      (title) => colors.bold(title),
    ),
  ];
  for (const row of compared.offerings) {
    const provenance = row.provenance
      ? `${row.provenance.of} ${row.provenance.kind}, ${row.provenance.date} (${row.provenance.ageDays}d)`
      : colors.dim('-');
    table.push([
      row.provider.id,
      `${row.wireId}${row.status ? colors.yellow(` (${row.status})`) : ''}`,
      tokens(row.contextWindow),
      tokens(row.maxOutput),
      colors.dim(limitsFrom(row)),
      meterText(row.meter, colors),
      row.hosting === 'local' ? 'local' : row.endpoint.official ? 'hosted' : 'custom',
      provenance,
    ]);
  }
  output.out(`${head}\n\n${renderTable(table, { right: [2, 3] })}`);
  return EXIT_CODES.ok;
}
