#!/usr/bin/env node
// The `codewhale-route` binary. Most of what a short command costs is compiling the CLI, so the launcher keeps
// compiled code in the user's cache directory (`compileCacheDir`), never beside the bundles, so a read-only or shared
// install works the same:
// - main.cjs (every offline command) runs from a V8 code cache written after a run (`runMain`). Node's own compile
//   cache holds only what V8 compiles when it loads a file; the functions a command calls are compiled at their first
//   call, at every start. A cache made after a run holds them too: `explain` starts in about 1.5 times `node -e 0`
//   instead of 1.9 (bench/README.md, "CLI cold start").
// - The bundles main.cjs requires only when a command needs them (validate.cjs, live.cjs, ...) use Node's compile
//   cache, which this turns on.
// A cache can make a start faster, never different: V8 rejects a cache made by another V8, with other flags, or
// damaged, and then the bundle is compiled as usual and the cache written again. NODE_COMPILE_CACHE (a directory) and
// NODE_DISABLE_COMPILE_CACHE=1 are Node's own switches and win over this; the second turns off both caches.
import * as fs from 'node:fs';
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import * as vm from 'node:vm';
import { defaultCacheDir } from '@codewhale/node';

/**
 * Where the CLI's compiled code is kept: `node-compile-cache` beside the live cache's default directory, i.e.
 * `$XDG_CACHE_HOME/codewhale/node-compile-cache` (or `~/.cache/…`) on Linux, `~/Library/Caches/codewhale/…` on macOS,
 * `%LOCALAPPDATA%\codewhale\Cache\…` on Windows. Not Node's default (`<tmpdir>/node-compile-cache`): a directory
 * shared by every user of the machine, where another user could leave compiled code for this one to run.
 * CODEWHALE_CACHE_DIR moves only the live cache.
 */
function compileCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(dirname(defaultCacheDir({ env: { ...env, CODEWHALE_CACHE_DIR: undefined } })), 'node-compile-cache');
}

const MAIN = join(__dirname, 'main.cjs');
/** The file names of main.cjs's code caches: one per Node version and build of the bundle. */
const CACHE_FILE = /^main-v[\d.]+-[\w]+-\d+-\d+-\d+\.v8cache$/;

type CommonJsFunction = (
  exports: object,
  require: NodeJS.Require,
  module: object,
  filename: string,
  dirname: string,
) => void;

/** Write main.cjs's code cache atomically (a temp file renamed), and remove the caches of other builds and Nodes. */
function writeCodeCache(directory: string, name: string, script: vm.Script): void {
  try {
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    const temporary = join(directory, `.${name}.${process.pid}.tmp`);
    fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temporary, join(directory, name));
    for (const other of fs.readdirSync(directory))
      if (other !== name && CACHE_FILE.test(other)) fs.rmSync(join(directory, other), { force: true });
  } catch {
    // A cache that cannot be written only means a slower next start.
  }
}

/**
 * Run main.cjs as Node runs a CommonJS file, from the code cache of an earlier run when there is one. The cache's name
 * carries the Node version and the bundle's size, modification time and inode, so a reinstalled CLI or another Node
 * never reads another's; after a run without a usable cache, the code this run compiled is written for the next one.
 */
function runMain(directory: string): void {
  let source: string;
  let name: string;
  let cachedData: Buffer | undefined;
  try {
    source = fs.readFileSync(MAIN, 'utf8');
    const stat = fs.statSync(MAIN, { bigint: true });
    name = `main-${process.version}-${process.arch}-${stat.size}-${stat.mtimeNs}-${stat.ino}.v8cache`;
  } catch {
    require(MAIN);
    return;
  }
  try {
    cachedData = fs.readFileSync(join(directory, name));
  } catch {
    cachedData = undefined;
  }
  // The same wrapper Node puts around a CommonJS file.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: MAIN,
    ...(cachedData ? { cachedData } : {}),
  });
  if (cachedData === undefined || script.cachedDataRejected === true)
    process.once('exit', () => writeCodeCache(directory, name, script));
  const module = { exports: {}, filename: MAIN, id: MAIN, loaded: false };
  (script.runInThisContext() as CommonJsFunction).call(
    module.exports,
    module.exports,
    nodeModule.createRequire(MAIN),
    module,
    MAIN,
    __dirname,
  );
  module.loaded = true;
}

const enableCompileCache = (nodeModule as { enableCompileCache?: (directory?: string) => unknown }).enableCompileCache;
const directory = compileCacheDir();
if (process.env.NODE_DISABLE_COMPILE_CACHE) {
  require(MAIN);
} else {
  try {
    // Node 22.1+; the status it returns (enabled, failed, disabled) changes nothing here.
    enableCompileCache?.(directory);
  } catch {
    // Never a reason not to run.
  }
  runMain(directory);
}
