import { pluginConfigError } from '../errors/plugin-config-error.js';

/** How {@link reasoningDialectsSetting} names the plugin, the setting and the dialects it knows in its errors. */
export interface ReasoningDialectsRule<Dialect extends string> {
  /** The plugin as named in messages, e.g. `vllm`. */
  readonly pluginId: string;
  /** The setting, default `reasoningDialects`. */
  readonly option?: string;
  /** Every dialect the plugin can map. */
  readonly dialects: readonly Dialect[];
  /** The plugin's own stable code for a dialect it does not know. */
  readonly code: string;
}

/**
 * A plugin's served name → reasoning dialect setting (for names the user chose with `--served-model-name`), checked
 * against the dialects the plugin knows: a copy keyed by served name, or a `PluginConfigError` with the plugin's code.
 * @example
 * const dialects = reasoningDialectsSetting(settings.reasoningDialects, { pluginId: 'vllm', dialects: VLLM_REASONING_DIALECTS, code: VLLM_ERROR_CODES.INVALID_REASONING_DIALECT });
 */
export function reasoningDialectsSetting<Dialect extends string>(
  value: Readonly<Record<string, Dialect>> | undefined,
  rule: ReasoningDialectsRule<Dialect>,
): ReadonlyMap<string, Dialect> {
  const option = rule.option ?? 'reasoningDialects';
  const dialects = new Map<string, Dialect>();
  for (const [name, dialect] of Object.entries(value ?? {})) {
    if (!(rule.dialects as readonly string[]).includes(dialect)) {
      throw pluginConfigError(
        rule.pluginId,
        option,
        rule.code,
        `settings.${option}["${name}"] is ${JSON.stringify(dialect)}; use one of ${rule.dialects.join(', ')}.`,
      );
    }
    dialects.set(name, dialect);
  }
  return dialects;
}
