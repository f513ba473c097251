import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = dirname(fileURLToPath(import.meta.url));

/**
 * The run-time path (a registry over build-time-validated data, the resolver, explanations, plugins' helpers) must not
 * load zod: importing zod and building schemas costs several times a bare Node start, and the CLI's cold start depends on
 * it. Schema validation runs in createRegistry, stampCatalog and the catalog tooling only.
 */
const RUNTIME_ENTRIES = [
  'registry/create-prevalidated-registry.ts',
  'resolver/create-route-resolver.ts',
  'explain/route-explanation.ts',
  'explain/format-route-explanation.ts',
  'route-ref/parse-route-ref.ts',
  'candidate/ready-route-candidate.ts',
  'plugin/define-plugin.ts',
  'url/normalize-base-url.ts',
  'session/create-route-session.ts',
  'errors/catalog-error.ts',
  'schema/constants.ts',
  'schema/user-config-check.ts',
  'schema/provider-env.ts',
  'registry/provider-names.ts',
  'usage/normalise-usage.ts',
  'usage/usage-accumulator.ts',
  'usage/served-model.ts',
  'usage/usage-dialect-of.ts',
  'pricing/price-usage.ts',
];

/** Value imports (not `import type`) of one file, resolved to files or package names. */
function valueImports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)';/gms)) {
    const specifier = match[1] as string;
    found.push(
      specifier.startsWith('.')
        ? relative(root, join(root, dirname(file), specifier.replace(/\.js$/, '.ts')))
        : specifier,
    );
  }
  return found;
}

describe('zod-free run-time path', () => {
  it('no run-time entry reaches zod through value imports', () => {
    const chains: string[] = [];
    for (const entry of RUNTIME_ENTRIES) {
      const seen = new Set<string>();
      const walk = (file: string, chain: readonly string[]): void => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const target of valueImports(file)) {
          if (target === 'zod' || target.startsWith('zod/')) chains.push([...chain, file, 'zod'].join(' -> '));
          else if (target.endsWith('.ts')) walk(target, [...chain, file]);
        }
      };
      walk(entry, []);
    }
    expect(chains).toEqual([]);
  });
});
