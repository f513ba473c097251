/**
 * Built-in modules that most processes using this package never need, fetched on first use. `node:crypto` alone loads
 * some twenty internal modules: a CLI that only resolves a route should not pay for it.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}
