import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  // Catalog JSON (catalog/offerings, catalog/models) is bundled into dist; nothing reads ../catalog at run time.
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
