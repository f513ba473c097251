import type { UsageMeter } from '@codewhale/core';
import type { Colors } from '../cli/output.js';

/** A meter in a few fields, for tables and JSON rows. Rates are per million tokens. */
export interface MeterSummary {
  readonly kind: UsageMeter['kind'];
  readonly currency?: string;
  readonly input?: number;
  readonly cachedInput?: number;
  readonly output?: number;
  /** Why the meter is unknown, or a local/credits note. */
  readonly note?: string;
  /** Where the price comes from (token pricing). */
  readonly source?: {
    readonly kind: string;
    readonly url: string;
    readonly date: string;
    readonly uncertain?: boolean;
  };
}

/** Summarise a route's meter. */
export function summarizeMeter(meter: UsageMeter): MeterSummary {
  switch (meter.kind) {
    case 'token-pricing': {
      const { rates } = meter;
      const date = meter.source.verified ?? meter.source.retrieved;
      return {
        kind: meter.kind,
        currency: meter.currency,
        ...(rates.input !== undefined ? { input: rates.input } : {}),
        ...(rates.cachedInput !== undefined ? { cachedInput: rates.cachedInput } : {}),
        ...(rates.output !== undefined ? { output: rates.output } : {}),
        source: {
          kind: meter.source.kind,
          url: meter.source.url,
          date,
          ...(meter.source.uncertain ? { uncertain: true } : {}),
        },
      };
    }
    case 'unknown':
      return { kind: meter.kind, note: meter.reason };
    case 'account-credits':
      return {
        kind: meter.kind,
        ...(meter.currency ? { currency: meter.currency } : {}),
        note: 'balance read live (usage)',
      };
    case 'subscription-quota':
      return { kind: meter.kind, note: 'quota read live (usage)' };
    case 'local':
      return { kind: meter.kind, note: 'your hardware' };
  }
}

/** "USD 1.74 / 3.48" (input / output per million tokens), or the meter kind. */
export function meterText(summary: MeterSummary, colors: Colors): string {
  if (summary.kind === 'token-pricing') {
    const price = (value: number | undefined) => (value === undefined ? '?' : String(value));
    return `${summary.currency} ${price(summary.input)} / ${price(summary.output)}`;
  }
  if (summary.kind === 'unknown') return colors.dim('unknown');
  if (summary.kind === 'local') return 'local';
  return summary.kind;
}
