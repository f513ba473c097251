// What every recipe shares: the command line, the config file with the registry and credential source, the route
// request the flags stand for, the explanation, and redaction of what an error message quotes. Each recipe file then
// shows only how its framework takes the route.
import { parseArgs } from 'node:util';
import { createRegistry, formatRouteExplanation, parseRouteRef } from '@codewhale/core';
import { createCredentialSource, loadConfig } from '@codewhale/node';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';

/** The providers the recipes know: add the plugins your host ships. */
export const plugins = [deepseekPlugin, togetherPlugin, vllmPlugin];

/** Exit codes a wrapper can switch on (the same as examples/host). */
export const EXIT = { usage: 64, route: 2, adapter: 3, request: 4 };

/**
 * Text for the terminal without anything shaped like an API key or a bearer token in it. The recipes never hold the
 * route's key (it lives in the adapter's fetch, which also redacts it from error answers); this is the second line for
 * what frameworks put in their messages.
 */
export function redact(text) {
  return text.replace(
    /\b(?:sk|rk|pk|nvapi|hf|gsk|xai|key|tok|ak)[-_][A-Za-z0-9._-]{12,}|\bBearer\s+[A-Za-z0-9._~+/-]{12,}=*/g,
    '[redacted]',
  );
}

/** Print a redacted message to stderr and exit with `code`. */
export function fail(name, code, message) {
  process.stderr.write(`${name}: ${redact(message)}\n`);
  process.exit(code);
}

/** The message of anything thrown, with its `cause` chain (frameworks wrap the adapter's errors). */
export function messageOf(error) {
  const parts = [];
  for (let current = error, depth = 0; current !== undefined && depth < 4; current = current?.cause, depth += 1)
    parts.push(current instanceof Error ? current.message : String(current));
  return [...new Set(parts)].join(' <- ');
}

/**
 * The recipes' flags: `--config <toml>` (required), `--route <ref>` (`provider:model`, `model`, `auto`; default: the
 * config's provider and model), `--reasoning off|low|medium|high|max`, `--prompt <text>`, and `--stream` where the
 * recipe streams.
 */
export function recipeFlags(name) {
  const { values } = parseArgs({
    options: {
      config: { type: 'string' },
      route: { type: 'string' },
      reasoning: { type: 'string' },
      prompt: { type: 'string', default: 'Say hello in one short sentence.' },
      stream: { type: 'boolean', default: false },
    },
  });
  if (!values.config) fail(name, EXIT.usage, 'pass --config <path to a TOML file>');
  return values;
}

/**
 * Load the config with `loadConfig` of `@codewhale/node` (checked against the schema and the registered providers;
 * errors name file, line and column without quoting the line) and make the credential source that reads keys.
 */
export async function loadHost(name, configPath) {
  try {
    const loaded = await loadConfig({ explicit: configPath, providers: plugins.map((plugin) => plugin.descriptor) });
    for (const warning of loaded.warnings) process.stderr.write(`${name}: warning: ${redact(warning.message)}\n`);
    const registry = createRegistry({ plugins });
    // Given the registry, the credential source refuses a variable that belongs to another provider.
    return { config: loaded.config, registry, credentials: createCredentialSource({ registry }) };
  } catch (error) {
    return fail(name, EXIT.usage, messageOf(error));
  }
}

/** The route request a `--route` ref and `--reasoning` level stand for. */
export function routeRequest(registry, flags) {
  const ref = flags.route ? parseRouteRef(flags.route, registry) : {};
  return {
    ...(ref.provider === undefined ? {} : { provider: ref.provider }),
    ...(ref.model === undefined ? {} : { model: ref.model }),
    ...(flags.reasoning ? { reasoning: flags.reasoning } : {}),
    origin: {
      ...(ref.provider === undefined ? {} : { provider: 'flag --route' }),
      ...(ref.model === undefined ? {} : { model: 'flag --route' }),
    },
  };
}

/**
 * The route ref for `createCodewhale` when no `--route` is given: the config's `provider` and `model`
 * (`provider:model`, `provider:auto` or `model`), else `auto`.
 */
export function defaultRouteRef(config) {
  if (config.provider && config.model) return `${config.provider}:${config.model}`;
  if (config.provider) return `${config.provider}:auto`;
  return config.model ?? 'auto';
}

/** Print a route's explanation (`explainRoute(candidate)`, or the one `prepareRoute` returns) before anything is sent. */
export function printExplanation(explanation) {
  process.stdout.write(`${formatRouteExplanation(explanation)}\n\n`);
}
