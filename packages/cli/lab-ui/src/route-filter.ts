// The Routes page's filter: pure, so node tests can check it. A fact that is unknown never passes a bound on it
// (an unknown price is not "cheap", an unknown context window is not "large", an unknown licence is not "MIT");
// the page counts those rows apart. Every fact comes from the `models --json` row itself: its `capabilities` are the
// resolved route's (as `explain --json` gives them) and its `license` is the canonical model's.
import { CAPABILITIES, type CapabilityName } from './capabilities.js';
import type { ModelRow, ProviderRow } from './types.js';

/** Three-state capability facts of one route. */
export type CapabilityStates = Readonly<Record<CapabilityName, 'yes' | 'no' | 'unknown'>>;

/** Where an offering runs: on this machine's runtimes, or hosted by a provider. */
export type Hosting = 'local' | 'hosted';

/** What the person asked the table for; empty fields filter nothing. */
export interface RouteFilter {
  readonly text: string;
  readonly capabilities: readonly CapabilityName[];
  /** Minimum context window in tokens. */
  readonly minContext?: number | undefined;
  /** Maximum input rate per 1M tokens. */
  readonly maxInput?: number | undefined;
  /** Maximum output rate per 1M tokens. */
  readonly maxOutput?: number | undefined;
  readonly hosting: Hosting | 'any';
  /** A licence id (`mit`, `apache-2.0`, …) the canonical model must have. */
  readonly license?: string | undefined;
}

/** An empty filter. */
export const NO_FILTER: RouteFilter = { text: '', capabilities: [], hosting: 'any' };

/** Why a row is out: `filtered` (a known fact fails) or `unknown` (a bound is on a fact nobody states). */
export type RowVerdict = 'shown' | 'filtered' | 'unknown';

const ALL_UNKNOWN = Object.fromEntries(CAPABILITIES.map((name) => [name, 'unknown'])) as CapabilityStates;

/** `local` for offerings of local-class providers, else `hosted`. */
export function hostingOf(row: ModelRow, providers: ReadonlyMap<string, ProviderRow>): Hosting {
  return providers.get(row.provider)?.class === 'local' ? 'local' : 'hosted';
}

/** The row's capability facts; every one `unknown` when the ref does not resolve (no `capabilities`). */
export function capabilitiesOf(row: ModelRow): CapabilityStates {
  return row.capabilities ?? ALL_UNKNOWN;
}

/** The names of the capabilities the row's route states as `yes`, in the CLI's order. */
export function yesCapabilities(row: ModelRow): CapabilityName[] {
  const states = capabilitiesOf(row);
  return CAPABILITIES.filter((name) => states[name] === 'yes');
}

/** A licence `models --json` states (an id, maybe a name, SPDX id and link). */
export type KnownLicense = Exclude<NonNullable<ModelRow['license']>, { readonly value: 'unknown' }>;

/** The row's licence when it is known; undefined when it is `unknown` or the row has no canonical model. */
export function knownLicenseOf(row: ModelRow): KnownLicense | undefined {
  const license = row.license;
  return license === undefined || license.value === 'unknown' ? undefined : (license as KnownLicense);
}

/** The row's licence id (`mit`, `apache-2.0`, …), or `unknown` (also when the row has no canonical model). */
export function licenseIdOf(row: ModelRow): string {
  return row.license?.value ?? 'unknown';
}

/** The known licence ids of the rows with how many rows have each (sorted by id), and the count of unknown ones. */
export function licenseCounts(rows: readonly ModelRow[]): {
  readonly known: readonly (readonly [id: string, rows: number])[];
  readonly unknown: number;
} {
  const counts = new Map<string, number>();
  let unknown = 0;
  for (const row of rows) {
    const id = licenseIdOf(row);
    if (id === 'unknown') unknown += 1;
    else counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return { known: [...counts].sort(([a], [b]) => a.localeCompare(b)), unknown };
}

/** Judge one row against the filter. A known fact that fails wins over an unknown one (`filtered`, not `unknown`). */
export function judgeRow(row: ModelRow, filter: RouteFilter, providers: ReadonlyMap<string, ProviderRow>): RowVerdict {
  const text = filter.text.trim().toLowerCase();
  if (text !== '') {
    const provider = providers.get(row.provider);
    const haystack = [row.ref, row.canonical ?? '', row.provider, provider?.displayName ?? '', row.status ?? '']
      .join(' ')
      .toLowerCase();
    if (!text.split(/\s+/).every((word) => haystack.includes(word))) return 'filtered';
  }
  if (filter.hosting !== 'any' && hostingOf(row, providers) !== filter.hosting) return 'filtered';
  let unknown = false;
  if (filter.minContext !== undefined) {
    if (row.contextWindow === 'unknown') unknown = true;
    else if (row.contextWindow < filter.minContext) return 'filtered';
  }
  for (const [bound, rate] of [
    [filter.maxInput, row.meter.input],
    [filter.maxOutput, row.meter.output],
  ] as const) {
    if (bound === undefined) continue;
    // A local route has no token price: its cost is the hardware, so a price bound does not exclude it.
    if (row.meter.kind === 'local') continue;
    if (rate === undefined || row.meter.kind !== 'token-pricing') unknown = true;
    else if (rate > bound) return 'filtered';
  }
  if (filter.license !== undefined) {
    const id = licenseIdOf(row);
    if (id === 'unknown') unknown = true;
    else if (id !== filter.license) return 'filtered';
  }
  const states = capabilitiesOf(row);
  for (const name of filter.capabilities) {
    if (states[name] === 'no') return 'filtered';
    if (states[name] === 'unknown') unknown = true;
  }
  return unknown ? 'unknown' : 'shown';
}

/** Parse a number field: empty or not a finite non-negative number → undefined. */
export function parseBound(text: string): number | undefined {
  const trimmed = text.trim().replace(/[,_\s]/g, '');
  if (trimmed === '') return undefined;
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(trimmed);
  if (!match) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  return Number(match[1]) * (unit === 'k' ? 1_000 : unit === 'm' ? 1_000_000 : 1);
}
