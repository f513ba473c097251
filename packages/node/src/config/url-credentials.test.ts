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
