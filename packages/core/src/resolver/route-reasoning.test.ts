import { describe, expect, it } from 'vitest';
import { offering, plugin, profile } from '../__fixtures__/synthetic-plugins.js';
import type { InputSource, RouteCapabilities, RouteCapability, RouteEndpoint } from '../candidate/route-facts.js';
import type { ReasoningContext, ReasoningMapping, ReasoningPart } from '../plugin/plugin-types.js';
import { createRegistry } from '../registry/create-registry.js';
import type { RegisteredProvider } from '../registry/registry-types.js';
import type { ReasoningLevel } from '../schema/constants.js';
import { MessageList } from './resolver-context.js';
import { routeReasoning } from './route-reasoning.js';

const officialEndpoint: RouteEndpoint = {
  baseUrl: 'https://api.acme.example.test/v1',
  key: 'chat',
  protocol: 'chat-completions',
  official: true,
  headers: { 'x-acme-version': '2026-01-01' },
};

/** The Acme provider, with the given reasoning dialect (none when omitted). */
function acme(reasoning?: ReasoningPart): RegisteredProvider {
  const acmePlugin = plugin('acme', {
    descriptorOverrides: { displayName: 'Acme' },
    offerings: [offering('acme-1', 'acme/one')],
    models: [profile('acme-1')],
    ...(reasoning ? { reasoning } : {}),
  });
  return createRegistry({ plugins: [acmePlugin] }).provider('acme');
}

/** A dialect that maps every level through `map`, recording what it was asked. */
function recording(map: (level: ReasoningLevel) => ReasoningMapping) {
  const calls: { level: ReasoningLevel; context: ReasoningContext }[] = [];
  const dialect: ReasoningPart = {
    map(level, context) {
      calls.push({ level, context });
      return map(level);
    },
  };
  return { dialect, calls };
}

const echo = (level: ReasoningLevel): ReasoningMapping => ({ level, params: { effort: level } });

function capabilities(reasoning: RouteCapability['state']): RouteCapabilities {
  return {
    reasoning: { state: reasoning },
    tools: { state: 'unknown' },
    json: { state: 'unknown' },
    streaming: { state: 'unknown' },
    vision: { state: 'unknown' },
  };
}

/** Ask `provider` for `level` on its official endpoint, model acme/one; the result and the messages it added. */
function ask(
  provider: RegisteredProvider,
  level: ReasoningLevel,
  options: { source?: InputSource; reasoning?: RouteCapability['state']; endpoint?: RouteEndpoint } = {},
) {
  const messages = new MessageList();
  const reasoning = routeReasoning({
    asked: { value: level, source: options.source ?? 'request', detail: `reasoning "${level}" was asked.` },
    provider,
    offering: provider.offerings[0],
    wireModelId: 'acme/one',
    endpoint: options.endpoint ?? officialEndpoint,
    capabilities: capabilities(options.reasoning ?? 'yes'),
    messages,
  });
  return { reasoning, messages: messages.all };
}

describe('routeReasoning on a model without a reasoning mode', () => {
  it('runs the route with reasoning off when another level is asked, and warns', () => {
    const { dialect, calls } = recording(echo);
    const { reasoning, messages } = ask(acme(dialect), 'high', { source: 'role', reasoning: 'no' });
    expect(calls.map((call) => call.level)).toStrictEqual(['off']);
    expect(reasoning).toStrictEqual({ requested: 'high', applied: 'off', source: 'role', params: { effort: 'off' } });
    expect(messages).toStrictEqual([
      {
        level: 'warning',
        code: 'reasoning-clamped',
        message: 'Reasoning "high" was asked, but this model has no reasoning mode; it runs with reasoning off.',
      },
    ]);
  });

  it('sends "off" without a warning when "off" is asked', () => {
    const { dialect, calls } = recording(echo);
    const { reasoning, messages } = ask(acme(dialect), 'off', { reasoning: 'no' });
    expect(calls.map((call) => call.level)).toStrictEqual(['off']);
    expect(reasoning).toStrictEqual({ requested: 'off', applied: 'off', source: 'request', params: { effort: 'off' } });
    expect(messages).toStrictEqual([]);
  });

  it('keeps the asked level when the model may have a reasoning mode', () => {
    for (const state of ['yes', 'unknown'] as const) {
      const { dialect, calls } = recording(echo);
      const { reasoning, messages } = ask(acme(dialect), 'medium', { reasoning: state });
      expect(calls.map((call) => call.level)).toStrictEqual(['medium']);
      expect(reasoning.applied).toBe('medium');
      expect(messages).toStrictEqual([]);
    }
  });
});

describe('routeReasoning and the provider dialect', () => {
  it('tells the dialect the wire model id, the endpoint without its headers, and the offering', () => {
    const { dialect, calls } = recording(echo);
    const provider = acme(dialect);
    ask(provider, 'low');
    expect(calls).toStrictEqual([
      {
        level: 'low',
        context: {
          wireModelId: 'acme/one',
          offering: provider.offerings[0],
          endpoint: {
            key: 'chat',
            baseUrl: 'https://api.acme.example.test/v1',
            official: true,
            protocol: 'chat-completions',
          },
        },
      },
    ]);
    expect(calls[0]?.context.offering?.wireId).toBe('acme/one');
  });

  it("withholds the offering from the dialect on a custom endpoint (the catalog's facts are the official one's)", () => {
    const { dialect, calls } = recording(echo);
    const custom = { ...officialEndpoint, baseUrl: 'https://proxy.example.test/v1', official: false };
    ask(acme(dialect), 'low', { endpoint: custom });
    expect(calls[0]?.context).toStrictEqual({
      wireModelId: 'acme/one',
      offering: undefined,
      endpoint: {
        key: 'chat',
        baseUrl: 'https://proxy.example.test/v1',
        official: false,
        protocol: 'chat-completions',
      },
    });
  });

  it('sends what the dialect maps, without a message, when nothing is clamped and there is no note', () => {
    const { reasoning, messages } = ask(acme(recording(echo).dialect), 'high', { source: 'config-provider' });
    expect(reasoning).toStrictEqual({
      requested: 'high',
      applied: 'high',
      source: 'config',
      params: { effort: 'high' },
    });
    expect(messages).toStrictEqual([]);
  });

  it('passes on a note as information when nothing is clamped', () => {
    const noted = recording((level) => ({ level, params: {}, note: 'support depends on the upstream provider' }));
    const { messages } = ask(acme(noted.dialect), 'high');
    expect(messages).toStrictEqual([
      {
        level: 'info',
        code: 'reasoning-note',
        message: 'Reasoning "high" at Acme: support depends on the upstream provider',
      },
    ]);
  });

  it('warns with the asked level and the note when the dialect clamps', () => {
    const clamps = recording((level) =>
      level === 'max' ? { level: 'high', clampedFrom: 'max', params: {}, note: 'Acme stops at high' } : echo(level),
    );
    const { reasoning, messages } = ask(acme(clamps.dialect), 'max');
    expect(reasoning).toStrictEqual({ requested: 'max', applied: 'high', source: 'request', params: {} });
    expect(messages).toStrictEqual([
      {
        level: 'warning',
        code: 'reasoning-clamped',
        message: 'Reasoning "max" is sent to Acme as "high": Acme stops at high.',
      },
    ]);
  });

  it('warns, naming the asked level, when the dialect applies another level without saying it clamped', () => {
    const silent = recording((level) =>
      level === 'max' ? { level: 'high', params: { effort: 'high' } } : echo(level),
    );
    const { reasoning, messages } = ask(acme(silent.dialect), 'max');
    expect(reasoning.applied).toBe('high');
    expect(messages).toStrictEqual([
      { level: 'warning', code: 'reasoning-clamped', message: 'Reasoning "max" is sent to Acme as "high".' },
    ]);
  });

  it('warns when the dialect reports a clamp at the asked level (e.g. "off" cannot be switched off)', () => {
    const stuck = recording((level) =>
      level === 'off'
        ? { level: 'off', clampedFrom: 'off', params: {}, note: 'this model always reasons a little' }
        : echo(level),
    );
    const { messages } = ask(acme(stuck.dialect), 'off');
    expect(messages).toStrictEqual([
      {
        level: 'warning',
        code: 'reasoning-clamped',
        message: 'Reasoning "off" is sent to Acme as "off": this model always reasons a little.',
      },
    ]);
  });

  it("falls back to the provider's default with a warning when the dialect throws", () => {
    const failing = recording(() => {
      throw new Error('no such control');
    });
    const { reasoning, messages } = ask(acme(failing.dialect), 'medium', { source: 'purpose' });
    expect(reasoning).toStrictEqual({
      requested: 'medium',
      applied: 'provider-default',
      source: 'purpose',
      params: {},
    });
    expect(messages).toStrictEqual([
      {
        level: 'warning',
        code: 'reasoning-error',
        message: 'Acme\'s reasoning mapping failed for "medium"; the provider\'s default applies.',
      },
    ]);
  });
});
