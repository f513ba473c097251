import { CodewhaleError } from '@codewhale/core';

/** Stable codes of {@link LedgerError}. */
export const LEDGER_ERROR_CODES = {
  /** The receipt does not match the receipt schema; nothing was written. */
  RECEIPT_INVALID: 'LEDGER_RECEIPT_INVALID',
  /** The receipt's line is longer than the ledger accepts; nothing was written. */
  RECEIPT_TOO_LARGE: 'LEDGER_RECEIPT_TOO_LARGE',
  /** Writing to the ledger failed (permissions, disk full...). */
  WRITE_FAILED: 'LEDGER_WRITE_FAILED',
  /** An option of `openLedger` is out of range. */
  INVALID_OPTION: 'LEDGER_INVALID_OPTION',
  /** A recording fetch was asked to send a request somewhere other than its route's endpoint; nothing was sent. */
  FOREIGN_ORIGIN: 'LEDGER_FOREIGN_ORIGIN',
} as const;

/** A stable code of {@link LedgerError}. */
export type LedgerErrorCode = (typeof LEDGER_ERROR_CODES)[keyof typeof LEDGER_ERROR_CODES];

/** The receipts ledger or a recording fetch refused or failed. Messages name files and origins, never receipt contents or secrets. */
export class LedgerError extends CodewhaleError {
  constructor(code: LedgerErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'LedgerError';
  }

  /** True for a {@link LedgerError} from any copy of this package. */
  static override isInstance(value: unknown): value is LedgerError {
    return CodewhaleError.isInstance(value) && (Object.values(LEDGER_ERROR_CODES) as string[]).includes(value.code);
  }
}
