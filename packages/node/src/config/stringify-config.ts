import { stringify } from 'smol-toml';

/** A config object as TOML text (for display; to edit a file, use `setConfigValue`, which keeps comments). */
export function stringifyConfig(config: Readonly<Record<string, unknown>>): string {
  return stringify(config);
}
