import { unknownUserConfigKeys, userConfigSchema } from '@codewhale/core';
import { formatConfigKey } from './config-key-format.js';

export { formatConfigKey };

// Walks the zod shapes of @codewhale/core's config schemas, so the known keys live in one place: the schema.
interface ZodLike {
  readonly _zod: { readonly def: unknown };
}
interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, ZodLike>>;
  readonly innerType?: ZodLike;
  readonly valueType?: ZodLike;
  readonly element?: ZodLike;
  readonly format?: string;
  readonly entries?: Readonly<Record<string, string>>;
}

function defOf(schema: ZodLike): Def {
  let def = schema._zod.def as Def;
  // Optional, default and nullable wrappers do not change which keys exist.
  while (
    (def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') &&
    def.innerType
  )
    def = def.innerType._zod.def as Def;
  return def;
}

/**
 * Keys of a parsed config that the config schema does not know (e.g. `[providers.vllm] contxt_window`), as path
 * segments (core's `unknownUserConfigKeys`, which a test holds to the zod schema's keys).
 */
export const unknownConfigKeys = unknownUserConfigKeys;

/** What kind of value a config key takes, for tools that write one from text (`codewhale-route config set`). */
export type ConfigValueKind = 'string' | 'url' | 'number' | 'boolean' | 'string-list' | 'enum';

/** A writable leaf key of the config schema: its kind, the allowed values of an enum, and its description. */
export interface ConfigKeyInfo {
  readonly kind: ConfigValueKind;
  /** Allowed values (`enum` keys, and lists of enum values). */
  readonly values?: readonly string[];
  readonly description?: string;
}

function describeLeaf(schema: ZodLike): ConfigKeyInfo | undefined {
  const def = defOf(schema);
  const description = (schema as unknown as { description?: string }).description;
  const extra = description ? { description } : {};
  switch (def.type) {
    case 'string':
      return { kind: def.format === 'url' ? 'url' : 'string', ...extra };
    case 'number':
      return { kind: 'number', ...extra };
    case 'boolean':
      return { kind: 'boolean', ...extra };
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries ?? {}), ...extra };
    case 'array': {
      const element = def.element ? defOf(def.element) : undefined;
      if (element?.type === 'string') return { kind: 'string-list', ...extra };
      if (element?.type === 'enum')
        return { kind: 'string-list', values: Object.values(element.entries ?? {}), ...extra };
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The schema of one leaf key (`provider`, `providers.<id>.base_url`, `roles.<name>.requires`, `routing.prefer`), or
 * `undefined` when the schema has no such writable key. Record segments (`<id>`, `<name>`) accept any name.
 */
export function configKeyInfo(segments: readonly string[]): ConfigKeyInfo | undefined {
  let schema = userConfigSchema as unknown as ZodLike;
  for (const segment of segments) {
    const def = defOf(schema);
    if (def.type === 'object' && def.shape && Object.hasOwn(def.shape, segment)) schema = def.shape[segment] as ZodLike;
    else if (def.type === 'record' && def.valueType) schema = def.valueType;
    else return undefined;
  }
  return describeLeaf(schema);
}

/** Every writable leaf key of the config schema, with `<id>`/`<name>` standing for record keys (for help texts). */
export function knownConfigKeys(): string[] {
  const out: string[] = [];
  const visit = (schema: ZodLike, path: string[], placeholder: string) => {
    const def = defOf(schema);
    if (def.type === 'object' && def.shape) {
      for (const [key, child] of Object.entries(def.shape))
        visit(child, [...path, key], key === 'providers' ? '<id>' : '<name>');
    } else if (def.type === 'record' && def.valueType) {
      visit(def.valueType, [...path, placeholder], placeholder);
    } else if (describeLeaf(schema) && path[path.length - 1] !== '$schema') {
      out.push(path.join('.'));
    }
  };
  visit(userConfigSchema as unknown as ZodLike, [], '<name>');
  return out;
}
