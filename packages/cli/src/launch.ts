#!/usr/bin/env node
// The `codewhale-route` binary. It turns on Node's compile cache, then runs the CLI: main.cjs, which requires
// custom-endpoints.cjs, validate.cjs and live.cjs only when a command needs them. Most of what a short command costs is
// compiling those bundles; with the cache, later starts read V8's compiled code instead. The cache lives in the user's
// cache directory (`compileCacheDir`), never beside the bundles, so a read-only or shared install works the same. Node
// ignores a cache entry that does not match the bundle or the Node version, and a directory it cannot write only means
// no cache: the cache can make a start faster, never different. NODE_COMPILE_CACHE (a directory) and
// NODE_DISABLE_COMPILE_CACHE=1 are Node's own switches and win over this.
import * as nodeModule from 'node:module';
import { dirname, join } from 'node:path';
import { defaultCacheDir } from '@codewhale/node';

/**
 * Where Node keeps the CLI's compiled code: `node-compile-cache` beside the live cache's default directory, i.e.
 * `$XDG_CACHE_HOME/codewhale/node-compile-cache` (or `~/.cache/…`) on Linux, `~/Library/Caches/codewhale/…` on macOS,
 * `%LOCALAPPDATA%\codewhale\Cache\…` on Windows. Not Node's default (`<tmpdir>/node-compile-cache`): a directory
 * shared by every user of the machine, where another user could leave compiled code for this one to run.
 * CODEWHALE_CACHE_DIR moves only the live cache.
 */
function compileCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return join(dirname(defaultCacheDir({ env: { ...env, CODEWHALE_CACHE_DIR: undefined } })), 'node-compile-cache');
}

const enableCompileCache = (nodeModule as { enableCompileCache?: (directory?: string) => unknown }).enableCompileCache;
try {
  // Node 22.1+; the status it returns (enabled, failed, disabled) changes nothing here.
  enableCompileCache?.(compileCacheDir());
} catch {
  // Never a reason not to run.
}
require(join(__dirname, 'main.cjs'));
