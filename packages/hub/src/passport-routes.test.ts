import {
  createRegistry,
  createRouteResolver,
  explainRoute,
  isReadyRouteCandidate,
  type CredentialSource,
  type ProviderPlugin,
} from '@codewhale/core';
import { huggingfacePlugin } from '@codewhale/provider-huggingface';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { sglangPlugin } from '@codewhale/provider-sglang';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildPassport } from './build-passport.js';
import { createHubClient } from './create-hub-client.js';
import type { HubAnswerSource } from './hub-types.js';
import { parseHubModelInfo } from './parse-hub-body.js';
import { passportRouteJson, passportRoutes, type PassportRoute } from './passport-routes.js';
import { fixtureJson, startLoopbackServer } from './test-support/loopback-server.js';

const plugins: readonly ProviderPlugin[] = [huggingfacePlugin, togetherPlugin, vllmPlugin, sglangPlugin, ollamaPlugin];
const registry = createRegistry({ plugins });

const source = (requested: string): HubAnswerSource => ({
  url: `https://huggingface.co/api/models/${requested}`,
  requested,
  fetchedAt: '2026-12-02T10:00:00.000Z',
  fromCache: false,
  token: 'none',
});
const passportOf = (fixture: string, repo: string) =>
  buildPassport(parseHubModelInfo(fixtureJson(fixture), source(repo)));

/** Which env var names are set (never values), by the binding rule: descriptor vars on official endpoints only. */
function envNames(...present: string[]): CredentialSource {
  const set = new Set(present);
  return {
    describe({ descriptor, official }) {
      if (!descriptor.auth.optional || descriptor.auth.envVars.some((name) => set.has(name))) {
        const name = official ? descriptor.auth.envVars.find((candidate) => set.has(candidate)) : undefined;
        return name ? { source: 'env', envVar: name } : { source: 'missing' };
      }
      return { source: 'not-required' };
    },
  };
}

const summary = (routes: readonly PassportRoute[]) => routes.map((route) => [route.ref, route.ok]);

/** Every ok route is exactly what resolve() gives for its provider and wire id. */
function expectResolverMade(routes: readonly PassportRoute[], credentials?: CredentialSource): void {
  const resolver = createRouteResolver({ registry, ...(credentials ? { credentials } : {}) });
  for (const route of routes) {
    if (!route.ok) continue;
    expect(isReadyRouteCandidate(route.candidate)).toBe(true);
    const again = resolver.resolve({ provider: route.provider, model: route.wireModelId });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.candidate.toString()).toBe(route.ref);
    expect(route.auth).toEqual(again.candidate.auth);
    expect(route.meter).toBe(again.candidate.meter.kind);
    expect(route.contextWindow).toEqual(again.candidate.limits.contextWindow);
  }
}

/** @see issue 17 item 3 */
describe('passportRoutes with the real first-party plugins', () => {
  it('the mapping answer: the router, its live :provider suffixes, Together by its mapping providerId; staging is not routable', () => {
    const passport = passportOf(
      'model_info_expand_inferenceProviderMapping_2025-02.json',
      'meta-llama/Meta-Llama-3-8B-Instruct',
    );
    const credentials = envNames('HF_TOKEN');
    const routes = passportRoutes(passport, { registry, credentials });
    expect(summary(routes)).toEqual([
      ['huggingface:meta-llama/Meta-Llama-3-8B-Instruct', true],
      ['huggingface:meta-llama/Meta-Llama-3-8B-Instruct:fireworks-ai', false],
      ['huggingface:meta-llama/Meta-Llama-3-8B-Instruct:together', true],
      ['huggingface:meta-llama/Meta-Llama-3-8B-Instruct:hf-inference', true],
      ['together:meta-llama/Meta-Llama-3-8B-Instruct-Turbo', true],
      ['vllm:meta-llama/Meta-Llama-3-8B-Instruct', false],
      ['sglang:meta-llama/Meta-Llama-3-8B-Instruct', false],
      ['ollama:hf.co/meta-llama/Meta-Llama-3-8B-Instruct', false],
    ]);
    expect(routes[1]).toMatchObject({ ok: false, reason: 'the mapping status is "staging", not live' });
    expect(routes[0]).toMatchObject({
      ok: true,
      kind: 'router',
      auth: { source: 'env', envVar: 'HF_TOKEN' },
      meter: 'unknown',
    });
    expect(routes[4]).toMatchObject({
      ok: true,
      kind: 'provider',
      provider: 'together',
      wireModelId: 'meta-llama/Meta-Llama-3-8B-Instruct-Turbo',
      basis: 'inferenceProviderMapping.together.providerId (live)',
      auth: { source: 'missing' },
    });
    expect(routes[5]).toMatchObject({
      ok: false,
      reason: expect.stringContaining('no safetensors weights are reported'),
    });
    expectResolverMade(routes, credentials);
  });

  it('the GGUF repository: one Ollama route per quantisation, no router route without a mapping', () => {
    const routes = passportRoutes(passportOf('model_info_gguf_gemma3_1b.json', 'ggml-org/gemma-3-1b-it-GGUF'), {
      registry,
    });
    expect(summary(routes)).toEqual([
      ['huggingface:ggml-org/gemma-3-1b-it-GGUF', false],
      ['vllm:ggml-org/gemma-3-1b-it-GGUF', false],
      ['sglang:ggml-org/gemma-3-1b-it-GGUF', false],
      ['ollama:hf.co/ggml-org/gemma-3-1b-it-GGUF:Q4_K_M', true],
      ['ollama:hf.co/ggml-org/gemma-3-1b-it-GGUF:Q8_0', true],
      ['ollama:hf.co/ggml-org/gemma-3-1b-it-GGUF:F16', true],
    ]);
    expect(routes[3]).toMatchObject({ kind: 'local', auth: { source: 'not-required' }, meter: 'local' });
    expect(routes[0]).toMatchObject({ reason: expect.stringContaining('no Inference Providers mapping') });
    expectResolverMade(routes);
  });

  it('the safetensors repository: vLLM and SGLang serve the repo id', () => {
    const routes = passportRoutes(
      passportOf('model_info_gated_llama31_8b_instruct.json', 'meta-llama/Llama-3.1-8B-Instruct'),
      { registry },
    );
    expect(routes.filter((route) => route.ok).map((route) => route.ref)).toEqual([
      'vllm:meta-llama/Llama-3.1-8B-Instruct',
      'sglang:meta-llama/Llama-3.1-8B-Instruct',
    ]);
    expectResolverMade(routes);
    // The JSON form drops the candidate object and keeps the summary.
    const json = JSON.parse(JSON.stringify(routes.map(passportRouteJson)));
    expect(json[1]).toEqual({
      ref: 'vllm:meta-llama/Llama-3.1-8B-Instruct',
      provider: 'vllm',
      wireModelId: 'meta-llama/Llama-3.1-8B-Instruct',
      kind: 'local',
      basis: 'safetensors.parameters',
      ok: true,
      auth: { source: 'not-required' },
      contextWindow: { value: 'unknown' },
      maxOutput: { value: 'unknown' },
      meter: 'local',
      messages: [],
    });
  });

  it('offers only providers this installation has: without the plugins, no router, Together or local routes', () => {
    const passport = passportOf(
      'model_info_expand_inferenceProviderMapping_2025-02.json',
      'meta-llama/Meta-Llama-3-8B-Instruct',
    );
    expect(
      passportRoutes(passport, { registry: createRegistry({ plugins: [vllmPlugin] }) }).map((route) => route.ref),
    ).toEqual(['vllm:meta-llama/Meta-Llama-3-8B-Instruct']);
  });

  it('reports what the resolver refuses instead of offering it (a made-up mapping id with a space)', () => {
    const info = parseHubModelInfo(
      {
        id: 'org/model',
        inferenceProviderMapping: [{ provider: 'together', providerId: 'org/bad id', status: 'live' }],
      },
      source('org/model'),
    );
    const routes = passportRoutes(buildPassport(info), { registry });
    const together = routes.find((route) => route.provider === 'together');
    expect(together).toMatchObject({ ok: false, ref: 'together:org/bad id' });
    const direct = createRouteResolver({ registry }).resolve({ provider: 'together', model: 'org/bad id' });
    expect(direct.ok).toBe(false);
    if (!direct.ok && together && !together.ok) expect(together.reason).toBe(direct.error.message);
  });
});

/** @see issue 17 item 1 ("never while resolving or explaining a route") */
describe('no Hub request during resolve or explain', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.unstubAllGlobals();
  });

  it('a recording Hub at HF_ENDPOINT and a fetch that fails the test see nothing while routes resolve and explain', async () => {
    const hub = await startLoopbackServer((_request, response) => response.end('[]'));
    try {
      vi.stubEnv('HF_ENDPOINT', hub.origin);
      vi.stubEnv('HF_TOKEN', 'hf_never_sent_0123456789');
      const fetchSpy = vi.fn(() => {
        throw new Error('no HTTP while resolving');
      });
      vi.stubGlobal('fetch', fetchSpy);
      const failingClient = {
        request: vi.fn(async () => {
          throw new Error('no HTTP while resolving');
        }),
        close: async () => {},
      };
      // A client exists (as in the CLI), but resolving never touches it.
      createHubClient({ client: failingClient });
      const resolver = createRouteResolver({ registry });
      for (const model of [
        'meta-llama/Llama-3.1-8B-Instruct',
        'meta-llama/Llama-3.1-8B-Instruct:together',
        'deepseek-ai/DeepSeek-V4-Pro',
      ]) {
        const result = resolver.resolve({ provider: 'huggingface', model });
        if (!result.ok) throw new Error(result.error.message);
        expect(explainRoute(result.candidate)).toBeTruthy();
      }
      const passport = passportOf(
        'model_info_expand_inferenceProviderMapping_2025-02.json',
        'meta-llama/Meta-Llama-3-8B-Instruct',
      );
      for (const route of passportRoutes(passport, { registry })) if (route.ok) explainRoute(route.candidate);
      expect(fetchSpy).not.toHaveBeenCalled();
      expect(failingClient.request).not.toHaveBeenCalled();
      expect(hub.requests).toEqual([]);
    } finally {
      await hub.close();
    }
  });
});
