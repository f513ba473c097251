import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  resolveServeArgv,
  SERVE_RUNTIMES,
  type ServeCommandLine,
  type ServeCommands,
  type ServeCommandsInput,
  serveCommands,
  shellQuote,
} from './serve-commands.js';
import { ServePlanError } from './serve-plan-error.js';

const base = { repo: 'Qwen/Qwen3-8B', servedName: 'qwen3-8b', contextTokens: 32768, tensorParallel: 2 } as const;
const commandsOf = (result: ServeCommands) => result.steps.map((step) => step.command);

describe('serveCommands: loopback by default', () => {
  it('vLLM', () => {
    const result = serveCommands({ runtime: 'vllm', ...base });
    expect(commandsOf(result)).toEqual([
      'vllm serve Qwen/Qwen3-8B --served-model-name qwen3-8b --max-model-len 32768 --tensor-parallel-size 2 --host 127.0.0.1 --port 8000',
    ]);
    expect(result).toMatchObject({
      bindAddress: '127.0.0.1',
      exposed: false,
      baseUrl: 'http://127.0.0.1:8000/v1',
      warnings: [],
    });
    expect(result.apiKeyEnv).toBeUndefined();
  });

  it('SGLang', () => {
    expect(commandsOf(serveCommands({ runtime: 'sglang', ...base }))).toEqual([
      'python -m sglang.launch_server --model-path Qwen/Qwen3-8B --served-model-name qwen3-8b --context-length 32768 --tp 2 --host 127.0.0.1 --port 30000',
    ]);
  });

  it('llama.cpp', () => {
    const result = serveCommands({
      runtime: 'llama.cpp',
      repo: 'ggml-org/gemma-3-1b-it-GGUF',
      servedName: 'gemma-3-1b',
      contextTokens: 8192,
      tensorParallel: 1,
      quant: 'Q4_K_M',
    });
    expect(commandsOf(result)).toEqual([
      'llama-server -hf ggml-org/gemma-3-1b-it-GGUF:Q4_K_M --alias gemma-3-1b -c 8192 --host 127.0.0.1 --port 8080',
    ]);
  });

  it('Ollama, through a Modelfile that names the served model and its context', () => {
    const result = serveCommands({
      runtime: 'ollama',
      repo: 'ggml-org/gemma-3-1b-it-GGUF',
      servedName: 'gemma-3-1b',
      contextTokens: 8192,
      tensorParallel: 1,
      quant: 'Q8_0',
    });
    expect(result.files).toEqual([
      { name: 'Modelfile', content: 'FROM hf.co/ggml-org/gemma-3-1b-it-GGUF:Q8_0\nPARAMETER num_ctx 8192\n' },
    ]);
    expect(commandsOf(result)).toEqual([
      'OLLAMA_HOST=127.0.0.1:11434 ollama serve',
      'OLLAMA_HOST=127.0.0.1:11434 ollama pull hf.co/ggml-org/gemma-3-1b-it-GGUF:Q8_0',
      'OLLAMA_HOST=127.0.0.1:11434 ollama create gemma-3-1b -f Modelfile',
    ]);
    expect(result.steps[0]?.env).toEqual({ OLLAMA_HOST: '127.0.0.1:11434' });
  });

  it('Docker variants publish on 127.0.0.1 only', () => {
    expect(commandsOf(serveCommands({ runtime: 'vllm', ...base, docker: true }))).toEqual([
      'docker run --rm --gpus all --ipc=host -p 127.0.0.1:8000:8000 -v huggingface-cache:/root/.cache/huggingface -e HF_TOKEN vllm/vllm-openai:latest --model Qwen/Qwen3-8B --served-model-name qwen3-8b --max-model-len 32768 --tensor-parallel-size 2 --host 0.0.0.0 --port 8000',
    ]);
    expect(commandsOf(serveCommands({ runtime: 'sglang', ...base, docker: true }))).toEqual([
      'docker run --rm --gpus all --ipc=host --shm-size 32g -p 127.0.0.1:30000:30000 -v huggingface-cache:/root/.cache/huggingface -e HF_TOKEN lmsysorg/sglang:latest python3 -m sglang.launch_server --model-path Qwen/Qwen3-8B --served-model-name qwen3-8b --context-length 32768 --tp 2 --host 0.0.0.0 --port 30000',
    ]);
    expect(commandsOf(serveCommands({ runtime: 'llama.cpp', ...base, docker: true, port: 9090 }))).toEqual([
      'docker run --rm --gpus all -p 127.0.0.1:9090:9090 -v llama-cpp-cache:/root/.cache/llama.cpp -e HF_TOKEN ghcr.io/ggml-org/llama.cpp:server-cuda -hf Qwen/Qwen3-8B --alias qwen3-8b -c 32768 --host 0.0.0.0 --port 9090',
    ]);
    const ollama = serveCommands({ runtime: 'ollama', ...base, docker: true });
    expect(commandsOf(ollama)).toEqual([
      'docker run -d --gpus=all -v ollama:/root/.ollama -p 127.0.0.1:11434:11434 --name ollama ollama/ollama',
      'docker exec ollama ollama pull hf.co/Qwen/Qwen3-8B',
      'docker cp Modelfile ollama:/tmp/Modelfile',
      'docker exec ollama ollama create qwen3-8b -f /tmp/Modelfile',
    ]);
  });
});

describe('serveCommands: expose', () => {
  it('binds every interface only when asked, with a warning and an API key from the environment', () => {
    const result = serveCommands({ runtime: 'vllm', ...base, expose: true });
    expect(commandsOf(result)).toEqual([
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's own ${NAME:?} expansion, printed for the user.
      'vllm serve Qwen/Qwen3-8B --served-model-name qwen3-8b --max-model-len 32768 --tensor-parallel-size 2 --host 0.0.0.0 --port 8000 --api-key "${VLLM_API_KEY:?set VLLM_API_KEY}"',
    ]);
    expect(result.steps[0]?.argv.at(-1)).toEqual({ env: 'VLLM_API_KEY' });
    expect(result).toMatchObject({ bindAddress: '0.0.0.0', exposed: true, apiKeyEnv: 'VLLM_API_KEY' });
    expect(result.warnings).toEqual([
      {
        code: 'EXPOSED_ALL_INTERFACES',
        message: expect.stringMatching(/every network interface .* requires VLLM_API_KEY/),
      },
    ]);
    expect(serveCommands({ runtime: 'sglang', ...base, expose: true }).steps[0]?.argv.slice(-2)).toEqual([
      '--api-key',
      { env: 'SGLANG_API_KEY' },
    ]);
    expect(
      serveCommands({ runtime: 'llama.cpp', ...base, expose: true, apiKeyEnv: 'MY_KEY' }).steps[0]?.command,
    ).toMatch(/--api-key "\$\{MY_KEY:\?set MY_KEY\}"$/);
    expect(serveCommands({ runtime: 'vllm', ...base, expose: true, docker: true }).steps[0]?.command).toMatch(
      / -p 0\.0\.0\.0:8000:8000 .*--api-key "\$\{VLLM_API_KEY/,
    );
  });

  it('refuses to expose Ollama, which cannot require an API key', () => {
    try {
      serveCommands({ runtime: 'ollama', ...base, expose: true });
      expect.unreachable();
    } catch (error) {
      expect(ServePlanError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'SERVE_PLAN_EXPOSE_WITHOUT_AUTH', option: 'expose' });
    }
  });

  it('fills the key from the environment only when spawning, and refuses a missing one', () => {
    const step = serveCommands({ runtime: 'vllm', ...base, expose: true }).steps[0] as ServeCommandLine;
    expect(resolveServeArgv(step, { VLLM_API_KEY: 'sk-test-value' }).slice(-2)).toEqual(['--api-key', 'sk-test-value']);
    expect(step.command).not.toContain('sk-test-value');
    for (const env of [{}, { VLLM_API_KEY: '' }]) {
      expect(() => resolveServeArgv(step, env)).toThrow(
        expect.objectContaining({ code: 'SERVE_PLAN_MISSING_ENV', option: 'VLLM_API_KEY' }),
      );
    }
  });
});

describe('serveCommands: inputs', () => {
  it.each([
    [{ repo: 'not a repo' }, 'repo'],
    [{ repo: 'a/../b' }, 'repo'],
    [{ servedName: 'name; rm -rf /' }, 'servedName'],
    [{ quant: 'Q4 K' }, 'quant'],
    [{ port: 70000 }, 'port'],
    [{ contextTokens: 0 }, 'contextTokens'],
    [{ tensorParallel: 1.5 }, 'tensorParallel'],
    [{ runtime: 'tgi' }, 'runtime'],
    [{ expose: true, apiKeyEnv: 'lower-case' }, 'apiKeyEnv'],
  ])('rejects %j', (override, option) => {
    expect(() => serveCommands({ runtime: 'vllm', ...base, ...override } as ServeCommandsInput)).toThrow(
      expect.objectContaining({ code: 'SERVE_PLAN_INVALID_OPTION', option }),
    );
  });

  it('quotes words a shell would split', () => {
    expect(shellQuote('plain-word_1.2:3/4')).toBe('plain-word_1.2:3/4');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('$HOME')).toBe(`'$HOME'`);
  });
});

/** Every address a command makes reachable from outside this machine's loopback, read from its argv and env. */
function hostBindings(step: ServeCommandLine): string[] {
  const argv = step.argv.map((arg) => (typeof arg === 'string' ? arg : `\${${arg.env}}`));
  const bindings: string[] = [];
  if (step.env.OLLAMA_HOST !== undefined && argv.includes('serve'))
    bindings.push(step.env.OLLAMA_HOST.replace(/:\d+$/, ''));
  if (step.runsIn === 'host') {
    argv.forEach((arg, index) => {
      if (arg === '--host') bindings.push(argv[index + 1] ?? '');
      if (arg.startsWith('--host=')) bindings.push(arg.slice('--host='.length));
    });
    return bindings;
  }
  // docker: the host side is the -p/--publish spec; the server's own --host is inside the container's network namespace,
  // unless the container shares the host's network.
  const sharesHostNetwork =
    argv.some((arg, index) => (arg === '--network' || arg === '--net') && argv[index + 1] === 'host') ||
    argv.includes('--network=host') ||
    argv.includes('--net=host');
  argv.forEach((arg, index) => {
    if (arg === '-P' || arg === '--publish-all') bindings.push('0.0.0.0');
    if (arg === '-p' || arg === '--publish') {
      const spec = argv[index + 1] ?? '';
      const parts = spec.split(':');
      bindings.push(parts.length >= 3 ? (parts[0] ?? '') : '0.0.0.0');
    }
    if (sharesHostNetwork && arg === '--host') bindings.push(argv[index + 1] ?? '');
  });
  return bindings;
}

describe('serveCommands: property', () => {
  const inputs = fc.record({
    runtime: fc.constantFrom(...SERVE_RUNTIMES),
    repo: fc
      .tuple(
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
        fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
      )
      .map(([owner, name]) => `${owner}/${name}`)
      .filter((repo) => !repo.includes('..')),
    servedName: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,30}$/),
    contextTokens: fc.integer({ min: 1, max: 2_000_000 }),
    tensorParallel: fc.integer({ min: 1, max: 16 }),
    quant: fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,10}$/), { nil: undefined }),
    port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    docker: fc.boolean(),
    expose: fc.constantFrom(false, undefined),
  });

  it('never binds a non-loopback address without expose, in any command or docker line of any runtime', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const result = serveCommands(input);
        expect(result.exposed).toBe(false);
        expect(result.bindAddress).toBe('127.0.0.1');
        expect(new URL(result.baseUrl).hostname).toBe('127.0.0.1');
        expect(result.warnings).toEqual([]);
        const bindings = result.steps.flatMap(hostBindings);
        expect(bindings.length).toBeGreaterThan(0);
        for (const address of bindings) expect(address).toBe('127.0.0.1');
        for (const step of result.steps) {
          expect(step.argv.some((arg) => typeof arg !== 'string')).toBe(false);
          // Client-side OLLAMA_HOST values point at loopback too.
          if (step.env.OLLAMA_HOST !== undefined) expect(step.env.OLLAMA_HOST).toMatch(/^127\.0\.0\.1:\d+$/);
          if (step.runsIn === 'host') expect(step.command).not.toMatch(/0\.0\.0\.0|\[::\]|(^|\s)::(\s|$)/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with expose, binds every interface only alongside an API key from the environment (or refuses, for Ollama)', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        if (input.runtime === 'ollama') {
          expect(() => serveCommands({ ...input, expose: true })).toThrow(
            expect.objectContaining({ code: 'SERVE_PLAN_EXPOSE_WITHOUT_AUTH' }),
          );
          return;
        }
        const result = serveCommands({ ...input, expose: true });
        expect(result.warnings.map((warning) => warning.code)).toEqual(['EXPOSED_ALL_INTERFACES']);
        const server = result.steps[0] as ServeCommandLine;
        expect(hostBindings(server)).toEqual(['0.0.0.0']);
        const keyIndex = server.argv.indexOf('--api-key');
        expect(server.argv[keyIndex + 1]).toEqual({ env: result.apiKeyEnv });
      }),
      { numRuns: 200 },
    );
  });
});
