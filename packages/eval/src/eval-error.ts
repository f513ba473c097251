import { CodewhaleError } from '@codewhale/core';

/** Stable codes of {@link EvaluationError}. */
export const EVAL_ERROR_CODES = {
  /** The suite or cases file does not exist or cannot be read. */
  SUITE_UNREADABLE: 'EVAL_SUITE_UNREADABLE',
  /** The suite file is not valid TOML or JSON, or a cases line is not JSON (`file`, `line` say where). */
  SUITE_SYNTAX: 'EVAL_SUITE_SYNTAX',
  /** The suite or a case does not match the schema (`issues` lists each field with its line). */
  SUITE_INVALID: 'EVAL_SUITE_INVALID',
  /** A route ref did not resolve, or resolved to a route the runner cannot use. */
  ROUTE_UNRESOLVED: 'EVAL_ROUTE_UNRESOLVED',
  /** The route speaks a wire protocol the runner does not build requests for yet (only `chat-completions`). */
  UNSUPPORTED_PROTOCOL: 'EVAL_UNSUPPORTED_PROTOCOL',
  /** `maxCost` was given but a route's cost cannot be known; pass `allowUnknownCost`. */
  UNKNOWN_COST: 'EVAL_UNKNOWN_COST',
  /** The suite has `command` graders and `allowCommands` is not true. */
  COMMANDS_NOT_ALLOWED: 'EVAL_COMMANDS_NOT_ALLOWED',
  /** An option of `runEval` is out of range. */
  INVALID_OPTION: 'EVAL_INVALID_OPTION',
  /** A run directory is missing its manifest or results, or they are damaged. */
  RUN_UNREADABLE: 'EVAL_RUN_UNREADABLE',
} as const;

/** A stable code of {@link EvaluationError}. */
export type EvalErrorCode = (typeof EVAL_ERROR_CODES)[keyof typeof EVAL_ERROR_CODES];

/** One suite problem: the file, the 1-based line when known, the field (dotted) and what is wrong. */
export interface EvalIssue {
  readonly file: string;
  readonly line?: number;
  readonly field: string;
  readonly message: string;
}

/** Where and why, secret-free: the file, line and field at fault, and the fix in one line. */
export interface EvalErrorDetails {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  readonly issues?: readonly EvalIssue[];
  readonly hint: string;
}

/** An eval suite, run or run directory was refused. The message says where, what, and how to fix it (its last line). */
export class EvaluationError extends CodewhaleError {
  /** The file at fault, when the error is about one. */
  readonly file: string | undefined;
  /** 1-based line at fault, when known. */
  readonly line: number | undefined;
  /** The field at fault (dotted), when known. */
  readonly field: string | undefined;
  /** Every schema problem (`EVAL_SUITE_INVALID`). */
  readonly issues: readonly EvalIssue[];
  /** The fix, in one line. */
  readonly hint: string;

  constructor(code: EvalErrorCode, problem: string, details: EvalErrorDetails, options?: { cause?: unknown }) {
    super(code, `${problem}\n${details.hint}`, options);
    this.name = 'EvaluationError';
    this.file = details.file;
    this.line = details.line;
    this.field = details.field;
    this.issues = details.issues ?? [];
    this.hint = details.hint;
  }

  /** True for an {@link EvaluationError} from any copy of this package. */
  static override isInstance(value: unknown): value is EvaluationError {
    return CodewhaleError.isInstance(value) && (Object.values(EVAL_ERROR_CODES) as string[]).includes(value.code);
  }
}
