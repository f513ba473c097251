import { CONFIG_ERROR_CODES, ConfigError } from './config-error.js';
import { resolveConfigPath, type ConfigLocation, type ConfigPathOptions } from './config-path.js';
import type { ParseConfigOptions, ParsedConfig } from './parse-config.js';
import { readConfigFile } from './read-config-file.js';

/** A config file as loaded: where it is, whether it exists, and what it says. */
export interface LoadedConfig extends ParsedConfig {
  readonly location: ConfigLocation;
  /** False when there is no file at the default location: that is an empty config, not an error. */
  readonly exists: boolean;
}

/** Options of {@link loadConfig}: where to look, and the registered providers. */
export interface LoadConfigOptions extends ConfigPathOptions, ParseConfigOptions {}

/**
 * Load the user's config file (path from {@link resolveConfigPath}). Only the default location may be absent (an empty
 * config); a file named explicitly or by `CODEWHALE_CONFIG` that does not exist throws `CONFIG_NOT_FOUND`. A file that
 * is not a regular file, is larger than 1 MiB, cannot be read, is not valid TOML, nests too deep or does not match the
 * schema throws {@link ConfigError}.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const location = resolveConfigPath(options);
  const via = location.source === 'env' ? ' (from CODEWHALE_CONFIG)' : '';
  let file: ReturnType<typeof readConfigFile>;
  try {
    file = readConfigFile(location.path, via);
  } catch (error) {
    if (
      ConfigError.isInstance(error) &&
      location.source === 'default' &&
      (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOTDIR'
    )
      file = undefined;
    else throw error;
  }
  if (!file) {
    if (location.source === 'default')
      return { location, exists: false, config: {}, warnings: [], customProviders: [] };
    throw new ConfigError(CONFIG_ERROR_CODES.NOT_FOUND, `The config file ${location.path}${via} does not exist.`, {
      file: location.path,
      hint:
        location.source === 'env'
          ? 'Fix CODEWHALE_CONFIG (or unset it to use the default location).'
          : 'Check the path (only the default location may be absent).',
    });
  }
  // The TOML parser and the schema load only when there is a file to check: a missing config costs nothing.
  const { parseConfig } = await import('./parse-config.js');
  return { location, exists: true, ...parseConfig(file.text, { ...options, file: location.path }) };
}
