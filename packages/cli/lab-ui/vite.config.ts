// Vite build of the Model Lab front end: Preact through Vite's own JSX transform (oxc), everything bundled into
// hashed files under dist/lab/ for the `codewhale-route lab` server. No source maps, no inline scripts or styles (the
// server's CSP allows 'self' only).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/lab', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // Never inline assets as data: URLs in scripts or styles; modulepreload polyfill is an inline-free module.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    reportCompressedSize: true,
    // The licences of what is bundled (Preact, uPlot) ship next to it.
    license: { fileName: 'THIRD-PARTY-LICENSES.md' },
  },
});
