#!/usr/bin/env node
// The `codewhale-route` binary. It starts the CLI bundle (main.cjs) from the V8 code cache written when the bundle was
// built (main.cjs.v8cache), so a cold start does not compile the CLI again: most of what a short command costs is
// compiling. Node 22+ has its own compile cache, used instead. A cache made by another Node version is rejected by V8,
// and the bundle is then compiled as usual: the cache can make a start faster, never different.
import fs = require('node:fs');
import nodeModule = require('node:module');
import path = require('node:path');
import vm = require('node:vm');

const MAIN = path.join(__dirname, 'main.cjs');
const CACHE = `${MAIN}.v8cache`;
/** Build time only: where to write the code cache after this run (see tsup.config.ts). */
const WRITE_CACHE_TO = process.env.CODEWHALE_WRITE_CODE_CACHE;

function launch(): void {
  const enableCompileCache = (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache;
  if (enableCompileCache && WRITE_CACHE_TO === undefined) {
    enableCompileCache();
    require(MAIN);
    return;
  }
  const source = fs.readFileSync(MAIN, 'utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = WRITE_CACHE_TO === undefined ? fs.readFileSync(CACHE) : undefined;
  } catch {
    cachedData = undefined;
  }
  // The same wrapper Node puts around a CommonJS file.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: MAIN, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {}, filename: MAIN, id: MAIN, loaded: false };
  const run = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  run.call(module.exports, module.exports, nodeModule.createRequire(MAIN), module, MAIN, __dirname);
  // After the run, so the functions this command compiled lazily are in the cache too.
  if (WRITE_CACHE_TO !== undefined) process.once('exit', () => fs.writeFileSync(WRITE_CACHE_TO, script.createCachedData()));
}

launch();
