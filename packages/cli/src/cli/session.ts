import { createRegistry, createRouteResolver, providerIdSchema, type LiveSnapshot, type ProviderPlugin, type Registry, type RouteResolver, type UserConfig } from '@codewhale/core';
import { ConfigError, createCredentialSource, createLiveCache, loadConfig, type LiveCache, type LoadedConfig, type NodeCredentialSource } from '@codewhale/node';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { huggingfacePlugin } from '@codewhale/provider-huggingface';
import { nvidiaNimPlugin } from '@codewhale/provider-nvidia-nim';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { createOpenAICompatiblePlugin } from '@codewhale/provider-openai-compatible';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { z } from 'zod';
import { CliError } from './exit-codes.js';
import type { Output } from './output.js';

/** The first-party plugins, in the order the registry lists them (DeepSeek is the default provider). */
export const FIRST_PARTY_PLUGINS = [deepseekPlugin, togetherPlugin, nvidiaNimPlugin, huggingfacePlugin, sglangPlugin, vllmPlugin, ollamaPlugin] as const;

/** Environment variables, as read. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A ConfigError as a CLI error (exit 5). */
export function configFailure(error: unknown): never {
  if (ConfigError.isInstance(error)) throw new CliError('config', error.message, { code: error.code, details: { file: error.file, line: error.line, column: error.column, issues: error.issues }, cause: error });
  throw error;
}

/** Load the user's config (path from --config, CODEWHALE_CONFIG or the platform default). Config errors exit with 5. */
export async function loadUserConfig(explicit: string | undefined, env: Env): Promise<LoadedConfig> {
  try {
    return await loadConfig({ ...(explicit !== undefined ? { explicit } : {}), env, providers: FIRST_PARTY_PLUGINS.map((plugin) => plugin.descriptor) });
  } catch (error) {
    return configFailure(error);
  }
}

/**
 * A `[providers.<x>]` table with a `base_url` and no registered provider becomes an OpenAI-compatible plugin with id `<x>`
 * (its `api_key_env`, if any, is its key). Tables it cannot honour are reported and skipped.
 */
export function customPlugins(loaded: Pick<LoadedConfig, 'config' | 'customProviders'>): { plugins: ProviderPlugin[]; warnings: string[] } {
  const plugins: ProviderPlugin[] = [];
  const warnings: string[] = [];
  for (const id of loaded.customProviders) {
    const table = loaded.config.providers?.[id];
    if (!table?.base_url) continue;
    if (!providerIdSchema.safeParse(id).success) {
      warnings.push(`[providers.${id}] is ignored: a custom provider id must be kebab-case (e.g. "lmstudio", "llama-cpp").`);
      continue;
    }
    try {
      plugins.push(createOpenAICompatiblePlugin({ id, baseUrl: table.base_url, ...(table.api_key_env ? { apiKeyEnv: table.api_key_env } : {}) }));
    } catch (error) {
      warnings.push(`[providers.${id}] is ignored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { plugins, warnings };
}

/** Everything a command resolves with: built once per process. */
export interface Session {
  readonly env: Env;
  readonly loaded: LoadedConfig;
  readonly config: UserConfig;
  readonly registry: Registry;
  readonly credentials: NodeCredentialSource;
  readonly cache: LiveCache;
  /** The live cache, read once. */
  live(): LiveSnapshot;
  /** The resolver over registry, config, credentials and the live snapshot (one per process). */
  resolver(): RouteResolver;
  /** Drop the snapshot and resolver after the live cache changed (discover). */
  refreshLive(): void;
}

/**
 * Build the session: one registry (the bundled catalog is validated once), the credential source (env + config; it only
 * ever describes which class of key a route would use here), the live cache and the resolver. Prints config warnings.
 */
export function createSession(loaded: LoadedConfig, env: Env, output: Output): Session {
  // Each zod schema is parsed once or twice per process: interpreting is cheaper than compiling a fast path.
  z.config({ jitless: true });
  const custom = customPlugins(loaded);
  for (const warning of loaded.warnings) output.warn(`${loaded.location.path}${warning.line !== undefined ? `:${warning.line}` : ''}: ${warning.message}`);
  for (const warning of custom.warnings) output.warn(`${loaded.location.path}: ${warning}`);
  const registry = createRegistry({ plugins: [...FIRST_PARTY_PLUGINS, ...custom.plugins] }) as unknown as Registry;
  const credentials = createCredentialSource({ env });
  const cache = createLiveCache({ secrets: () => credentials.knownValues([], loaded.config) });
  let snapshot: LiveSnapshot | undefined;
  let resolver: RouteResolver | undefined;
  const session: Session = {
    env,
    loaded,
    config: loaded.config,
    registry,
    credentials,
    cache,
    live: () => (snapshot ??= cache.snapshot()),
    resolver: () => (resolver ??= createRouteResolver({ registry, config: loaded.config, credentials, live: session.live() })),
    refreshLive: () => {
      snapshot = undefined;
      resolver = undefined;
    },
  };
  return session;
}
