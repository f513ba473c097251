import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** What decides the cache directory (defaults: this process's environment and platform). */
export interface CacheDirOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

/**
 * The directory of CodeWhale's live cache: `CODEWHALE_CACHE_DIR` when set; else `$XDG_CACHE_HOME/codewhale/live`
 * (or `~/.cache/codewhale/live`) on Linux and other Unix, `~/Library/Caches/codewhale/live` on macOS, and
 * `%LOCALAPPDATA%\codewhale\Cache\live` on Windows.
 */
export function defaultCacheDir(options: CacheDirOptions = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  const override = env.CODEWHALE_CACHE_DIR?.trim();
  if (override) return override;
  if (platform === 'win32')
    return join(env.LOCALAPPDATA?.trim() || join(home, 'AppData', 'Local'), 'codewhale', 'Cache', 'live');
  if (platform === 'darwin') return join(home, 'Library', 'Caches', 'codewhale', 'live');
  // The XDG spec ignores relative values.
  const xdg = env.XDG_CACHE_HOME?.trim();
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.cache'), 'codewhale', 'live');
}
