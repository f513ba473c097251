import { describe, expect, it } from 'vitest';
import { envCredentials, providerLikePlugins } from '../__fixtures__/provider-like-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import { createRouteResolver } from '../resolver/create-route-resolver.js';
import type { RouteRequest } from '../resolver/route-request.js';
import { formatRouteExplanation } from './format-route-explanation.js';
import { explainRoute } from './route-explanation.js';

const resolver = createRouteResolver({
  registry: createRegistry({ plugins: providerLikePlugins }),
  credentials: envCredentials(['TOGETHER_API_KEY']),
});

function explain(request: RouteRequest) {
  const result = resolver.resolve(request);
  if (!result.ok) throw new Error(result.error.message);
  return explainRoute(result.candidate);
}

describe('explainRoute', () => {
  it('gives the logical and wire model, endpoint, auth class, limits with sources, meter and decisions', () => {
    const explanation = explain({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro', reasoning: 'high' });
    expect(explanation).toMatchObject({
      schemaVersion: 1,
      route: 'together:deepseek-ai/DeepSeek-V4-Pro',
      model: {
        logical: 'deepseek-v4-pro',
        canonical: 'deepseek-v4-pro',
        wire: 'deepseek-ai/DeepSeek-V4-Pro',
        passThrough: false,
        fromAuto: false,
      },
      endpoint: { baseUrl: 'https://api.together.xyz/v1', official: true, protocol: 'chat-completions' },
      auth: 'env:TOGETHER_API_KEY',
      limits: {
        contextWindow: {
          value: 512_000,
          source: 'offering',
          url: 'https://docs.together.ai/docs/deepseek-v4-quickstart',
          kind: 'official',
        },
        maxOutput: { value: 393_216, source: 'model-profile', kind: 'official' },
      },
      reasoning: { requested: 'high', applied: 'high', params: { reasoning_effort: 'high' } },
      decisions: {
        provider: { source: 'explicit' },
        model: { source: 'explicit', matchedBy: 'wire-id' },
        endpoint: { source: 'official' },
      },
    });
    expect(JSON.parse(JSON.stringify(explanation))).toEqual(explanation);
  });

  it('omits the wire id when it equals the logical model', () => {
    expect(explain({ provider: 'deepseek', model: 'deepseek-v4-pro' }).model).toEqual({
      logical: 'deepseek-v4-pro',
      canonical: 'deepseek-v4-pro',
      passThrough: false,
      fromAuto: false,
    });
  });
});

describe('formatRouteExplanation', () => {
  it('reads as aligned text for a person at a terminal', () => {
    const text = formatRouteExplanation(
      explain({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro', reasoning: 'high' }),
    );
    expect(text).toBe(
      [
        'route         together:deepseek-ai/DeepSeek-V4-Pro',
        'model         deepseek-v4-pro  (wire id deepseek-ai/DeepSeek-V4-Pro)',
        'provider      Together AI (together, aggregator)',
        'endpoint      https://api.together.xyz/v1  chat-completions, official chat endpoint',
        'auth          env:TOGETHER_API_KEY',
        'context       512,000  (offering; official https://docs.together.ai/docs/deepseek-v4-quickstart, 2026-11-21)',
        'max output    393,216  (model profile; official https://api-docs.deepseek.com/quick_start/pricing, 2026-09-10, uncertain)',
        'capabilities  reasoning yes · tools yes · json yes · streaming yes · vision no',
        'cost          token pricing, USD per million tokens: input 2.1 · output 4.4',
        '              source: official https://docs.together.ai/docs/deepseek-v4-quickstart, 2026-11-21',
        'reasoning     high → {"reasoning_effort":"high"} (from request)',
        '',
        'why',
        'provider      You named provider "together". [explicit]',
        'model         "deepseek-ai/DeepSeek-V4-Pro" is Together AI\'s wire id for deepseek-v4-pro. [explicit]',
        "endpoint      Together AI's official chat endpoint. [official]",
        'reasoning     The request asks for reasoning "high". [request]',
      ].join('\n'),
    );
  });

  it('colours only when asked, and lists warnings', () => {
    const explanation = explain({ provider: 'nvidia-nim', model: 'deepseek-v4-pro', reasoning: 'max' });
    const plain = formatRouteExplanation(explanation);
    expect(plain).not.toContain('\u001b[');
    expect(plain).toContain(
      'warning       NVIDIA NIM declares no reasoning controls, so reasoning "max" cannot be sent; the provider\'s default applies.',
    );
    expect(plain).toContain('auth          missing');
    expect(formatRouteExplanation(explanation, { color: true })).toContain('\u001b[33mmissing\u001b[0m');
    expect(formatRouteExplanation(explanation, { decisions: false })).not.toContain('why');
  });
});
