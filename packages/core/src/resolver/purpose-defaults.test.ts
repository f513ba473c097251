import { describe, expect, it } from 'vitest';
import { envCredentials, providerLikePlugins } from '../__fixtures__/provider-like-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import type { RoutePreference, ReasoningLevel } from '../schema/constants.js';
import { createRouteResolver } from './create-route-resolver.js';
import type { RouteRequest } from './route-request.js';

const registry = createRegistry({ plugins: providerLikePlugins });
const resolver = createRouteResolver({ registry, credentials: envCredentials(['TOGETHER_API_KEY']) });

function autoRoute(request: RouteRequest) {
  const result = resolver.resolve({ provider: 'together', model: 'auto', ...request });
  if (!result.ok) throw new Error(`expected a route, got ${result.error.kind}: ${result.error.message}`);
  return result.candidate;
}

// What each documented purpose means for `auto` on Together: its cheapest offering (gpt-oss-120b) under a cost
// preference, its best reasoning model (DeepSeek V4 Pro) under a quality one, and the reasoning level sent.
const PURPOSES: ReadonlyArray<[purpose: string, prefer: RoutePreference, reasoning: ReasoningLevel | undefined]> = [
  ['main', 'quality', undefined],
  ['plan', 'quality', 'high'],
  ['review', 'quality', 'high'],
  ['summary', 'cost', 'off'],
  ['check', 'cost', 'off'],
  ['title', 'cost', 'off'],
  ['compact', 'cost', 'off'],
];
const WIRE_FOR: Record<RoutePreference, string> = {
  cost: 'openai/gpt-oss-120b',
  latency: 'openai/gpt-oss-120b',
  quality: 'deepseek-ai/DeepSeek-V4-Pro',
};

describe('purpose defaults', () => {
  it.each(PURPOSES)('purpose %j makes auto prefer %s and asks for reasoning %s', (purpose, prefer, reasoning) => {
    const candidate = autoRoute({ purpose });
    expect(candidate.wireModelId).toBe(WIRE_FOR[prefer]);
    expect(candidate.decisions.preference).toEqual({
      value: prefer,
      source: 'purpose',
      detail: `Purpose "${purpose}" implies prefer "${prefer}", and nothing more explicit set it.`,
    });
    if (reasoning === undefined) {
      expect(candidate.decisions.reasoning).toBeUndefined();
      expect(candidate.reasoning.requested).toBeUndefined();
    } else {
      expect(candidate.decisions.reasoning).toEqual({
        value: reasoning,
        source: 'purpose',
        detail: `Purpose "${purpose}" implies reasoning "${reasoning}", and nothing more explicit set it.`,
      });
      expect(candidate.reasoning).toMatchObject({ requested: reasoning, applied: reasoning });
    }
  });

  it.each(['translate', 'constructor', '__proto__', 'toString'])(
    'an undocumented purpose (%j) sets nothing: auto prefers quality by default and no reasoning is asked for',
    (purpose) => {
      const candidate = autoRoute({ purpose });
      expect(candidate.wireModelId).toBe(WIRE_FOR.quality);
      expect(candidate.decisions.preference).toMatchObject({ value: 'quality', source: 'default' });
      expect(candidate.decisions.reasoning).toBeUndefined();
    },
  );

  it("a role's purpose says which role set it", () => {
    const result = createRouteResolver({
      registry,
      config: { roles: { titles: { model: 'auto', purpose: 'title' } } },
    }).resolve({ provider: 'together', role: 'titles' });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.candidate.decisions.preference?.detail).toBe(
      'Purpose "title" (from [roles.titles] purpose = "title") implies prefer "cost", and nothing more explicit set it.',
    );
    expect(result.candidate.decisions.reasoning?.detail).toBe(
      'Purpose "title" (from [roles.titles] purpose = "title") implies reasoning "off", and nothing more explicit set it.',
    );
  });
});
