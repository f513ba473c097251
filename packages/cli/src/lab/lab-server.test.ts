import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError, EXIT_CODES } from '../cli/exit-codes.js';
import { runCommand } from '../cli/run.js';
import { LAB_DEFAULT_PORT, runLab } from '../commands/lab.js';
import { errorOutputSchema, providersOutputSchema } from '../output/schemas.js';
import { labRequest } from '../test-utils/lab-client.js';
import { createCaptureOutput } from './capture-output.js';
import { HTTP_STATUS } from './http-status.js';
import { LAB_API } from './lab-api.js';
import { isLoopbackHost, type LabServer, startLabServer } from './lab-server.js';

// @see issue 20: the lab's server in this process, against a throw-away page, for its security rules.

const dir = mkdtempSync(join(tmpdir(), 'codewhale-lab-'));
const assetsDir = join(dir, 'lab');
const home = join(dir, 'home');
const env = { HOME: home, XDG_CONFIG_HOME: join(dir, 'config'), CODEWHALE_CACHE_DIR: join(dir, 'cache') };
let lab: LabServer;

beforeAll(async () => {
  mkdirSync(join(assetsDir, 'assets'), { recursive: true });
  mkdirSync(home, { recursive: true });
  writeFileSync(
    join(assetsDir, 'index.html'),
    '<!doctype html><html><head><title>Lab</title></head><body></body></html>\n',
  );
  writeFileSync(join(assetsDir, 'assets', 'app-1a2b3c.js'), 'export {};\n');
  writeFileSync(join(assetsDir, 'assets', 'app-1a2b3c.css'), 'body{}\n');
  writeFileSync(join(assetsDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>\n');
  writeFileSync(join(assetsDir, '.env'), 'SECRET=1\n');
  writeFileSync(join(assetsDir, 'notes.txt'), 'not a served type\n');
  writeFileSync(join(dir, 'outside.js'), 'export const outside = 1;\n');
  symlinkSync(join(dir, 'outside.js'), join(assetsDir, 'assets', 'link.js'));
  lab = await startLabServer({ assetsDir, env, runCommand, version: '9.9.9-test' });
});
afterAll(async () => {
  await lab.close();
  rmSync(dir, { recursive: true, force: true });
});

const bearer = () => ({ Authorization: `Bearer ${lab.token}` });
const cookie = () => ({ Cookie: `codewhale_lab_${lab.port}=${lab.token}` });
const get = (path: string, headers: Readonly<Record<string, string>> = {}) => labRequest(lab.origin, path, { headers });

describe('the token', () => {
  it('is 32 random bytes, base64url, in the url', () => {
    expect(lab.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(lab.url).toBe(`${lab.origin}/?token=${lab.token}`);
    expect(lab.origin).toBe(`http://127.0.0.1:${lab.port}`);
  });

  it('is required on every request: none, a wrong one, or one of another length answer 401 with no detail', async () => {
    const wrong = `${lab.token.slice(0, -1)}${lab.token.endsWith('A') ? 'B' : 'A'}`;
    const attempts: Readonly<Record<string, string>>[] = [
      {},
      { Authorization: `Bearer ${wrong}` },
      { Authorization: 'Bearer short' },
      { Cookie: `codewhale_lab_${lab.port}=${wrong}` },
    ];
    for (const headers of attempts) {
      for (const path of ['/', '/index.html', '/assets/app-1a2b3c.js', '/api/meta', '/api/providers', '/nowhere']) {
        const answer = await get(path, headers);
        expect(answer.status, `${path} ${JSON.stringify(headers)}`).toBe(HTTP_STATUS.unauthorized);
        expect(answer.json).toEqual({
          schemaVersion: 1,
          error: {
            category: 'usage',
            exitCode: EXIT_CODES.usage,
            code: 'lab-token',
            message: 'A valid token is required.',
          },
        });
        expect(errorOutputSchema.safeParse(answer.json).success).toBe(true);
      }
    }
    expect((await get(`/?token=${wrong}`)).status).toBe(HTTP_STATUS.unauthorized);
  });

  it('GET /?token= sets the HttpOnly, SameSite=Strict cookie and redirects to / (the token leaves the address bar)', async () => {
    const answer = await get(`/?token=${lab.token}`);
    expect(answer.status).toBe(HTTP_STATUS.seeOther);
    expect(answer.headers.location).toBe('/');
    expect(answer.headers['set-cookie']).toEqual([
      `codewhale_lab_${lab.port}=${lab.token}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
  });

  it('the cookie loads the page and its assets, not the API; the Bearer header loads everything', async () => {
    for (const path of ['/', '/index.html', '/assets/app-1a2b3c.js', '/favicon.svg']) {
      expect((await get(path, cookie())).status, path).toBe(HTTP_STATUS.ok);
      expect((await get(path, bearer())).status, path).toBe(HTTP_STATUS.ok);
    }
    for (const path of ['/api/meta', '/api/providers']) {
      expect((await get(path, cookie())).status, path).toBe(HTTP_STATUS.unauthorized);
      expect((await get(path, bearer())).status, path).toBe(HTTP_STATUS.ok);
    }
    expect((await labRequest(lab.origin, '/api/health', { method: 'POST', headers: cookie() })).status).toBe(
      HTTP_STATUS.unauthorized,
    );
  });
});

describe('the page and its assets', () => {
  it('puts the token into index.html before </head>, never cached', async () => {
    for (const path of ['/', '/index.html']) {
      const answer = await get(path, cookie());
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.text).toBe(
        `<!doctype html><html><head><title>Lab</title><meta name="codewhale-lab-token" content="${lab.token}">\n</head><body></body></html>\n`,
      );
    }
  });

  it('replaces the placeholder when the page has one', async () => {
    const other = join(dir, 'placeholder');
    mkdirSync(other);
    writeFileSync(
      join(other, 'index.html'),
      '<head><meta name="codewhale-lab-token" content="%CODEWHALE_LAB_TOKEN%"></head>',
    );
    const server = await startLabServer({ assetsDir: other, env, runCommand, version: '9.9.9-test' });
    try {
      const answer = await labRequest(server.origin, '/', { headers: { Authorization: `Bearer ${server.token}` } });
      expect(answer.text).toBe(`<head><meta name="codewhale-lab-token" content="${server.token}"></head>`);
    } finally {
      await server.close();
    }
  });

  it('serves hashed assets immutable, other files revalidated, each with its content type', async () => {
    const script = await get('/assets/app-1a2b3c.js', cookie());
    expect(script.text).toBe('export {};\n');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const style = await get('/assets/app-1a2b3c.css', cookie());
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const icon = await get('/favicon.svg', cookie());
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('refuses traversal, encoded traversal, dotfiles, symlinks out of the folder and unknown types (404)', async () => {
    for (const path of [
      '/../package.json',
      '/%2e%2e/package.json',
      '/assets/%2e%2e/%2e%2e/outside.js',
      '/assets/..%2f..%2foutside.js',
      '/..%5c..%5coutside.js',
      '/.env',
      '/%2eenv',
      '/assets/link.js',
      '/notes.txt',
      '/assets/',
      '/%E0%A4%A',
      '/assets/app-1a2b3c.js%00.css',
    ]) {
      const answer = await get(path, bearer());
      expect(answer.status, path).toBe(HTTP_STATUS.notFound);
      expect((answer.json as { error: { code: string } }).error.code, path).toBe('lab-not-found');
    }
  });
});

describe('Host, Origin and methods', () => {
  it('answers only a loopback Host with its port, before the token (DNS rebinding): else 403', async () => {
    for (const host of ['evil.example', `evil.example:${lab.port}`, `127.0.0.1:${lab.port + 1}`, '127.0.0.1']) {
      for (const headers of [{ Host: host, ...bearer() }, { Host: host }]) {
        const answer = await get('/api/providers', headers);
        expect(answer.status, `Host: ${host}`).toBe(HTTP_STATUS.forbidden);
        expect((answer.json as { error: { code: string } }).error.code).toBe('lab-host');
      }
    }
    // No Host at all: Node's server refuses an HTTP/1.1 request without one before the lab sees it.
    expect((await get('/api/providers', { Host: '', ...bearer() })).status).toBe(HTTP_STATUS.badRequest);
    for (const host of [`127.0.0.1:${lab.port}`, `localhost:${lab.port}`, `LOCALHOST:${lab.port}`, `[::1]:${lab.port}`])
      expect((await get('/api/meta', { Host: host, ...bearer() })).status, host).toBe(HTTP_STATUS.ok);
  });

  it('refuses a POST from another Origin (403), even with the token', async () => {
    for (const origin of [
      'http://evil.example',
      `http://127.0.0.1:${lab.port + 1}`,
      'null',
      `https://127.0.0.1:${lab.port}`,
    ]) {
      const answer = await labRequest(lab.origin, '/api/health?provider=vllm', {
        method: 'POST',
        headers: { Origin: origin, ...bearer() },
      });
      expect(answer.status, origin).toBe(HTTP_STATUS.forbidden);
      expect((answer.json as { error: { code: string } }).error.code).toBe('lab-origin');
    }
  });

  it('never sends a CORS header; OPTIONS and other methods answer 405', async () => {
    const answers = [
      await labRequest(lab.origin, '/api/providers', {
        method: 'OPTIONS',
        headers: {
          Origin: 'http://evil.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization',
        },
      }),
      await labRequest(lab.origin, '/api/providers', { method: 'OPTIONS', headers: bearer() }),
      await labRequest(lab.origin, '/api/providers', { method: 'PUT', headers: bearer() }),
      await labRequest(lab.origin, '/', { method: 'DELETE', headers: cookie() }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(HTTP_STATUS.methodNotAllowed);
      expect((answer.json as { error: { code: string } }).error.code).toBe('lab-method');
    }
    answers.push(await get('/api/providers', { Origin: 'http://evil.example', ...bearer() }), await get('/', cookie()));
    for (const answer of answers)
      expect(Object.keys(answer.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it("answers 405 when the endpoint's method differs, 404 for an unknown endpoint", async () => {
    expect((await labRequest(lab.origin, '/api/health', { method: 'GET', headers: bearer() })).status).toBe(
      HTTP_STATUS.methodNotAllowed,
    );
    const post = await labRequest(lab.origin, '/api/providers', { method: 'POST', headers: bearer() });
    expect(post.status).toBe(HTTP_STATUS.methodNotAllowed);
    expect(post.headers.allow).toBe('GET');
    expect((await labRequest(lab.origin, '/api/meta', { method: 'POST', headers: bearer() })).status).toBe(
      HTTP_STATUS.methodNotAllowed,
    );
    expect((await get('/api/config-show', bearer())).status).toBe(HTTP_STATUS.notFound);
    expect((await get('/api/', bearer())).status).toBe(HTTP_STATUS.notFound);
  });

  it('sends the security headers on every answer', async () => {
    for (const answer of [
      await get('/'),
      await get('/', { Host: 'evil.example' }),
      await get('/', cookie()),
      await get('/api/meta', bearer()),
    ]) {
      expect(answer.headers['content-security-policy']).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
      );
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(answer.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });
});

describe('the API', () => {
  it('/api/meta: version and the endpoint table', async () => {
    const answer = await get('/api/meta', bearer());
    expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.json).toEqual({
      schemaVersion: 1,
      version: '9.9.9-test',
      endpoints: JSON.parse(JSON.stringify(LAB_API)),
    });
  });

  it("answers with the command's document, its exit code in a header", async () => {
    const answer = await get('/api/providers', bearer());
    expect(answer.status).toBe(HTTP_STATUS.ok);
    expect(answer.headers['x-codewhale-exit-code']).toBe('0');
    expect(providersOutputSchema.parse(answer.json).providers.map((provider) => provider.id)).toContain('deepseek');
  });

  it('an unknown parameter is a usage error naming the allowed ones (400)', async () => {
    const answer = await get('/api/models?provider=vllm&live=true', bearer());
    expect(answer.status).toBe(HTTP_STATUS.badRequest);
    expect(answer.headers['x-codewhale-exit-code']).toBe('2');
    expect(answer.json).toEqual({
      schemaVersion: 1,
      error: {
        category: 'usage',
        exitCode: EXIT_CODES.usage,
        code: 'lab-unknown-param',
        message: 'Unknown parameter "live" for /api/models.',
        hint: 'Its parameters: provider.',
      },
    });
  });
});

describe('where it listens', () => {
  it('knows loopback addresses', () => {
    for (const host of ['127.0.0.1', '127.8.9.10', 'localhost', 'LocalHost', '::1', '[::1]', '0:0:0:0:0:0:0:1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'localhost.evil.example', '192.168.1.2', '::2'])
      expect(isLoopbackHost(host), host).toBe(false);
  });

  it('refuses an address that is not loopback without expose (usage, lab-not-loopback, the hint)', async () => {
    const error = await startLabServer({ assetsDir, env, runCommand, version: '0', host: '0.0.0.0' }).catch(
      (e: unknown) => e,
    );
    expect(CliError.isInstance(error) && error.category === 'usage' && error.options.code).toBe('lab-not-loopback');
    expect((error as CliError).options.hint).toContain('add --expose');
  });

  it('fails clearly when the page is missing (lab-assets-missing)', async () => {
    const error = await startLabServer({ assetsDir: join(dir, 'nothing'), env, runCommand, version: '0' }).catch(
      (e: unknown) => e,
    );
    expect(CliError.isInstance(error) && error.options.code).toBe('lab-assets-missing');
  });

  it('a taken --port is an error; the default port taken falls back to a free one, with a note', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as AddressInfo).port;
    const runtime = { assetsDir, runCommand, stopped: (server: LabServer) => server.close() };
    try {
      const error = await runLab(
        createCaptureOutput(),
        env,
        { port: String(taken), expose: false, open: false },
        runtime,
      ).catch((e: unknown) => e);
      expect(CliError.isInstance(error) && error.options.code).toBe('lab-port-taken');
      expect((error as CliError).exitCode).toBe(EXIT_CODES.usage);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    // Hold the default port (unless something else already does): the lab moves to a free one and says so.
    const holder = createServer();
    const held = await new Promise<boolean>((resolve) => {
      holder.once('error', () => resolve(false));
      holder.listen(LAB_DEFAULT_PORT, '127.0.0.1', () => resolve(true));
    });
    try {
      const output = createCaptureOutput();
      expect(await runLab(output, env, { expose: false, open: false }, runtime)).toBe(EXIT_CODES.ok);
      const line = JSON.parse(output.lines[0] as string) as { port: number };
      expect(line.port).not.toBe(LAB_DEFAULT_PORT);
      expect(output.warnings).toEqual([
        `note: port ${LAB_DEFAULT_PORT} is taken; the lab uses port ${line.port} instead.`,
      ]);
    } finally {
      if (held) await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('--port must be a port number', async () => {
    for (const port of ['-1', '65536', 'http', '80a']) {
      const error = await runLab(
        createCaptureOutput(),
        env,
        { port, expose: false, open: false },
        { assetsDir, runCommand },
      ).catch((e: unknown) => e);
      expect(CliError.isInstance(error) && error.options.code, port).toBe('bad-flag-value');
    }
  });
});
