import { CodewhaleError } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { PluginConfigError, pluginConfigError } from './plugin-config-error.js';
import { ProviderHttpError } from './provider-http-error.js';

describe('pluginConfigError', () => {
  it('makes a PluginConfigError with the plugin code, the setting and a message that names the plugin', () => {
    const cause = new Error('zod says no');
    const error = pluginConfigError('acme', 'meter', 'ACME_INVALID_METER', 'settings.meter is not a usage meter.', {
      cause,
    });
    expect(error).toMatchObject({
      name: 'PluginConfigError',
      code: 'ACME_INVALID_METER',
      pluginId: 'acme',
      option: 'meter',
      message: '[acme] settings.meter is not a usage meter.',
      cause,
    });
    expect(error).toBeInstanceOf(PluginConfigError);
  });

  it('isInstance recognises it by its marker (any copy of plugin-kit) and nothing else', () => {
    const error = pluginConfigError('acme', 'baseUrl', 'ACME_X', 'fix.');
    expect(PluginConfigError.isInstance(error)).toBe(true);
    expect(CodewhaleError.isInstance(error)).toBe(true);
    expect(ProviderHttpError.isInstance(error)).toBe(false);
    expect(PluginConfigError.isInstance(new CodewhaleError('ACME_X', 'x'))).toBe(false);
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('codewhale.error')]: true,
      [Symbol.for('codewhale.error.plugin-config')]: true,
    });
    expect(PluginConfigError.isInstance(foreign)).toBe(true);
  });
});
