import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineConfig, type Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Workspace packages bundled from their TypeScript sources rather than their single-file dist (see below). */
const barrels: Readonly<Record<string, string>> = {
  '@codewhale/node': fileURLToPath(new URL('../node/src/index.ts', import.meta.url)),
  '@codewhale/plugin-kit': fileURLToPath(new URL('../plugin-kit/src/index.ts', import.meta.url)),
};

/** `exported name -> { file, name in that file }` from a barrel's `export { a, b as c } from './x.js'` lines. */
function barrelMap(indexFile: string): Map<string, { readonly file: string; readonly name: string }> {
  const map = new Map<string, { file: string; name: string }>();
  const text = readFileSync(indexFile, 'utf8');
  for (const match of text.matchAll(/^export\s+(type\s+)?\{([^}]*)\}\s*from\s*'([^']+)';?/gm)) {
    if (match[1]) continue;
    const file = fileURLToPath(new URL((match[3] as string).replace(/\.js$/, '.ts'), pathToFileURL(indexFile)));
    for (const raw of (match[2] as string).split(',')) {
      const specifier = raw.trim();
      if (specifier === '' || specifier.startsWith('type ')) continue;
      const [name, alias] = specifier.split(/\s+as\s+/) as [string, string | undefined];
      map.set(alias ?? name, { file, name });
    }
  }
  return map;
}

/**
 * Rewrite `import { a, type B } from '@codewhale/node'` into one import per source file. esbuild assigns whole files to
 * chunks, and a barrel `index.ts` that re-exports everything would make every file of the package reachable from every
 * entry, pulling the HTTP client (and undici) into the chunk all commands load.
 */
function unbarrel(source: string): string {
  return source.replace(/import\s*\{([^}]*)\}\s*from\s*['"](@codewhale\/(?:node|plugin-kit))['"];?/g, (_statement, specifiers: string, pkg: string) => {
    const map = barrelMaps.get(pkg) as ReturnType<typeof barrelMap>;
    const byFile = new Map<string, string[]>();
    for (const raw of specifiers.split(',')) {
      const specifier = raw.trim();
      if (specifier === '' || specifier.startsWith('type ')) continue;
      const [name, local] = specifier.split(/\s+as\s+/) as [string, string | undefined];
      const target = map.get(name);
      if (!target) throw new Error(`tsup.config.ts: ${pkg} does not export ${name} (from its index.ts)`);
      const list = byFile.get(target.file) ?? [];
      list.push(target.name === (local ?? name) ? target.name : `${target.name} as ${local ?? name}`);
      byFile.set(target.file, list);
    }
    return [...byFile].map(([file, names]) => `import { ${names.join(', ')} } from ${JSON.stringify(file)};`).join(' ');
  });
}
const barrelMaps = new Map(Object.entries(barrels).map(([pkg, file]) => [pkg, barrelMap(file)]));

/**
 * Start-up is most of what a `codewhale-route explain` costs, so the bundle is shaped for it:
 * - @codewhale/node and @codewhale/plugin-kit are bundled from their sources, imported file by file (see `unbarrel`):
 *   the HTTP client, undici and the discovery/health/usage code then land only in the chunk of the live commands,
 *   loaded with `import()`; offline commands never parse or run them.
 * - zod's `z.locales` namespace (every error-message language) and `z.fromJSONSchema` are stubbed (~275 KB of
 *   minified code): nothing here uses them, and esbuild cannot drop them from the `z` namespace object on its own.
 *   English messages stay.
 */
const startupPlugin: EsbuildPlugin = {
  name: 'codewhale-cli-startup',
  setup(build) {
    build.onLoad({ filter: /[\\/](packages[\\/](cli|node|plugin-kit)[\\/]src|plugins[\\/][^\\/]+[\\/]dist)[\\/].*\.[jt]s$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!/@codewhale\/(node|plugin-kit)['"]/.test(source)) return undefined;
      return { contents: unbarrel(source), loader: args.path.endsWith('.ts') ? 'ts' : 'js', resolveDir: dirname(args.path) };
    });
    build.onResolve({ filter: /^@codewhale\/(node|plugin-kit)$/ }, (args) => {
      throw new Error(`tsup.config.ts: an import of ${args.path} in ${args.importer} was not rewritten file by file; keep it a plain \`import { ... } from '${args.path}'\``);
    });
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]v4[\\/]classic[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'codewhale-stub' } : undefined));
    build.onResolve({ filter: /^\.\/from-json-schema\.js$/ }, (args) => (/[\\/]zod[\\/]v4[\\/]classic[\\/]/.test(args.importer) ? { path: 'zod-from-json-schema', namespace: 'codewhale-stub' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'codewhale-stub' }, (args) => ({
      loader: 'js',
      contents:
        args.path === 'zod-from-json-schema'
          ? 'export function fromJSONSchema() { throw new Error("z.fromJSONSchema is not bundled in codewhale-route"); }'
          : 'export {};',
    }));
  },
};

/** Third-party packages inside the bundle, and the package whose node_modules holds each. */
const bundledThirdParty: readonly (readonly [name: string, from: string])[] = [
  ['zod', '.'],
  ['picocolors', '.'],
  ['smol-toml', '../node'],
  ['undici', '../plugin-kit'],
];

/** dist/THIRD-PARTY-LICENSES.md: the licence of every third-party package bundled into dist. */
function writeThirdPartyLicenses(): void {
  const sections = bundledThirdParty.map(([name, from]) => {
    const root = fileURLToPath(new URL(`${from}/node_modules/${name}/`, import.meta.url));
    const { version, license } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; license: string };
    return `## ${name}@${version} (${license})\n\n\`\`\`text\n${readFileSync(join(root, 'LICENSE'), 'utf8').trim()}\n\`\`\`\n`;
  });
  writeFileSync(fileURLToPath(new URL('./dist/THIRD-PARTY-LICENSES.md', import.meta.url)), `# Licences of bundled packages\n\n${sections.join('\n')}`);
}

export default defineConfig({
  entry: { 'codewhale-route': 'src/bin.ts' },
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  dts: false,
  sourcemap: false,
  minify: true,
  splitting: true,
  // Everything is bundled: the @codewhale packages, the plugins (with their catalog data), zod, picocolors, smol-toml.
  noExternal: [/.*/],
  // undici is CommonJS: its require() of node: built-ins needs a real require in ESM chunks.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cwCreateRequire } from 'node:module'; const require = __cwCreateRequire(import.meta.url);" },
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  esbuildPlugins: [startupPlugin],
  onSuccess: async () => writeThirdPartyLicenses(),
  esbuildOptions(options) {
    options.chunkNames = 'chunks/[name]-[hash]';
    // Licence notices of bundled code (e.g. smol-toml's BSD-3 notice) stay, at the end of each chunk.
    options.legalComments = 'eof';
  },
});
