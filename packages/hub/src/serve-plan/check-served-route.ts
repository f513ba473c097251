import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createRouteResolver,
  parseRouteRef,
  type HealthState,
  type LiveModelRecord,
  type Registry,
  type UserConfig,
} from '@codewhale/core';
import { checkHealth, createLiveCache, discover, type LiveCache } from '@codewhale/node';
import type { HttpClient } from '@codewhale/plugin-kit';
import type { ServeRuntime } from './serve-commands.js';
import type { ServePlan } from './plan-serve.js';

/** One proof of {@link checkServedRoute}: passed, failed (with the fix), or could not be decided. */
export interface ServedRouteProof {
  /** `health`: the server is up; `served-name`: it serves the route's wire id byte-for-byte; `context-window`: it reports the plan's context. */
  readonly name: 'health' | 'served-name' | 'context-window';
  readonly status: 'pass' | 'fail' | 'unknown';
  /** What was seen, and for a failure what to do. */
  readonly message: string;
}

/** What {@link checkServedRoute} found. `ok` only when every proof passed. */
export interface ServedRouteCheck {
  readonly ok: boolean;
  readonly routeRef: string;
  readonly providerId: string;
  readonly baseUrl: string;
  /** The wire id the resolver makes for the route (undefined when it made none). */
  readonly wireModelId?: string;
  readonly health: { readonly state: HealthState; readonly evidence: readonly string[] };
  /** Model ids the server lists, as listed. */
  readonly servedModels: readonly string[];
  /** The context window the server reports for the served name, when it reports one. */
  readonly reportedContextWindow?: number;
  readonly proofs: readonly ServedRouteProof[];
}

/** Options of {@link checkServedRoute}. */
export interface CheckServedRouteOptions {
  readonly plan: Pick<ServePlan, 'runtime' | 'servedName' | 'contextTokens' | 'commands' | 'config'>;
  /** The registry with the runtime's plugin (`vllm`, `sglang`, `ollama`; a custom `llama-cpp` table for llama.cpp). */
  readonly registry: Registry;
  readonly config?: UserConfig;
  /** Environment for base URLs (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly client?: HttpClient;
  /** Where discovery writes its records (default: a temporary directory, removed afterwards). */
  readonly cache?: LiveCache;
  readonly signal?: AbortSignal;
}

const fmt = (value: number): string => value.toLocaleString('en-US');

/** The flag (or step) that sets the served name on each runtime. */
function nameFix(runtime: ServeRuntime, wanted: string): string {
  switch (runtime) {
    case 'vllm':
    case 'sglang':
      return `start it with \`--served-model-name ${wanted}\``;
    case 'llama.cpp':
      return `start it with \`--alias ${wanted}\``;
    case 'ollama':
      return `create it with \`ollama create ${wanted} -f Modelfile\``;
  }
}

/** The flag that sets the context window on each runtime. */
function contextFix(runtime: ServeRuntime, tokens: number): string {
  switch (runtime) {
    case 'vllm':
      return `start it with \`--max-model-len ${tokens}\``;
    case 'sglang':
      return `start it with \`--context-length ${tokens}\``;
    case 'llama.cpp':
      return `start it with \`-c ${tokens}\``;
    case 'ollama':
      return `set \`PARAMETER num_ctx ${tokens}\` in the Modelfile and create the model again`;
  }
}

/**
 * Once the planned server is up, proves the route works: probes health and discovery through the runtime's plugin
 * (@codewhale/node `checkHealth` and `discover`, at the plan's base URL), then proves the served name equals the
 * route's wire id byte-for-byte and the context window the server reports equals the plan's. Each mismatch says the
 * fix. Ollama reports the model's trained maximum, not `num_ctx`: there a larger window passes (the Modelfile caps it).
 * Never throws for a server that is down or wrong: that is a failed proof.
 */
export async function checkServedRoute(options: CheckServedRouteOptions): Promise<ServedRouteCheck> {
  const { plan, registry } = options;
  const providerId = plan.config.providerId;
  const baseUrl = plan.commands.baseUrl;
  const wanted = plan.servedName;
  const planned = plan.contextTokens.value;
  const table = `[providers.${providerId}]`;
  const live = {
    registry,
    ...(options.config !== undefined ? { config: options.config } : {}),
    ...(options.env !== undefined ? { env: options.env } : {}),
    ...(options.client !== undefined ? { client: options.client } : {}),
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    providers: [providerId],
    baseUrl,
  };
  const proofs: ServedRouteProof[] = [];

  let wireModelId: string | undefined;
  const ref = parseRouteRef(plan.config.routeRef, registry);
  if (ref.provider !== undefined) {
    const resolved = createRouteResolver({
      registry,
      ...(options.config !== undefined ? { config: options.config } : {}),
    }).resolve({ provider: ref.provider, model: ref.model, baseUrl });
    if (resolved.ok) wireModelId = resolved.candidate.wireModelId;
  }
  if (ref.provider === undefined)
    return Object.freeze({
      ok: false,
      routeRef: plan.config.routeRef,
      providerId,
      baseUrl,
      health: { state: 'unknown' as const, evidence: [`no provider "${providerId}" is registered`] },
      servedModels: [],
      proofs: [
        {
          name: 'health' as const,
          status: 'unknown' as const,
          message: `No installed plugin or custom table is "${providerId}": add the ${table} table to the config (--write-config), then check again.`,
        },
      ],
    });

  const [health] = await checkHealth(live);
  const state = health?.result.state ?? 'unknown';
  const evidence = health?.result.evidence ?? [];
  if (state === 'up')
    proofs.push({ name: 'health', status: 'pass', message: `${baseUrl} is up (${evidence.join('; ')}).` });
  else
    proofs.push({
      name: 'health',
      status: state === 'unknown' ? 'unknown' : 'fail',
      message:
        state === 'down'
          ? `Nothing answers at ${baseUrl} (${evidence.join('; ')}): start the server with the plan's command and wait until it has loaded the model.`
          : state === 'unauthorized'
            ? `The server at ${baseUrl} refused the request (${evidence.join('; ')}): it requires an API key; set ${plan.commands.apiKeyEnv ?? 'the key variable'} and api_key_env in ${table}.`
            : state === 'up-no-model'
              ? `The server at ${baseUrl} is up but serves no model yet (${evidence.join('; ')}): wait for it to load ${wanted}${plan.runtime === 'ollama' ? ', or run the plan\u2019s `ollama pull` and `ollama create` steps' : ''}.`
              : `The health of ${baseUrl} could not be decided: ${evidence.join('; ')}`,
    });

  let models: readonly LiveModelRecord[] = [];
  const dir = options.cache === undefined ? mkdtempSync(join(tmpdir(), 'codewhale-serve-check-')) : undefined;
  try {
    const cache = options.cache ?? createLiveCache({ dir: dir as string });
    const [result] = await discover({ ...live, cache });
    if (result?.status === 'ok') models = result.models ?? [];
    else if (state === 'up')
      proofs.push({
        name: 'served-name',
        status: 'unknown',
        message: `Discovery at ${baseUrl} failed: ${result?.error?.message ?? 'no result'}.`,
      });
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
  const servedModels = models.map((model) => model.id);
  const exact = models.find((model) => model.id === wanted);
  const routeId = wireModelId ?? wanted;

  if (exact !== undefined && wireModelId !== undefined && wireModelId !== wanted)
    proofs.push({
      name: 'served-name',
      status: 'fail',
      message: `The server serves \`${wanted}\` but the route ${plan.config.routeRef} sends \`${wireModelId}\`: set \`${table} model = "${wanted}"\`.`,
    });
  else if (exact !== undefined)
    proofs.push({
      name: 'served-name',
      status: 'pass',
      message: `The server serves \`${wanted}\`, byte-for-byte the route's wire id.`,
    });
  else if (models.length > 0) {
    const shown = servedModels.slice(0, 5);
    const other = shown.length === 1 ? (shown[0] as string) : undefined;
    const near = models.find((model) => model.id.toLowerCase() === routeId.toLowerCase());
    proofs.push({
      name: 'served-name',
      status: 'fail',
      message: `${
        near !== undefined
          ? `The server serves \`${near.id}\`, which differs from the route's wire id \`${routeId}\` only in case: the id is sent byte-for-byte, so`
          : `The server serves ${shown.map((id) => `\`${id}\``).join(', ')}${servedModels.length > shown.length ? ` and ${servedModels.length - shown.length} more` : ''}, not \`${routeId}\`:`
      } ${nameFix(plan.runtime, routeId)}, or set \`${table} model = "${near?.id ?? other ?? shown[0]}"\`.`,
    });
  } else if (!proofs.some((proof) => proof.name === 'served-name'))
    proofs.push({
      name: 'served-name',
      status: state === 'up' ? 'fail' : 'unknown',
      message:
        state === 'up'
          ? `The server at ${baseUrl} lists no model: ${nameFix(plan.runtime, routeId)}.`
          : `Not checked: the server at ${baseUrl} is not up.`,
    });

  const reported = exact?.contextWindow;
  if (exact === undefined)
    proofs.push({
      name: 'context-window',
      status: 'unknown',
      message: `Not checked: the server does not serve \`${wanted}\`.`,
    });
  else if (reported === undefined)
    proofs.push({
      name: 'context-window',
      status: 'unknown',
      message: `The server reports no context window for \`${wanted}\`; the plan is ${fmt(planned)}.`,
    });
  else if (reported === planned)
    proofs.push({
      name: 'context-window',
      status: 'pass',
      message: `The server reports a context of ${fmt(reported)}, the plan's.`,
    });
  else if (plan.runtime === 'ollama' && reported > planned)
    proofs.push({
      name: 'context-window',
      status: 'pass',
      message: `Ollama reports the model's trained maximum (${fmt(reported)}), not num_ctx; the Modelfile's \`PARAMETER num_ctx ${planned}\` sets the plan's ${fmt(planned)}.`,
    });
  else
    proofs.push({
      name: 'context-window',
      status: 'fail',
      message:
        reported < planned
          ? `The server reports a context of ${fmt(reported)} but the plan is ${fmt(planned)}: ${contextFix(plan.runtime, planned)}, or plan a smaller context.`
          : `The server reports a context of ${fmt(reported)} but the plan is ${fmt(planned)}: ${contextFix(plan.runtime, planned)} (the plan's memory assumes ${fmt(planned)}), or plan for ${fmt(reported)}.`,
    });

  return Object.freeze({
    ok: proofs.every((proof) => proof.status === 'pass'),
    routeRef: plan.config.routeRef,
    providerId,
    baseUrl,
    ...(wireModelId !== undefined ? { wireModelId } : {}),
    health: Object.freeze({ state, evidence: Object.freeze([...evidence]) }),
    servedModels: Object.freeze(servedModels),
    ...(reported !== undefined ? { reportedContextWindow: reported } : {}),
    proofs: Object.freeze(proofs.map((proof) => Object.freeze(proof))),
  });
}
