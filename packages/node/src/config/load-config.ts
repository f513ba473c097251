import { readFile } from 'node:fs';
import { CONFIG_ERROR_CODES, ConfigError } from './config-error.js';
import { resolveConfigPath, type ConfigLocation, type ConfigPathOptions } from './config-path.js';
import type { ParseConfigOptions, ParsedConfig } from './parse-config.js';

/** A config file as loaded: where it is, whether it exists, and what it says. */
export interface LoadedConfig extends ParsedConfig {
  readonly location: ConfigLocation;
  /** False when there is no file: that is an empty config, not an error. */
  readonly exists: boolean;
}

/** Options of {@link loadConfig}: where to look, and the registered providers. */
export interface LoadConfigOptions extends ConfigPathOptions, ParseConfigOptions {}

/**
 * Load the user's config file (path from {@link resolveConfigPath}): a missing file is an empty config; a file that
 * cannot be read, is not valid TOML or does not match the schema throws {@link ConfigError}.
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const location = resolveConfigPath(options);
  let text: string;
  try {
    // node:fs rather than node:fs/promises, which loads a dozen more modules: this runs on every CLI start.
    text = await new Promise<string>((resolve, reject) => readFile(location.path, 'utf8', (error, data) => (error ? reject(error) : resolve(data))));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || (code === 'ENOTDIR' && location.source === 'default')) return { location, exists: false, config: {}, warnings: [], customProviders: [] };
    const via = location.source === 'env' ? ' (from CODEWHALE_CONFIG)' : '';
    throw new ConfigError(CONFIG_ERROR_CODES.UNREADABLE, `Cannot read the config file ${location.path}${via} (${code ?? 'error'}).`, {
      file: location.path,
      hint: code === 'EISDIR' ? 'That is a directory: point at the config.toml file inside it.' : 'Check that the file exists and that you may read it.',
    }, { cause: error });
  }
  // The TOML parser and the schema load only when there is a file to check: a missing config costs nothing.
  const { parseConfig } = await import('./parse-config.js');
  return { location, exists: true, ...parseConfig(text, { ...options, file: location.path }) };
}
