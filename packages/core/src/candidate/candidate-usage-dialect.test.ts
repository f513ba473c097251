import { describe, expect, it } from 'vitest';
import { plugin } from '../__fixtures__/synthetic-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import { createRouteResolver } from '../resolver/create-route-resolver.js';
import { providerDescriptorSchema } from '../schema/provider-descriptor.js';
import { usageDialectOf } from '../usage/usage-dialect-of.js';

const acme = plugin('acme', {
  descriptorOverrides: {
    endpoints: {
      chat: { baseUrl: 'https://api.acme.example.test/v1', protocol: 'chat-completions', usageDialect: 'deepseek' },
      messages: { baseUrl: 'https://api.acme.example.test/anthropic', protocol: 'anthropic-messages' },
      plain: { baseUrl: 'https://plain.acme.example.test/v1', protocol: 'chat-completions' },
      rpc: { baseUrl: 'https://rpc.acme.example.test', protocol: 'acme-rpc' },
    },
  },
});
const resolver = createRouteResolver({
  registry: createRegistry({ plugins: [acme] }),
  protocols: ['chat-completions', 'anthropic-messages', 'acme-rpc'],
});

function dialectOf(request: Parameters<typeof resolver.resolve>[0]): unknown {
  const result = resolver.resolve(request);
  if (!result.ok) throw new Error(result.error.message);
  return result.candidate.usageDialect;
}

describe('the candidate carries its endpoint usage dialect', () => {
  it("the plugin's dialect, else the protocol default, else none", () => {
    expect(dialectOf({ provider: 'acme', model: 'm' })).toBe('deepseek');
    expect(dialectOf({ provider: 'acme', model: 'm', baseUrl: 'https://api.acme.example.test/anthropic' })).toBe(
      'anthropic-messages',
    );
    expect(dialectOf({ provider: 'acme', model: 'm', baseUrl: 'https://plain.acme.example.test/v1' })).toBe(
      'openai-chat',
    );
    expect(dialectOf({ provider: 'acme', model: 'm', baseUrl: 'https://rpc.acme.example.test' })).toBeUndefined();
  });

  it('a custom base URL keeps the dialect of the endpoint it stands in for', () => {
    expect(dialectOf({ provider: 'acme', model: 'm', baseUrl: 'https://proxy.example.test/v1' })).toBe('deepseek');
  });

  it('is immutable, like the rest of the candidate', () => {
    const result = resolver.resolve({ provider: 'acme', model: 'm' });
    if (!result.ok) throw new Error(result.error.message);
    expect(() => {
      (result.candidate as unknown as { usageDialect: string }).usageDialect = 'responses';
    }).toThrow(TypeError);
    expect(() => {
      (result.candidate.toJSON() as { usageDialect?: string }).usageDialect = 'responses';
    }).toThrow(TypeError);
    expect(result.candidate.usageDialect).toBe('deepseek');
  });
});

describe('endpoint usageDialect in the descriptor schema', () => {
  it('accepts the known dialects and rejects others', () => {
    const withDialect = (usageDialect: unknown) =>
      providerDescriptorSchema.safeParse({
        ...acme.descriptor,
        endpoints: {
          chat: { baseUrl: 'https://api.acme.example.test/v1', protocol: 'chat-completions', usageDialect },
        },
      }).success;
    for (const dialect of [
      'openai-chat',
      'deepseek',
      'together',
      'sglang',
      'ollama-native',
      'anthropic-messages',
      'responses',
    ])
      expect(withDialect(dialect)).toBe(true);
    expect(withDialect('openai')).toBe(false);
    expect(withDialect(3)).toBe(false);
  });

  it('usageDialectOf: declared dialect, protocol default, or undefined', () => {
    expect(usageDialectOf({ protocol: 'chat-completions' })).toBe('openai-chat');
    expect(usageDialectOf({ protocol: 'completions' })).toBe('openai-chat');
    expect(usageDialectOf({ protocol: 'responses' })).toBe('responses');
    expect(usageDialectOf({ protocol: 'chat-completions', usageDialect: 'together' })).toBe('together');
    expect(usageDialectOf({ protocol: 'acme-rpc' })).toBeUndefined();
    expect(usageDialectOf({ protocol: 'toString' })).toBeUndefined();
    expect(usageDialectOf({ protocol: 'chat-completions', usageDialect: 'bogus' as never })).toBeUndefined();
  });
});
