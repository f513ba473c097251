import { describe, expect, it } from 'vitest';
import { descriptor } from '../__fixtures__/synthetic-plugins.js';
import { providerDescriptorSchema, type ProviderDescriptor } from './provider-descriptor.js';
import { providerEnvNames, providerEnvValues } from './provider-env.js';

/** A local runtime in Ollama's style: a base URL variable, then a host variable; default port 11434. */
const local = descriptor('local-runtime', {
  class: 'local',
  endpoints: { chat: { baseUrl: 'http://127.0.0.1:11434/v1', protocol: 'chat-completions' } },
  env: {
    baseUrl: 'LOCAL_RUNTIME_BASE_URL',
    model: 'LOCAL_RUNTIME_MODEL',
    host: { name: 'LOCAL_RUNTIME_HOST', path: '/v1' },
  },
});

/** An aggregator with its own names first and a tool's fallback names after them (Hugging Face's HF_ style). */
const aggregator = descriptor('aggregator', {
  env: { baseUrl: ['AGGREGATOR_BASE_URL', 'AGG_BASE_URL'], model: ['AGGREGATOR_MODEL', 'AGG_MODEL'] },
});

const hostUrl = (value: string, from: ProviderDescriptor = local) =>
  providerEnvValues(from, { LOCAL_RUNTIME_HOST: value });

/** @see issue 12 item 4 */
describe('providerEnvNames', () => {
  it('lists each field in read order, whether the descriptor gives one name or several', () => {
    expect(providerEnvNames(local)).toEqual({
      baseUrl: ['LOCAL_RUNTIME_BASE_URL'],
      model: ['LOCAL_RUNTIME_MODEL'],
      host: { name: 'LOCAL_RUNTIME_HOST', path: '/v1' },
    });
    expect(providerEnvNames(aggregator)).toEqual({
      baseUrl: ['AGGREGATOR_BASE_URL', 'AGG_BASE_URL'],
      model: ['AGGREGATOR_MODEL', 'AGG_MODEL'],
    });
    expect(providerEnvNames(descriptor('bare'))).toEqual({ baseUrl: [], model: [] });
  });

  it('the schema accepts a name, a non-empty list and a host variable, and nothing else', () => {
    expect(providerDescriptorSchema.safeParse(local).success).toBe(true);
    expect(providerDescriptorSchema.safeParse(aggregator).success).toBe(true);
    for (const env of [
      { baseUrl: [] },
      { baseUrl: ['lower_case'] },
      { host: { name: 'X_HOST' } },
      { host: { name: 'X_HOST', path: 'v1' } },
      { host: { name: 'X_HOST', path: '/v1?x=1' } },
      { other: 'X' },
    ]) {
      expect(
        providerDescriptorSchema.safeParse(descriptor('x', { env } as Partial<ProviderDescriptor>)).success,
        JSON.stringify(env),
      ).toBe(false);
    }
    expect(
      providerDescriptorSchema.safeParse(descriptor('x', { env: { host: { name: 'X_HOST', path: '' } } })).success,
    ).toBe(true);
  });
});

/** @see issue 12 item 4 */
describe('providerEnvValues', () => {
  it('reads each list in order: the first non-blank value wins (trimmed) and later set ones are ignored with why', () => {
    expect(
      providerEnvValues(aggregator, {
        AGG_BASE_URL: 'https://gw.example.test/v1',
        AGGREGATOR_MODEL: ' org/Model-A ',
        AGG_MODEL: 'org/Model-B',
      }),
    ).toEqual({
      baseUrl: { name: 'AGG_BASE_URL', value: 'https://gw.example.test/v1' },
      model: { name: 'AGGREGATOR_MODEL', value: 'org/Model-A' },
      ignored: [{ name: 'AGG_MODEL', reason: 'AGGREGATOR_MODEL is set and is read first' }],
    });
    expect(
      providerEnvValues(aggregator, {
        AGGREGATOR_BASE_URL: 'https://a.example.test/v1',
        AGG_BASE_URL: 'https://b.example.test/v1',
      }),
    ).toEqual({
      baseUrl: { name: 'AGGREGATOR_BASE_URL', value: 'https://a.example.test/v1' },
      ignored: [{ name: 'AGG_BASE_URL', reason: 'AGGREGATOR_BASE_URL is set and is read first' }],
    });
  });

  it('counts blank and whitespace-only values as unset, and reads nothing else from the environment', () => {
    expect(
      providerEnvValues(aggregator, {
        AGGREGATOR_BASE_URL: '',
        AGG_BASE_URL: '  \t',
        AGGREGATOR_MODEL: '\n',
        AGG_MODEL: 'm',
      }),
    ).toEqual({ model: { name: 'AGG_MODEL', value: 'm' }, ignored: [] });
    expect(
      providerEnvValues(descriptor('bare'), { BARE_BASE_URL: 'https://x.example.test', BARE_API_KEY: 'secret' }),
    ).toEqual({ ignored: [] });
    const inherited = Object.create({ AGGREGATOR_MODEL: 'from-prototype' }) as Record<string, string>;
    expect(providerEnvValues(aggregator, inherited)).toEqual({ ignored: [] });
  });

  it('turns a host variable into a base URL: without a scheme, http and the default endpoint port; with one, its own default port', () => {
    expect(hostUrl('127.0.0.1').baseUrl).toEqual({ name: 'LOCAL_RUNTIME_HOST', value: 'http://127.0.0.1:11434/v1' });
    expect(hostUrl('gpu-box.lan:11500').baseUrl?.value).toBe('http://gpu-box.lan:11500/v1');
    expect(hostUrl('http://gpu-box.lan').baseUrl?.value).toBe('http://gpu-box.lan/v1');
    expect(hostUrl('https://ollama.example.test').baseUrl?.value).toBe('https://ollama.example.test/v1');
    expect(hostUrl('HTTPS://Ollama.Example.TEST:8443/').baseUrl?.value).toBe('https://ollama.example.test:8443/v1');
    expect(hostUrl('http://gpu-box.lan:80').baseUrl?.value).toBe('http://gpu-box.lan/v1');
    expect(hostUrl('https://proxy.example.test/ollama/').baseUrl?.value).toBe('https://proxy.example.test/ollama/v1');
    expect(hostUrl('"127.0.0.1:11435"').baseUrl?.value).toBe('http://127.0.0.1:11435/v1');
    expect(hostUrl('localhost').ignored).toEqual([]);
  });

  it('reads a wildcard bind address (0.0.0.0, ::, or no host) as this machine', () => {
    expect(hostUrl('0.0.0.0').baseUrl?.value).toBe('http://127.0.0.1:11434/v1');
    expect(hostUrl('0.0.0.0:11500').baseUrl?.value).toBe('http://127.0.0.1:11500/v1');
    expect(hostUrl(':11500').baseUrl?.value).toBe('http://127.0.0.1:11500/v1');
    expect(hostUrl('[::]:11500').baseUrl?.value).toBe('http://[::1]:11500/v1');
  });

  it('handles IPv6 with and without brackets and port', () => {
    expect(hostUrl('[::1]:11500').baseUrl?.value).toBe('http://[::1]:11500/v1');
    expect(hostUrl('[::1]').baseUrl?.value).toBe('http://[::1]:11434/v1');
    expect(hostUrl('::1').baseUrl?.value).toBe('http://[::1]:11434/v1');
    expect(hostUrl('fd00::5').baseUrl?.value).toBe('http://[fd00::5]:11434/v1');
    expect(hostUrl('https://[2001:db8::1]:8443').baseUrl?.value).toBe('https://[2001:db8::1]:8443/v1');
  });

  it('ignores a malformed host value with the reason, never making a URL of it or repeating it', () => {
    const cases: [string, RegExp][] = [
      ['ftp://gpu-box.lan', /scheme/],
      ['gpu-box.lan:99999', /port/],
      ['gpu-box.lan:0', /port/],
      ['gpu-box.lan:abc', /port/],
      ['user:hunter2@gpu-box.lan:11434', /user info/],
      ['http://gpu-box.lan:11434/?token=hunter2', /query/],
      ['gpu box', /whitespace/],
      ['[::1', /IPv6/],
      ['[::1]x', /IPv6/],
      ['[fe80::1%eth0]:11434', /not a valid host/],
      ['exa%mple.test', /not a valid host/],
    ];
    for (const [value, reason] of cases) {
      const read = hostUrl(value);
      expect(read.baseUrl, value).toBeUndefined();
      expect(read.ignored, value).toHaveLength(1);
      expect(read.ignored[0]?.name).toBe('LOCAL_RUNTIME_HOST');
      expect(read.ignored[0]?.reason, value).toMatch(reason);
      expect(read.ignored[0]?.reason).not.toContain('hunter2');
      expect(read.ignored[0]?.reason).not.toContain(value);
    }
  });

  it('reads the host variable after the base URL names: a set base URL wins and the host is ignored', () => {
    expect(
      providerEnvValues(local, {
        LOCAL_RUNTIME_BASE_URL: 'http://127.0.0.1:21434/v1',
        LOCAL_RUNTIME_HOST: '0.0.0.0:11500',
      }),
    ).toEqual({
      baseUrl: { name: 'LOCAL_RUNTIME_BASE_URL', value: 'http://127.0.0.1:21434/v1' },
      ignored: [{ name: 'LOCAL_RUNTIME_HOST', reason: 'LOCAL_RUNTIME_BASE_URL is set and is read first' }],
    });
    expect(
      providerEnvValues(local, { LOCAL_RUNTIME_BASE_URL: ' ', LOCAL_RUNTIME_HOST: '127.0.0.1:11500' }).baseUrl,
    ).toEqual({ name: 'LOCAL_RUNTIME_HOST', value: 'http://127.0.0.1:11500/v1' });
  });

  it('without a port on the default endpoint, a host without a scheme gets http and no explicit port', () => {
    const portless = descriptor('portless', { env: { host: { name: 'PORTLESS_HOST', path: '' } } });
    expect(providerEnvValues(portless, { PORTLESS_HOST: 'gpu-box.lan' }).baseUrl?.value).toBe('http://gpu-box.lan');
    expect(
      providerEnvValues(
        { env: { host: { name: 'PORTLESS_HOST', path: '/v1' } } },
        { PORTLESS_HOST: 'gpu-box.lan:9000' },
      ).baseUrl?.value,
    ).toBe('http://gpu-box.lan:9000/v1');
  });
});
