/**
 * Built-in modules that most processes using this package never need, fetched on first use (synchronously, so the
 * callers stay simple and bundles need no dynamic import). `node:crypto` alone loads some twenty internal modules: a
 * CLI that only resolves a route should not pay for it, nor for child_process or fs/promises.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}

/** `node:fs/promises`, on first use. */
export function nodeFsPromises(): typeof import('node:fs/promises') {
  return process.getBuiltinModule('node:fs/promises');
}

/** `node:child_process`, on first use. */
export function nodeChildProcess(): typeof import('node:child_process') {
  return process.getBuiltinModule('node:child_process');
}
