import { defineConfig } from 'tsup';
import packageJson from './package.json' with { type: 'json' };

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node22',
  dts: true,
  clean: true,
  sourcemap: true,
  treeshake: true,
  // catalog/ JSON (offerings and model profiles) is bundled into dist: nothing reads catalog/ at run time.
  define: { __PACKAGE_VERSION__: JSON.stringify(packageJson.version) },
});
