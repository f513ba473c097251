/**
 * The user config checked without zod: accepts exactly what `userConfigSchema` accepts (a property test keeps the two
 * in step), so the resolver can validate a host's config without loading zod. The zod schema stays the declaration:
 * types, the published JSON Schema and the config file loader's messages come from it.
 */
import {
  AUTH_MODES,
  CAPABILITY_NAMES,
  ENV_VAR_NAME_PATTERN,
  REASONING_LEVELS,
  ROUTE_PREFERENCES,
} from './constants.js';

/** One problem in a config: where (key path) and what is expected there. */
export interface UserConfigIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Path = readonly (string | number)[];
type Check = ((value: unknown, path: Path, issues: UserConfigIssue[]) => void) & {
  /** The keys of a table and their checks (tables only). */
  readonly shape?: Readonly<Record<string, Check>>;
  /** The check of every value of a table of tables. */
  readonly item?: Check;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

const nonEmptyString: Check = (value, path, issues) => {
  if (typeof value !== 'string' || value.length === 0) issues.push({ path, message: 'Expected a non-empty string.' });
};

const anyString: Check = (value, path, issues) => {
  if (typeof value !== 'string') issues.push({ path, message: 'Expected a string.' });
};

const positiveInteger: Check = (value, path, issues) => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0)
    issues.push({ path, message: 'Expected a positive whole number.' });
};

const boolean: Check = (value, path, issues) => {
  if (typeof value !== 'boolean') issues.push({ path, message: 'Expected true or false.' });
};

const envVarName: Check = (value, path, issues) => {
  if (typeof value !== 'string' || !ENV_VAR_NAME_PATTERN.test(value))
    issues.push({ path, message: 'Expected an environment variable name such as ACME_API_KEY.' });
};

/** An http(s) URL, as `z.url({ protocol: /^https?$/ })` reads one: `http://` or `https://`, then a parseable URL. */
const httpUrl: Check = (value, path, issues) => {
  const trimmed = typeof value === 'string' ? value.trim() : undefined;
  if (trimmed === undefined || !/^https?:\/\//i.test(trimmed) || !URL.canParse(trimmed)) {
    issues.push({ path, message: 'Expected an http:// or https:// URL.' });
  }
};

function oneOf(values: readonly string[]): Check {
  return (value, path, issues) => {
    if (typeof value !== 'string' || !values.includes(value))
      issues.push({ path, message: `Expected one of: ${values.join(', ')}.` });
  };
}

function arrayOf(item: Check, options: { readonly nonEmpty?: boolean } = {}): Check {
  return (value, path, issues) => {
    if (!Array.isArray(value)) {
      issues.push({ path, message: 'Expected a list.' });
      return;
    }
    if (options.nonEmpty && value.length === 0) issues.push({ path, message: 'Expected at least one item.' });
    for (const [index, element] of value.entries()) item(element, [...path, index], issues);
  };
}

/** An object whose listed keys are optional and checked; other keys are kept (like `z.looseObject`). */
function looseObject(shape: Readonly<Record<string, Check>>): Check {
  const check: Check = (value, path, issues) => {
    if (!isObject(value)) {
      issues.push({ path, message: 'Expected a table.' });
      return;
    }
    for (const key of Object.keys(shape)) {
      const field = value[key];
      if (field !== undefined) (shape[key] as Check)(field, [...path, key], issues);
    }
  };
  return Object.assign(check, { shape });
}

function recordOf(item: Check): Check {
  const check: Check = (value, path, issues) => {
    if (!isPlainObject(value)) {
      issues.push({ path, message: 'Expected a table of tables.' });
      return;
    }
    for (const key of Object.keys(value)) item(value[key], [...path, key], issues);
  };
  return Object.assign(check, { item });
}

const reasoningLevel = oneOf(REASONING_LEVELS);
const preference = oneOf(ROUTE_PREFERENCES);
const nonEmptyStrings = arrayOf(nonEmptyString);

const providerTable = looseObject({
  model: nonEmptyString,
  base_url: httpUrl,
  endpoint: nonEmptyString,
  api_key: nonEmptyString,
  api_key_env: envVarName,
  api_key_command: arrayOf(nonEmptyString, { nonEmpty: true }),
  auth_mode: oneOf(AUTH_MODES),
  context_window: positiveInteger,
  max_output: positiveInteger,
  custom_models: nonEmptyStrings,
  reasoning: reasoningLevel,
  fallback: nonEmptyStrings,
});

const roleTable = looseObject({
  provider: nonEmptyString,
  model: nonEmptyString,
  purpose: nonEmptyString,
  requires: arrayOf(oneOf(CAPABILITY_NAMES)),
  min_context: positiveInteger,
  prefer: preference,
  reasoning: reasoningLevel,
  allow_providers: nonEmptyStrings,
});

const userConfig = looseObject({
  $schema: anyString,
  provider: nonEmptyString,
  model: nonEmptyString,
  base_url: httpUrl,
  reasoning: reasoningLevel,
  fallback: nonEmptyStrings,
  providers: recordOf(providerTable),
  roles: recordOf(roleTable),
  routing: looseObject({ prefer: preference, allow_providers: nonEmptyStrings, cost_saving: boolean }),
  receipts: looseObject({
    dir: nonEmptyString,
    keep_days: positiveInteger,
    max_bytes: positiveInteger,
    hash_request_body: boolean,
  }),
});

/** Every problem in a user config (empty when `userConfigSchema` would accept it). Never quotes a value. */
export function userConfigIssues(value: unknown): readonly UserConfigIssue[] {
  const issues: UserConfigIssue[] = [];
  userConfig(value, [], issues);
  return issues;
}

/**
 * Keys of a config that no schema knows (e.g. `[providers.acme] contxt_window`), as path segments. They are kept, never
 * dropped: a host warns about them.
 */
export function unknownUserConfigKeys(value: unknown): string[][] {
  const out: string[][] = [];
  const walk = (check: Check, node: unknown, path: readonly string[]): void => {
    if (check.shape && isObject(node)) {
      for (const [key, child] of Object.entries(node)) {
        const known = Object.hasOwn(check.shape, key) ? check.shape[key] : undefined;
        if (known) walk(known, child, [...path, key]);
        else out.push([...path, key]);
      }
    } else if (check.item && isPlainObject(node)) {
      for (const [key, child] of Object.entries(node)) walk(check.item, child, [...path, key]);
    }
  };
  walk(userConfig, value, []);
  return out;
}

/** The known keys of each table, for tests that hold them equal to the zod schema's. @internal */
export const USER_CONFIG_SHAPES = {
  root: Object.keys(userConfig.shape ?? {}),
  provider: Object.keys(providerTable.shape ?? {}),
  role: Object.keys(roleTable.shape ?? {}),
  routing: Object.keys(userConfig.shape?.routing?.shape ?? {}),
  receipts: Object.keys(userConfig.shape?.receipts?.shape ?? {}),
} as const;
