import {
  createHttpClient,
  createLiveContext,
  ListingParseError,
  probeModelListing,
  ProviderHttpError,
} from '@codewhale/plugin-kit';
import { startFakeProvider, type FakeProvider } from '@codewhale/plugin-testkit';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import recordedModels from './__fixtures__/openrouter-models.json' with { type: 'json' };
import { parseOpenrouterModels } from './openrouter-discovery.js';
import { openrouterPlugin } from './openrouter-plugin.js';

// Discovery for real: plugin-kit's HTTP client and LiveContext (what a host uses) against a loopback server that
// replays the recorded body at OpenRouter's paths. Nothing leaves 127.0.0.1.
const servers: FakeProvider[] = [];
const client = createHttpClient();
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(() => client.close());

async function serve(routes: Parameters<typeof startFakeProvider>[0]['routes']) {
  const server = await startFakeProvider({ routes });
  servers.push(server);
  const context = createLiveContext({ client, providerId: 'openrouter', baseUrl: `${server.url}/api/v1` });
  return { server, context };
}

function listingPath(): string {
  const { liveListing } = openrouterPlugin.descriptor;
  if (!liveListing.supported || liveListing.path === undefined) throw new Error('openrouter declares a live listing');
  return liveListing.path;
}

describe('discovery against a fake OpenRouter', () => {
  it('GETs /api/v1/models without a key and parses the recorded body', async () => {
    const { server, context } = await serve({ 'GET /api/v1/models': { status: 200, json: recordedModels } });
    const response = await context.request({ path: listingPath() });
    const records = openrouterPlugin.discovery?.parseModels(response.json, {
      providerId: context.providerId,
      baseUrl: context.baseUrl,
    });
    expect(records?.map((record) => record.id)).toEqual([
      'deepseek/deepseek-v4-pro',
      'deepseek/deepseek-v4-flash',
      'qwen/qwen3-coder',
      'qwen/qwen3-coder:free',
      'z-ai/glm-5.1',
      '~moonshotai/kimi-latest',
    ]);
    expect(records?.[0]).toMatchObject({
      canonicalModel: 'deepseek-v4-pro',
      contextWindow: 1_048_576,
      pricePerMillion: { input: 0.435, output: 0.87, currency: 'USD' },
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/api/v1/models' });
    expect(server.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('probeModelListing reports reachability with evidence', async () => {
    const { context } = await serve({ 'GET /api/v1/models': { status: 200, json: recordedModels } });
    const probe = await probeModelListing(context, { path: listingPath() }, parseOpenrouterModels);
    expect(probe).toEqual({
      ok: true,
      models: expect.arrayContaining(['qwen/qwen3-coder:free']),
      evidence: expect.stringContaining('(6 models)'),
    });
  });

  it('a 401 rejects with a typed ProviderHttpError carrying the status', async () => {
    // PROVIDERS.md section 9 has OpenRouter's 401 message ("User not found.") but not its envelope: this one is illustrative.
    const { context } = await serve({
      'GET /api/v1/models': { status: 401, json: { error: { message: 'User not found.', code: 401 } } },
    });
    const error: unknown = await context.request({ path: listingPath() }).catch((caught: unknown) => caught);
    expect(ProviderHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ kind: 'http-status', status: 401 });
  });

  it('an HTML page with status 200 is not a listing: ListingParseError, not a crash', async () => {
    const { context } = await serve({
      'GET /api/v1/models': { status: 200, text: '<html>maintenance</html>', headers: { 'content-type': 'text/html' } },
    });
    const response = await context.request({ path: listingPath() });
    expect(response.json).toBeUndefined();
    let thrown: unknown;
    try {
      parseOpenrouterModels(response.json, { providerId: 'openrouter', baseUrl: context.baseUrl });
    } catch (error) {
      thrown = error;
    }
    expect(ListingParseError.isInstance(thrown)).toBe(true);
  });
});
