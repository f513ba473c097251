import { requirePositiveInt } from './estimate-serve-memory.js';
import { SERVE_PLAN_ERROR_CODES, ServePlanError } from './serve-plan-error.js';

/** The local runtimes `serveCommands` writes commands for. */
export const SERVE_RUNTIMES = ['vllm', 'sglang', 'ollama', 'llama.cpp'] as const;

/** A local runtime: vLLM, SGLang, Ollama or llama.cpp's `llama-server`. */
export type ServeRuntime = (typeof SERVE_RUNTIMES)[number];

/** Default port of each runtime (vLLM 8000, SGLang 30000, Ollama 11434, llama-server 8080). */
export const SERVE_DEFAULT_PORTS: Readonly<Record<ServeRuntime, number>> = Object.freeze({
  vllm: 8000,
  sglang: 30000,
  ollama: 11434,
  'llama.cpp': 8080,
});

/** Environment variable each runtime's API key is read from when the server is exposed (Ollama has no API key). */
export const SERVE_API_KEY_ENV: Readonly<Record<Exclude<ServeRuntime, 'ollama'>, string>> = Object.freeze({
  vllm: 'VLLM_API_KEY',
  sglang: 'SGLANG_API_KEY',
  'llama.cpp': 'LLAMA_API_KEY',
});

/** One argument: a literal, or a reference to an environment variable the host fills in when it spawns (never a literal secret). */
export type ServeArg = string | { readonly env: string };

/** One command to run, as an argv (for spawning) and as a shell-quoted line (for printing). */
export interface ServeCommandLine {
  /** What the step does, e.g. `start the server`. */
  readonly purpose: string;
  /** `host`: runs on this machine; `docker`: a `docker` command (the server's own flags then apply inside the container). */
  readonly runsIn: 'host' | 'docker';
  /** Environment variables to set for this command (non-secret values only, e.g. `OLLAMA_HOST`). */
  readonly env: Readonly<Record<string, string>>;
  /** The argv; `{ env }` entries are filled from the environment by {@link resolveServeArgv}. */
  readonly argv: readonly ServeArg[];
  /** The same command for a POSIX shell, env references written as `"${NAME:?…}"` so an unset key stops it. */
  readonly command: string;
}

/** A caution to print with the commands. */
export interface ServeWarning {
  /** `EXPOSED_ALL_INTERFACES`: the server listens beyond this machine. */
  readonly code: 'EXPOSED_ALL_INTERFACES';
  readonly message: string;
}

/** Inputs of {@link serveCommands}. */
export interface ServeCommandsInput {
  readonly runtime: ServeRuntime;
  /** Hub repository id (`owner/name`); a GGUF repository for Ollama and llama.cpp. */
  readonly repo: string;
  /** The model name clients send (vLLM/SGLang `--served-model-name`, llama.cpp `--alias`, the Ollama model created). */
  readonly servedName: string;
  /** Context length per sequence in tokens (`--max-model-len`, `--context-length`, `-c`, Ollama `num_ctx`). */
  readonly contextTokens: number;
  /** Tensor-parallel size (vLLM `--tensor-parallel-size`, SGLang `--tp`); llama.cpp and Ollama spread layers over the visible GPUs. */
  readonly tensorParallel: number;
  /** GGUF quantisation tag (`Q4_K_M`) for Ollama and llama.cpp. */
  readonly quant?: string;
  /** Port; default {@link SERVE_DEFAULT_PORTS}. */
  readonly port?: number;
  /** Listen on every interface, with an API key required and a warning. Default false: 127.0.0.1 only. */
  readonly expose?: boolean;
  /** Write `docker` commands (port published on 127.0.0.1 only unless `expose`). */
  readonly docker?: boolean;
  /** Environment variable holding the API key when exposed; default {@link SERVE_API_KEY_ENV}. */
  readonly apiKeyEnv?: string;
}

/** What {@link serveCommands} returns: the steps to run, files to write first, and where the server answers. */
export interface ServeCommands {
  readonly runtime: ServeRuntime;
  readonly repo: string;
  readonly servedName: string;
  readonly contextTokens: number;
  readonly tensorParallel: number;
  readonly port: number;
  /** Address the server is reachable on from this machine's network: `127.0.0.1`, or `0.0.0.0` when exposed. */
  readonly bindAddress: '127.0.0.1' | '0.0.0.0';
  readonly exposed: boolean;
  /** The OpenAI-compatible base URL on this machine. */
  readonly baseUrl: string;
  /** The environment variable the API key is read from (exposed servers only). */
  readonly apiKeyEnv?: string;
  /** Files to write in the working directory before the steps (Ollama's `Modelfile`). */
  readonly files: readonly { readonly name: string; readonly content: string }[];
  /** Commands in order. */
  readonly steps: readonly ServeCommandLine[];
  readonly warnings: readonly ServeWarning[];
  readonly notes: readonly string[];
}

const LOOPBACK = '127.0.0.1';
const ALL_INTERFACES = '0.0.0.0';
const REPO_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}\/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;
const SERVED_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,255}$/;
const QUANT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]{0,127}$/;

function invalid(option: string, message: string): never {
  throw new ServePlanError(SERVE_PLAN_ERROR_CODES.invalidOption, option, `[serve-plan] ${message}`);
}

/**
 * Writes the exact commands to serve a Hub model with vLLM, SGLang, Ollama or llama.cpp, bound to 127.0.0.1.
 * Every interface only with `expose: true`, and then with a warning and an API key read from an environment variable
 * (never a literal key). Docker variants publish the port on 127.0.0.1 only unless exposed.
 * @throws {ServePlanError} `SERVE_PLAN_INVALID_OPTION` for a bad repo, name, quant, port or number; `SERVE_PLAN_EXPOSE_WITHOUT_AUTH` for an exposed Ollama.
 * @example serveCommands({ runtime: 'vllm', repo: 'Qwen/Qwen3-8B', servedName: 'qwen3-8b', contextTokens: 32768, tensorParallel: 1 }).steps[0].command
 * // "vllm serve Qwen/Qwen3-8B --served-model-name qwen3-8b --max-model-len 32768 --tensor-parallel-size 1 --host 127.0.0.1 --port 8000"
 */
export function serveCommands(input: ServeCommandsInput): ServeCommands {
  const runtime = input.runtime;
  if (!(SERVE_RUNTIMES as readonly string[]).includes(runtime)) {
    invalid('runtime', `runtime must be one of ${SERVE_RUNTIMES.join(', ')}, got ${JSON.stringify(runtime)}.`);
  }
  if (typeof input.repo !== 'string' || !REPO_PATTERN.test(input.repo) || input.repo.includes('..')) {
    invalid('repo', `repo must be a Hub repository id such as Qwen/Qwen3-8B, got ${JSON.stringify(input.repo)}.`);
  }
  if (typeof input.servedName !== 'string' || !SERVED_NAME_PATTERN.test(input.servedName)) {
    invalid(
      'servedName',
      `servedName must be letters, digits and . _ : / @ + - (at most 256), got ${JSON.stringify(input.servedName)}.`,
    );
  }
  if (input.quant !== undefined && (typeof input.quant !== 'string' || !QUANT_PATTERN.test(input.quant))) {
    invalid('quant', `quant must be a GGUF quantisation tag such as Q4_K_M, got ${JSON.stringify(input.quant)}.`);
  }
  const contextTokens = requirePositiveInt(input.contextTokens, 'contextTokens');
  const tensorParallel = requirePositiveInt(input.tensorParallel, 'tensorParallel');
  const port = input.port === undefined ? SERVE_DEFAULT_PORTS[runtime] : requirePositiveInt(input.port, 'port');
  if (port > 65535) invalid('port', `port must be from 1 to 65535, got ${port}.`);
  const expose = input.expose === true;
  const docker = input.docker === true;
  if (expose && runtime === 'ollama') {
    throw new ServePlanError(
      SERVE_PLAN_ERROR_CODES.exposeWithoutAuth,
      'expose',
      '[serve-plan] Ollama has no API key option, so exposing it would serve every interface without authentication: keep it on 127.0.0.1 and put an authenticating reverse proxy in front.',
    );
  }
  let apiKeyEnv: string | undefined;
  if (expose && runtime !== 'ollama') {
    apiKeyEnv = input.apiKeyEnv ?? SERVE_API_KEY_ENV[runtime];
    if (!ENV_NAME_PATTERN.test(apiKeyEnv)) {
      invalid(
        'apiKeyEnv',
        `apiKeyEnv must be an environment variable name such as VLLM_API_KEY, got ${JSON.stringify(apiKeyEnv)}.`,
      );
    }
  }

  const bindAddress = expose ? ALL_INTERFACES : LOOPBACK;
  const publish = `${bindAddress}:${port}`;
  const apiKeyArgs: ServeArg[] = apiKeyEnv === undefined ? [] : ['--api-key', { env: apiKeyEnv }];
  const notes: string[] = [];
  const files: { name: string; content: string }[] = [];
  const steps: ServeCommandLine[] = [];
  const hfCache = ['-v', 'huggingface-cache:/root/.cache/huggingface', '-e', 'HF_TOKEN'];
  // Inside a container the server must listen on the container's interfaces for Docker to forward to it; what the
  // outside world sees is decided by `-p`, which binds the host's 127.0.0.1 only (unless exposed).
  const containerHost = ['--host', ALL_INTERFACES];
  if (docker && runtime !== 'ollama') {
    notes.push(
      `Inside the container the server listens on the container's interfaces (--host ${ALL_INTERFACES}) so Docker can forward to it; Docker publishes it on ${bindAddress}:${port} of this machine${expose ? '' : ' only'}. Other containers on the same Docker network can reach it: use a network of its own if that matters.`,
    );
  }

  switch (runtime) {
    case 'vllm': {
      const flags: ServeArg[] = [
        '--served-model-name',
        input.servedName,
        '--max-model-len',
        String(contextTokens),
        '--tensor-parallel-size',
        String(tensorParallel),
      ];
      if (input.quant !== undefined)
        notes.push('quant is ignored by vLLM: it reads the quantisation from the checkpoint’s config.json.');
      steps.push(
        docker
          ? line('start the server', 'docker', {}, [
              'docker',
              'run',
              '--rm',
              '--gpus',
              'all',
              '--ipc=host',
              '-p',
              `${publish}:${port}`,
              ...hfCache,
              'vllm/vllm-openai:latest',
              '--model',
              input.repo,
              ...flags,
              ...containerHost,
              '--port',
              String(port),
              ...apiKeyArgs,
            ])
          : line('start the server', 'host', {}, [
              'vllm',
              'serve',
              input.repo,
              ...flags,
              '--host',
              bindAddress,
              '--port',
              String(port),
              ...apiKeyArgs,
            ]),
      );
      break;
    }
    case 'sglang': {
      const flags: ServeArg[] = [
        '--model-path',
        input.repo,
        '--served-model-name',
        input.servedName,
        '--context-length',
        String(contextTokens),
        '--tp',
        String(tensorParallel),
      ];
      if (input.quant !== undefined)
        notes.push('quant is ignored by SGLang: it reads the quantisation from the checkpoint’s config.json.');
      steps.push(
        docker
          ? line('start the server', 'docker', {}, [
              'docker',
              'run',
              '--rm',
              '--gpus',
              'all',
              '--ipc=host',
              '--shm-size',
              '32g',
              '-p',
              `${publish}:${port}`,
              ...hfCache,
              'lmsysorg/sglang:latest',
              'python3',
              '-m',
              'sglang.launch_server',
              ...flags,
              ...containerHost,
              '--port',
              String(port),
              ...apiKeyArgs,
            ])
          : line('start the server', 'host', {}, [
              'python',
              '-m',
              'sglang.launch_server',
              ...flags,
              '--host',
              bindAddress,
              '--port',
              String(port),
              ...apiKeyArgs,
            ]),
      );
      break;
    }
    case 'llama.cpp': {
      const model = input.quant === undefined ? input.repo : `${input.repo}:${input.quant}`;
      const flags: ServeArg[] = ['-hf', model, '--alias', input.servedName, '-c', String(contextTokens)];
      if (input.quant === undefined)
        notes.push('No quant given: llama.cpp picks the repository’s default GGUF file (Q4_K_M when there is one).');
      if (tensorParallel > 1)
        notes.push(
          `llama.cpp spreads layers over every visible GPU; set CUDA_VISIBLE_DEVICES to the ${tensorParallel} GPUs to use.`,
        );
      steps.push(
        docker
          ? line('start the server', 'docker', {}, [
              'docker',
              'run',
              '--rm',
              '--gpus',
              'all',
              '-p',
              `${publish}:${port}`,
              '-v',
              'llama-cpp-cache:/root/.cache/llama.cpp',
              '-e',
              'HF_TOKEN',
              'ghcr.io/ggml-org/llama.cpp:server-cuda',
              ...flags,
              ...containerHost,
              '--port',
              String(port),
              ...apiKeyArgs,
            ])
          : line('start the server', 'host', {}, [
              'llama-server',
              ...flags,
              '--host',
              bindAddress,
              '--port',
              String(port),
              ...apiKeyArgs,
            ]),
      );
      break;
    }
    case 'ollama': {
      const model = input.quant === undefined ? `hf.co/${input.repo}` : `hf.co/${input.repo}:${input.quant}`;
      if (input.quant === undefined)
        notes.push('No quant given: Ollama pulls the repository’s Q4_K_M file when there is one.');
      if (tensorParallel > 1)
        notes.push(
          `Ollama spreads layers over every visible GPU; set CUDA_VISIBLE_DEVICES to the ${tensorParallel} GPUs to use.`,
        );
      files.push(Object.freeze({ name: 'Modelfile', content: `FROM ${model}\nPARAMETER num_ctx ${contextTokens}\n` }));
      notes.push(
        `The Modelfile names ${input.servedName} as ${model} with num_ctx ${contextTokens}, so clients send model "${input.servedName}".`,
      );
      if (docker) {
        steps.push(
          line('start the server', 'docker', {}, [
            'docker',
            'run',
            '-d',
            '--gpus=all',
            '-v',
            'ollama:/root/.ollama',
            '-p',
            `${publish}:11434`,
            '--name',
            'ollama',
            'ollama/ollama',
          ]),
          line('download the GGUF file', 'docker', {}, ['docker', 'exec', 'ollama', 'ollama', 'pull', model]),
          line('copy the Modelfile into the container', 'docker', {}, [
            'docker',
            'cp',
            'Modelfile',
            'ollama:/tmp/Modelfile',
          ]),
          line('create the served model', 'docker', {}, [
            'docker',
            'exec',
            'ollama',
            'ollama',
            'create',
            input.servedName,
            '-f',
            '/tmp/Modelfile',
          ]),
        );
      } else {
        const client = { OLLAMA_HOST: `${LOOPBACK}:${port}` };
        steps.push(
          line('start the server', 'host', { OLLAMA_HOST: `${bindAddress}:${port}` }, ['ollama', 'serve']),
          line('download the GGUF file', 'host', client, ['ollama', 'pull', model]),
          line('create the served model', 'host', client, ['ollama', 'create', input.servedName, '-f', 'Modelfile']),
        );
      }
      break;
    }
  }

  const warnings: ServeWarning[] = [];
  if (expose && apiKeyEnv !== undefined) {
    warnings.push(
      Object.freeze({
        code: 'EXPOSED_ALL_INTERFACES' as const,
        message: `The server listens on every network interface (${ALL_INTERFACES}:${port}): anyone who can reach this machine can call it. The command requires ${apiKeyEnv}: set it to a long random secret before starting, and firewall the port.`,
      }),
    );
  }
  return Object.freeze({
    runtime,
    repo: input.repo,
    servedName: input.servedName,
    contextTokens,
    tensorParallel,
    port,
    bindAddress,
    exposed: expose,
    baseUrl: `http://${LOOPBACK}:${port}/v1`,
    ...(apiKeyEnv !== undefined ? { apiKeyEnv } : {}),
    files: Object.freeze(files),
    steps: Object.freeze(steps),
    warnings: Object.freeze(warnings),
    notes: Object.freeze(notes),
  });
}

function line(
  purpose: string,
  runsIn: 'host' | 'docker',
  env: Record<string, string>,
  argv: ServeArg[],
): ServeCommandLine {
  const prefix = Object.entries(env).map(([name, value]) => `${name}=${shellQuote(value)}`);
  const command = [
    ...prefix,
    ...argv.map((arg) => (typeof arg === 'string' ? shellQuote(arg) : `"\${${arg.env}:?set ${arg.env}}"`)),
  ].join(' ');
  return Object.freeze({ purpose, runsIn, env: Object.freeze({ ...env }), argv: Object.freeze([...argv]), command });
}

/** Quotes one word for a POSIX shell: unchanged when it is plain, else single-quoted. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_/.:=@%+,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The argv of a command with every `{ env }` reference filled from `env` (e.g. `process.env`), ready to spawn.
 * The result holds the secret: pass it to the child process, never print or log it.
 * @throws {ServePlanError} `SERVE_PLAN_MISSING_ENV` when a referenced variable is unset or empty.
 */
export function resolveServeArgv(
  command: ServeCommandLine,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  return command.argv.map((arg) => {
    if (typeof arg === 'string') return arg;
    const value = env[arg.env];
    if (value === undefined || value === '') {
      throw new ServePlanError(
        SERVE_PLAN_ERROR_CODES.missingEnv,
        arg.env,
        `[serve-plan] ${arg.env} is not set: an exposed server requires an API key; set ${arg.env} to a long random secret.`,
      );
    }
    return value;
  });
}
