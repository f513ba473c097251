#!/usr/bin/env node
// The `codewhale-route` binary. It runs the CLI's bundles (main.cjs, and custom-endpoints.cjs / validate.cjs when a
// command needs them) from the V8 code caches written when they were built (<bundle>.v8cache), so a cold start does
// not compile the CLI again: most of what a short command costs is compiling. Node 22+ has its own compile cache, used
// instead. A cache made by another Node version is rejected by V8 and the bundle is compiled as usual: a cache can make
// a start faster, never different.
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

const MAIN = path.join(__dirname, 'main.cjs');
/** Bundles main.cjs requires that have a code cache. */
const CACHED = new Set(['./custom-endpoints.cjs', './validate.cjs']);
/** Build time only: write each bundle's code cache after this run (see tsup.config.ts). */
const WRITE_CACHES = process.env.CODEWHALE_WRITE_CODE_CACHE === '1';

type CommonJsFunction = (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;

const loaded = new Map<string, unknown>();

/** Run one bundle as Node runs a CommonJS file, compiled from its code cache when V8 accepts it. */
function runBundle(file: string): unknown {
  const done = loaded.get(file);
  if (done !== undefined) return done;
  const source = fs.readFileSync(file, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = WRITE_CACHES ? undefined : fs.readFileSync(`${file}.v8cache`);
  } catch {
    cachedData = undefined;
  }
  // The same wrapper Node puts around a CommonJS file.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module: { exports: object; filename: string; id: string; loaded: boolean } = { exports: {}, filename: file, id: file, loaded: false };
  loaded.set(file, module.exports);
  (script.runInThisContext() as CommonJsFunction).call(module.exports, module.exports, bundleRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  loaded.set(file, module.exports);
  // After the run, so the functions this command compiled lazily are in the cache too.
  if (WRITE_CACHES) process.once('exit', () => fs.writeFileSync(`${file}.v8cache`, script.createCachedData()));
  return module.exports;
}

/** `require` for a bundle: the cached sibling bundles through runBundle, everything else as usual. */
function bundleRequire(file: string): NodeJS.Require {
  const plain = nodeModule.createRequire(file);
  return Object.assign((id: string) => (CACHED.has(id) ? runBundle(path.join(__dirname, id)) : plain(id)), plain) as NodeJS.Require;
}

const enableCompileCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
if (enableCompileCache && !WRITE_CACHES) {
  enableCompileCache();
  require(MAIN);
} else {
  runBundle(MAIN);
}
