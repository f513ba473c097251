/** `util.inspect.custom`, by its registered name: importing node:util would cost every process that never prints one. */
const INSPECT_CUSTOM = Symbol.for('nodejs.util.inspect.custom');

const values = new WeakMap<SecretValue, string>();
// Every credential value this process has held in a SecretValue (env, config, command output, keyring): the caches and
// outputs refuse them all, whatever source they came from.
const held = new Set<string>();

/**
 * A credential value that never prints: `String(secret)`, `JSON.stringify(secret)` and `util.inspect(secret)` all
 * give `[redacted]`. Only the code that builds request headers (`requestCredential`) reads the value.
 */
export class SecretValue {
  constructor(value: string) {
    values.set(this, value);
    held.add(value);
    Object.freeze(this);
  }

  /** Always `[redacted]`. */
  toString(): string {
    return '[redacted]';
  }

  /** Always `"[redacted]"` in JSON. */
  toJSON(): string {
    return '[redacted]';
  }

  /** Always `[redacted]` in `console.log` and `util.inspect`. */
  [INSPECT_CUSTOM](): string {
    return '[redacted]';
  }
}

/** The value of a secret: call only where the request header is built. */
export function revealSecret(secret: SecretValue): string {
  const value = values.get(secret);
  if (value === undefined) throw new TypeError('Not a SecretValue made by @codewhale/node.');
  return value;
}

/** Every credential value a {@link SecretValue} has held in this process, to refuse in caches and outputs. @internal */
export function heldSecretValues(): readonly string[] {
  return [...held];
}
