import { describe, expect, it } from 'vitest';
import { providerLikePlugins } from '../__fixtures__/provider-like-plugins.js';
import { offering, plugin, profile } from '../__fixtures__/synthetic-plugins.js';
import { CodewhaleError } from '../errors/codewhale-error.js';
import { createRegistry } from '../registry/create-registry.js';
import type { UserConfig } from '../schema/user-config.js';
import { createRouteResolver, type RouteResolverOptions } from './create-route-resolver.js';
import type { LiveSnapshot } from './live-snapshot.js';
import type { RouteRequest } from './route-request.js';

// What the resolver tells the user besides the route: its errors and validation messages each say what is wrong and
// what to change.

const registry = createRegistry({ plugins: providerLikePlugins });
type Options = Omit<RouteResolverOptions, 'registry'>;

function resolve(request: RouteRequest, options: Options = {}) {
  return createRouteResolver({ registry, ...options }).resolve(request);
}

function route(request: RouteRequest, options: Options = {}) {
  const result = resolve(request, options);
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

function failure(request: RouteRequest, options: Options = {}) {
  const result = resolve(request, options);
  if (result.ok) throw new Error(`expected an error, got ${result.candidate.toString()}`);
  return result.error;
}

describe('errors name the fix', () => {
  it('an unknown role lists the roles the config defines, or says it defines none', () => {
    const config: UserConfig = { roles: { summary: { model: 'auto' }, review: { model: 'auto' } } };
    expect(failure({ provider: 'together', role: 'plan' }, { config })).toEqual({
      kind: 'invalid-request',
      message: 'Unknown role "plan". Roles in your config: summary, review.',
      details: { field: 'role', value: 'plan' },
    });
    expect(failure({ provider: 'together', role: 'plan' }).message).toBe(
      'Unknown role "plan". Your config defines no [roles.<name>] tables.',
    );
  });

  it('a protocol the host cannot send names the endpoint and the protocols it can', () => {
    expect(
      failure(
        { provider: 'deepseek', model: 'deepseek-v4-pro' },
        {
          config: { providers: { deepseek: { endpoint: 'anthropic' } } },
          protocols: ['chat-completions', 'responses'],
        },
      ),
    ).toEqual({
      kind: 'unsupported-protocol',
      message:
        'DeepSeek\'s anthropic endpoint speaks "anthropic-messages", which this host cannot send. Supported: chat-completions, responses.',
      details: { protocol: 'anthropic-messages' },
    });
  });

  it('an invalid config is a CONFIG_INVALID error listing each problem with its path', () => {
    const build = (config: unknown) => () => createRouteResolver({ registry, config: config as UserConfig });
    expect(build({ providers: { together: { auth_mode: 'sometimes' } } })).toThrowError(
      /^The config does not match the config schema:\n- providers\.together\.auth_mode: /,
    );
    expect(build(42)).toThrowError(/^The config does not match the config schema:\n- \(root\): /);
    try {
      build({ reasoning: 'extreme', routing: { prefer: 'vibes' } })();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CodewhaleError);
      expect((error as CodewhaleError).code).toBe('CONFIG_INVALID');
      expect(
        (error as Error).message
          .split('\n')
          .slice(1)
          .map((line) => line.split(':')[0]),
      ).toEqual(['- reasoning', '- routing.prefer']);
    }
  });
});

describe('validation messages on a route', () => {
  it('warns when the route has less context than the request needs, with both numbers', () => {
    const candidate = route({ provider: 'together', model: 'openai/gpt-oss-120b', contextTokens: 2_000_000 });
    const window = candidate.limits.contextWindow.value as number;
    expect(candidate.validation.messages).toContainEqual({
      level: 'warning',
      code: 'context-too-small',
      message: `You need 2,000,000 tokens of context; this route has ${window.toLocaleString('en-US')}.`,
    });
    const enough = route({ provider: 'together', model: 'openai/gpt-oss-120b', contextTokens: window });
    expect(enough.validation.messages.map((message) => message.code)).not.toContain('context-too-small');
  });

  it('warns about each requirement an explicitly named model does not meet (auto never picks such a model)', () => {
    const config: UserConfig = { roles: { look: { requires: ['vision'] } } };
    const candidate = route(
      { provider: 'together', model: 'moonshotai/Kimi-K2.6', role: 'look', requires: ['vision', 'tools'] },
      { config },
    );
    const unmet = candidate.validation.messages.filter((message) => message.code === 'requirement-unmet');
    expect(unmet.map((message) => message.message)).toEqual([
      `You require vision, and this route's vision capability is ${candidate.capabilities.vision.state}.`,
      `You require tools, and this route's tools capability is ${candidate.capabilities.tools.state}.`,
    ]);
    expect(unmet.every((message) => message.level === 'warning')).toBe(true);
    const met = route({ provider: 'deepseek', model: 'deepseek-v4-pro', requires: ['tools'] });
    expect(met.capabilities.tools.state).toBe('yes');
    expect(met.validation.messages.map((message) => message.code)).not.toContain('requirement-unmet');
  });

  it("says which model a runtime's listing recognised a pass-through tag as", () => {
    const live: LiveSnapshot = {
      model: (_provider, _url, wire) => ({
        record: { id: wire, canonicalModel: 'gpt-oss-120b' },
        fetchedAt: '2026-11-21T08:00:00Z',
        fresh: true,
      }),
      listing: () => undefined,
    };
    const candidate = route({ provider: 'vllm', model: 'qwen-local' }, { live });
    expect(candidate.canonicalModel).toBe('gpt-oss-120b');
    expect(candidate.validation.messages).toContainEqual({
      level: 'info',
      code: 'recognised-by-listing',
      message: 'vLLM\'s listing identifies "qwen-local" as gpt-oss-120b; its model profile facts apply.',
    });
  });
});

describe("an offering served on another of its provider's endpoints", () => {
  const twoEndpoints = createRegistry({
    plugins: [
      plugin('alpha', {
        descriptorOverrides: {
          endpoints: {
            chat: { baseUrl: 'https://api.alpha.example.test/v1', protocol: 'chat-completions' },
            messages: { baseUrl: 'https://messages.alpha.example.test', protocol: 'anthropic-messages' },
          },
        },
        models: [profile('m')],
        offerings: [offering('m', 'm-on-messages', { endpoint: 'messages' })],
      }),
    ],
  });
  const resolver = createRouteResolver({ registry: twoEndpoints });

  it("moves an unpinned route to the offering's endpoint", () => {
    const result = resolver.resolve({ provider: 'alpha', model: 'm-on-messages' });
    expect(result.ok && result.candidate.endpoint).toMatchObject({
      key: 'messages',
      baseUrl: 'https://messages.alpha.example.test',
      official: true,
    });
    expect(result.ok && result.candidate.decisions.endpoint.detail).toBe("alpha's official messages endpoint.");
  });

  it('keeps a pinned base URL and warns that the offering is served elsewhere', () => {
    const result = resolver.resolve({
      provider: 'alpha',
      model: 'm-on-messages',
      baseUrl: 'https://api.alpha.example.test/v1',
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.candidate.endpoint.key).toBe('chat');
    expect(result.candidate.validation.messages).toContainEqual({
      level: 'warning',
      code: 'endpoint-mismatch',
      message:
        "m-on-messages is served on alpha's messages endpoint, but you pinned https://api.alpha.example.test/v1.",
    });
  });
});
