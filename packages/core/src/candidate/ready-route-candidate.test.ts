import { describe, expect, it } from 'vitest';
import { providerLikePlugins } from '../__fixtures__/provider-like-plugins.js';
import { createRegistry } from '../registry/create-registry.js';
import { createRouteResolver } from '../resolver/create-route-resolver.js';
import { isReadyRouteCandidate, ReadyRouteCandidate } from './ready-route-candidate.js';

const resolver = createRouteResolver({ registry: createRegistry({ plugins: providerLikePlugins }) });
const result = resolver.resolve({ provider: 'together', model: 'deepseek-ai/DeepSeek-V4-Pro' });
if (!result.ok) throw new Error(result.error.message);
const candidate = result.candidate;

describe('ReadyRouteCandidate', () => {
  it('is recognised only when the resolver made it', () => {
    expect(isReadyRouteCandidate(candidate)).toBe(true);
    const lookAlike = { ...candidate.toJSON(), provider: candidate.provider, wireModelId: candidate.wireModelId };
    expect(isReadyRouteCandidate(lookAlike)).toBe(false);
    expect(isReadyRouteCandidate(JSON.parse(JSON.stringify(candidate)))).toBe(false);
    expect(isReadyRouteCandidate({ ...candidate })).toBe(false);
    expect(isReadyRouteCandidate(Object.create(ReadyRouteCandidate.prototype))).toBe(false);
    expect(isReadyRouteCandidate(null)).toBe(false);
  });

  it('cannot be constructed outside the resolver', () => {
    const Constructor = ReadyRouteCandidate as unknown as new (token: symbol, data: unknown) => unknown;
    expect(() => new Constructor(Symbol('ReadyRouteCandidate.construction'), candidate.toJSON())).toThrowError(
      /made only by the RouteResolver/,
    );
  });

  it('is deeply immutable', () => {
    expect(Object.isFrozen(candidate)).toBe(true);
    expect(() => {
      (candidate as unknown as { wireModelId: string }).wireModelId = 'other';
    }).toThrow(TypeError);
    expect(() => {
      (candidate.endpoint as { baseUrl: string }).baseUrl = 'https://evil.example';
    }).toThrow(TypeError);
    expect(() => {
      (candidate.limits.contextWindow as { value: number }).value = 1;
    }).toThrow(TypeError);
    expect(() => {
      (candidate.validation.messages as unknown[]).push({});
    }).toThrow(TypeError);
    expect(candidate.endpoint.baseUrl).toBe('https://api.together.xyz/v1');
  });

  it('serialises to plain data and prints as provider:wire-model', () => {
    expect(String(candidate)).toBe('together:deepseek-ai/DeepSeek-V4-Pro');
    // @see issue 16 item 3: a receipt records which catalog priced the route.
    expect(candidate.catalog).toMatch(/^together@\d+\.\d+\.\d+/);
    const data = JSON.parse(JSON.stringify(candidate)) as Record<string, unknown>;
    expect(Object.keys(data).sort()).toEqual([
      'auth',
      'canonicalModel',
      'capabilities',
      'catalog',
      'decisions',
      'endpoint',
      'fromAuto',
      'limits',
      'logicalModel',
      'messages',
      'meter',
      'passThrough',
      'provider',
      'reasoning',
      'usageDialect',
      'wireModelId',
    ]);
  });
});
