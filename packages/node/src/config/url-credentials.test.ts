import { describe, expect, it } from 'vitest';
import { isCredentialParameter, redactConfigUrls, redactUrlCredentials, urlCredentials } from './url-credentials.js';

const SECRET = 'PASSWORD-canary-8a1f';

describe('URL credentials', () => {
  it('redacts user info and credential-like query and fragment parameters, keeping the rest', () => {
    /** @see issue 13 item 7 */
    expect(redactUrlCredentials(`https://u:${SECRET}@proxy.example/v1?token=${SECRET}&page=2`)).toBe(
      'https://[redacted]@proxy.example/v1?token=[redacted]&page=2',
    );
    expect(
      redactUrlCredentials(
        `https://proxy.example/v1?X-Amz-Signature=${SECRET}&X-Amz-Credential=${SECRET}&api-version=2`,
      ),
    ).toBe('https://proxy.example/v1?X-Amz-Signature=[redacted]&X-Amz-Credential=[redacted]&api-version=2');
    expect(redactUrlCredentials(`https://h.example/cb#access_token=${SECRET}&state=1`)).toBe(
      'https://h.example/cb#access_token=[redacted]&state=1',
    );
    expect(redactUrlCredentials('https://api.deepseek.com/v1')).toBe('https://api.deepseek.com/v1');
    expect(redactUrlCredentials('not a url ?token=x')).toBe('not a url ?token=x');
    for (const name of [
      'token',
      'key',
      'api_key',
      'apikey',
      'access_token',
      'sig',
      'signature',
      'password',
      'secret',
      'client_secret',
      'X-Api-Key',
    ])
      expect(isCredentialParameter(name), name).toBe(true);
    for (const name of ['page', 'api-version', 'model', 'region'])
      expect(isCredentialParameter(name), name).toBe(false);
    expect(urlCredentials(`https://u:${SECRET}@h.example/?password=${SECRET}`)).toEqual({
      userInfo: true,
      parameters: ['password'],
    });
  });

  it('redacts every URL-valued field of a config, nowhere else', () => {
    /** @see issue 13 item 7 */
    const config = {
      base_url: `https://u:${SECRET}@a.example/v1`,
      model: 'm',
      providers: {
        vllm: { base_url: `http://127.0.0.1:8000/v1?key=${SECRET}`, fallback: [`https://b.example/?token=${SECRET}`] },
      },
    };
    const shown = redactConfigUrls(config);
    expect(JSON.stringify(shown)).not.toContain(SECRET);
    expect(shown).toEqual({
      base_url: 'https://[redacted]@a.example/v1',
      model: 'm',
      providers: {
        vllm: {
          base_url: 'http://127.0.0.1:8000/v1?key=[redacted]',
          fallback: ['https://b.example/?token=[redacted]'],
        },
      },
    });
    expect(config.base_url).toContain(SECRET);
  });
});

describe('what counts as a credential in a URL', () => {
  it('flags the exact credential names, compared without case, -, _, . and spaces', () => {
    for (const name of ['auth', 'pwd', 'pass', 'authorization', 'Authorization', 'code', 'pass_word', ' PWD '])
      expect(isCredentialParameter(name), name).toBe(true);
    for (const name of ['author', 'passage', 'codec', 'state']) expect(isCredentialParameter(name), name).toBe(false);
  });

  it('flags user info given as a user name alone or a password alone', () => {
    expect(urlCredentials(`https://${SECRET}@h.example/v1`)).toStrictEqual({ userInfo: true, parameters: [] });
    expect(urlCredentials(`https://:${SECRET}@h.example/v1`)).toStrictEqual({ userInfo: true, parameters: [] });
    expect(urlCredentials('https://h.example/v1?page=2')).toStrictEqual({ userInfo: false, parameters: [] });
  });

  it('names a credential in the fragment (an OAuth code), and decodes + in names as a space', () => {
    expect(urlCredentials(`https://h.example/cb#code=${SECRET}&state=1`)).toStrictEqual({
      userInfo: false,
      parameters: ['code'],
    });
    expect(urlCredentials(`https://h.example/v1?access+token=${SECRET}`)).toStrictEqual({
      userInfo: false,
      parameters: ['access token'],
    });
  });

  it('keeps a name that is not valid percent-encoding as written, and still redacts its value', () => {
    const url = `https://h.example/v1?%zz_token=${SECRET}&page=2`;
    expect(urlCredentials(url)).toStrictEqual({ userInfo: false, parameters: ['%zz_token'] });
    expect(redactUrlCredentials(url)).toBe('https://h.example/v1?%zz_token=[redacted]&page=2');
  });

  it('never lists a bare query (no name=value) as a parameter name, and keeps bare flags when redacting', () => {
    // A bare query may be the value itself: listing it as a "name" would put it in a message.
    expect(urlCredentials(`https://h.example/v1?${SECRET}-apikey`)).toStrictEqual({ userInfo: false, parameters: [] });
    expect(redactUrlCredentials(`https://h.example/v1?token=${SECRET}&debug_token`)).toBe(
      'https://h.example/v1?token=[redacted]&debug_token',
    );
  });

  it('is only about absolute URLs with an authority, found after trimming any white space (a non-breaking space too)', () => {
    // mailto: has no authority: not a URL this checks, even when a "://" comes later.
    expect(urlCredentials(`mailto:ops@h.example?token=${SECRET}#http://docs`)).toBeUndefined();
    // Looks like a URL but does not parse: undefined, never a throw.
    expect(urlCredentials(`https://proxy example/v1?token=${SECRET}`)).toBeUndefined();
    expect(redactUrlCredentials(`https://proxy example/v1?token=${SECRET}`)).toBe(
      `https://proxy example/v1?token=${SECRET}`,
    );
    expect(urlCredentials(`  https://u:${SECRET}@h.example/v1  `)).toStrictEqual({ userInfo: true, parameters: [] });
    const pasted = `\u00a0https://h.example/v1?token=${SECRET}\u00a0`;
    expect(urlCredentials(pasted)).toStrictEqual({ userInfo: false, parameters: ['token'] });
    expect(redactUrlCredentials(pasted)).toBe('https://h.example/v1?token=[redacted]');
  });

  it('returns a URL without credentials exactly as written (no normalisation)', () => {
    for (const url of ['https://API.example.test', ' https://api.example.test/v1 ', 'http://127.0.0.1:8000/v1?page=2'])
      expect(redactUrlCredentials(url)).toBe(url);
  });

  it('keeps numbers, booleans, dates and nulls of a config as they are', () => {
    const when = new Date('1979-05-27T07:32:00Z');
    const shown = redactConfigUrls({
      context_window: 32768,
      cost_saving: true,
      since: when,
      nothing: null,
      list: [1, `https://h.example/?key=${SECRET}`],
    });
    expect(shown).toStrictEqual(
      Object.assign(Object.create(null), {
        context_window: 32768,
        cost_saving: true,
        since: when,
        nothing: null,
        list: [1, 'https://h.example/?key=[redacted]'],
      }),
    );
    expect(shown.since).toBe(when);
  });
});
