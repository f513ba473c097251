import { liveModelRecordSchema } from '@codewhale/core';
import { ListingParseError, ProviderHttpError } from '@codewhale/plugin-kit';
import { createFakeLiveContext } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import showBody from './__fixtures__/ollama-show.json' with { type: 'json' };
import tagsBody from './__fixtures__/ollama-tags.json' with { type: 'json' };
import v1ModelsBody from './__fixtures__/ollama-v1-models.json' with { type: 'json' };
import { fetchOllamaModels, parseOllamaModels, parseOllamaShow } from './ollama-discovery.js';
import { OLLAMA_DEFAULT_BASE_URL } from './ollama-settings.js';

/** Ollama's default endpoint; non-2xx answers are thrown, as a real host does. */
const host = { providerId: 'ollama', baseUrl: OLLAMA_DEFAULT_BASE_URL } as const;

const context = { providerId: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1' };

function parseError(body: unknown): ListingParseError {
  try {
    parseOllamaModels(body, context);
  } catch (error) {
    expect(ListingParseError.isInstance(error)).toBe(true);
    return error as ListingParseError;
  }
  throw new Error('expected a ListingParseError');
}

describe('parseOllamaModels: native /api/tags', () => {
  it('parses the recorded body, keeping ids exactly as listed', () => {
    expect(parseOllamaModels(tagsBody, context)).toEqual([
      { id: 'deepseek-r1:latest', created: 1746889608 },
      { id: 'llama3.2:latest', created: 1746405464 },
    ]);
  });

  it('sets canonicalModel for well-known names (case-insensitive, :latest implied, -cloud and default namespace ignored)', () => {
    const body = {
      models: [
        { name: 'gpt-oss:120b' },
        { name: 'GPT-OSS:20B' },
        { name: 'qwen3-coder:480b-cloud', capabilities: ['completion', 'tools'] },
        { name: 'kimi-k2.6:latest' },
        { name: 'library/glm-5.1' },
        { name: 'registry.ollama.ai/library/deepseek-v4-flash:latest' },
        {
          name: 'deepseek-v4-pro:0813-cloud',
          remote_model: 'deepseek-v4-pro:0813',
          remote_host: 'https://ollama.com:443',
        },
        { name: 'my-alias:latest', remote_model: 'gpt-oss:120b' },
        { name: 'qwen3-coder:30b', capabilities: ['completion', 'tools'] },
        { name: 'nomic-embed-text:latest', capabilities: ['embedding'] },
      ],
    };
    expect(parseOllamaModels(body, context)).toEqual([
      { id: 'gpt-oss:120b', canonicalModel: 'gpt-oss-120b' },
      { id: 'GPT-OSS:20B', canonicalModel: 'gpt-oss-20b' },
      {
        id: 'qwen3-coder:480b-cloud',
        canonicalModel: 'qwen3-coder-480b-a35b',
        kind: 'chat',
        capabilities: ['completion', 'tools'],
      },
      { id: 'kimi-k2.6:latest', canonicalModel: 'kimi-k2.6' },
      { id: 'library/glm-5.1', canonicalModel: 'glm-5.1' },
      { id: 'registry.ollama.ai/library/deepseek-v4-flash:latest', canonicalModel: 'deepseek-v4-flash' },
      { id: 'deepseek-v4-pro:0813-cloud', canonicalModel: 'deepseek-v4-pro' },
      { id: 'my-alias:latest', canonicalModel: 'gpt-oss-120b' },
      { id: 'qwen3-coder:30b', kind: 'chat', capabilities: ['completion', 'tools'] },
      { id: 'nomic-embed-text:latest', kind: 'embedding', capabilities: ['embedding'] },
    ]);
  });

  it('never maps a different tag or namespace of a known name', () => {
    const records = parseOllamaModels(
      { models: [{ name: 'gpt-oss:latest' }, { name: 'someone/gpt-oss:120b' }, { name: 'llama3.3:8b' }] },
      context,
    );
    expect(records.map((record) => record.canonicalModel)).toEqual([undefined, undefined, undefined]);
  });

  it('drops wrong-typed optional fields instead of coercing them, and never copies unknown fields', () => {
    const body = {
      models: [
        {
          name: 'a:1',
          modified_at: 12,
          capabilities: ['completion', 3],
          size: 'big',
          api_key: 'sk-planted-secret-123456',
        },
        { name: 'b:1', modified_at: 'yesterday', capabilities: 'tools' },
      ],
    };
    const records = parseOllamaModels(body, context);
    expect(records).toEqual([{ id: 'a:1' }, { id: 'b:1' }]);
    expect(JSON.stringify(records)).not.toContain('sk-planted');
    for (const record of records) expect(liveModelRecordSchema.safeParse(record).success).toBe(true);
  });

  it('treats models: [] and models: null as an empty install; keeps the first of duplicate names', () => {
    expect(parseOllamaModels({ models: [] }, context)).toEqual([]);
    expect(parseOllamaModels({ models: null }, context)).toEqual([]);
    expect(
      parseOllamaModels({ models: [{ name: 'x:1', capabilities: ['completion'] }, { name: 'x:1' }] }, context),
    ).toEqual([{ id: 'x:1', kind: 'chat', capabilities: ['completion'] }]);
  });
});

describe('parseOllamaModels: OpenAI-compatible /v1/models', () => {
  it('parses the recorded body', () => {
    expect(parseOllamaModels(v1ModelsBody, context)).toEqual([
      { id: 'test-model', ownedBy: 'library', created: 1686935002 },
    ]);
  });

  it('parses data: null (an empty install) as no models', () => {
    expect(parseOllamaModels({ object: 'list', data: null }, context)).toEqual([]);
  });

  it('maps well-known ids here too', () => {
    expect(
      parseOllamaModels(
        { object: 'list', data: [{ id: 'gpt-oss:20b', object: 'model', created: 1, owned_by: 'library' }] },
        context,
      ),
    ).toEqual([{ id: 'gpt-oss:20b', canonicalModel: 'gpt-oss-20b', ownedBy: 'library', created: 1 }]);
  });
});

describe('parseOllamaModels: malformed bodies throw ListingParseError with a path', () => {
  it.each([
    ['null', null, ''],
    ['a string', 'Ollama is running', ''],
    ['a bare list', [{ name: 'a' }], ''],
    ['neither models nor data', { object: 'list' }, 'models'],
    ['models as an object', { models: { name: 'a' } }, 'models'],
    ['data as an object', { data: { id: 'a' } }, 'data'],
    ['an entry that is a string', { models: ['llama3.2:latest'] }, 'models[0]'],
    ['a name of the wrong type', { models: [{ name: 42 }] }, 'models[0].name'],
    ['an empty name', { models: [{ name: '' }] }, 'models[0].name'],
    ['a missing name', { models: [{ model: 'a:1' }] }, 'models[0].name'],
    ['a name longer than 512', { models: [{ name: 'a'.repeat(513) }] }, 'models[0].name'],
    ['a /v1 id of the wrong type', { data: [{ id: 7 }] }, 'data[0].id'],
    ['a /v1 entry that is a string', { data: ['a'] }, 'data[0]'],
  ])('%s', (_label, body, path) => {
    expect(parseError(body).path).toBe(path);
  });

  it('refuses a huge listing (25,000 entries) without crashing', () => {
    const models = Array.from({ length: 25_000 }, (_, index) => ({ name: `m${index}:latest` }));
    expect(parseError({ models }).path).toBe('models');
    const data = Array.from({ length: 25_000 }, (_, index) => ({ id: `m${index}` }));
    expect(parseError({ data }).path).toBe('data');
  });
});

describe('parseOllamaShow', () => {
  it('reads the trained context window from model_info["<arch>.context_length"] and the capabilities', () => {
    expect(parseOllamaShow(showBody)).toEqual({ contextWindow: 131_072, capabilities: ['completion', 'vision'] });
  });

  it('returns nothing it cannot read, and throws for a body that is not an object', () => {
    expect(parseOllamaShow({})).toEqual({});
    expect(parseOllamaShow({ model_info: { 'general.architecture': 'llama' } })).toEqual({});
    expect(
      parseOllamaShow({ model_info: { 'general.architecture': 'llama', 'llama.context_length': '8192' } }),
    ).toEqual({});
    expect(parseOllamaShow({ model_info: { 'general.architecture': 'llama', 'llama.context_length': -1 } })).toEqual(
      {},
    );
    expect(parseOllamaShow({ model_info: { 'general.architecture': 'constructor' } })).toEqual({});
    expect(
      parseOllamaShow({
        model_info: { 'general.architecture': 'qwen3', 'qwen3.context_length': 262_144 },
        capabilities: ['completion', 'tools', 'thinking'],
      }),
    ).toEqual({
      contextWindow: 262_144,
      capabilities: ['completion', 'tools', 'thinking'],
    });
    expect(() => parseOllamaShow(null)).toThrow(ListingParseError);
    expect(() => parseOllamaShow([showBody])).toThrow(/Unexpected listing body/);
  });
});

describe('fetchOllamaModels', () => {
  it('lists /api/tags, then asks /api/show per model (POST, from the origin) for the context window', async () => {
    const live = createFakeLiveContext(
      {
        'GET origin:/api/tags': {
          status: 200,
          json: { models: [{ name: 'gemma4:latest' }, { name: 'gpt-oss:20b' }, { name: 'gone:latest' }] },
        },
        'POST origin:/api/show': (request) => {
          const model = (request.json as { model: string }).model;
          if (model === 'gemma4:latest') return { status: 200, json: showBody };
          if (model === 'gpt-oss:20b')
            return {
              status: 200,
              json: {
                model_info: { 'general.architecture': 'gptoss', 'gptoss.context_length': 131_072 },
                capabilities: ['completion', 'tools', 'thinking'],
              },
            };
          return { status: 404, json: { error: "model 'gone' not found" } };
        },
      },
      host,
    );
    expect(await fetchOllamaModels(live)).toEqual([
      { id: 'gemma4:latest', contextWindow: 131_072, kind: 'chat', capabilities: ['completion', 'vision'] },
      {
        id: 'gpt-oss:20b',
        canonicalModel: 'gpt-oss-20b',
        contextWindow: 131_072,
        kind: 'chat',
        capabilities: ['completion', 'tools', 'thinking'],
      },
      { id: 'gone:latest' },
    ]);
    expect(live.requests[0]).toEqual({ path: '/api/tags', from: 'origin' });
    expect(live.requests.slice(1).map((request) => [request.method, request.from, request.path, request.json])).toEqual(
      expect.arrayContaining([
        ['POST', 'origin', '/api/show', { model: 'gemma4:latest' }],
        ['POST', 'origin', '/api/show', { model: 'gpt-oss:20b' }],
        ['POST', 'origin', '/api/show', { model: 'gone:latest' }],
      ]),
    );
  });

  it('asks /api/show for at most 50 models', async () => {
    const models = Array.from({ length: 80 }, (_, index) => ({ name: `m${index}:latest` }));
    const live = createFakeLiveContext(
      {
        'GET origin:/api/tags': { status: 200, json: { models } },
        'POST origin:/api/show': { status: 200, json: showBody },
      },
      host,
    );
    const records = await fetchOllamaModels(live);
    expect(records).toHaveLength(80);
    expect(live.requests.filter((request) => request.path === '/api/show')).toHaveLength(50);
    expect(records.filter((record) => record.contextWindow === 131_072)).toHaveLength(50);
    expect(records[79]).toEqual({ id: 'm79:latest' });
  });

  it('keeps listed records when /api/show fails with a network error', async () => {
    const live = createFakeLiveContext(
      {
        'GET origin:/api/tags': { status: 200, json: tagsBody },
        'POST origin:/api/show': new ProviderHttpError('connection reset', {
          kind: 'network',
          url: 'http://127.0.0.1:11434/api/show',
        }),
      },
      host,
    );
    expect(await fetchOllamaModels(live)).toEqual(parseOllamaModels(tagsBody, context));
  });

  it('throws a typed error when /api/tags answers with an error status', async () => {
    const live = createFakeLiveContext(
      { 'GET origin:/api/tags': { status: 401, json: { error: 'unauthorized' } } },
      host,
    );
    const error = await fetchOllamaModels(live).catch((caught: unknown) => caught);
    expect(ProviderHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      kind: 'http-status',
      status: 401,
      url: 'http://127.0.0.1:11434/api/tags',
      providerMessage: 'unauthorized',
    });
  });

  it('stops when the host aborts', async () => {
    const controller = new AbortController();
    const live = createFakeLiveContext(
      {
        'GET origin:/api/tags': { status: 200, json: tagsBody },
        'POST origin:/api/show': () => {
          controller.abort();
          return new ProviderHttpError('aborted', { kind: 'aborted', url: 'http://127.0.0.1:11434/api/show' });
        },
      },
      { ...host, signal: controller.signal },
    );
    await expect(fetchOllamaModels(live)).rejects.toSatisfy(
      (error: unknown) =>
        (ProviderHttpError.isInstance(error) && error.kind === 'aborted') ||
        (error instanceof Error && error.name === 'AbortError'),
    );
    expect(live.requests.filter((request) => request.path === '/api/show').length).toBeLessThanOrEqual(2);
  });
});
