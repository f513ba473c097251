import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveCache, SecretValue } from '@codewhale/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createHubClient } from './create-hub-client.js';
import { HUB_ERROR_CODES, HubError } from './hub-error.js';
import type { HubClient } from './hub-types.js';
import {
  fixtureJson,
  fixtureText,
  send,
  startLoopbackServer,
  type LoopbackServer,
} from './test-support/loopback-server.js';

const TOKEN = 'hf_test_token_value_0123456789';
const GATED = fixtureText('model_info_gated_llama31_8b_instruct.json');
const GGUF = fixtureText('model_info_gguf_gemma3_1b.json');
const RENAMED_BODY = fixtureText('model_info_renamed_repo_307.txt');

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

async function server(handler: Parameters<typeof startLoopbackServer>[0]): Promise<LoopbackServer> {
  const started = await startLoopbackServer(handler);
  open.push(started);
  return started;
}

function client(
  hub: LoopbackServer,
  env: Record<string, string | undefined> = { HF_TOKEN: TOKEN },
  extra = {},
): HubClient {
  const made = createHubClient({ env: { HF_ENDPOINT: hub.origin, ...env }, ...extra });
  open.push(made);
  return made;
}

async function failure(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!HubError.isInstance(error)) throw new Error(`expected a HubError, got ${String(error)}`);
  expect(error.message).not.toContain(TOKEN);
  expect(JSON.stringify(error)).not.toContain(TOKEN);
  return error;
}

/** The path of a recorded request, without its query. */
const pathOf = (url: string): string => url.split('?')[0] ?? url;

/** @see issue 17 item 1 */
describe('createHubClient: model info from a loopback Hub (HF_ENDPOINT)', () => {
  it('follows the recorded 307 rename once, on the same origin, sends the token there, and says the name moved', async () => {
    const hub = await server((request, response) => {
      const path = pathOf(request.url ?? '');
      if (path === '/api/models/meta-llama/Meta-Llama-3.1-8B-Instruct')
        return send(response, 307, RENAMED_BODY, {
          'content-type': 'text/plain; charset=utf-8',
          location: '/api/models/meta-llama/Llama-3.1-8B-Instruct',
        });
      if (path === '/api/models/meta-llama/Llama-3.1-8B-Instruct') return send(response, 200, GATED);
      return send(response, 404, '{"error":"Repository not found"}');
    });
    const info = await client(hub).modelInfo('meta-llama/Meta-Llama-3.1-8B-Instruct');
    expect(info.id).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(info.source).toMatchObject({
      requested: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      renamedFrom: 'meta-llama/Meta-Llama-3.1-8B-Instruct',
      url: `${hub.origin}/api/models/meta-llama/Llama-3.1-8B-Instruct`,
      token: 'env:HF_TOKEN',
      fromCache: false,
    });
    expect(hub.requests.map((request) => [request.method, pathOf(request.url), request.authorization])).toEqual([
      ['GET', '/api/models/meta-llama/Meta-Llama-3.1-8B-Instruct', `Bearer ${TOKEN}`],
      ['GET', '/api/models/meta-llama/Llama-3.1-8B-Instruct', `Bearer ${TOKEN}`],
    ]);
    // The fields passports need are asked for with expand[], both times.
    const query = new URL(hub.requests[1]?.url ?? '', hub.origin).searchParams.getAll('expand[]');
    expect(query).toEqual(
      expect.arrayContaining([
        'cardData',
        'gated',
        'safetensors',
        'gguf',
        'siblings',
        'inferenceProviderMapping',
        'sha',
        'tags',
      ]),
    );
  });

  it('follows only one rename: a second redirect is refused', async () => {
    const hub = await server((request, response) => {
      const path = pathOf(request.url ?? '');
      const next = path === '/api/models/org/a' ? '/api/models/org/b' : '/api/models/org/c';
      send(response, 307, 'Temporary Redirect', { location: next, 'content-type': 'text/plain' });
    });
    const error = await failure(client(hub).modelInfo('org/a'));
    expect(error.code).toBe(HUB_ERROR_CODES.redirectRefused);
    expect(error.message).toContain('only one rename is followed');
    expect(hub.requests).toHaveLength(2);
  });

  it('never follows a redirect to another origin: the recording second origin receives nothing, the token stays home', async () => {
    const other = await server((_request, response) => send(response, 200, GATED));
    const hub = await server((request, response) => {
      const path = pathOf(request.url ?? '');
      if (path.startsWith('/api/models/'))
        return send(response, 307, 'Temporary Redirect', {
          location: `${other.origin}${path}`,
          'content-type': 'text/plain',
        });
      // The card and the access check are redirected too (as file downloads are, to a CDN).
      return send(response, 302, '', { location: `${other.origin}/cdn${path}` });
    });
    const hubClient = client(hub);
    const error = await failure(hubClient.modelInfo('meta-llama/Llama-3.1-8B-Instruct'));
    expect(error.code).toBe(HUB_ERROR_CODES.redirectRefused);
    expect(error.message).toContain(`to another origin (${other.origin}/api/models/meta-llama/Llama-3.1-8B-Instruct)`);
    const card = await failure(hubClient.modelCard('meta-llama/Llama-3.1-8B-Instruct', 'main'));
    expect(card.code).toBe(HUB_ERROR_CODES.redirectRefused);
    // A redirect for a gated file means it is served: access granted, and the redirect is not followed.
    expect(await hubClient.checkAccess('meta-llama/Llama-3.1-8B-Instruct', 'main')).toBe('granted');
    expect(other.requests).toEqual([]);
    expect(hub.requests.map((request) => request.authorization)).toEqual([
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
  });

  it('sends no authorization header without a token, and reads HUGGING_FACE_HUB_TOKEN after HF_TOKEN', async () => {
    const hub = await server((_request, response) => send(response, 200, GATED));
    const anonymous = client(hub, {});
    expect(anonymous.tokenSource).toBe('none');
    await anonymous.modelInfo('meta-llama/Llama-3.1-8B-Instruct');
    const legacy = client(hub, { HUGGING_FACE_HUB_TOKEN: TOKEN });
    expect(legacy.tokenSource).toBe('env:HUGGING_FACE_HUB_TOKEN');
    await legacy.modelInfo('meta-llama/Llama-3.1-8B-Instruct');
    const explicit = client(hub, { HF_TOKEN: 'hf_other_value_that_is_not_used' }, { token: new SecretValue(TOKEN) });
    expect(explicit.tokenSource).toBe('explicit');
    await explicit.modelInfo('meta-llama/Llama-3.1-8B-Instruct');
    expect(hub.requests.map((request) => request.authorization)).toEqual([
      undefined,
      `Bearer ${TOKEN}`,
      `Bearer ${TOKEN}`,
    ]);
    expect(JSON.stringify(explicit)).not.toContain(TOKEN);
  });

  it('asks for file sizes (blobs=true, at the answered sha) for a GGUF repository and merges them (made-up sizes)', async () => {
    const sizes: Record<string, number> = {
      'gemma-3-1b-it-Q4_K_M.gguf': 806_058_144,
      'gemma-3-1b-it-Q8_0.gguf': 1_069_306_016,
    };
    const hub = await server((request, response) => {
      const url = new URL(request.url ?? '', 'http://x');
      if (url.searchParams.get('blobs') === 'true') {
        const body = fixtureJson('model_info_gguf_gemma3_1b.json') as {
          siblings: { rfilename: string; size?: number }[];
        };
        body.siblings = body.siblings.map((file) =>
          sizes[file.rfilename] ? { ...file, size: sizes[file.rfilename] } : file,
        );
        return send(response, 200, JSON.stringify(body));
      }
      send(response, 200, GGUF);
    });
    const info = await client(hub).modelInfo('ggml-org/gemma-3-1b-it-GGUF');
    expect(hub.requests.map((request) => pathOf(request.url))).toEqual([
      '/api/models/ggml-org/gemma-3-1b-it-GGUF',
      '/api/models/ggml-org/gemma-3-1b-it-GGUF/revision/f9c28bcd85737ffc5aef028638d3341d49869c27',
    ]);
    expect(info.siblings).toEqual([
      { rfilename: '.gitattributes' },
      { rfilename: 'README.md' },
      { rfilename: 'gemma-3-1b-it-Q4_K_M.gguf', size: 806_058_144 },
      { rfilename: 'gemma-3-1b-it-Q8_0.gguf', size: 1_069_306_016 },
      { rfilename: 'gemma-3-1b-it-f16.gguf' },
    ]);
  });

  it('caches answers by repo and revision (and sha) with a TTL; the cache file never holds the token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codewhale-hub-cache-'));
    open.push({ close: async () => rmSync(dir, { recursive: true, force: true }) });
    let clock = new Date('2026-12-02T10:00:00.000Z');
    const cache = createLiveCache({ dir, now: () => clock });
    const hub = await server((_request, response) => send(response, 200, GATED));
    const hubClient = client(hub, { HF_TOKEN: TOKEN }, { cache, ttlSeconds: 600, now: () => clock });
    const first = await hubClient.modelInfo('meta-llama/Llama-3.1-8B-Instruct');
    const second = await hubClient.modelInfo('meta-llama/Llama-3.1-8B-Instruct');
    const bySha = await hubClient.modelInfo(
      'meta-llama/Llama-3.1-8B-Instruct',
      '0e9e39f249a16976918f6564b8830bc894c89659',
    );
    expect(hub.requests).toHaveLength(1);
    expect(first.source.fromCache).toBe(false);
    expect(second.source.fromCache).toBe(true);
    expect(bySha.source).toMatchObject({ fromCache: true, revision: '0e9e39f249a16976918f6564b8830bc894c89659' });
    const { source: _a, ...firstFacts } = first;
    const { source: _b, ...secondFacts } = second;
    expect(secondFacts).toEqual(firstFacts);
    const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
    expect(files).toHaveLength(2);
    for (const file of files) expect(readFileSync(join(dir, file), 'utf8')).not.toContain(TOKEN);
    clock = new Date('2026-12-02T10:11:00.000Z');
    await hubClient.modelInfo('meta-llama/Llama-3.1-8B-Instruct');
    expect(hub.requests).toHaveLength(2);
  });
});

/** @see issue 17 item 1 and "Done when": 401/403/404 say what to do */
describe('createHubClient: errors that say what to do', () => {
  const status = (code: number, body: string) =>
    server((_request, response) =>
      send(response, code, body, code === 401 ? { 'www-authenticate': 'Bearer realm="Authentication required"' } : {}),
    );

  it('401 with a token: log in again (the recorded 401 body is quoted)', async () => {
    const hub = await status(401, fixtureText('error_401_invalid_credentials.json'));
    const error = await failure(client(hub).modelInfo('org/private-model'));
    expect(error.code).toBe(HUB_ERROR_CODES.unauthorized);
    expect(error.status).toBe(401);
    expect(error.message).toContain('Log in again');
    expect(error.message).toContain('https://huggingface.co/settings/tokens');
    expect(error.message).toContain('Invalid username or password.');
    expect(error.hubMessage).toBe('Invalid username or password.');
  });

  it('401 without a token: private or missing, check the name or log in', async () => {
    const hub = await status(401, '{"error":"Repository not found"}');
    const error = await failure(client(hub, {}).modelInfo('org/private-model'));
    expect(error.code).toBe(HUB_ERROR_CODES.unauthorized);
    expect(error.message).toMatch(/Check the name.*log in: set HF_TOKEN/);
  });

  it('403: the repository is gated, accept the conditions on its page', async () => {
    const hub = await status(403, '{"error":"Access to model meta-llama/Llama-3.1-8B-Instruct is restricted."}');
    const error = await failure(client(hub).modelInfo('meta-llama/Llama-3.1-8B-Instruct'));
    expect(error.code).toBe(HUB_ERROR_CODES.gated);
    expect(error.message).toContain(`open ${hub.origin}/meta-llama/Llama-3.1-8B-Instruct, accept the conditions`);
  });

  it('404: check the name (and the revision)', async () => {
    const hub = await status(404, '{"error":"Repository not found"}');
    const error = await failure(client(hub).modelInfo('org/no-such-model', 'v2'));
    expect(error.code).toBe(HUB_ERROR_CODES.notFound);
    expect(error.message).toContain('check the name (owner/name, exactly as on the model page) and the revision');
    expect(hub.requests[0]?.url.split('?')[0]).toBe('/api/models/org/no-such-model/revision/v2');
  });

  it('gated access check: denied with a token, no-token without one', async () => {
    const hub = await status(403, '{"error":"restricted"}');
    expect(await client(hub).checkAccess('meta-llama/Llama-3.1-8B-Instruct', 'main')).toBe('denied');
    expect(await client(hub, {}).checkAccess('meta-llama/Llama-3.1-8B-Instruct', 'main')).toBe('no-token');
    expect(hub.requests.map((request) => [request.method, pathOf(request.url)])).toEqual([
      ['HEAD', '/meta-llama/Llama-3.1-8B-Instruct/resolve/main/config.json'],
      ['HEAD', '/meta-llama/Llama-3.1-8B-Instruct/resolve/main/config.json'],
    ]);
  });

  it('malformed, truncated and wrongly shaped bodies give HUB_INVALID_BODY', async () => {
    const bodies = [
      '<html>not json</html>',
      GATED.slice(0, GATED.length / 2),
      '[]',
      '{"id":"org/model","safetensors":{"parameters":{"BF16":"8B"}}}',
    ];
    let index = 0;
    const hub = await server((_request, response) => send(response, 200, bodies[index++] ?? ''));
    const paths: (string | undefined)[] = [];
    for (let attempt = 0; attempt < bodies.length; attempt++) {
      const error = await failure(client(hub).modelInfo('org/model'));
      expect(error.code).toBe(HUB_ERROR_CODES.invalidBody);
      paths.push(error.path);
    }
    expect(paths).toEqual([undefined, undefined, '', 'safetensors.parameters.BF16']);
  });

  it('a huge body gives HUB_TOO_LARGE (stopped at the 8 MiB cap, streamed without a content-length)', async () => {
    const hub = await server((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = `"${'x'.repeat(64 * 1024)}",`;
      let sent = 0;
      const push = () => {
        while (sent < 200 && response.write(sent === 0 ? `[${chunk}` : chunk)) sent++;
        if (sent < 200) response.once('drain', push);
        else response.end('""]');
      };
      response.on('error', () => {});
      push();
    });
    const error = await failure(client(hub).modelInfo('org/model'));
    expect(error.code).toBe(HUB_ERROR_CODES.tooLarge);
  });

  it('refuses a bad repo id, revision or endpoint before sending anything', async () => {
    const hub = await server((_request, response) => send(response, 200, GATED));
    for (const repo of ['', 'a/b/c', '../etc/passwd', 'org/name?x=1', 'org/na me'])
      expect((await failure(client(hub).modelInfo(repo))).code).toBe(HUB_ERROR_CODES.invalidInput);
    expect((await failure(client(hub).modelInfo('org/model', ''))).code).toBe(HUB_ERROR_CODES.invalidInput);
    expect(() => createHubClient({ endpoint: `http://user:${TOKEN}@127.0.0.1:1` })).toThrow(/user info/);
    expect(() => createHubClient({ env: { HF_ENDPOINT: 'ftp://hub.example' } })).toThrow(
      /HF_ENDPOINT must be an http\(s\) URL/,
    );
    expect(hub.requests).toEqual([]);
  });
});

/** @see issue 17 item 1 (model search) */
describe('createHubClient: model search', () => {
  it('sends the query, parses the page and pages through the Link header on the Hub origin', async () => {
    const hub = await server((request, response) => {
      const url = new URL(request.url ?? '', 'http://x');
      if (url.searchParams.get('cursor') === 'page2')
        return send(response, 200, JSON.stringify([{ id: 'org/second', tags: ['license:mit'], gated: false }]));
      send(
        response,
        200,
        JSON.stringify([
          {
            id: 'Qwen/Qwen3-8B',
            author: 'Qwen',
            pipeline_tag: 'text-generation',
            library_name: 'transformers',
            gated: false,
            downloads: 1234,
            likes: 56,
            lastModified: '2025-05-21T06:00:00.000Z',
            tags: ['transformers', 'safetensors', 'license:apache-2.0'],
            inferenceProviderMapping: [
              { provider: 'together', providerId: 'Qwen/Qwen3-8B-fp8', status: 'live', task: 'conversational' },
            ],
          },
        ]),
        { link: `<${hub.origin}/api/models?search=qwen&cursor=page2>; rel="next"` },
      );
    });
    const hubClient = client(hub);
    const page = await hubClient.searchModels({
      search: 'qwen',
      author: 'Qwen',
      filter: ['gguf', 'license:apache-2.0'],
      pipelineTag: 'text-generation',
      inferenceProvider: 'together',
      apps: 'vllm',
      gated: false,
      sort: 'downloads',
      limit: 5,
    });
    expect(page.models).toEqual([
      {
        id: 'Qwen/Qwen3-8B',
        author: 'Qwen',
        pipelineTag: 'text-generation',
        libraryName: 'transformers',
        gated: false,
        downloads: 1234,
        likes: 56,
        lastModified: '2025-05-21T06:00:00.000Z',
        tags: ['transformers', 'safetensors', 'license:apache-2.0'],
        license: 'apache-2.0',
        inferenceProviderMapping: [
          { provider: 'together', providerId: 'Qwen/Qwen3-8B-fp8', status: 'live', task: 'conversational' },
        ],
      },
    ]);
    expect(page.next).toBe(`${hub.origin}/api/models?search=qwen&cursor=page2`);
    const sent = new URL(hub.requests[0]?.url ?? '', hub.origin).searchParams;
    expect([...sent.entries()].filter(([name]) => name !== 'expand[]')).toEqual([
      ['search', 'qwen'],
      ['author', 'Qwen'],
      ['filter', 'gguf'],
      ['filter', 'license:apache-2.0'],
      ['pipeline_tag', 'text-generation'],
      ['inference_provider', 'together'],
      ['apps', 'vllm'],
      ['gated', 'false'],
      ['sort', 'downloads'],
      ['limit', '5'],
    ]);
    const second = await hubClient.searchModels({ after: page.next as string });
    expect(second.models.map((model) => model.id)).toEqual(['org/second']);
    expect(second.next).toBeUndefined();
    expect(hub.requests.map((request) => request.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('never follows a paging link to another origin', async () => {
    const other = await server((_request, response) => send(response, 200, '[]'));
    const hub = await server((_request, response) =>
      send(response, 200, '[]', { link: `<${other.origin}/api/models?cursor=x>; rel="next"` }),
    );
    const hubClient = client(hub);
    expect((await failure(hubClient.searchModels({ search: 'x' }))).code).toBe(HUB_ERROR_CODES.invalidBody);
    expect((await failure(hubClient.searchModels({ after: `${other.origin}/api/models?cursor=x` }))).code).toBe(
      HUB_ERROR_CODES.invalidInput,
    );
    expect(other.requests).toEqual([]);
  });
});

describe('modelConfig', () => {
  const CONFIG = readFileSync(
    new URL('./serve-plan/__fixtures__/config_qwen3_8b_ttmetal_copy.json', import.meta.url),
    'utf8',
  );

  it('reads /{repo}/resolve/{rev}/config.json with the token, follows a same-origin redirect, and 404 is undefined', async () => {
    const hub = await server((request, response, origin) => {
      if (request.url === '/Qwen/Qwen3-8B/resolve/main/config.json')
        return send(response, 307, '', {
          location: `${origin}/api/resolve-cache/models/Qwen/Qwen3-8B/abc/config.json`,
        });
      if (request.url === '/api/resolve-cache/models/Qwen/Qwen3-8B/abc/config.json') return send(response, 200, CONFIG);
      send(response, 404, '{"error":"Entry not found"}');
    });
    const hubClient = client(hub);
    expect(await hubClient.modelConfig('Qwen/Qwen3-8B', 'main')).toEqual(JSON.parse(CONFIG));
    expect(await hubClient.modelConfig('Qwen/No-Config', 'v1')).toBeUndefined();
    expect(hub.requests.map((request) => [request.method, request.url, request.authorization])).toEqual([
      ['GET', '/Qwen/Qwen3-8B/resolve/main/config.json', `Bearer ${TOKEN}`],
      ['GET', '/api/resolve-cache/models/Qwen/Qwen3-8B/abc/config.json', `Bearer ${TOKEN}`],
      ['GET', '/Qwen/No-Config/resolve/v1/config.json', `Bearer ${TOKEN}`],
    ]);
  });

  it('refuses a redirect to another origin (the token stays home), a body over 1 MiB, and a body that is not JSON', async () => {
    const other = await server((_request, response) => send(response, 200, CONFIG));
    const hub = await server((request, response) => {
      if (request.url?.startsWith('/away/'))
        return send(response, 302, '', { location: `${other.origin}/config.json` });
      if (request.url?.startsWith('/big/')) return send(response, 200, `{"pad":"${'x'.repeat(1024 * 1024)}"}`);
      send(response, 200, '<html>not json</html>');
    });
    const hubClient = client(hub);
    expect((await failure(hubClient.modelConfig('away/model', 'main'))).code).toBe(HUB_ERROR_CODES.redirectRefused);
    expect((await failure(hubClient.modelConfig('big/model', 'main'))).code).toBe(HUB_ERROR_CODES.tooLarge);
    expect((await failure(hubClient.modelConfig('html/model', 'main'))).code).toBe(HUB_ERROR_CODES.invalidBody);
    expect(other.requests).toEqual([]);
    await expect(hubClient.modelConfig('not a repo', 'main')).rejects.toMatchObject({
      code: HUB_ERROR_CODES.invalidInput,
    });
  });
});
