import { createRegistry } from '@codewhale/core';
import { huggingfacePlugin } from '@codewhale/provider-huggingface';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubClient } from './create-hub-client.js';
import { fetchPassport } from './fetch-passport.js';
import { modelPassportSchema } from './model-passport-schema.js';
import { fixtureText, send, startLoopbackServer, type LoopbackServer } from './test-support/loopback-server.js';

const TOKEN = 'hf_fetch_passport_token_0123456789';
// Made up for the test: a short card in the shape of a Hub README (front matter, heading, HTML).
const CARD =
  '---\nlicense: llama3.1\n---\n\n## Model Information\n\nThe Meta Llama 3.1 collection of <b>multilingual</b> large language models.\n';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** @see issue 17 items 1-3 */
describe('fetchPassport against a loopback Hub', () => {
  it('follows the rename, reads card, access and derived repos, and joins the routes', async () => {
    const hub = await startLoopbackServer((request, response) => {
      const url = new URL(request.url ?? '', 'http://x');
      const path = url.pathname;
      if (path === '/api/models/meta-llama/Meta-Llama-3.1-8B-Instruct')
        return send(response, 307, fixtureText('model_info_renamed_repo_307.txt'), {
          location: '/api/models/meta-llama/Llama-3.1-8B-Instruct',
          'content-type': 'text/plain',
        });
      if (path === '/api/models/meta-llama/Llama-3.1-8B-Instruct')
        return send(response, 200, fixtureText('model_info_gated_llama31_8b_instruct.json'));
      if (path === '/meta-llama/Llama-3.1-8B-Instruct/resolve/0e9e39f249a16976918f6564b8830bc894c89659/README.md')
        return send(response, 200, CARD, { 'content-type': 'text/plain' });
      if (path === '/meta-llama/Llama-3.1-8B-Instruct/resolve/0e9e39f249a16976918f6564b8830bc894c89659/config.json')
        return send(response, 200, '');
      if (path === '/api/models') {
        const filter = url.searchParams.get('filter');
        if (filter === 'base_model:quantized:meta-llama/Llama-3.1-8B-Instruct')
          return send(response, 200, JSON.stringify([{ id: 'someone/Llama-3.1-8B-Instruct-GGUF' }]), {
            link: `<http://${request.headers.host}/api/models?cursor=2>; rel="next"`,
          });
        return send(response, 500, '{"error":"search is down"}');
      }
      send(response, 404, '{"error":"not found"}');
    });
    servers.push(hub);
    const client = createHubClient({ env: { HF_ENDPOINT: hub.origin, HF_TOKEN: TOKEN } });
    try {
      const registry = createRegistry({ plugins: [huggingfacePlugin, vllmPlugin, ollamaPlugin] });
      const { passport, routes } = await fetchPassport(client, 'meta-llama/Meta-Llama-3.1-8B-Instruct', undefined, {
        registry,
      });
      expect(modelPassportSchema.safeParse(passport).success).toBe(true);
      expect(passport.renamed).toEqual({
        from: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
        to: 'meta-llama/Llama-3.1-8B-Instruct',
      });
      expect(passport.gating).toMatchObject({ gated: { known: true, value: 'manual' }, access: 'granted' });
      expect(passport.card).toEqual({
        known: true,
        value: {
          summary: 'Model Information\n\nThe Meta Llama 3.1 collection of multilingual large language models.',
          truncated: false,
        },
        source: 'README.md',
      });
      expect(passport.lineage.quantizations).toMatchObject({
        known: true,
        value: { repos: ['someone/Llama-3.1-8B-Instruct-GGUF'], more: true },
      });
      expect(passport.lineage.adapters).toMatchObject({ known: false, reason: expect.stringContaining('HTTP 500') });
      expect(routes.filter((route) => route.ok).map((route) => route.ref)).toEqual([
        'vllm:meta-llama/Llama-3.1-8B-Instruct',
      ]);
      // Every request went to the Hub origin with the token; nothing else was asked.
      expect(hub.requests.every((request) => request.authorization === `Bearer ${TOKEN}`)).toBe(true);
      expect(hub.requests).toHaveLength(6);
      expect(JSON.stringify(passport)).not.toContain(TOKEN);
    } finally {
      await client.close();
    }
  });
});
