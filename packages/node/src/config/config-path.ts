import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/** What decides the config file path (defaults: this process's environment and platform). */
export interface ConfigPathOptions {
  /** A path the user named explicitly (e.g. a `--config` flag); wins over everything. */
  readonly explicit?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly platform?: NodeJS.Platform;
  readonly home?: string;
}

/** Where the config file is, and what chose that place. */
export interface ConfigLocation {
  readonly path: string;
  /** `explicit` (the host passed a path, e.g. `--config`), `env` (`CODEWHALE_CONFIG`) or `default` (the platform's place). */
  readonly source: 'explicit' | 'env' | 'default';
}

/**
 * The platform's config file: `$XDG_CONFIG_HOME/codewhale/config.toml` (or `~/.config/codewhale/config.toml`) on Linux
 * and other Unix, `~/Library/Application Support/codewhale/config.toml` on macOS, `%APPDATA%\codewhale\config.toml` on
 * Windows. Ignores `CODEWHALE_CONFIG`; see {@link resolveConfigPath}.
 */
export function defaultConfigPath(options: Omit<ConfigPathOptions, 'explicit'> = {}): string {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const home = options.home ?? homedir();
  if (platform === 'win32')
    return join(env.APPDATA?.trim() || join(home, 'AppData', 'Roaming'), 'codewhale', 'config.toml');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'codewhale', 'config.toml');
  // The XDG spec ignores relative values.
  const xdg = env.XDG_CONFIG_HOME?.trim();
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'codewhale', 'config.toml');
}

/** The config file to use: an explicit path > `CODEWHALE_CONFIG` > {@link defaultConfigPath}. */
export function resolveConfigPath(options: ConfigPathOptions = {}): ConfigLocation {
  const explicit = options.explicit?.trim();
  if (explicit) return { path: explicit, source: 'explicit' };
  const fromEnv = (options.env ?? process.env).CODEWHALE_CONFIG?.trim();
  if (fromEnv) return { path: fromEnv, source: 'env' };
  return { path: defaultConfigPath(options), source: 'default' };
}
