// Loaded with import() only when the catalog must be validated at run time: a config with custom endpoints, or the CLI
// run from source. This is the part of the CLI that loads zod.
import {
  createPrevalidatedRegistry,
  createRegistry,
  providerIdSchema,
  stampCatalog,
  type CatalogStamp,
  type ProviderPlugin,
  type Registry,
} from '@codewhale/core';
import type { LoadedConfig } from '@codewhale/node';
import { createOpenAICompatiblePlugin } from '@codewhale/provider-openai-compatible';
import { z } from 'zod';
import { FIRST_PARTY_PLUGINS } from './first-party-plugins.js';

/**
 * A `[providers.<x>]` table with a `base_url` and no registered provider becomes an OpenAI-compatible plugin with id `<x>`
 * (the table's `api_key_env`, if any, is its key, bound to that base URL). Tables it cannot honour are reported and skipped.
 */
export function customPlugins(loaded: Pick<LoadedConfig, 'config' | 'customProviders'>): {
  plugins: ProviderPlugin[];
  warnings: string[];
} {
  const plugins: ProviderPlugin[] = [];
  const warnings: string[] = [];
  for (const id of loaded.customProviders) {
    const table = loaded.config.providers?.[id];
    if (!table?.base_url) continue;
    if (!providerIdSchema.safeParse(id).success) {
      warnings.push(
        `[providers.${id}] is ignored: a custom provider id must be kebab-case (e.g. "lmstudio", "llama-cpp").`,
      );
      continue;
    }
    try {
      // The table's api_key_env stays the table's (bound to its base_url by core's rule); it is not declared by the
      // generated plugin, since a variable has one owner (two tables may share one, and none may take a provider's).
      plugins.push(createOpenAICompatiblePlugin({ id, baseUrl: table.base_url }));
    } catch (error) {
      warnings.push(`[providers.${id}] is ignored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { plugins, warnings };
}

/**
 * The first-party plugins plus the config's custom endpoints. Only what the build did not validate is validated now: the
 * custom plugins' schemas (a stamp of their own), then every cross-reference of the whole set. Without the build's
 * stamp (running from source), everything is validated.
 */
export function validatedRegistry(
  loaded: Pick<LoadedConfig, 'config' | 'customProviders'>,
  buildStamp: CatalogStamp | undefined,
): { registry: Registry; warnings: string[] } {
  // Each zod schema is parsed once or twice per process: interpreting is cheaper than compiling a fast path.
  z.config({ jitless: true });
  const custom = customPlugins(loaded);
  const plugins = [...FIRST_PARTY_PLUGINS, ...custom.plugins];
  if (!buildStamp) return { registry: createRegistry({ plugins }) as unknown as Registry, warnings: custom.warnings };
  // Schema validity is a property of each plugin alone, so the two stamps together describe the whole set.
  const stamp: CatalogStamp = {
    ...buildStamp,
    plugins: [...buildStamp.plugins, ...stampCatalog({ plugins: custom.plugins }).plugins],
  };
  return { registry: createPrevalidatedRegistry({ plugins, stamp }) as unknown as Registry, warnings: custom.warnings };
}
