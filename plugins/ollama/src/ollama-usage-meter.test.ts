import { ListingParseError, ProviderHttpError } from '@codewhale/plugin-kit';
import { createFakeLiveContext } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import psBody from './__fixtures__/ollama-ps.json' with { type: 'json' };
import { parseOllamaLoadedModels, ollamaUsageMeter } from './ollama-usage-meter.js';
import { OLLAMA_DEFAULT_BASE_URL } from './ollama-settings.js';

/** Ollama's default endpoint; non-2xx answers are thrown, as a real host does. */
const host = { providerId: 'ollama', baseUrl: OLLAMA_DEFAULT_BASE_URL } as const;

describe('ollama usage meter', () => {
  /** @see issue 12 item 1 (next door: Ollama Cloud is not your hardware) */
  it.each(['https://ollama.com/v1', 'https://OLLAMA.com/v1/'])(
    'describes Ollama Cloud (%s) as unknown, not local',
    (baseUrl) => {
      expect(
        ollamaUsageMeter.describe({
          providerId: 'ollama',
          offering: undefined,
          endpoint: { key: 'chat', baseUrl, official: false },
        }),
      ).toEqual({
        kind: 'unknown',
        reason: "Ollama Cloud: usage counts against your plan's quota, and Ollama publishes no usage API",
      });
    },
  );

  it('describes an endpoint whose base URL does not parse as local (it is not Ollama Cloud), without throwing', () => {
    expect(
      ollamaUsageMeter.describe({
        providerId: 'ollama',
        offering: undefined,
        endpoint: { key: 'chat', baseUrl: 'not a url', official: false },
      }),
    ).toEqual({ kind: 'local' });
  });

  it('describes every route as local, on the default endpoint or any other', () => {
    for (const official of [true, false]) {
      expect(
        ollamaUsageMeter.describe({
          providerId: 'ollama',
          offering: undefined,
          endpoint: { key: 'chat', baseUrl: 'http://gpu-box.lan:11434/v1', official },
        }),
      ).toEqual({ kind: 'local' });
    }
  });

  it('reads loaded models from GET /api/ps at the origin', async () => {
    const live = createFakeLiveContext({ 'GET origin:/api/ps': { status: 200, json: psBody } }, host);
    const reading = await ollamaUsageMeter.read?.(live);
    expect(reading).toEqual({
      kind: 'local',
      loadedModels: [
        {
          name: 'gemma4',
          sizeBytes: 6_591_830_464,
          vramBytes: 5_333_539_264,
          contextLength: 4096,
          expiresAt: '2025-10-17T16:47:07.93355-07:00',
        },
      ],
      fetchedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(live.requests).toEqual([{ path: '/api/ps', from: 'origin' }]);
  });

  it('keeps 0 VRAM (CPU-only) and drops wrong-typed fields', () => {
    expect(
      parseOllamaLoadedModels({
        models: [{ name: 'a', size_vram: 0, size: -1, context_length: '4096', expires_at: 5 }],
      }),
    ).toEqual([{ name: 'a', vramBytes: 0 }]);
    expect(parseOllamaLoadedModels({ models: [] })).toEqual([]);
    expect(parseOllamaLoadedModels({ models: null })).toEqual([]);
  });

  it('keeps every field of a loaded model, and drops only those that are missing, negative, fractional or not numbers', () => {
    const full = { name: 'qwen3:8b', size: 0, size_vram: 0, context_length: 1, expires_at: '2026-12-02T10:00:00Z' };
    expect(parseOllamaLoadedModels({ models: [full] })).toEqual([
      { name: 'qwen3:8b', sizeBytes: 0, vramBytes: 0, contextLength: 1, expiresAt: '2026-12-02T10:00:00Z' },
    ]);
    for (const bad of [-1, 1.5, '5', Number.MAX_SAFE_INTEGER + 2, null])
      expect(parseOllamaLoadedModels({ models: [{ name: 'm', size: bad, size_vram: bad }] })).toStrictEqual([
        { name: 'm' },
      ]);
    // Absent stays absent: no key with an undefined value (a JSON reader would not tell them apart, a spread would).
    expect(parseOllamaLoadedModels({ models: [{ name: 'm' }] })).toStrictEqual([{ name: 'm' }]);
  });

  it.each([
    ['nope', '[ollama] Unexpected listing body at (root): expected a JSON object'],
    [{ models: {} }, '[ollama] Unexpected listing body at models: expected a list of loaded models'],
    [{ models: [{ name: 'a' }, 'b'] }, '[ollama] Unexpected listing body at models[1]: expected an object'],
    [{ models: [{ size: 1 }] }, '[ollama] Unexpected listing body at models[0].name: expected a model name'],
    [
      { models: [{ name: 'x'.repeat(513) }] },
      '[ollama] Unexpected listing body at models[0].name: expected a model name',
    ],
  ])('names where a body that does not fit goes wrong: %j', (body, message) => {
    let caught: unknown;
    try {
      parseOllamaLoadedModels(body);
    } catch (error) {
      caught = error;
    }
    expect(ListingParseError.isInstance(caught)).toBe(true);
    expect((caught as Error).message).toBe(message);
  });

  it('takes a model name of up to 512 characters', () => {
    expect(parseOllamaLoadedModels({ models: [{ name: 'x'.repeat(512) }] })).toEqual([{ name: 'x'.repeat(512) }]);
  });

  it('throws typed errors for bodies that do not fit and for error statuses', async () => {
    expect(() => parseOllamaLoadedModels({ models: {} })).toThrow(ListingParseError);
    expect(() => parseOllamaLoadedModels({ models: [{ size: 1 }] })).toThrow(/models\[0\]\.name/);
    expect(() => parseOllamaLoadedModels('nope')).toThrow(ListingParseError);
    const error = await ollamaUsageMeter
      .read?.(createFakeLiveContext({ 'GET origin:/api/ps': { status: 500, json: { error: 'boom' } } }, host))
      .catch((caught: unknown) => caught);
    expect(ProviderHttpError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 500, providerMessage: 'boom', url: 'http://127.0.0.1:11434/api/ps' });
  });
});
