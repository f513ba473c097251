// The build every published library package shares (core, node, plugin-kit, testkit, ai-sdk and the eight plugins):
// one ESM entry with its declarations, for Node 22+. A package's tsup.config.ts passes only what differs. The CLI (a
// bundled binary) and examples/third-party-plugin (built from packed tarballs, outside this workspace) have their own.
import { readFileSync } from 'node:fs';
import type { Options } from 'tsup';

/** The tsup options of one library package; tsup runs in the package's directory. */
export function libraryConfig(options: Pick<Options, 'external'> = {}): Options {
  const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node22',
    dts: true,
    clean: true,
    sourcemap: true,
    treeshake: true,
    // The package's own version, for a plugin's `version` (src/version.ts). Catalog JSON (catalog/offerings,
    // catalog/models) a plugin imports is bundled into dist: nothing reads ../catalog at run time.
    define: { __PACKAGE_VERSION__: JSON.stringify(version) },
    ...options,
  };
}
