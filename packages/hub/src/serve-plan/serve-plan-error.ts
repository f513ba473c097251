import { CodewhaleError } from '@codewhale/core';

/** Stable codes of {@link ServePlanError}: switch on these, never on the message. */
export const SERVE_PLAN_ERROR_CODES = {
  /** A byte size (`--gpu-mem`, `parseByteSize`) that is empty, not a number, negative, zero, too large or has an unknown unit. */
  invalidByteSize: 'SERVE_PLAN_INVALID_BYTE_SIZE',
  /** An option out of range or of the wrong shape (context, concurrency, port, GPU count, repo id, served name...). */
  invalidOption: 'SERVE_PLAN_INVALID_OPTION',
  /** `expose: true` for a runtime that cannot require an API key (Ollama): it would serve every interface unauthenticated. */
  exposeWithoutAuth: 'SERVE_PLAN_EXPOSE_WITHOUT_AUTH',
  /** An environment variable a command refers to (the API key) is not set, so the command cannot be spawned. */
  missingEnv: 'SERVE_PLAN_MISSING_ENV',
} as const;

/** One of {@link SERVE_PLAN_ERROR_CODES}. */
export type ServePlanErrorCode = (typeof SERVE_PLAN_ERROR_CODES)[keyof typeof SERVE_PLAN_ERROR_CODES];

const marker = Symbol.for('codewhale.error.hub.serve-plan');

/** A serve plan could not be made from these inputs; `option` names the input and the message says the fix. */
export class ServePlanError extends CodewhaleError {
  /** Marks this class across duplicate installs. */
  readonly [marker] = true;
  declare readonly code: ServePlanErrorCode;
  /** The option (or environment variable) at fault, e.g. `contextTokens`, `gpuMem`, `VLLM_API_KEY`. */
  readonly option: string;

  constructor(code: ServePlanErrorCode, option: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'ServePlanError';
    this.option = option;
  }

  /** True for a {@link ServePlanError} from any copy of this package. */
  static override isInstance(value: unknown): value is ServePlanError {
    return CodewhaleError.hasMarker(value, marker);
  }
}
