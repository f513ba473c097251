import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stampCatalog } from '@codewhale/core';
import { defineConfig, type Options } from 'tsup';
import { FIRST_PARTY_PLUGINS } from './src/cli/first-party-plugins.js';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Workspace packages bundled from their TypeScript sources rather than their dist (see below). */
const barrels: Readonly<Record<string, string>> = {
  '@codewhale/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)),
  '@codewhale/node': fileURLToPath(new URL('../node/src/index.ts', import.meta.url)),
  '@codewhale/plugin-kit': fileURLToPath(new URL('../plugin-kit/src/index.ts', import.meta.url)),
  '@codewhale/hub': fileURLToPath(new URL('../hub/src/index.ts', import.meta.url)),
  '@codewhale/eval': fileURLToPath(new URL('../eval/src/index.ts', import.meta.url)),
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
  return source.replace(
    /import\s*\{([^}]*)\}\s*from\s*['"](@codewhale\/(?:core|node|plugin-kit|hub|eval))['"];?/g,
    (_statement, specifiers: string, pkg: string) => {
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
      return [...byFile]
        .map(([file, names]) => `import { ${names.join(', ')} } from ${JSON.stringify(file)};`)
        .join(' ');
    },
  );
}
const barrelMaps = new Map(Object.entries(barrels).map(([pkg, file]) => [pkg, barrelMap(file)]));

/**
 * Start-up is most of what a `codewhale-route explain` costs, so the bundle is shaped for it:
 * - @codewhale/core, @codewhale/node, @codewhale/plugin-kit and @codewhale/hub are bundled from their sources, imported file by file
 *   (see `unbarrel`), so the main bundle holds only the files its commands use: no HTTP client, no zod, no schemas.
 * - zod's `z.locales` namespace (every error-message language) and `z.fromJSONSchema` are stubbed (~275 KB of
 *   minified code): nothing here uses them, and esbuild cannot drop them from the `z` namespace object on its own.
 *   English messages stay.
 */
const startupPlugin: EsbuildPlugin = {
  name: 'codewhale-cli-startup',
  setup(build) {
    // The plugins from their sources too: their dist files each inline their own copy of the model profiles they ship
    // (32 copies of 13 profiles for the seven plugins); bundled from source, each catalog JSON file is in once.
    build.onResolve({ filter: /^@codewhale\/provider-[a-z-]+$/ }, (args) => {
      const source = fileURLToPath(
        new URL(`../../plugins/${args.path.slice('@codewhale/provider-'.length)}/src/index.ts`, import.meta.url),
      );
      return existsSync(source) ? { path: source } : undefined;
    });
    build.onLoad(
      { filter: /[\\/](packages[\\/](cli|node|plugin-kit|hub|eval)|plugins[\\/][^\\/]+)[\\/]src[\\/].*\.ts$/ },
      (args) => {
        // Each package's own version (its build injects it; here the CLI's version would be defined instead).
        const versioned = /[\\/]((?:plugins[\\/][^\\/]+)|(?:packages[\\/](?:eval|hub)))[\\/]src[\\/]version\.ts$/.exec(
          args.path,
        );
        if (versioned) {
          const folder = (versioned[1] as string).replace(/\\/g, '/');
          const { version: pluginVersion } = JSON.parse(
            readFileSync(new URL(`../../${folder}/package.json`, import.meta.url), 'utf8'),
          ) as { version: string };
          return { contents: `export const VERSION: string = ${JSON.stringify(pluginVersion)};`, loader: 'ts' };
        }
        const source = readFileSync(args.path, 'utf8');
        if (!/@codewhale\/(core|node|plugin-kit|hub|eval)['"]/.test(source)) return undefined;
        return { contents: unbarrel(source), loader: 'ts', resolveDir: dirname(args.path) };
      },
    );
    build.onResolve({ filter: /^@codewhale\/(core|node|plugin-kit|hub|eval)$/ }, (args) => {
      throw new Error(
        `tsup.config.ts: an import of ${args.path} in ${args.importer} was not rewritten file by file; keep it a plain \`import { ... } from '${args.path}'\``,
      );
    });
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]classic[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'codewhale-stub' }
        : undefined,
    );
    build.onResolve({ filter: /^\.\/from-json-schema\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]classic[\\/]/.test(args.importer)
        ? { path: 'zod-from-json-schema', namespace: 'codewhale-stub' }
        : undefined,
    );
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
  ['smol-toml', '../node'],
  ['undici', '../plugin-kit'],
];

/** dist/THIRD-PARTY-LICENSES.md: the licence of every third-party package bundled into dist. */
function writeThirdPartyLicenses(): void {
  const sections = bundledThirdParty.map(([name, from]) => {
    const root = fileURLToPath(new URL(`${from}/node_modules/${name}/`, import.meta.url));
    const { version, license } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version: string;
      license: string;
    };
    return `## ${name}@${version} (${license})\n\n\`\`\`text\n${readFileSync(join(root, 'LICENSE'), 'utf8').trim()}\n\`\`\`\n`;
  });
  writeFileSync(
    fileURLToPath(new URL('./dist/THIRD-PARTY-LICENSES.md', import.meta.url)),
    `# Licences of bundled packages\n\n${sections.join('\n')}`,
  );
}

/**
 * The main bundle loads the others with require(), only when used: `custom-endpoints.cjs`, `validate.cjs` and
 * `live.cjs` (rules keyed by the importing file and the specifier it writes). They become lazy require() calls, not
 * import(): an import() would start Node's ESM loader, which a CommonJS start-up never needs. (Built-ins are fetched
 * with process.getBuiltinModule.)
 */
const lazyRequirePlugin: EsbuildPlugin = {
  name: 'codewhale-cli-lazy-require',
  setup(build) {
    const rules: readonly (readonly [importer: RegExp, specifier: string, bundle: string])[] = [
      [/[\\/]cli[\\/]src[\\/]cli[\\/]session\.ts$/, './validated-registry.js', './custom-endpoints.cjs'],
      [/[\\/]cli[\\/]src[\\/]cli[\\/]run\.ts$/, '../bundles/validate.js', './validate.cjs'],
      [/[\\/]cli[\\/]src[\\/]cli[\\/]run\.ts$/, '../bundles/live.js', './live.cjs'],
      [/[\\/]cli[\\/]src[\\/]cli[\\/]run\.ts$/, '../bundles/receipts.js', './receipts.cjs'],
      [/[\\/]cli[\\/]src[\\/]cli[\\/]run\.ts$/, '../bundles/hub.js', './hub.cjs'],
      [/[\\/]cli[\\/]src[\\/]cli[\\/]run\.ts$/, '../bundles/eval.js', './eval.cjs'],
      [/[\\/]cli[\\/]src[\\/]cli[\\/]run\.ts$/, '../bundles/lab.js', './lab.cjs'],
    ];
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const rule = rules.find(([importer, specifier]) => specifier === args.path && importer.test(args.importer));
      if (rule) return { path: rule[2], namespace: 'codewhale-require' };
      // Other targets are bundled, and esbuild turns their import() into a lazy require of its own.
      return undefined;
    });
    build.onResolve({ filter: /.*/, namespace: 'codewhale-require' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'codewhale-require' }, (args) => ({
      loader: 'js',
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
    }));
  },
};

/** What every bundle shares: CommonJS (no ESM loader at start-up), everything bundled, minified, for Node 22+. */
const common: Options = {
  format: ['cjs'],
  platform: 'node',
  target: 'node22',
  outDir: 'dist',
  clean: false,
  dts: false,
  sourcemap: false,
  minify: true,
  splitting: false,
  // Keep `node:` on built-ins: tsup strips it by default, which turns undici's `require("node:sqlite")` into a
  // `require("sqlite")` of a package from the registry (@see issue 14, integration/src/packed-install.test.ts).
  removeNodeProtocol: false,
  // Everything is bundled: the @codewhale packages, the plugins (with their catalog data), zod, smol-toml, undici.
  noExternal: [/.*/],
  // The bundled catalog is validated here, at build time (a build with an invalid catalog fails); the stamp lets the CLI
  // index it at run time without loading zod (see createPrevalidatedRegistry).
  define: {
    __PACKAGE_VERSION__: JSON.stringify(version),
    __CATALOG_STAMP__: JSON.stringify(stampCatalog({ plugins: FIRST_PARTY_PLUGINS })),
  },
  esbuildOptions(options) {
    // Licence notices of bundled code (e.g. smol-toml's BSD-3 notice) stay, at the end of each bundle.
    options.legalComments = 'eof';
  },
};

/**
 * The binary `codewhale-route.cjs` (src/launch.ts) runs main.cjs from a per-user V8 code cache (Node's compile cache for the rest) and loads the self-contained
 * CommonJS bundles: `main.cjs` (every offline command, config files included: they are checked without zod),
 * `custom-endpoints.cjs` (zod: run-time validation of the plugins a config's custom endpoints make), `validate.cjs`
 * (zod: the config and catalog commands), `live.cjs` (undici: discover, health, usage, models --live),
 * `receipts.cjs` (the receipts ledger reader and exporters) and `lab.cjs` (the lab's HTTP server, which serves the
 * front end's build in dist/lab/). Each carries
 * its own copy of what it needs, so nothing crosses between bundles but plain data (a parsed config, a registry's
 * look-ups) and the printer (and, to the lab, the main bundle's runCommand). `pnpm build` empties dist first.
 */
export default defineConfig([
  {
    ...common,
    entry: {
      'codewhale-route': 'src/launch.ts',
      main: 'src/bin.ts',
      validate: 'src/bundles/validate.ts',
      live: 'src/bundles/live.ts',
      receipts: 'src/bundles/receipts.ts',
      hub: 'src/bundles/hub.ts',
      eval: 'src/bundles/eval.ts',
      lab: 'src/bundles/lab.ts',
      'custom-endpoints': 'src/bundles/custom-endpoints.ts',
    },
    esbuildPlugins: [startupPlugin, lazyRequirePlugin],
    onSuccess: async () => {
      writeThirdPartyLicenses();
    },
  },
]);
