import { createRouteResolver, parseRouteRef, type ModelProfile, type Registry, type UserConfig } from '@codewhale/core';
import { setConfigValue, type ConfigEdit } from '@codewhale/node';
import { ggufQuantisations } from '../gguf-quantisations.js';
import type { HubClient, HubModelInfo } from '../hub-types.js';
import { isHubRepoId } from '../parse-hub-body.js';
import { estimateServeMemory, type ServeMemoryEstimate, type ServeOverheadOptions } from './estimate-serve-memory.js';
import { planServeFit, type ServeFitPlan } from './plan-serve-fit.js';
import { SERVE_API_KEY_ENV, serveCommands, type ServeCommands, type ServeRuntime } from './serve-commands.js';
import { knownFact, type KnownServeFact } from './serve-fact.js';
import { SERVE_PLAN_ERROR_CODES, ServePlanError } from './serve-plan-error.js';

/** The `[providers.<id>]` table each runtime is routed through: the first-party plugin, or a custom table for llama.cpp. */
export const SERVE_PROVIDER_IDS: Readonly<Record<ServeRuntime, string>> = Object.freeze({
  vllm: 'vllm',
  sglang: 'sglang',
  ollama: 'ollama',
  'llama.cpp': 'llama-cpp',
});

/** Inputs of {@link planServe}. */
export interface PlanServeOptions {
  /** The Hub client model info and `config.json` are read with. */
  readonly client: HubClient;
  /** A Hub repo id (`owner/name[@rev]`), a canonical model id of the catalog, or a route ref (`provider:model`). */
  readonly target: string;
  /** The registry canonical models and route refs are looked up in (without it, only Hub repo ids are accepted). */
  readonly registry?: Registry;
  /** The user's config, for resolving a route ref. */
  readonly config?: UserConfig;
  readonly runtime: ServeRuntime;
  /** Context per sequence in tokens; default the model's own maximum (`config.json:max_position_embeddings`, or the GGUF context length). */
  readonly contextTokens?: number;
  /** Sequences served at once at the full context (default 1). */
  readonly concurrency?: number;
  /** Memory of one GPU in bytes: when given, the plan says whether (and how) it fits. */
  readonly gpuMemBytes?: number;
  /** GPUs available (default 1). */
  readonly gpus?: number;
  /** GGUF quantisation for Ollama and llama.cpp (default Q4_K_M when offered, else the largest file). */
  readonly quant?: string;
  readonly port?: number;
  /** Listen on every interface (API key required, with a warning). Default: 127.0.0.1 only. */
  readonly expose?: boolean;
  readonly docker?: boolean;
  /** Overhead beyond weights and KV cache (see `estimateServeMemory`). */
  readonly overhead?: ServeOverheadOptions;
  readonly signal?: AbortSignal;
}

/** What the target named, and how it led to a Hub repository. */
export interface ServePlanTarget {
  /** The target as given. */
  readonly input: string;
  readonly kind: 'repo' | 'model' | 'route';
  readonly repo: string;
  readonly revision?: string;
  /** The canonical model (for `model` and `route` targets). */
  readonly canonicalModel?: string;
  /** How the repository was found, e.g. `catalog: openWeights.huggingFaceRepo of qwen3-8b`. */
  readonly basis: string;
}

/** The config that routes to the planned server: keys of one `[providers.<id>]` table, and the TOML text. */
export interface ServePlanConfig {
  /** The table's provider id (`vllm`, `sglang`, `ollama`, or the custom `llama-cpp`). */
  readonly providerId: string;
  /** Keys to set, in order (`base_url`, `model`, and for an exposed server `api_key_env`). */
  readonly values: Readonly<Record<string, string>>;
  /** The TOML to add to the config file. */
  readonly toml: string;
  /** The route ref to use: `<provider id>:<served name>`. */
  readonly routeRef: string;
}

/** A serve plan: the model, the memory it needs, whether it fits, the commands, and the config that routes to it. */
export interface ServePlan {
  readonly target: ServePlanTarget;
  readonly runtime: ServeRuntime;
  /** The repository served (a GGUF repository for Ollama and llama.cpp). */
  readonly repo: string;
  /** The revision read (the commit sha when the Hub gave one). */
  readonly revision: string;
  /** The model name clients send: the repo id (vLLM, SGLang, llama.cpp `--alias`) or `hf.co/<repo>:<quant>` (Ollama). */
  readonly servedName: string;
  /** The planned context per sequence, with where it came from. */
  readonly contextTokens: KnownServeFact;
  readonly concurrency: number;
  readonly estimate: ServeMemoryEstimate;
  /** Present when `gpuMemBytes` was given. */
  readonly fit?: ServeFitPlan;
  readonly commands: ServeCommands;
  readonly config: ServePlanConfig;
  /** Where the model facts came from (secret-free): model info and `config.json` URLs. */
  readonly sources: readonly string[];
  readonly notes: readonly string[];
}

function planError(option: string, message: string, cause?: unknown): ServePlanError {
  return new ServePlanError(
    SERVE_PLAN_ERROR_CODES.invalidOption,
    option,
    `[serve-plan] ${message}`,
    cause === undefined ? undefined : { cause },
  );
}

const TARGET_HELP =
  'pass a Hub repository id (owner/name, optionally @revision, e.g. Qwen/Qwen3-8B), a canonical model id of the catalog (`codewhale-route models`), or a route ref (provider:model, e.g. together:Qwen/Qwen3-Coder-480B-A35B-Instruct)';

function repoOfProfile(profile: ModelProfile, why: string): { repo: string; revision?: string } {
  const fact = profile.openWeights.huggingFaceRepo;
  if (fact === 'unknown' || typeof fact !== 'object' || !('value' in fact))
    throw planError(
      'target',
      `${why}: the catalog names no Hugging Face repository for ${profile.id} (openWeights.huggingFaceRepo is unknown), so there is nothing to download. Pass the repository id instead.`,
    );
  return splitRepo(fact.value, 'target');
}

function splitRepo(text: string, option: string): { repo: string; revision?: string } {
  const at = text.lastIndexOf('@');
  const repo = at > 0 ? text.slice(0, at) : text;
  const revision = at > 0 ? text.slice(at + 1) : undefined;
  if (!isHubRepoId(repo) || revision === '')
    throw planError(option, `${JSON.stringify(text.slice(0, 120))} is not a Hub repository id: ${TARGET_HELP}.`);
  return { repo, ...(revision !== undefined ? { revision } : {}) };
}

/** Resolve a target (repo id, canonical model, or route ref) to the Hub repository to serve. */
export function resolveServeTarget(
  input: string,
  registry: Registry | undefined,
  config?: UserConfig,
): ServePlanTarget {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') throw planError('target', `No target: ${TARGET_HELP}.`);
  if (registry !== undefined) {
    const ref = parseRouteRef(text, registry);
    if (ref.provider !== undefined) {
      const resolver = createRouteResolver({ registry, ...(config !== undefined ? { config } : {}) });
      const result = resolver.resolve({ provider: ref.provider, model: ref.model });
      if (!result.ok)
        throw planError('target', `The route ${text} cannot be resolved: ${result.error.message}`, result.error);
      const canonical = result.candidate.canonicalModel;
      const profile = canonical === undefined ? undefined : registry.model(canonical);
      if (profile === undefined)
        throw planError(
          'target',
          `The route ${text} sends ${result.candidate.wireModelId}, which the catalog does not tie to a canonical model, so its open weights are unknown: pass the Hub repository id instead.`,
        );
      const found = repoOfProfile(profile, `The route ${text} serves ${profile.id}`);
      return Object.freeze({
        input: text,
        kind: 'route' as const,
        ...found,
        canonicalModel: profile.id,
        basis: `route ${ref.provider}:${result.candidate.wireModelId} → canonical model ${profile.id} → catalog openWeights.huggingFaceRepo`,
      });
    }
    if (!text.includes('/')) {
      const profile = registry.model(text);
      if (profile !== undefined) {
        const found = repoOfProfile(profile, `The model ${profile.id}`);
        return Object.freeze({
          input: text,
          kind: 'model' as const,
          ...found,
          canonicalModel: profile.id,
          basis: `catalog openWeights.huggingFaceRepo of ${profile.id}`,
        });
      }
    }
  }
  const at = text.lastIndexOf('@');
  const bare = at > 0 ? text.slice(0, at) : text;
  if (!isHubRepoId(bare)) {
    const looked = registry === undefined ? '' : ' nor a canonical model or route this installation knows';
    throw planError(
      'target',
      `${JSON.stringify(text.slice(0, 120))} is not a Hub repository id${looked}: ${TARGET_HELP}.`,
    );
  }
  return Object.freeze({
    input: text,
    kind: 'repo' as const,
    ...splitRepo(text, 'target'),
    basis: 'Hub repository id',
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `max_position_embeddings` of the text config (nested `text_config` first), with its source. */
function configContext(config: unknown): KnownServeFact | undefined {
  if (!isObject(config)) return undefined;
  const holders: [unknown, string][] = [
    [config.text_config, 'text_config.'],
    [config, ''],
  ];
  for (const [holder, prefix] of holders) {
    if (!isObject(holder)) continue;
    const value = holder.max_position_embeddings;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0)
      return knownFact(value, `config.json:${prefix}max_position_embeddings`);
  }
  return undefined;
}

const GGUF_RUNTIMES: ReadonlySet<ServeRuntime> = new Set(['ollama', 'llama.cpp']);

/**
 * Plans serving a model on a local runtime: finds the Hub repository (from a repo id, a canonical model's
 * `openWeights.huggingFaceRepo`, or a route ref through core's resolver), reads its model info and `config.json`,
 * estimates memory, checks the fit when GPU memory is given, writes loopback-bound commands, and the
 * `[providers.<id>]` table and route ref that route to the server. Every number carries its source.
 * @throws {ServePlanError} `SERVE_PLAN_INVALID_OPTION` for a target it cannot place or an option out of range (the message says what to pass).
 * @throws {HubError} when the Hub cannot be read (not found, gated, offline...).
 * @example const plan = await planServe({ client: createHubClient(), target: 'Qwen/Qwen3-8B', runtime: 'vllm', gpuMemBytes: parseByteSize('24GiB') });
 */
export async function planServe(options: PlanServeOptions): Promise<ServePlan> {
  const runtime = options.runtime;
  const target = resolveServeTarget(options.target, options.registry, options.config);
  const signal = options.signal !== undefined ? { signal: options.signal } : {};
  const info: HubModelInfo = await options.client.modelInfo(target.repo, target.revision, {
    fileSizes: true,
    ...signal,
  });
  const repo = info.id;
  const revision = info.sha ?? target.revision ?? 'main';
  const notes: string[] = [];
  const sources: string[] = [info.source.url];
  if (info.source.renamedFrom !== undefined)
    notes.push(`The Hub renamed ${info.source.renamedFrom} to ${repo}: the plan uses the new name.`);

  const quantisations = ggufQuantisations(info.siblings ?? []);
  const gguf = GGUF_RUNTIMES.has(runtime);
  if (gguf && quantisations.length === 0)
    throw planError(
      'target',
      `${repo} has no .gguf files, and ${runtime} serves GGUF files: pass a GGUF repository of the model (find one with \`codewhale-route hub search ${repo.split('/')[1] ?? repo} gguf --app ${runtime}\`), or use --runtime vllm or sglang.`,
    );
  if (!gguf && info.safetensors === undefined && quantisations.length > 0)
    throw planError(
      'target',
      `${repo} holds GGUF files only, and ${runtime} serves safetensors checkpoints: use --runtime ollama or llama.cpp, or pass the original (non-GGUF) repository.`,
    );

  let config = await options.client.modelConfig(repo, revision, signal);
  let configUrl = `${options.client.endpoint}/${repo}/resolve/${revision}/config.json`;
  if (config === undefined) {
    const bases = info.cardData?.baseModel ?? [];
    const base = bases.length === 1 ? bases[0] : undefined;
    if (base !== undefined && isHubRepoId(base)) {
      config = await options.client.modelConfig(base, 'main', signal);
      if (config !== undefined) {
        configUrl = `${options.client.endpoint}/${base}/resolve/main/config.json`;
        notes.push(
          `${repo} has no config.json: the KV cache is sized from its base model ${base} (cardData.base_model).`,
        );
      }
    }
  }
  if (config !== undefined) sources.push(configUrl);
  else notes.push(`${repo} has no config.json (nor a single base model with one): the KV cache is unknown.`);

  let contextTokens: KnownServeFact;
  if (options.contextTokens !== undefined) contextTokens = knownFact(options.contextTokens, 'option:contextTokens');
  else {
    const fromConfig = configContext(config);
    const fromGguf = info.gguf?.contextLength;
    if (gguf && fromGguf !== undefined) contextTokens = knownFact(fromGguf, 'gguf');
    else if (fromConfig !== undefined) contextTokens = fromConfig;
    else if (fromGguf !== undefined) contextTokens = knownFact(fromGguf, 'gguf');
    else
      throw planError(
        'contextTokens',
        `Neither ${repo}'s config.json (max_position_embeddings) nor its GGUF metadata gives a context length: pass the context to plan for (--context N).`,
      );
    notes.push(
      `Context ${contextTokens.value} tokens: the model's maximum (${contextTokens.source === 'gguf' ? "the Hub's GGUF context length" : contextTokens.source}); pass a smaller context to need less KV cache.`,
    );
  }

  let quant: string | undefined;
  let ggufBytes: Record<string, number> | undefined;
  if (gguf) {
    const sized = quantisations.filter((entry) => entry.bytes !== undefined);
    if (sized.length > 0) ggufBytes = Object.fromEntries(sized.map((entry) => [entry.name, entry.bytes as number]));
    else notes.push(`The Hub listed no sizes for ${repo}'s GGUF files: the weights are unknown.`);
    const names = quantisations.map((entry) => entry.name);
    if (options.quant !== undefined) {
      quant =
        names.find((name) => name === options.quant) ??
        names.find((name) => name.toLowerCase() === options.quant?.toLowerCase());
      if (quant === undefined)
        throw planError('quant', `${repo} has no ${options.quant} file; its quantisations: ${names.join(', ')}.`);
    } else {
      quant = names.includes('Q4_K_M')
        ? 'Q4_K_M'
        : ([...sized].sort((left, right) => (right.bytes as number) - (left.bytes as number))[0]?.name ?? names[0]);
      notes.push(`No quant given: planned ${quant}${names.length > 1 ? ` (offered: ${names.join(', ')})` : ''}.`);
    }
  } else if (options.quant !== undefined) {
    notes.push(`--quant ${options.quant} is for GGUF runtimes; ${runtime} reads the checkpoint's own quantisation.`);
  }

  let safetensorsBytes: number | undefined;
  const safetensorFiles = (info.siblings ?? []).filter((file) => /\.safetensors$/i.test(file.rfilename));
  if (!gguf && safetensorFiles.length > 0 && safetensorFiles.every((file) => file.size !== undefined))
    safetensorsBytes = safetensorFiles.reduce((sum, file) => sum + (file.size as number), 0);

  const estimate = estimateServeMemory({
    ...(gguf
      ? ggufBytes !== undefined
        ? { ggufBytes, ...(quant !== undefined && ggufBytes[quant] !== undefined ? { quant } : {}) }
        : {}
      : {
          ...(info.safetensors !== undefined ? { parameters: info.safetensors.parameters } : {}),
          ...(safetensorsBytes !== undefined ? { safetensorsBytes } : {}),
        }),
    ...(config !== undefined ? { config } : {}),
    contextTokens: contextTokens.value,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.overhead !== undefined ? { overhead: options.overhead } : {}),
  });

  let fit: ServeFitPlan | undefined;
  if (options.gpuMemBytes !== undefined)
    fit = planServeFit(estimate, {
      gpuMemBytes: options.gpuMemBytes,
      ...(options.gpus !== undefined ? { gpus: options.gpus } : {}),
    });
  const largestUsable = fit ? [...fit.candidates].reverse().find((candidate) => candidate.usable) : undefined;
  const tensorParallel = fit?.layout?.size ?? largestUsable?.size ?? options.gpus ?? 1;

  const servedName = runtime === 'ollama' ? `hf.co/${repo}${quant !== undefined ? `:${quant}` : ''}` : repo;
  const commands = serveCommands({
    runtime,
    repo,
    servedName,
    contextTokens: contextTokens.value,
    tensorParallel,
    ...(quant !== undefined ? { quant } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.expose !== undefined ? { expose: options.expose } : {}),
    ...(options.docker !== undefined ? { docker: options.docker } : {}),
  });

  return Object.freeze({
    target,
    runtime,
    repo,
    revision,
    servedName,
    contextTokens,
    concurrency: estimate.kvCache.concurrency,
    estimate,
    ...(fit !== undefined ? { fit } : {}),
    commands,
    config: serveConfig(runtime, commands),
    sources: Object.freeze(sources),
    notes: Object.freeze(notes),
  });
}

const tomlString = (value: string): string => JSON.stringify(value);

/** The `[providers.<id>]` table and route ref for a runtime's commands. */
export function serveConfig(runtime: ServeRuntime, commands: ServeCommands): ServePlanConfig {
  const providerId = SERVE_PROVIDER_IDS[runtime];
  const values: Record<string, string> = { base_url: commands.baseUrl, model: commands.servedName };
  if (commands.apiKeyEnv !== undefined) values.api_key_env = commands.apiKeyEnv;
  else if (commands.exposed && runtime !== 'ollama') values.api_key_env = SERVE_API_KEY_ENV[runtime];
  const lines = [
    `[providers.${providerId}]`,
    ...Object.entries(values).map(([key, value]) => `${key} = ${tomlString(value)}`),
  ];
  return Object.freeze({
    providerId,
    values: Object.freeze(values),
    toml: `${lines.join('\n')}\n`,
    routeRef: `${providerId}:${commands.servedName}`,
  });
}

/** What {@link writeServeConfig} wrote: one edit per key, in order. */
export interface WriteServeConfigResult {
  readonly path: string;
  readonly edits: readonly (ConfigEdit & { readonly key: string })[];
}

/**
 * Writes a plan's `[providers.<id>]` keys into a config file with @codewhale/node's editor (`setConfigValue`: the
 * smallest text change, comments kept, atomic, locked, re-validated). Each key is its own atomic edit.
 * @throws {ConfigError} when the file cannot be edited safely (nothing of that key is written).
 */
export async function writeServeConfig(
  plan: Pick<ServePlan, 'config'>,
  options: { readonly configPath: string },
): Promise<WriteServeConfigResult> {
  const edits: (ConfigEdit & { key: string })[] = [];
  for (const [key, value] of Object.entries(plan.config.values)) {
    const dotted = `providers.${plan.config.providerId}.${key}`;
    edits.push({ ...(await setConfigValue(options.configPath, dotted, value)), key: dotted });
  }
  return Object.freeze({ path: edits[0]?.path ?? options.configPath, edits: Object.freeze(edits) });
}
