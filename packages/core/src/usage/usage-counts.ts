import type { NormalisedUsage } from './usage-types.js';

/**
 * Above this, a token count is treated as a data error: no real request reads or writes 100 million tokens (the
 * largest context windows in the catalog are in the low millions).
 */
export const MAX_USAGE_TOKENS = 100_000_000;

/** Above this, a server-side duration (24 hours) is treated as a data error. */
export const MAX_USAGE_DURATION_MS = 86_400_000;

/** @internal A caller-given value shown in a reason: printable ASCII only, at most 60 characters. */
export function safeLabel(value: unknown): string {
  const text = String(value).replace(/[^\x20-\x7e]/g, '?');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** @internal Why a usage block cannot be read; caught inside this folder and turned into `{ known: false, reason }`. */
export class UsageFault {
  constructor(readonly reason: string) {}
}

/** @internal A plain JSON object, or undefined. */
export function asObject(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : undefined;
}

/** @internal An optional nested object: absent or null gives undefined; anything else that is not an object is a fault. */
export function readObject(
  block: Readonly<Record<string, unknown>>,
  key: string,
  where: string,
): Readonly<Record<string, unknown>> | undefined {
  const value = block[key];
  if (value === undefined || value === null) return undefined;
  const object = asObject(value);
  if (!object) throw new UsageFault(`${where}.${key} is not an object`);
  return object;
}

/**
 * @internal One token count: absent or null gives undefined ("not carried"); a count that is not a whole number from
 * 0 to {@link MAX_USAGE_TOKENS} is a fault.
 */
export function readCount(block: Readonly<Record<string, unknown>>, key: string, where: string): number | undefined {
  const value = block[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new UsageFault(`${where}.${key} is not a finite number`);
  if (!Number.isInteger(value)) throw new UsageFault(`${where}.${key} is not a whole number (${value})`);
  if (value < 0) throw new UsageFault(`${where}.${key} is negative (${value})`);
  if (value > MAX_USAGE_TOKENS)
    throw new UsageFault(`${where}.${key} is ${value}, beyond any real request (max ${MAX_USAGE_TOKENS})`);
  return value;
}

/**
 * @internal A duration in nanoseconds or seconds converted to milliseconds, rounded to the
 * microsecond; absent or null gives undefined; negative, non-finite or longer than a day is a fault.
 */
export function readDuration(
  block: Readonly<Record<string, unknown>>,
  key: string,
  where: string,
  unit: 'ns' | 's',
): number | undefined {
  const value = block[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new UsageFault(`${where}.${key} is not a finite number`);
  if (value < 0) throw new UsageFault(`${where}.${key} is negative (${value})`);
  const ms = Math.round(unit === 'ns' ? value / 1000 : value * 1_000_000) / 1000;
  if (ms > MAX_USAGE_DURATION_MS) throw new UsageFault(`${where}.${key} is longer than a day (${value})`);
  return ms;
}

/** @internal Two readings of the same count must agree; gives the one present, or undefined. */
export function sameCount(
  a: number | undefined,
  b: number | undefined,
  what: string,
  names: readonly [string, string],
): number | undefined {
  if (a !== undefined && b !== undefined && a !== b)
    throw new UsageFault(`${what}: ${names[0]} (${a}) and ${names[1]} (${b}) disagree`);
  return a ?? b;
}

/** @internal Counts as read from a body, before the checks. */
export interface UsageCounts {
  inputTokens?: number | undefined;
  cachedInputTokens?: number | undefined;
  cacheWriteTokens?: number | undefined;
  outputTokens?: number | undefined;
  reasoningTokens?: number | undefined;
  totalTokens?: number | undefined;
  durations?: NormalisedUsage['durations'] | undefined;
}

/**
 * @internal Checks that subsets fit (cache read + cache write ≤ input, reasoning ≤ output) and that sums stay within
 * {@link MAX_USAGE_TOKENS}, derives the total from input + output when the body gives none, and drops absent counts.
 * A block with no count at all is a fault.
 */
export function finishUsage(counts: UsageCounts, where: string): NormalisedUsage {
  const { inputTokens, cachedInputTokens, cacheWriteTokens, outputTokens, reasoningTokens } = counts;
  if (inputTokens !== undefined && (cachedInputTokens ?? 0) + (cacheWriteTokens ?? 0) > inputTokens)
    throw new UsageFault(
      `${where}: cached (${cachedInputTokens ?? 0}) and cache-write (${cacheWriteTokens ?? 0}) tokens exceed the ${inputTokens} input tokens`,
    );
  if (outputTokens !== undefined && reasoningTokens !== undefined && reasoningTokens > outputTokens)
    throw new UsageFault(`${where}: ${reasoningTokens} reasoning tokens exceed the ${outputTokens} output tokens`);
  const totalTokens =
    counts.totalTokens ??
    (inputTokens !== undefined && outputTokens !== undefined ? inputTokens + outputTokens : undefined);
  for (const [name, value] of Object.entries({ inputTokens, outputTokens, totalTokens }))
    if (value !== undefined && value > MAX_USAGE_TOKENS)
      throw new UsageFault(`${where}: ${value} ${name} is beyond any real request (max ${MAX_USAGE_TOKENS})`);
  const durations = counts.durations && Object.keys(counts.durations).length > 0 ? counts.durations : undefined;
  const usage: NormalisedUsage = {
    ...(inputTokens !== undefined ? { inputTokens } : {}),
    ...(cachedInputTokens !== undefined ? { cachedInputTokens } : {}),
    ...(cacheWriteTokens !== undefined ? { cacheWriteTokens } : {}),
    ...(outputTokens !== undefined ? { outputTokens } : {}),
    ...(reasoningTokens !== undefined ? { reasoningTokens } : {}),
    ...(totalTokens !== undefined ? { totalTokens } : {}),
    ...(durations ? { durations } : {}),
  };
  if (inputTokens === undefined && outputTokens === undefined && totalTokens === undefined)
    throw new UsageFault(`${where} carries no input, output or total token count`);
  return usage;
}

/** @internal Drops undefined entries of a durations object. */
export function compactDurations(durations: {
  readonly totalMs: number | undefined;
  readonly loadMs: number | undefined;
  readonly promptEvalMs: number | undefined;
  readonly evalMs: number | undefined;
}): NormalisedUsage['durations'] {
  return Object.fromEntries(Object.entries(durations).filter(([, value]) => value !== undefined));
}
