// Canary: planted keys (in the environment, passed explicitly by the host, echoed back by a provider) never appear in
// candidates, explanations, errors, session events, the persisted config or anything printed, across successful,
// failed, provisional, rolled-back and fallback switches made through the real plugins, resolver, credential source,
// HTTP client and persister.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import {
  createRegistry,
  createRouteResolver,
  createRouteSession,
  explainRoute,
  findProviderConfig,
  formatRouteExplanation,
  type ReadyRouteCandidate,
  type RouteSessionEvent,
  type UserConfig,
} from '@codewhale/core';
import { createHttpClient } from '@codewhale/plugin-kit';
import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { huggingfacePlugin } from '@codewhale/provider-huggingface';
import { ollamaPlugin } from '@codewhale/provider-ollama';
import { togetherPlugin } from '@codewhale/provider-together';
import { afterAll, describe, expect, it, vi } from 'vitest';
// @codewhale/node is not (yet) a dependency of this workspace package; its built entry point is imported directly.
import {
  createCredentialSource,
  createRoutePersister,
  requestCredential,
  type ResolvedCredential,
} from '@codewhale/node';

const CANARIES = ['sk-canary-env-3f9a1c7e-together', 'sk-canary-env-b2d84e10-deepseek', 'hf_canary_explicit_6c0e59d2'];
const [TOGETHER_KEY, DEEPSEEK_KEY, HF_KEY] = CANARIES as [string, string, string];

const registry = createRegistry({ plugins: [deepseekPlugin, togetherPlugin, huggingfacePlugin, ollamaPlugin] });
const dir = mkdtempSync(join(tmpdir(), 'codewhale-canary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A provider stand-in that rejects every key and echoes it back in the error body, as some providers do. */
async function echoingServer() {
  const received: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    received.push(request.headers);
    request.resume();
    request.on('end', () =>
      response
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: `Invalid API key: ${request.headers.authorization}` } })),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A host's client: it holds the credential in its redacting holder and reveals it only to build the request header. */
interface Client {
  readonly candidate: ReadyRouteCandidate;
  readonly credential: ResolvedCredential | undefined;
  send(): Promise<unknown>;
}

describe('canary: planted keys never leak', () => {
  it('through candidates, explanations, errors, session events, the persisted config and output', async () => {
    const printed: string[] = [];
    const capture = (...args: unknown[]) =>
      void printed.push(args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { depth: 12 }))).join(' '));
    const spies = [
      vi.spyOn(console, 'log').mockImplementation(capture),
      vi.spyOn(console, 'error').mockImplementation(capture),
      vi.spyOn(console, 'warn').mockImplementation(capture),
    ];
    const server = await echoingServer();
    const http = createHttpClient();
    try {
      const file = join(dir, 'config.toml');
      writeFileSync(
        file,
        '# mine\nprovider = "deepseek"\n\n[providers.together]\nbase_url = "' +
          server.url +
          '"\napi_key_env = "TOGETHER_API_KEY"\n',
      );
      const config: UserConfig = {
        provider: 'deepseek',
        providers: { together: { base_url: server.url, api_key_env: 'TOGETHER_API_KEY' } },
      };
      const credentials = createCredentialSource({
        env: { TOGETHER_API_KEY: TOGETHER_KEY, DEEPSEEK_API_KEY: DEEPSEEK_KEY, HF_TOKEN: '  ' },
        explicit: { huggingface: HF_KEY },
      });
      const resolver = createRouteResolver({ registry, config, credentials });
      const persist = createRoutePersister(file, { registry });

      const buildClient = async (candidate: ReadyRouteCandidate): Promise<Client> => {
        const provider = registry.findProvider(candidate.provider.id);
        if (!provider) throw new Error('unknown provider');
        const query = {
          providerId: provider.id,
          descriptor: provider.descriptor,
          baseUrl: candidate.endpoint.baseUrl,
          official: candidate.endpoint.official,
          config: findProviderConfig(config, provider),
        };
        const credential = candidate.auth.source === 'missing' ? undefined : await credentials.resolve(query);
        return {
          candidate,
          credential,
          send: () => {
            const header = requestCredential(provider.descriptor, candidate.endpoint.key, credential);
            return http.request({
              url: `${candidate.endpoint.baseUrl}/chat/completions`,
              method: 'POST',
              json: { model: candidate.wireModelId, messages: [] },
              ...(header ? { credential: header } : {}),
              providerId: provider.id,
            });
          },
        };
      };

      const session = createRouteSession<Client>({ resolver });
      const events: RouteSessionEvent<Client>[] = [];
      session.subscribe((event) => {
        events.push(event);
        console.log('route event', event); // a host logging its events must not print a key
      });
      const errors: unknown[] = [];
      const results = [];

      results.push(await session.switchTo({}, { buildClient, persist })); // deepseek (DEEPSEEK_API_KEY)
      results.push(await session.switchTo({ provider: 'huggingface' }, { buildClient, persist })); // explicit key
      // A provisional switch to Together's proxy; the first turn fails with an auth error that echoes the key.
      results.push(await session.switchTo({ provider: 'together' }, { buildClient, persist, provisional: true }));
      const trial = session.current;
      const turn = await trial?.client.send().then(
        () => undefined,
        (error: unknown) => error,
      );
      errors.push(turn);
      console.error('turn failed:', turn);
      expect(await session.reportTurnFailure({ kind: 'auth', ...(trial ? { route: trial } : {}) })).toBe(true);
      expect(session.current?.provider).toBe('huggingface');
      // The proxy did get the key configured for it (that is its job), and only that one.
      expect(server.received.map((headers) => headers.authorization)).toEqual([`Bearer ${TOGETHER_KEY}`]);
      // Failures at every stage.
      results.push(await session.switchTo({ provider: 'nope' }, { buildClient }));
      results.push(
        await session.switchTo(
          { provider: 'together' },
          { buildClient: () => Promise.reject(new Error('connection refused')) },
        ),
      );
      results.push(
        await session.switchTo(
          { provider: 'deepseek', model: 'deepseek-flash' },
          { buildClient, persist: () => Promise.reject(new Error('disk full')) },
        ),
      );
      results.push(
        await session.switchToFallback(
          [{ provider: 'nope' }, { provider: 'ollama' }, { provider: 'deepseek', model: 'auto' }],
          { buildClient, persist },
        ),
      );
      for (const result of results) if (!result.ok) errors.push(result.error);
      expect(results.map((result) => result.ok)).toEqual([true, true, true, false, false, false, true]);

      const candidates = [
        ...new Set(
          events.flatMap((event) => [
            event.route?.candidate,
            'discarded' in event ? event.discarded.candidate : undefined,
          ]),
        ),
      ].filter((candidate): candidate is ReadyRouteCandidate => candidate !== undefined);
      expect(candidates.map(String)).toEqual(
        expect.arrayContaining([
          'deepseek:deepseek-v4-pro',
          `huggingface:${huggingfacePlugin.offerings.find((entry) => entry.default)?.wireId ?? ''}`,
        ]),
      );
      for (const candidate of candidates) console.log(formatRouteExplanation(explainRoute(candidate)));

      const surfaces: Record<string, string> = {
        candidates: candidates
          .map(
            (candidate) =>
              `${JSON.stringify(candidate)}${String(candidate)}${inspect(candidate, { depth: 12 })}${JSON.stringify(explainRoute(candidate))}${formatRouteExplanation(explainRoute(candidate), { decisions: true })}`,
          )
          .join('\n'),
        errors: errors
          .map(
            (error) =>
              `${String(error)}${(error as Error).stack}${JSON.stringify(error)}${inspect(error, { depth: 12 })}`,
          )
          .join('\n'),
        events: events
          .map((event) => `${JSON.stringify(event)}${inspect(event, { depth: 12, showHidden: true })}`)
          .join('\n'),
        results: inspect(results, { depth: 12 }),
        config: readFileSync(file, 'utf8'),
        output: printed.join('\n'),
      };
      expect(surfaces.output).toContain('[redacted]'); // the client's credential holder was printed, redacted
      for (const [surface, text] of Object.entries(surfaces)) {
        expect(text.length, surface).toBeGreaterThan(0);
        for (const canary of CANARIES) expect(text.includes(canary), `${surface} contains a planted key`).toBe(false);
      }
      // The persisted config holds the last committed route and no model auto chose.
      expect(surfaces.config).toBe(
        '# mine\nprovider = "deepseek"\n\n[providers.together]\nbase_url = "' +
          server.url +
          '"\napi_key_env = "TOGETHER_API_KEY"\n\n[providers.deepseek]\nmodel = "deepseek-v4-pro"\n\n[providers.huggingface]\nmodel = "' +
          (huggingfacePlugin.offerings.find((entry) => entry.default)?.wireId ?? '') +
          '"\n',
      );
    } finally {
      for (const spy of spies) spy.mockRestore();
      await http.close();
      await server.close();
    }
  });
});
