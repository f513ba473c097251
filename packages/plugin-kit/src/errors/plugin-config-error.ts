import { CodewhaleError } from '@codewhale/core';

const marker = Symbol.for('codewhale.error.plugin-config');

/**
 * A plugin setting a plugin factory cannot honour: which plugin, which setting, the plugin's own stable code, and a
 * message that says the fix. Make one with {@link pluginConfigError}.
 */
export class PluginConfigError<Code extends string = string> extends CodewhaleError {
  readonly [marker] = true;
  /** The plugin's own stable code (e.g. `OLLAMA_NON_LOOPBACK_BASE_URL`): hosts switch on it. */
  declare readonly code: Code;
  /** The plugin as named in the message, e.g. `ollama` or `openai-compatible:lmstudio` for one instance of a factory. */
  readonly pluginId: string;
  /** The setting at fault, e.g. `baseUrl`. */
  readonly option: string;

  constructor(pluginId: string, code: Code, option: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = 'PluginConfigError';
    this.pluginId = pluginId;
    this.option = option;
  }

  /** True for a `PluginConfigError` from any copy of this package (whichever plugin threw it). */
  static override isInstance(value: unknown): value is PluginConfigError {
    return CodewhaleError.hasMarker(value, marker);
  }
}

/**
 * The error a plugin factory throws for a setting it cannot honour; the message is `[pluginId] <fix>`.
 * @example
 * throw pluginConfigError('ollama', 'baseUrl', OLLAMA_ERROR_CODES.NON_LOOPBACK_BASE_URL, 'settings.baseUrl must be a loopback address.');
 */
export function pluginConfigError<Code extends string>(
  pluginId: string,
  option: string,
  code: Code,
  fix: string,
  options?: { cause?: unknown },
): PluginConfigError<Code> {
  return new PluginConfigError(pluginId, code, option, `[${pluginId}] ${fix}`, options);
}
