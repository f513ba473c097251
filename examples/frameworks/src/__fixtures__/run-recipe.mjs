// Runs a recipe as a real child process, with a config file in a temp dir and an environment that holds nothing of
// the test runner's: no inherited keys, a HOME of its own, OpenAI canaries that must never be read, and every
// non-loopback request sent to the recording server as a proxy (Node's NODE_USE_ENV_PROXY), where it is recorded.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Values a framework would pick up from the environment if it looked: none may reach the server. */
export const OPENAI_CANARIES = {
  OPENAI_API_KEY: 'sk-openai-env-canary-must-not-be-read-7f3e',
  OPENAI_ORG_ID: 'org-env-canary-must-not-be-read',
  OPENAI_PROJECT_ID: 'proj_env_canary_must_not_be_read',
  OPENAI_ORGANIZATION: 'org-langchain-env-canary-must-not-be-read',
};

/** A temp dir for config files and the child's HOME. */
export function makeWorkspace() {
  const directory = mkdtempSync(join(tmpdir(), 'codewhale-recipes-'));
  return { directory, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/**
 * The child's environment: nothing of the test runner's but PATH, a HOME of its own, the OpenAI canaries, and the
 * recording server as HTTP(S) proxy for everything but 127.0.0.1 (Node's NODE_USE_ENV_PROXY). `OPENAI_BASE_URL`
 * points at a path the server has no answer for, so a framework that reads it shows up in `server.requests`.
 */
export function childEnv(server, directory, env = {}) {
  return {
    PATH: process.env.PATH,
    HOME: directory,
    NO_COLOR: '1',
    NODE_USE_ENV_PROXY: '1',
    // Node 22 warns that the proxy agent is experimental; the tests expect an empty stderr.
    NODE_NO_WARNINGS: '1',
    HTTP_PROXY: server.origin,
    HTTPS_PROXY: server.origin,
    http_proxy: server.origin,
    https_proxy: server.origin,
    NO_PROXY: '127.0.0.1',
    no_proxy: '127.0.0.1',
    OPENAI_BASE_URL: `${server.origin}/openai-base-url-canary/v1`,
    ...OPENAI_CANARIES,
    ...env,
  };
}

/** Run `node ...argv` in examples/frameworks with `env`; resolves to the exit code and the output. */
export function runNode(argv, env) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      argv,
      { cwd: fileURLToPath(new URL('../..', import.meta.url)), env, timeout: 45_000, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

/** Run `src/<recipe>.mjs --config <file holding toml> ...args` in {@link childEnv} with `env` on top. */
export function runRecipe({ recipe, toml, args = [], env = {}, server, directory }) {
  const config = join(directory, `config-${Math.random().toString(36).slice(2)}.toml`);
  writeFileSync(config, toml);
  const script = fileURLToPath(new URL(`../${recipe}.mjs`, import.meta.url));
  return runNode([script, '--config', config, ...args], childEnv(server, directory, env));
}

/**
 * Where `secret` occurs in a recorded request: header names whose value contains it, `url`, `body`. A key bound to
 * its one header shows up as exactly `[thatHeader]`.
 */
export function placesOf(request, secret) {
  const places = Object.entries(request.headers)
    .filter(([, value]) => String(value).includes(secret))
    .map(([name]) => name);
  if (request.url.includes(secret)) places.push('url');
  if (request.raw.includes(secret)) places.push('body');
  return places;
}

/** True when `secret` occurs nowhere in the request (headers, URL, body). */
export const absentFrom = (request, secret) => placesOf(request, secret).length === 0;

/**
 * Every request the server saw, checked for what must never be sent: the OpenAI canaries and the `others` (ambient
 * keys of other providers, a key of another route). Returns the places each was found (all empty when clean).
 */
export function leaks(requests, others = []) {
  const found = {};
  for (const secret of [...Object.values(OPENAI_CANARIES), ...others]) {
    const places = requests.flatMap((request) => placesOf(request, secret));
    if (places.length > 0) found[secret] = places;
  }
  return found;
}
