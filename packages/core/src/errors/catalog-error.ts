import { CodewhaleError, CORE_ERROR_CODES } from './codewhale-error.js';

/** Stable codes of the individual problems a {@link CatalogError} can list. */
export const CATALOG_ISSUE_CODES = [
  'INVALID_DATA',
  'UNSUPPORTED_SPEC',
  'DUPLICATE_PROVIDER',
  'DUPLICATE_ALIAS',
  'UNKNOWN_MODEL',
  'DUPLICATE_OFFERING',
  'PROVIDER_ALIAS_COLLISION',
  'CONFLICTING_MODEL_PROFILE',
  'INVALID_PRICE',
  'UNKNOWN_ENDPOINT',
  'UNKNOWN_REASONING_CONTROL',
  'NON_LOOPBACK_LOCAL_ENDPOINT',
  'DUPLICATE_MODEL_ALIAS',
  'STALE_CATALOG_STAMP',
  'DUPLICATE_CONFIG_KEY',
  'DUPLICATE_ENV_VAR',
] as const;

/** One stable catalog problem code. */
export type CatalogIssueCode = (typeof CATALOG_ISSUE_CODES)[number];

/** One problem found in catalog data or a plugin: where it is, what is wrong, and how to fix it. */
export interface CatalogIssue {
  /** Stable code of this kind of problem. */
  readonly code: CatalogIssueCode;
  /** Where the problem is, e.g. `plugins[acme].offerings[3].meter.rates.input`. */
  readonly path: string;
  /** What is wrong, in one sentence. */
  readonly message: string;
  /** How to fix it, in one sentence. */
  readonly fix: string;
}

const catalogMarker = Symbol.for('codewhale.error.catalog');

/** Thrown by `createRegistry` (and catalog validators) with every problem found, never just the first. */
export class CatalogError extends CodewhaleError {
  readonly [catalogMarker] = true;
  /** Every problem found, in a stable order. */
  readonly issues: readonly CatalogIssue[];

  constructor(issues: readonly CatalogIssue[], options?: { cause?: unknown }) {
    super(CORE_ERROR_CODES.CATALOG_INVALID, formatCatalogIssues(issues), options);
    this.name = 'CatalogError';
    this.issues = Object.freeze([...issues]);
  }

  /** True for a `CatalogError` from any copy of this package. */
  static override isInstance(value: unknown): value is CatalogError {
    return CodewhaleError.hasMarker(value, catalogMarker);
  }
}

function formatCatalogIssues(issues: readonly CatalogIssue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const lines = issues.map((issue) => `- ${issue.path}: ${issue.message} Fix: ${issue.fix} [${issue.code}]`);
  return [`Catalog rejected (${count}):`, ...lines].join('\n');
}
