/**
 * Where a number in a serve plan came from: the Hub's `safetensors.parameters`, the sizes of the repository's
 * `.safetensors` files (`safetensors.files`), a key of the model's `config.json`
 * (`config.json:text_config.num_key_value_heads`), the Hub's GGUF file size, an option the caller passed
 * (`option:kvCacheDtype`), arithmetic over other facts (`derived`, see `inputs` and `formula`), or a stated assumption.
 */
export type ServeFactSource =
  | 'safetensors.parameters'
  | 'safetensors.files'
  | 'gguf'
  | 'derived'
  | `config.json:${string}`
  | `option:${string}`
  | `assumption: ${string}`;

/** A number with its source; `formula` shows the arithmetic and `inputs` the sources it used when `source` is `derived`. */
export interface KnownServeFact<T = number> {
  readonly known: true;
  readonly value: T;
  readonly source: ServeFactSource;
  /** The arithmetic that produced `value`, with the numbers filled in (e.g. `2 × 8 × 128 × 2 B`). */
  readonly formula?: string;
  /** The sources of the numbers in `formula`. */
  readonly inputs?: readonly ServeFactSource[];
}

/** A number no source gives: `reason` says why and what would make it known. Never read as zero. */
export interface UnknownServeFact {
  readonly known: false;
  readonly reason: string;
}

/** A sourced number, or an unknown with its reason. */
export type ServeFact<T = number> = KnownServeFact<T> | UnknownServeFact;

/** @internal */
export function knownFact<T>(
  value: T,
  source: ServeFactSource,
  extra: { formula?: string; inputs?: readonly ServeFactSource[] } = {},
): KnownServeFact<T> {
  return Object.freeze({
    known: true as const,
    value,
    source,
    ...(extra.formula !== undefined ? { formula: extra.formula } : {}),
    ...(extra.inputs !== undefined ? { inputs: Object.freeze([...new Set(extra.inputs)]) } : {}),
  });
}

/** @internal */
export function unknownFact(reason: string): UnknownServeFact {
  return Object.freeze({ known: false as const, reason });
}

/** @internal Sources of a fact, for the `inputs` of a derived one. */
export function sourcesOf(...facts: readonly KnownServeFact<unknown>[]): ServeFactSource[] {
  return facts.flatMap((fact) => (fact.source === 'derived' ? [...(fact.inputs ?? [])] : [fact.source]));
}
