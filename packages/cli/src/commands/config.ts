import { existsSync } from 'node:fs';
import { catalogJsonSchemas } from '@codewhale/core';
import {
  CONFIG_ERROR_CODES,
  ConfigError,
  configKeyInfo,
  formatConfigKey,
  knownConfigKeys,
  parseConfigKey,
  redactConfigUrls,
  resolveConfigPath,
  setConfigValue,
  stringifyConfig,
  urlCredentials,
  type ConfigValue,
  type ConfigWarning,
  type LoadedConfig,
} from '@codewhale/node';
import { CliError, EXIT_CODES, usageError } from '../cli/exit-codes.js';
import type { Output } from '../cli/output.js';
import { sanitizeTerminalText } from '../cli/terminal-text.js';
import { configFailure, createSession, loadUserConfig, type Env } from '../cli/session.js';
import { suggest } from '../cli/argv.js';

const SOURCE_LABEL = { explicit: '--config', env: 'CODEWHALE_CONFIG', default: 'platform default' } as const;

/** One problem in `config validate --json`. */
export interface ConfigProblem {
  readonly code: string;
  readonly message: string;
  readonly key?: string;
  readonly line?: number;
  readonly column?: number;
}

/** Replace credential values (inline `api_key`) with a marker, recursively. URL credentials: see `redactConfigUrls`. */
function redact(value: unknown, key = ''): unknown {
  if (key === 'api_key' && typeof value === 'string') return '[redacted]';
  if (Array.isArray(value)) return value.map((item) => redact(item));
  if (typeof value === 'object' && value !== null && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redact(item, name)]));
  return value;
}

function warningLine(path: string, warning: ConfigWarning): string {
  return `${path}${warning.line !== undefined ? `:${warning.line}` : ''}: ${sanitizeTerminalText(warning.message)}`;
}

/** `config path`. */
export function runConfigPath(output: Output, explicit: string | undefined, env: Env): number {
  const location = resolveConfigPath({ ...(explicit !== undefined ? { explicit } : {}), env });
  const exists = existsSync(location.path);
  // Only the default location may be absent (defaults apply); a named file that is missing is an error elsewhere.
  const missing =
    location.source === 'default'
      ? '; no file yet: defaults apply'
      : '; no such file: `config set` creates it, commands that read it stop (exit 5)';
  if (output.json) output.printJson({ schemaVersion: 1, path: location.path, source: location.source, exists });
  else
    output.out(`${location.path}  ${output.colors.dim(`(${SOURCE_LABEL[location.source]}${exists ? '' : missing})`)}`);
  return EXIT_CODES.ok;
}

/** `config show`: the effective config (credential values redacted), with its warnings. */
export async function runConfigShow(output: Output, explicit: string | undefined, env: Env): Promise<number> {
  const loaded = await loadUserConfig(explicit, env);
  // Inline keys, and the credentials a URL can carry (user info, token-like query parameters): node's rule.
  const config = redact(redactConfigUrls(loaded.config)) as Record<string, unknown>;
  if (output.json) {
    output.printJson({
      schemaVersion: 1,
      path: loaded.location.path,
      source: loaded.location.source,
      exists: loaded.exists,
      config,
      warnings: loaded.warnings,
    });
    return EXIT_CODES.ok;
  }
  for (const warning of loaded.warnings) output.warn(warningLine(loaded.location.path, warning));
  const { colors } = output;
  if (!loaded.exists) {
    output.out(
      `${colors.dim(`# ${loaded.location.path} (${SOURCE_LABEL[loaded.location.source]}) does not exist: defaults apply.`)}\n${colors.dim('# Start one with: codewhale-route config set provider <id>')}`,
    );
    return EXIT_CODES.ok;
  }
  const body = Object.keys(config).length ? stringifyConfig(config).trimEnd() : colors.dim('# (empty)');
  output.out(
    `${colors.dim(`# ${loaded.location.path} (${SOURCE_LABEL[loaded.location.source]}), as CodeWhale reads it`)}\n${body}`,
  );
  return EXIT_CODES.ok;
}

/** `config validate`: syntax, schema, warnings, and whether the routes it names resolve. */
export async function runConfigValidate(output: Output, explicit: string | undefined, env: Env): Promise<number> {
  const location = resolveConfigPath({ ...(explicit !== undefined ? { explicit } : {}), env });
  let loaded: LoadedConfig;
  try {
    loaded = await loadUserConfig(explicit, env);
  } catch (error) {
    const cause = CliError.isInstance(error) ? error.options.cause : error;
    if (!ConfigError.isInstance(cause)) throw error;
    const errors: ConfigProblem[] = cause.issues.length
      ? cause.issues.map((issue) => ({
          code: cause.code,
          key: issue.key,
          message: issue.message,
          ...(issue.line !== undefined ? { line: issue.line } : {}),
        }))
      : [
          {
            code: cause.code,
            message: cause.message.split('\n', 1)[0] as string,
            ...(cause.line !== undefined ? { line: cause.line, column: cause.column as number } : {}),
          },
        ];
    if (output.json)
      output.printJson({
        schemaVersion: 1,
        path: location.path,
        exists: cause.code !== CONFIG_ERROR_CODES.NOT_FOUND,
        valid: false,
        errors,
        warnings: [],
      });
    else output.err(`${output.colors.red('✗')} ${cause.message}`);
    return EXIT_CODES.config;
  }
  const errors: ConfigProblem[] = [];
  if (loaded.exists) {
    const session = await createSession(loaded, env, { ...output, warn: () => undefined });
    const resolver = session.resolver();
    const check = (key: string, request: Parameters<typeof resolver.resolve>[0]) => {
      const result = resolver.resolve(request);
      if (!result.ok) errors.push({ code: result.error.kind, key, message: result.error.message });
    };
    if (loaded.config.provider !== undefined || loaded.config.model !== undefined)
      check(loaded.config.model !== undefined ? 'model' : 'provider', {});
    for (const role of Object.keys(loaded.config.roles ?? {})) check(formatConfigKey(['roles', role]), { role });
    const chain = [
      ...(loaded.config.fallback ?? []).map((ref) => ['fallback', ref] as const),
      ...Object.entries(loaded.config.providers ?? {}).flatMap(([id, table]) =>
        (table.fallback ?? []).map((ref) => [formatConfigKey(['providers', id, 'fallback']), ref] as const),
      ),
    ];
    for (const [key, ref] of chain) {
      const colon = ref.indexOf(':');
      const provider = colon > 0 ? session.registry.findProvider(ref.slice(0, colon)) : undefined;
      if (!provider)
        errors.push({
          code: 'unknown-provider',
          key,
          message: `Fallback "${ref}" does not start with a registered provider (write <provider>:<model>).`,
        });
      else check(key, { provider: provider.id, model: ref.slice(colon + 1) });
    }
  }
  const valid = errors.length === 0;
  if (output.json) {
    output.printJson({
      schemaVersion: 1,
      path: loaded.location.path,
      exists: loaded.exists,
      valid,
      errors,
      warnings: loaded.warnings,
    });
    return valid ? EXIT_CODES.ok : EXIT_CODES.config;
  }
  const { colors } = output;
  if (!loaded.exists) output.out(`${colors.green('✓')} no config file at ${loaded.location.path}: defaults apply`);
  else
    output.out(
      `${valid ? colors.green('✓') : colors.red('✗')} ${loaded.location.path}: ${valid ? 'valid' : `${errors.length} problem${errors.length === 1 ? '' : 's'}`}${loaded.warnings.length ? `, ${loaded.warnings.length} warning${loaded.warnings.length === 1 ? '' : 's'}` : ''}`,
    );
  for (const error of errors)
    output.out(`  ${colors.red('error')} ${error.key ? `${error.key}: ` : ''}${error.message}`);
  for (const warning of loaded.warnings)
    output.out(`  ${colors.yellow('warning')} ${warningLine(loaded.location.path, warning)}`);
  return valid ? EXIT_CODES.ok : EXIT_CODES.config;
}

/** Turn the command-line text into the value the key takes (the schema decides). */
export function configValueFor(key: string, segments: readonly string[], text: string): ConfigValue {
  const info = configKeyInfo(segments);
  if (!info) {
    const keys = knownConfigKeys();
    const generic = segments.map((segment, index) =>
      index === 1 && (segments[0] === 'providers' || segments[0] === 'roles')
        ? segments[0] === 'providers'
          ? '<id>'
          : '<name>'
        : segment,
    );
    // Suggest among the keys of the same table, by spelling or by a shared start (contxt -> context_window).
    const prefix = generic.slice(0, -1).join('.');
    const leaf = generic[generic.length - 1] as string;
    const siblings = keys.filter(
      (candidate) => candidate.slice(0, candidate.lastIndexOf('.') + 1) === (prefix ? `${prefix}.` : ''),
    );
    const leaves = siblings.map((candidate) => candidate.slice(candidate.lastIndexOf('.') + 1));
    const closeLeaf =
      suggest(leaf, leaves) ??
      leaves.find((candidate) => candidate.slice(0, 4) === leaf.slice(0, 4) && leaf.length >= 4);
    const close = closeLeaf !== undefined ? formatConfigKey([...segments.slice(0, -1), closeLeaf]) : undefined;
    throw usageError(
      `Unknown config key "${key}".${close ? ` Did you mean ${close}?` : ''}`,
      `Keys: ${keys.join(', ')}.`,
      'unknown-config-key',
    );
  }
  if (segments[segments.length - 1] === 'api_key') {
    throw usageError(
      'api_key is not set from the command line: the key would stay in your shell history.',
      `Set api_key_env (the name of a variable that holds it) or api_key_command instead, e.g. config set ${formatConfigKey([...segments.slice(0, -1), 'api_key_env'])} MY_KEY_VAR.`,
      'secret-on-command-line',
    );
  }
  const fail = (what: string): never => {
    throw usageError(
      `${key} takes ${what} (got "${text}").`,
      info.description ? `${key}: ${info.description}` : `Run \`codewhale-route config schema\` for the key's schema.`,
      'bad-config-value',
    );
  };
  const checkEnum = (value: string) => {
    if (info.values && !info.values.includes(value)) fail(`one of ${info.values.join(', ')}`);
    return value;
  };
  switch (info.kind) {
    case 'number': {
      const value = Number(text.replace(/_/g, ''));
      return Number.isSafeInteger(value) && value > 0 ? value : fail('a positive whole number');
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : fail('true or false');
    case 'string-list': {
      const items = text.trim().startsWith('[')
        ? (JSON.parse(text) as unknown)
        : text
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean);
      if (!Array.isArray(items) || items.some((item) => typeof item !== 'string'))
        return fail('a comma-separated list');
      return (items as string[]).map(checkEnum);
    }
    case 'enum':
      return checkEnum(text);
    case 'url': {
      // Credentials in a URL are refused like api_key, and the URL is never echoed (it holds them).
      const credentials = urlCredentials(text);
      if (credentials && (credentials.userInfo || credentials.parameters.length > 0)) {
        const what = [
          ...(credentials.userInfo ? ['user info (user:password@)'] : []),
          ...(credentials.parameters.length
            ? [
                `the query parameter${credentials.parameters.length > 1 ? 's' : ''} ${credentials.parameters.join(', ')}`,
              ]
            : []),
        ].join(' and ');
        throw usageError(
          `${key} is not set from the command line with credentials in the URL (${what}): they would stay in your shell history, and keys never go in URLs.`,
          `Write the URL without them, and set the key with ${formatConfigKey([...segments.slice(0, -1), 'api_key_env'])} (the name of a variable that holds it) or api_key_command.`,
          'secret-on-command-line',
        );
      }
      const protocol = URL.canParse(text) ? new URL(text).protocol : undefined;
      return protocol === 'http:' || protocol === 'https:'
        ? text
        : fail('an absolute http(s) URL, e.g. http://127.0.0.1:8000/v1');
    }
    default:
      return text.trim() === '' ? fail('a non-empty string') : text;
  }
}

/** `config set <key> <value>`: the smallest edit, written atomically; comments and unknown keys survive. */
export async function runConfigSet(
  output: Output,
  explicit: string | undefined,
  env: Env,
  key: string,
  text: string,
): Promise<number> {
  let segments: string[];
  try {
    segments = parseConfigKey(key);
  } catch (error) {
    throw usageError(
      (error as Error).message.split('\n')[0] as string,
      'Write keys like provider, providers.vllm.base_url or roles.summary.model.',
      'bad-config-key',
    );
  }
  const value = configValueFor(key, segments, text);
  const location = resolveConfigPath({ ...(explicit !== undefined ? { explicit } : {}), env });
  let edit: Awaited<ReturnType<typeof setConfigValue>>;
  try {
    edit = await setConfigValue(location.path, key, value);
  } catch (error) {
    return configFailure(error);
  }
  // Re-read: the warnings (an unregistered provider table, another provider's key variable) apply to the new file.
  const loaded = await loadUserConfig(explicit, env);
  if (output.json) {
    output.printJson({
      schemaVersion: 1,
      path: edit.path,
      key: formatConfigKey(segments),
      value,
      created: edit.created,
      changed: !edit.unchanged,
      warnings: loaded.warnings,
    });
    return EXIT_CODES.ok;
  }
  for (const warning of loaded.warnings) output.warn(warningLine(edit.path, warning));
  const shown = Array.isArray(value) ? value.join(', ') : String(value);
  output.out(
    edit.unchanged
      ? `${formatConfigKey(segments)} is already ${shown} in ${edit.path}`
      : `${output.colors.green('✓')} ${formatConfigKey(segments)} = ${shown}  ${output.colors.dim(`(${edit.created ? 'created' : 'updated'} ${edit.path})`)}`,
  );
  return EXIT_CODES.ok;
}

/** `config schema`: the JSON Schema of config.toml (for editors, e.g. with taplo). */
export function runConfigSchema(output: Output): number {
  output.printJson(catalogJsonSchemas()['config.schema.json']);
  return EXIT_CODES.ok;
}
