import {
  createPrevalidatedRegistry,
  createRouteResolver,
  type CatalogStamp,
  type LiveSnapshot,
  type Registry,
  type RouteResolver,
  type UserConfig,
} from '@codewhale/core';
import {
  ConfigError,
  createCredentialSource,
  createLiveCache,
  loadConfig,
  type LiveCache,
  type LoadedConfig,
  type NodeCredentialSource,
} from '@codewhale/node';
import { CliError } from './exit-codes.js';
import { FIRST_PARTY_PLUGINS } from './first-party-plugins.js';
import type { Output } from './output.js';
import { sanitizeTerminalText } from './terminal-text.js';

declare const __CATALOG_STAMP__: CatalogStamp | undefined;

/** The stamp `stampCatalog` made of FIRST_PARTY_PLUGINS when this bundle was built (absent when running from source). */
const CATALOG_STAMP: CatalogStamp | undefined = typeof __CATALOG_STAMP__ === 'object' ? __CATALOG_STAMP__ : undefined;

/** Environment variables, as read. */
export type Env = Readonly<Record<string, string | undefined>>;

/** A ConfigError as a CLI error (exit 5). */
export function configFailure(error: unknown): never {
  if (ConfigError.isInstance(error))
    throw new CliError('config', error.message, {
      code: error.code,
      details: { file: error.file, line: error.line, column: error.column, issues: error.issues },
      cause: error,
    });
  throw error;
}

/** Load the user's config (path from --config, CODEWHALE_CONFIG or the platform default). Config errors exit with 5. */
export async function loadUserConfig(explicit: string | undefined, env: Env): Promise<LoadedConfig> {
  try {
    return await loadConfig({
      ...(explicit !== undefined ? { explicit } : {}),
      env,
      providers: FIRST_PARTY_PLUGINS.map((plugin) => plugin.descriptor),
    });
  } catch (error) {
    return configFailure(error);
  }
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
 * The registry: the bundled catalog was validated when the CLI was built (its stamp is in the bundle), so only the
 * cross-references are checked here and zod never loads. Custom endpoints from the config (and a run from source) are
 * validated now, by the module that loads zod.
 */
async function sessionRegistry(loaded: LoadedConfig): Promise<{ registry: Registry; warnings: readonly string[] }> {
  if (CATALOG_STAMP && loaded.customProviders.length === 0) {
    return {
      registry: createPrevalidatedRegistry({
        plugins: FIRST_PARTY_PLUGINS,
        stamp: CATALOG_STAMP,
      }) as unknown as Registry,
      warnings: [],
    };
  }
  return (await import('./validated-registry.js')).validatedRegistry(loaded, CATALOG_STAMP);
}

/**
 * Build the session: one registry (the bundled catalog is checked once), the credential source (env + config; it only
 * ever describes which class of key a route would use here), the live cache and the resolver. Prints config warnings.
 */
export async function createSession(loaded: LoadedConfig, env: Env, output: Output): Promise<Session> {
  const { registry, warnings } = await sessionRegistry(loaded);
  // A warning can quote a key of the file (which may hold any character): one line each, escaped.
  for (const warning of loaded.warnings)
    output.warn(
      `${loaded.location.path}${warning.line !== undefined ? `:${warning.line}` : ''}: ${sanitizeTerminalText(warning.message)}`,
    );
  for (const warning of warnings) output.warn(`${loaded.location.path}: ${sanitizeTerminalText(warning)}`);
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
    resolver: () =>
      (resolver ??= createRouteResolver({ registry, config: loaded.config, credentials, live: session.live() })),
    refreshLive: () => {
      snapshot = undefined;
      resolver = undefined;
    },
  };
  return session;
}
