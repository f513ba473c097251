import { describe, expect, it } from 'vitest';
import { envCredentials, providerLikePlugins } from '../__fixtures__/provider-like-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import { createRouteResolver } from '../resolver/create-route-resolver.js';
import type { RouteRequest } from '../resolver/route-request.js';
import type { UsageMeter } from '../schema/usage-meter.js';
import type { UserConfig } from '../schema/user-config.js';
import { type FormatExplanationOptions, formatRouteExplanation } from './format-route-explanation.js';
import { type ExplainedLimit, explainRoute, type RouteExplanation } from './route-explanation.js';

const registry = createRegistry({ plugins: providerLikePlugins });
const credentials = envCredentials(['TOGETHER_API_KEY', 'DEEPSEEK_API_KEY']);

function explain(request: RouteRequest, config?: UserConfig): RouteExplanation {
  const result = createRouteResolver({ registry, credentials, ...(config ? { config } : {}) }).resolve(request);
  if (!result.ok) throw new Error(result.error.message);
  return explainRoute(result.candidate);
}

const lines = (explanation: RouteExplanation, options?: FormatExplanationOptions) =>
  formatRouteExplanation(explanation, options).split('\n');

/** The rows from `cost` up to (not including) `reasoning`: the meter's head line and its indented details. */
function costLines(meter: UsageMeter): string[] {
  const all = lines(
    { ...explain({ provider: 'together', model: 'moonshotai/Kimi-K2.6' }), meter },
    { decisions: false },
  );
  return all.slice(
    all.findIndex((line) => line.startsWith('cost ')),
    all.findIndex((line) => line.startsWith('reasoning ')),
  );
}

function limitLines(contextWindow: ExplainedLimit, maxOutput: ExplainedLimit): string[] {
  const base = explain({ provider: 'together', model: 'moonshotai/Kimi-K2.6' });
  return lines({ ...base, limits: { contextWindow, maxOutput } }, { decisions: false }).filter(
    (line) => line.startsWith('context ') || line.startsWith('max output '),
  );
}

const docs = 'https://docs.example.test/pricing';

describe('formatRouteExplanation: the model, endpoint and capability rows', () => {
  it('shows the bare model when the wire id is the same', () => {
    expect(lines(explain({ provider: 'deepseek', model: 'deepseek-v4-pro' }))).toContain(
      'model         deepseek-v4-pro',
    );
  });

  it('says a model outside the catalog is sent unchanged, and its unknown capabilities read "?"', () => {
    const text = lines(explain({ provider: 'together', model: 'some-lab/Unlisted-Model' }));
    expect(text).toContain('model         some-lab/Unlisted-Model  (sent unchanged: no catalog facts apply)');
    expect(text).toContain('capabilities  reasoning ? · tools ? · json ? · streaming ? · vision ?');
  });

  it('marks a custom endpoint as custom', () => {
    const explanation = explain({
      provider: 'together',
      model: 'moonshotai/Kimi-K2.6',
      baseUrl: 'https://proxy.example.test/v1',
    });
    expect(lines(explanation)).toContain(
      'endpoint      https://proxy.example.test/v1  chat-completions, custom chat endpoint',
    );
  });
});

describe('formatRouteExplanation: limits', () => {
  it('reads an unknown limit as "unknown", with its note in parentheses when there is one', () => {
    const explanation = explain({
      provider: 'together',
      model: 'moonshotai/Kimi-K2.6',
      baseUrl: 'https://proxy.example.test/v1',
    });
    expect(lines(explanation)).toContain(
      'max output    unknown (from the model profile: this custom endpoint may serve the model differently)',
    );
    expect(lines(explain({ provider: 'together', model: 'some-lab/Unlisted-Model' }))).toContain(
      'context       unknown',
    );
  });

  it('names only the source of a limit that has no URL, such as your own override, with its note', () => {
    const explanation = explain(
      { provider: 'together', model: 'moonshotai/Kimi-K2.6' },
      { providers: { together: { context_window: 100_000 } } },
    );
    expect(lines(explanation)).toContain('context       100,000  (user; your config sets context_window)');
  });

  it('ends a known limit with its note, after its source', () => {
    expect(
      limitLines(
        { value: 1_024, source: 'live', note: "reported by the provider's listing, fetched 2026-12-01T10:00:00Z" },
        {
          value: 8_192,
          source: 'offering',
          url: docs,
          retrieved: '2026-05-01',
          kind: 'official',
          uncertain: true,
          note: 'n',
        },
      ),
    ).toStrictEqual([
      "context       1,024  (live; reported by the provider's listing, fetched 2026-12-01T10:00:00Z)",
      'max output    8,192  (offering; official https://docs.example.test/pricing, 2026-05-01, uncertain; n)',
    ]);
  });

  it('calls a linked source "source" when its kind is not known', () => {
    expect(
      limitLines(
        { value: 32_768, source: 'offering', url: docs, retrieved: '2026-05-01' },
        { value: 'unknown', note: 'not published' },
      ),
    ).toStrictEqual([
      'context       32,768  (offering; source https://docs.example.test/pricing, 2026-05-01)',
      'max output    unknown (not published)',
    ]);
  });
});

describe('formatRouteExplanation: the cost rows of each meter', () => {
  it('lists rates, time tiers (multiplier or own rates), free token classes and the verified, uncertain source', () => {
    expect(
      costLines({
        kind: 'token-pricing',
        currency: 'EUR',
        rates: { input: 1, cachedInput: 0.1, output: 4 },
        timeTiers: [
          {
            name: 'peak',
            multiplier: 1.5,
            windows: [{ days: ['mon', 'tue'], start: '09:00', end: '17:00', timezone: 'Europe/Berlin' }],
          },
          {
            name: 'night',
            rates: { input: 0.5, output: 2 },
            windows: [
              { days: ['sat', 'sun'], start: '00:00', end: '23:59', timezone: 'UTC' },
              { days: ['wed'], start: '01:00', end: '05:00', timezone: 'Asia/Shanghai' },
            ],
          },
        ],
        freeTokenClasses: ['cacheWrite', 'reasoning'],
        source: { url: docs, retrieved: '2026-01-10', verified: '2026-02-20', kind: 'third-party', uncertain: true },
      }),
    ).toStrictEqual([
      'cost          token pricing, EUR per million tokens: input 1 · cached input 0.1 · output 4',
      '              peak: ×1.5 (mon,tue 09:00-17:00 Europe/Berlin)',
      '              night: own rates (sat,sun 00:00-23:59 UTC; wed 01:00-05:00 Asia/Shanghai)',
      '              not charged: cache write, reasoning',
      '              source: third-party https://docs.example.test/pricing, 2026-02-20, uncertain',
    ]);
  });

  it('says "no rates" when token pricing prices no class', () => {
    expect(
      costLines({
        kind: 'token-pricing',
        currency: 'USD',
        rates: {},
        freeTokenClasses: ['input', 'output'],
        source: { url: docs, retrieved: '2026-01-10', kind: 'official' },
      }),
    ).toStrictEqual([
      'cost          token pricing, USD per million tokens: no rates',
      '              not charged: input, output',
      '              source: official https://docs.example.test/pricing, 2026-01-10',
    ]);
  });

  it("shows a provider's peak-hours multiplier from its catalog", () => {
    expect(lines(explain({ provider: 'deepseek', model: 'deepseek-v4-pro' }))).toContain(
      '              peak: ×2 (mon,tue,wed,thu,fri 01:00-04:00 UTC)',
    );
  });

  it('reads account credits with and without a currency', () => {
    const source = { url: docs, retrieved: '2026-01-10', kind: 'official' } as const;
    expect(costLines({ kind: 'account-credits', currency: 'USD', source })).toStrictEqual([
      'cost          account credits (USD): balance is read live (usage)',
    ]);
    expect(costLines({ kind: 'account-credits', source })).toStrictEqual([
      'cost          account credits: balance is read live (usage)',
    ]);
  });

  it('reads a subscription quota with and without a plan', () => {
    const source = { url: docs, retrieved: '2026-01-10', kind: 'official' } as const;
    expect(costLines({ kind: 'subscription-quota', plan: 'Pro', source })).toStrictEqual([
      'cost          subscription quota (Pro): usage is read live',
    ]);
    expect(costLines({ kind: 'subscription-quota', source })).toStrictEqual([
      'cost          subscription quota: usage is read live',
    ]);
  });

  it('says a local runtime is paid by your own hardware, adding its note when there is one', () => {
    expect(lines(explain({ provider: 'ollama', model: 'llama3' }))).toContain(
      'cost          local: your own hardware pays (memory, GPU time)',
    );
    expect(costLines({ kind: 'local', note: 'the GPU box under the desk' })).toStrictEqual([
      'cost          local: your own hardware pays (memory, GPU time); the GPU box under the desk',
    ]);
  });

  it('gives the reason of an unknown price', () => {
    expect(lines(explain({ provider: 'together', model: 'some-lab/Unlisted-Model' }))).toContain(
      'cost          unknown: not in the catalog',
    );
  });
});

describe('formatRouteExplanation: reasoning', () => {
  it("says provider's default when nothing was asked", () => {
    expect(lines(explain({ provider: 'deepseek', model: 'deepseek-v4-pro' }))).toContain(
      "reasoning     provider's default",
    );
  });

  it('shows what was asked when the provider cannot send it', () => {
    expect(lines(explain({ provider: 'nvidia-nim', model: 'deepseek-v4-pro', reasoning: 'max' }))).toContain(
      'reasoning     provider-default (asked max) (from request)',
    );
  });

  it('shows what was asked when the level was clamped', () => {
    expect(lines(explain({ provider: 'together', model: 'moonshotai/Kimi-K2.6', reasoning: 'max' }))).toContain(
      'reasoning     high (asked max) → {"reasoning_effort":"high"} (from request)',
    );
  });
});

describe('formatRouteExplanation: why', () => {
  it('gives the purpose with its source, and what auto considered: ✓ chosen, ✗ excluded, · ranked', () => {
    const text = formatRouteExplanation(explain({ provider: 'together', model: 'auto', purpose: 'summary' }));
    expect(text).toContain(
      [
        'model         gpt-oss-120b  (wire id openai/gpt-oss-120b)  (chosen by auto)',
        'provider      Together AI (together, aggregator)',
      ].join('\n'),
    );
    expect(text).toContain('purpose       The request\'s purpose is "summary". [request]');
    expect(text.split('\n').slice(-6)).toStrictEqual([
      'auto          prefer cost',
      '              ✗ together:Qwen/Qwen3-Coder-480B-A35B-Instruct-FP8 — deprecated',
      '              ✓ together:openai/gpt-oss-120b — best for the preference',
      '              · together:deepseek-ai/DeepSeek-V4-Pro — rank 2',
      '              · together:moonshotai/Kimi-K2.6 — rank 3',
      '              · together:meta-llama/Llama-3.3-70B-Instruct-Turbo — rank 4',
    ]);
  });

  it("lists auto's requirements", () => {
    expect(lines(explain({ provider: 'together', model: 'auto', requires: ['tools', 'json'] }))).toContain(
      'auto          prefer quality; requires tools, json',
    );
  });
});

describe('formatRouteExplanation: messages and colour', () => {
  it('lists notes and warnings after a blank line, in the order they were raised', () => {
    const text = lines(explain({ provider: 'together', model: 'deepseek-v4.1-flash', reasoning: 'max' }), {
      decisions: false,
    });
    expect(text.slice(-4)).toStrictEqual([
      'reasoning     high (asked max) → {"reasoning_effort":"high"} (from request)',
      '',
      'note          Together AI\'s catalog has no offering of deepseek-v4.1-flash; "deepseek-v4.1-flash" is sent as-is for Together AI to decide.',
      'warning       Reasoning "max" is sent to Together AI as "high": the highest effort here is high.',
    ]);
  });

  it('colours with ANSI codes when asked, keeping the columns aligned by visible width', () => {
    const explanation = explain({ provider: 'together', model: 'moonshotai/Kimi-K2.6', reasoning: 'max' });
    expect(formatRouteExplanation(explanation, { color: true })).toBe(
      [
        'route         \u001b[1mtogether:moonshotai/Kimi-K2.6\u001b[0m',
        'model         kimi-k2.6  \u001b[2m(wire id moonshotai/Kimi-K2.6)\u001b[0m',
        'provider      Together AI \u001b[2m(together, aggregator)\u001b[0m',
        'endpoint      https://api.together.xyz/v1  \u001b[2mchat-completions, official chat endpoint\u001b[0m',
        'auth          env:TOGETHER_API_KEY',
        'context       262,144  (model profile; third-party https://github.com/anomalyco/models.dev, 2026-07-02)',
        'max output    unknown',
        'capabilities  reasoning ? · tools ? · json ? · streaming ? · vision ?',
        'cost          unknown: no sourced price for this offering',
        'reasoning     high (asked max) → {"reasoning_effort":"high"}\u001b[2m (from request)\u001b[0m',
        '',
        '\u001b[1mwhy\u001b[0m',
        'provider      You named provider "together". \u001b[2m[explicit]\u001b[0m',
        'model         "moonshotai/Kimi-K2.6" is Together AI\'s wire id for kimi-k2.6. \u001b[2m[explicit]\u001b[0m',
        "endpoint      Together AI's official chat endpoint. \u001b[2m[official]\u001b[0m",
        'reasoning     The request asks for reasoning "max". \u001b[2m[request]\u001b[0m',
        '',
        '\u001b[33mwarning\u001b[0m       Reasoning "max" is sent to Together AI as "high": the highest effort here is high.',
      ].join('\n'),
    );
  });
});
