import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stampCatalog } from '@codewhale/core';
import { defineConfig, type Options } from 'tsup';
import { FIRST_PARTY_PLUGINS } from './src/cli/first-party-plugins.js';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * Workspace packages (`@codewhale/core`, `@codewhale/node`, every `@codewhale/provider-*`...) are bundled from their
 * TypeScript sources, not their `dist`: each plugin's dist inlines its own copy of the catalog files it ships (seven
 * plugins would bring 32 copies of 13 model profiles), and from source every catalog file is in once. Every package is
 * `sideEffects: false`, so esbuild keeps only the files a bundle's commands use: the main bundle holds no HTTP client,
 * no zod and no schemas.
 */
const startupPlugin: EsbuildPlugin = {
  name: 'codewhale-cli-workspace-sources',
  setup(build) {
    build.onResolve({ filter: /^@codewhale\/[a-z-]+$/ }, (args) => {
      const name = args.path.slice('@codewhale/'.length);
      const folder = name.startsWith('provider-') ? `plugins/${name.slice('provider-'.length)}` : `packages/${name}`;
      const source = fileURLToPath(new URL(`../../${folder}/src/index.ts`, import.meta.url));
      return existsSync(source) ? { path: source } : undefined;
    });
    // Each package's own version: its build injects it into `src/version.ts`; here the CLI's would be defined instead.
    const versionFile = /[\\/]((?:plugins[\\/][^\\/]+)|(?:packages[\\/](?:eval|hub)))[\\/]src[\\/]version\.ts$/;
    build.onLoad({ filter: versionFile }, (args) => {
      const folder = (versionFile.exec(args.path) as RegExpExecArray)[1]?.replace(/\\/g, '/');
      const { version: packageVersion } = JSON.parse(
        readFileSync(new URL(`../../${folder}/package.json`, import.meta.url), 'utf8'),
      ) as { version: string };
      return { contents: `export const VERSION: string = ${JSON.stringify(packageVersion)};`, loader: 'ts' };
    });
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
