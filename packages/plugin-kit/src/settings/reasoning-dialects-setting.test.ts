import { describe, expect, it } from 'vitest';
import { PluginConfigError } from '../errors/plugin-config-error.js';
import { reasoningDialectsSetting } from './reasoning-dialects-setting.js';

const rule = {
  pluginId: 'acme',
  dialects: ['qwen3', 'gpt-oss', 'acme-default'] as const,
  code: 'ACME_INVALID_REASONING_DIALECT',
};

describe('reasoningDialectsSetting', () => {
  it('copies known dialects by served name, byte-for-byte, and takes no setting as none', () => {
    const input = { 'my-qwen': 'qwen3', 'My-Qwen': 'gpt-oss' } as const;
    const dialects = reasoningDialectsSetting(input, rule);
    expect([...dialects]).toEqual([
      ['my-qwen', 'qwen3'],
      ['My-Qwen', 'gpt-oss'],
    ]);
    expect(dialects).not.toBe(input);
    expect(reasoningDialectsSetting(undefined, rule).size).toBe(0);
  });

  it('refuses an unknown dialect with the plugin code, naming the served name and the dialects it knows', () => {
    let caught: unknown;
    try {
      reasoningDialectsSetting({ 'my-model': 'qwen-3' as 'qwen3' }, rule);
    } catch (error) {
      caught = error;
    }
    expect(PluginConfigError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({
      code: 'ACME_INVALID_REASONING_DIALECT',
      option: 'reasoningDialects',
      pluginId: 'acme',
      message: '[acme] settings.reasoningDialects["my-model"] is "qwen-3"; use one of qwen3, gpt-oss, acme-default.',
    });
  });
});
