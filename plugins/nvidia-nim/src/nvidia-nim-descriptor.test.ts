import { createRouteProbe } from '@codewhale/plugin-testkit';
import { describe, expect, it } from 'vitest';
import { nvidiaNimPlugin } from './nvidia-nim-plugin.js';

// Every key variable the descriptor declares counts as set: the resolver alone decides whether it may be sent.
const { registry, resolve: resolveOk } = createRouteProbe([nvidiaNimPlugin]);

describe('NVIDIA NIM descriptor: names, environment, official endpoints', () => {
  /** @see issue 12 item 7 */
  it.each(['nvidia-nim', 'nim', 'nvidia', 'NVIDIA', 'nvidia_nim', 'Nvidia-NIM'])('"%s" names NVIDIA NIM', (name) => {
    expect(registry.findProvider(name)?.id).toBe('nvidia-nim');
  });

  /** @see issue 12 item 4 */
  it('declares NVIDIA_NIM_BASE_URL and NVIDIA_NIM_MODEL', () => {
    expect(nvidiaNimPlugin.descriptor.env).toEqual({ baseUrl: 'NVIDIA_NIM_BASE_URL', model: 'NVIDIA_NIM_MODEL' });
    expect(registry.envVarOwner('NVIDIA_NIM_BASE_URL')).toBe('nvidia-nim');
  });

  /** @see issue 12 item 1 */
  it.each(['https://integrate.api.nvidia.com/v1', 'https://integrate.api.nvidia.com/v1/'])(
    '%s is the hosted API: NVIDIA_API_KEY bound',
    (baseUrl) => {
      const candidate = resolveOk({ provider: 'nvidia-nim', model: 'deepseek-ai/deepseek-v4-pro', baseUrl });
      expect(candidate.endpoint).toMatchObject({ key: 'chat', official: true });
      expect(candidate.auth).toEqual({ source: 'env', envVar: 'NVIDIA_API_KEY' });
    },
  );

  /** @see issue 12 item 1 */
  it.each([
    'http://127.0.0.1:8000/v1',
    'https://integrate.api.nvidia.com',
    'http://integrate.api.nvidia.com/v1',
    'https://build.nvidia.com/v1',
  ])('%s (a self-hosted container or another spelling) is custom: no ambient key', (baseUrl) => {
    const candidate = resolveOk({ provider: 'nvidia-nim', model: 'deepseek-ai/deepseek-v4-pro', baseUrl });
    expect(candidate.endpoint.official).toBe(false);
    expect(candidate.auth.source).toBe('missing');
  });
});
