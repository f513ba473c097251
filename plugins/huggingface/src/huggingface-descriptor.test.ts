import { providerEnvValues } from '@codewhale/core';
import { createRouteProbe } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { huggingfacePlugin } from './huggingface-plugin.js';

// Every key variable the descriptor declares counts as set: the resolver alone decides whether it may be sent.
const { registry, resolve: resolveOk } = createRouteProbe([huggingfacePlugin]);

describe('Hugging Face descriptor: names, environment, official endpoints', () => {
  /** @see issue 12 item 7 */
  it.each(['huggingface', 'hf', 'HF', 'Hugging-Face', ' hugging_face ', 'HuggingFace'])(
    '"%s" names Hugging Face',
    (name) => {
      expect(registry.findProvider(name)?.id).toBe('huggingface');
    },
  );

  /** @see issue 12 item 4 */
  it('declares HUGGINGFACE_* first, then the HF_* spellings; never HF_ENDPOINT (the Hub) or HF_INFERENCE_ENDPOINT', () => {
    expect(huggingfacePlugin.descriptor.env).toEqual({
      baseUrl: ['HUGGINGFACE_BASE_URL', 'HF_BASE_URL'],
      model: ['HUGGINGFACE_MODEL', 'HF_MODEL'],
    });
    const declared = JSON.stringify(huggingfacePlugin.descriptor);
    expect(declared).not.toContain('"HF_ENDPOINT"');
    expect(declared).not.toContain('"HF_INFERENCE_ENDPOINT"');
  });

  /** @see issue 12 item 4 */
  it('reads HUGGINGFACE_BASE_URL before HF_BASE_URL, and says which one lost', () => {
    const both = providerEnvValues(huggingfacePlugin.descriptor, {
      HUGGINGFACE_BASE_URL: 'https://gw.example/v1',
      HF_BASE_URL: 'https://other.example/v1',
      HF_MODEL: 'Qwen/Qwen3-Coder-Next',
    });
    expect(both.baseUrl).toEqual({ name: 'HUGGINGFACE_BASE_URL', value: 'https://gw.example/v1' });
    expect(both.model).toEqual({ name: 'HF_MODEL', value: 'Qwen/Qwen3-Coder-Next' });
    expect(both.ignored.map((entry) => entry.name)).toEqual(['HF_BASE_URL']);
    expect(providerEnvValues(huggingfacePlugin.descriptor, { HF_BASE_URL: 'https://gw.example/v1' }).baseUrl).toEqual({
      name: 'HF_BASE_URL',
      value: 'https://gw.example/v1',
    });
  });

  /** @see issue 12 item 4 */
  it('never takes the Hub (HF_ENDPOINT) or the legacy Inference API (HF_INFERENCE_ENDPOINT) for the router', () => {
    const values = providerEnvValues(huggingfacePlugin.descriptor, {
      HF_ENDPOINT: 'https://hub-mirror.example',
      HF_INFERENCE_ENDPOINT: 'https://api-inference.example',
    });
    expect(values.baseUrl).toBeUndefined();
    expect(values.ignored).toEqual([]);
  });

  /** @see issue 12 item 1 */
  it.each(['https://router.huggingface.co/v1', 'https://ROUTER.huggingface.co/v1/'])(
    '%s is the router: HF_TOKEN bound',
    (baseUrl) => {
      const candidate = resolveOk({ provider: 'huggingface', model: 'deepseek-ai/DeepSeek-V4-Pro', baseUrl });
      expect(candidate.endpoint).toMatchObject({ key: 'chat', official: true });
      expect(candidate.auth).toEqual({ source: 'env', envVar: 'HF_TOKEN' });
    },
  );

  /** @see issue 12 item 1 */
  it.each([
    'https://huggingface.co',
    'https://api-inference.huggingface.co/v1',
    'https://router.huggingface.co/together/v1',
    'https://router.huggingface.co.evil.example/v1',
  ])(
    '%s (the Hub, the legacy Inference API, a provider proxy path, a look-alike) is custom: no ambient token',
    (baseUrl) => {
      const candidate = resolveOk({ provider: 'huggingface', model: 'deepseek-ai/DeepSeek-V4-Pro', baseUrl });
      expect(candidate.endpoint.official).toBe(false);
      expect(candidate.auth.source).toBe('missing');
    },
  );
});
