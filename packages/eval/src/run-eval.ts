import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  authLabel,
  CodewhaleError,
  createRouteResolver,
  explainRoute,
  parseRouteRef,
  priceUsage,
  type CatalogStamp,
  type ReadyRouteCandidate,
  type Registry,
  type RouteExplanation,
  type RouteResolver,
  type UserConfig,
} from '@codewhale/core';
import {
  createRecordingFetch,
  flushReceipts,
  defaultStateDir,
  routeCredential,
  type Ledger,
  type NodeCredentialSource,
  type RouteReceipt,
} from '@codewhale/node';
import { caseRequestBase, caseRequestDigest, caseSettings, readChatAnswer, routeRequestBody } from './chat-request.js';
import { EVAL_ERROR_CODES, EvaluationError } from './eval-error.js';
import type { GenerationSettings, ToolPolicy } from './eval-suite-schema.js';
import { gradeAnswer, type EvalAnswer, type GraderVerdict } from './grade-answer.js';
import { loadSuite, sha256Hex, type LoadedSuite } from './load-suite.js';
import { VERSION } from './version.js';

/** Version of the results and manifest formats. */
export const EVAL_RUN_VERSION = 1;

/** How one (case, route, repeat) ended: graded pass or fail, a failed request, or not sent (budget). */
export type EvalStatus = 'pass' | 'fail' | 'error' | 'skipped';

/** One line of `results.jsonl`: one (case, route, repeat). Never holds a key; the answer text only with `keepOutputs`. */
export interface EvalResult {
  readonly v: 1;
  readonly case: string;
  readonly route: string;
  /** 1-based repeat number. */
  readonly repeat: number;
  readonly status: EvalStatus;
  /** Mean grader score in [0, 1] (0 for error and skipped). */
  readonly score: number;
  /** Every grader's verdict (empty for error and skipped). */
  readonly graders: readonly GraderVerdict[];
  /** Why the request failed or was not sent (error, skipped). */
  readonly reason?: string;
  /** SHA-256 of the answer (canonical JSON of text and tool calls). */
  readonly answerSha256?: string;
  /** The answer itself, only with `keepOutputs`. */
  readonly answer?: EvalAnswer;
  /** SHA-256 of the exact request body sent to this route. */
  readonly requestSha256?: string;
  /** The route receipt's id (in the receipts ledger when one was given). */
  readonly receipt?: string;
  /** Token counts from the receipt (absent when the route did not report usage). */
  readonly tokens?: {
    readonly input?: number;
    readonly output?: number;
    readonly reasoning?: number;
    readonly total?: number;
  };
  /** Cost from the receipt: the meter's price of the usage, or why it is unknown (never 0 for unknown). */
  readonly cost:
    | { readonly known: true; readonly amount: number; readonly currency: string }
    | { readonly known: false; readonly reason: string };
  /** Time to the response headers (first byte) and to the end of the body, ms. */
  readonly timing?: { readonly ttfbMs?: number; readonly totalMs?: number };
}

/** A route as the manifest records it: what was measured, never a key. */
export interface EvalRouteRecord {
  /** The ref as given in `routes`. */
  readonly ref: string;
  /** `provider:wire-id`. */
  readonly route: string;
  /** SHA-256 of `candidate` (canonical JSON). */
  readonly candidateSha256: string;
  readonly candidate: {
    readonly route: string;
    readonly provider: string;
    readonly endpoint: {
      readonly baseUrl: string;
      readonly key: string;
      readonly protocol: string;
      readonly official: boolean;
    };
    readonly wireModelId: string;
    readonly reasoning: { readonly applied: string; readonly params: Readonly<Record<string, unknown>> };
    /** The credential's source class (`env:NAME`, `config`, `not-required`...). */
    readonly auth: string;
    readonly catalog?: string;
  };
  /** `explainRoute(candidate)` at resolution. */
  readonly explanation: RouteExplanation;
}

/** `manifest.json` of a run: everything needed to repeat it and to tell two runs apart. */
export interface EvalManifest {
  readonly v: 1;
  readonly runId: string;
  /** When the run started (ISO 8601). */
  readonly startedAt: string;
  /** When it ended; absent while running. */
  readonly finishedAt?: string;
  /** `complete`, `cancelled` (signal), or `running`. */
  readonly state: 'running' | 'complete' | 'cancelled';
  readonly suite: {
    readonly name: string;
    readonly file: string;
    readonly sha256: string;
    readonly casesFile: string;
    readonly casesSha256: string;
    readonly reasoning?: string;
    readonly git?: { readonly revision: string; readonly dirty: boolean };
  };
  /** Each case's id and the SHA-256 of its route-independent request. */
  readonly cases: readonly { readonly id: string; readonly requestSha256: string }[];
  readonly routes: readonly EvalRouteRecord[];
  readonly settings: GenerationSettings;
  readonly tools: ToolPolicy | null;
  readonly options: {
    readonly repeat: number;
    readonly concurrency: number;
    readonly maxCost?: number;
    readonly allowUnknownCost: boolean;
    readonly allowCommands: boolean;
    readonly keepOutputs: boolean;
  };
  readonly packages: Readonly<Record<string, string>>;
  /** The catalog stamp given, else each route's `plugin@version`. */
  readonly catalog: string;
}

/** Progress of a run, one event per finished (case, route, repeat). */
export interface EvalProgress {
  readonly done: number;
  readonly total: number;
  readonly result: EvalResult;
}

/** Options of {@link runEval}. */
export interface RunEvalOptions {
  /** A loaded suite, or the path of its file. */
  readonly suite: LoadedSuite | string;
  /** Route refs (`provider:model`, or what the resolver accepts as a model), each resolved once. */
  readonly routes: readonly string[];
  /** The catalog: route refs are read against it, and credentials bound by it. */
  readonly registry: Registry;
  /** The user's config (endpoints, keys' sources). */
  readonly config?: UserConfig;
  /** Where keys come from; each goes in its route's one header, never anywhere else. */
  readonly credentials: NodeCredentialSource;
  /** The resolver (default: `createRouteResolver({ registry, config, credentials })`). */
  readonly resolver?: RouteResolver;
  /** Where receipts also go (e.g. `openLedger()`); the run keeps what it needs from each receipt either way. */
  readonly ledger?: Pick<Ledger, 'append'>;
  /** Times each case is sent to each route (default 1). */
  readonly repeat?: number;
  /** Requests in flight at once per endpoint (default 2). */
  readonly concurrency?: number;
  /**
   * Budget per route in its meter's currency: a request is not sent when the route's running cost plus that request's
   * worst case (request bytes as input tokens, `max_output_tokens` as output) would exceed it. Needs
   * `settings.max_output_tokens` on every case.
   */
  readonly maxCost?: number;
  /** With `maxCost`: run routes whose cost cannot be known anyway (they are not budgeted). */
  readonly allowUnknownCost?: boolean;
  /** Run `command` graders (required when the suite has any). */
  readonly allowCommands?: boolean;
  /** Keep each answer's text in the results (default: its digest only). */
  readonly keepOutputs?: boolean;
  /** The state directory (default `defaultStateDir()`): the run goes to `<stateDir>/evals/<run id>/`. */
  readonly stateDir?: string;
  /** Cancels the run: requests in flight are aborted, nothing new starts, completed results are kept. */
  readonly signal?: AbortSignal;
  /** The fetch under the recording fetch (default global `fetch`). */
  readonly fetch?: typeof fetch;
  /** Per-request timeout, ms (default 120000): a request that takes longer is a failed case. */
  readonly requestTimeoutMs?: number;
  /** The catalog stamp of the registry (`stampCatalog(...)`) for the manifest. */
  readonly catalog?: CatalogStamp;
  /** Hears each finished (case, route, repeat). */
  readonly onProgress?: (progress: EvalProgress) => void;
  /** Clock (default the system clock). */
  readonly now?: () => Date;
  /** Source of the allowlisted variables of grader commands (default `process.env`; only PATH, HOME, LANG... pass). */
  readonly commandEnv?: Readonly<Record<string, string | undefined>>;
}

/** What {@link runEval} returns: the run folder, its manifest and every result written. */
export interface EvalRun {
  readonly runId: string;
  /** `<stateDir>/evals/<run id>`. */
  readonly dir: string;
  readonly manifest: EvalManifest;
  /** Results in (route, case, repeat) order, as in `results.jsonl`. */
  readonly results: readonly EvalResult[];
}

interface ResolvedRoute {
  readonly ref: string;
  readonly index: number;
  readonly candidate: ReadyRouteCandidate;
  readonly record: EvalRouteRecord;
  /** Whether requests are budgeted. */
  readonly budgeted: boolean;
  spent: number;
  reserved: number;
}

/**
 * Run a suite on several routes: each route is resolved once (its explanation saved), every case is sent to every route
 * as the same chat-completions body apart from the wire model id and the route's reasoning parameters, through a
 * recording fetch (tokens, cost, TTFB, total time from its receipt), with no failover (a failed request is a failed
 * case, with its reason). Writes `manifest.json` and `results.jsonl` under `<stateDir>/evals/<run id>/`.
 * Throws {@link EvaluationError} before sending anything when a route does not resolve, speaks another protocol, or an option
 * is refused.
 */
export async function runEval(options: RunEvalOptions): Promise<EvalRun> {
  const loaded = typeof options.suite === 'string' ? await loadSuite(options.suite) : options.suite;
  const repeat = options.repeat ?? 1;
  const concurrency = options.concurrency ?? 2;
  checkCount('repeat', repeat, 1000);
  checkCount('concurrency', concurrency, 64);
  if (options.routes.length === 0)
    throw new EvaluationError(EVAL_ERROR_CODES.INVALID_OPTION, 'No route to run the suite on.', {
      hint: 'Name at least one route (e.g. --routes vllm:my-model,together:deepseek-ai/DeepSeek-V4-Pro).',
    });
  const duplicate = options.routes.find((ref, index) => options.routes.indexOf(ref) !== index);
  if (duplicate !== undefined)
    throw new EvaluationError(EVAL_ERROR_CODES.INVALID_OPTION, `Route "${duplicate}" is named twice.`, {
      field: 'routes',
      hint: 'Name each route once; use repeat to send each case more than once.',
    });
  if (options.maxCost !== undefined && !(Number.isFinite(options.maxCost) && options.maxCost >= 0))
    throw new EvaluationError(EVAL_ERROR_CODES.INVALID_OPTION, 'maxCost must be a number ≥ 0.', {
      hint: 'Pass an amount like 0.50.',
    });
  const { suite, cases } = loaded;
  const hasCommands = cases.some((evalCase) => evalCase.graders.some((grader) => grader.type === 'command'));
  if (hasCommands && options.allowCommands !== true)
    throw new EvaluationError(
      EVAL_ERROR_CODES.COMMANDS_NOT_ALLOWED,
      `The suite ${suite.name} has command graders, which run local programs.`,
      {
        file: loaded.casesFile,
        hint: 'Read the commands in the cases file, then pass allowCommands (--allow-commands) to run them.',
      },
    );
  if (options.maxCost !== undefined) {
    const unbounded = cases.find((evalCase) => caseSettings(suite, evalCase).max_output_tokens === undefined);
    if (unbounded)
      throw new EvaluationError(
        EVAL_ERROR_CODES.INVALID_OPTION,
        `maxCost needs a bound on each request, and case "${unbounded.id}" has no max_output_tokens.`,
        {
          file: loaded.file,
          field: 'settings.max_output_tokens',
          hint: "Set settings.max_output_tokens in the suite (or in each case) so a request's worst-case cost is known.",
        },
      );
  }

  // Resolve every route once, before anything is sent.
  const resolver =
    options.resolver ??
    createRouteResolver({
      registry: options.registry,
      ...(options.config ? { config: options.config } : {}),
      credentials: options.credentials,
    });
  const routes: ResolvedRoute[] = options.routes.map((ref, index) => {
    const parsed = parseRouteRef(ref, options.registry);
    const result = resolver.resolve({
      ...(parsed.provider !== undefined ? { provider: parsed.provider } : {}),
      model: parsed.model,
      ...(suite.reasoning !== undefined ? { reasoning: suite.reasoning } : {}),
      origin: { model: 'eval routes' },
    });
    if (!result.ok)
      throw new EvaluationError(
        EVAL_ERROR_CODES.ROUTE_UNRESOLVED,
        `Route "${ref}" did not resolve: ${result.error.message}`,
        {
          field: 'routes',
          hint: result.error.details.suggestion
            ? `Try "${result.error.details.suggestion}".`
            : 'Check the route ref with `codewhale-route explain`.',
        },
      );
    const candidate = result.candidate;
    if (candidate.endpoint.protocol !== 'chat-completions')
      throw new EvaluationError(
        EVAL_ERROR_CODES.UNSUPPORTED_PROTOCOL,
        `Route "${ref}" speaks ${candidate.endpoint.protocol}; eval runs build chat-completions requests only for now.`,
        { field: 'routes', hint: 'Choose an endpoint of the route that speaks chat-completions (OpenAI-compatible).' },
      );
    const unknownCost = candidate.meter.kind === 'unknown';
    if (options.maxCost !== undefined && unknownCost && options.allowUnknownCost !== true)
      throw new EvaluationError(
        EVAL_ERROR_CODES.UNKNOWN_COST,
        `Route "${ref}" has no known price, so maxCost cannot bound it.`,
        {
          field: 'routes',
          hint: 'Pass allowUnknownCost (--allow-unknown-cost) to run it unbudgeted, or leave it out.',
        },
      );
    const record = routeRecord(ref, candidate);
    return {
      ref,
      index,
      candidate,
      record,
      budgeted: options.maxCost !== undefined && !unknownCost,
      spent: 0,
      reserved: 0,
    };
  });

  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const runId = `${startedAt
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
  const dir = join(options.stateDir ?? defaultStateDir(), 'evals', runId);
  await mkdir(dir, { recursive: true, mode: 0o700 });

  const manifestBase: Omit<EvalManifest, 'state' | 'finishedAt'> = {
    v: 1,
    runId,
    startedAt: startedAt.toISOString(),
    suite: {
      name: suite.name,
      file: loaded.file,
      sha256: loaded.suiteSha256,
      casesFile: loaded.casesFile,
      casesSha256: loaded.casesSha256,
      ...(suite.reasoning !== undefined ? { reasoning: suite.reasoning } : {}),
      ...((await gitState(loaded.dir)) ?? {}),
    },
    cases: cases.map((evalCase) => ({ id: evalCase.id, requestSha256: caseRequestDigest(suite, evalCase) })),
    routes: routes.map((route) => route.record),
    settings: suite.settings,
    tools: suite.tools ?? null,
    options: {
      repeat,
      concurrency,
      ...(options.maxCost !== undefined ? { maxCost: options.maxCost } : {}),
      allowUnknownCost: options.allowUnknownCost === true,
      allowCommands: options.allowCommands === true,
      keepOutputs: options.keepOutputs === true,
    },
    packages: packageVersions(),
    catalog: options.catalog
      ? options.catalog.plugins.map((plugin) => `${plugin.id}@${plugin.version}`).join(',')
      : [...new Set(routes.map((route) => route.candidate.catalog ?? 'unknown'))].join(','),
  };
  const writeManifest = async (manifest: EvalManifest): Promise<void> => {
    const file = join(dir, 'manifest.json');
    await writeFile(`${file}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  };
  await writeManifest({ ...manifestBase, state: 'running' });

  // Every (repeat, case, route), interleaved so each endpoint gets work from the start.
  const tasks: { route: ResolvedRoute; caseIndex: number; repeat: number }[] = [];
  for (let r = 1; r <= repeat; r++)
    for (let c = 0; c < cases.length; c++) for (const route of routes) tasks.push({ route, caseIndex: c, repeat: r });
  const bases = cases.map((evalCase) => caseRequestBase(suite, evalCase));
  const limiters = new Map<string, Limiter>();
  const limiterOf = (route: ResolvedRoute): Limiter => {
    const key = route.candidate.endpoint.baseUrl;
    const known = limiters.get(key);
    if (known) return known;
    const limiter = createLimiter(concurrency);
    limiters.set(key, limiter);
    return limiter;
  };

  const resultsFile = join(dir, 'results.jsonl');
  await writeFile(resultsFile, '', { mode: 0o600 });
  const results: EvalResult[] = [];
  let writing = Promise.resolve();
  const signal = options.signal;
  let done = 0;

  const runTask = async (task: (typeof tasks)[number]): Promise<void> => {
    const limiter = limiterOf(task.route);
    await limiter.acquire();
    try {
      if (signal?.aborted) return;
      const result = await runOne(task.route, task.caseIndex, task.repeat);
      if (result === undefined || (signal?.aborted && result.status === 'error')) return; // cancelled: not a result
      results.push(result);
      done++;
      writing = writing.then(() => appendFile(resultsFile, `${JSON.stringify(result)}\n`));
      options.onProgress?.({ done, total: tasks.length, result });
    } finally {
      limiter.release();
    }
  };

  const runOne = async (
    route: ResolvedRoute,
    caseIndex: number,
    repeatNumber: number,
  ): Promise<EvalResult | undefined> => {
    const evalCase = cases[caseIndex] as (typeof cases)[number];
    const base = bases[caseIndex] as Record<string, unknown>;
    const body = routeRequestBody(base, route.candidate);
    const requestSha256 = sha256Hex(body);
    const head = { v: 1 as const, case: evalCase.id, route: route.ref, repeat: repeatNumber };
    let estimate = 0;
    if (route.budgeted && options.maxCost !== undefined) {
      const worst = priceUsage(
        route.candidate.meter,
        { inputTokens: Buffer.byteLength(body), outputTokens: caseSettings(suite, evalCase).max_output_tokens ?? 0 },
        now(),
      );
      estimate = worst.known ? worst.amount : 0;
      if (route.spent + route.reserved + estimate > options.maxCost)
        return {
          ...head,
          status: 'skipped',
          score: 0,
          graders: [],
          reason: `budget: the route's running cost ${round(route.spent)} plus this request's worst case ${round(estimate)} would exceed maxCost ${options.maxCost}`,
          requestSha256,
          cost: { known: false, reason: 'not sent (budget)' },
        };
      route.reserved += estimate;
    }
    let receipt: RouteReceipt | undefined;
    const recordingFetch = createRecordingFetch({
      candidate: route.candidate,
      ledger: {
        append(value) {
          receipt = value;
          return options.ledger ? options.ledger.append(value) : value;
        },
      },
      hashRequestBody: true,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.catalog ? { catalog: options.catalog } : {}),
      tags: { purpose: 'eval', eval_suite: suite.name, eval_case: evalCase.id.slice(0, 256) },
      onError: () => {},
    });
    const timeout = AbortSignal.timeout(options.requestTimeoutMs ?? 120_000);
    const requestSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let failure: string | undefined;
    let answer: EvalAnswer | undefined;
    try {
      const credential = await routeCredential(route.candidate, {
        registry: options.registry,
        ...(options.config ? { config: options.config } : {}),
        credentials: options.credentials,
      });
      const headers: Record<string, string> = {
        ...route.candidate.endpoint.headers,
        'content-type': 'application/json',
        accept: 'application/json',
      };
      if (credential) headers[credential.header] = credential.value;
      const url = `${route.candidate.endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`;
      const response = await recordingFetch(url, { method: 'POST', headers, body, signal: requestSignal });
      const text = await response.text();
      // The receipt is written in the next turn of the event loop: this result needs it now.
      flushReceipts();
      if (!response.ok) failure = `HTTP ${response.status}`;
      else {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        answer = readChatAnswer(json);
        if (!answer) failure = 'the answer is not a chat completion (no choices[0].message)';
      }
    } catch (error) {
      flushReceipts();
      if (signal?.aborted) return undefined;
      failure = timeout.aborted
        ? `timed out after ${options.requestTimeoutMs ?? 120_000} ms`
        : CodewhaleError.isInstance(error)
          ? `request refused: ${error.code}`
          : `request failed: ${receipt?.outcome.kind === 'network-error' ? receipt.outcome.code : 'network error'}`;
    } finally {
      route.reserved -= estimate;
    }
    const cost: EvalResult['cost'] = receipt
      ? receipt.cost.known
        ? { known: true, amount: receipt.cost.amount, currency: receipt.cost.currency }
        : { known: false, reason: receipt.cost.reason }
      : { known: false, reason: 'no receipt (nothing was sent)' };
    if (route.budgeted) route.spent += cost.known ? cost.amount : estimate;
    const usage = receipt?.usage.known ? receipt.usage.usage : undefined;
    const measured = {
      requestSha256,
      ...(receipt ? { receipt: receipt.id } : {}),
      ...(usage
        ? {
            tokens: {
              ...(usage.inputTokens !== undefined ? { input: usage.inputTokens } : {}),
              ...(usage.outputTokens !== undefined ? { output: usage.outputTokens } : {}),
              ...(usage.reasoningTokens !== undefined ? { reasoning: usage.reasoningTokens } : {}),
              ...(usage.totalTokens !== undefined ? { total: usage.totalTokens } : {}),
            },
          }
        : {}),
      cost,
      ...(receipt ? { timing: receipt.timing } : {}),
    };
    if (failure !== undefined || answer === undefined)
      return { ...head, status: 'error', score: 0, graders: [], reason: failure ?? 'no answer', ...measured };
    const verdicts = await gradeAnswer(evalCase.graders, answer, {
      allowCommands: options.allowCommands === true,
      suiteDir: loaded.dir,
      ...(options.commandEnv ? { parentEnv: options.commandEnv } : {}),
    });
    const pass = verdicts.every((verdict) => verdict.pass);
    const score = verdicts.reduce((sum, verdict) => sum + verdict.score, 0) / verdicts.length;
    return {
      ...head,
      status: pass ? 'pass' : 'fail',
      score,
      graders: verdicts,
      answerSha256: sha256Hex(JSON.stringify(answer)),
      ...(options.keepOutputs === true ? { answer } : {}),
      ...measured,
    };
  };

  await Promise.all(tasks.map(runTask));
  await writing;
  // Sorted, so two runs of the same suite give the same file whatever the completion order.
  const caseOrder = new Map(cases.map((evalCase, index) => [evalCase.id, index]));
  const routeOrder = new Map(routes.map((route) => [route.ref, route.index]));
  results.sort(
    (left, right) =>
      (routeOrder.get(left.route) ?? 0) - (routeOrder.get(right.route) ?? 0) ||
      (caseOrder.get(left.case) ?? 0) - (caseOrder.get(right.case) ?? 0) ||
      left.repeat - right.repeat,
  );
  await writeFile(`${resultsFile}.tmp`, results.map((result) => `${JSON.stringify(result)}\n`).join(''), {
    mode: 0o600,
  });
  await rename(`${resultsFile}.tmp`, resultsFile);
  const manifest: EvalManifest = {
    ...manifestBase,
    state: signal?.aborted ? 'cancelled' : 'complete',
    finishedAt: now().toISOString(),
  };
  await writeManifest(manifest);
  return { runId, dir, manifest, results };
}

function routeRecord(ref: string, candidate: ReadyRouteCandidate): EvalRouteRecord {
  const data: EvalRouteRecord['candidate'] = {
    route: String(candidate),
    provider: candidate.provider.id,
    endpoint: {
      baseUrl: candidate.endpoint.baseUrl,
      key: candidate.endpoint.key,
      protocol: candidate.endpoint.protocol,
      official: candidate.endpoint.official,
    },
    wireModelId: candidate.wireModelId,
    reasoning: { applied: candidate.reasoning.applied, params: candidate.reasoning.params },
    auth: authLabel(candidate.auth),
    ...(candidate.catalog !== undefined ? { catalog: candidate.catalog } : {}),
  };
  return {
    ref,
    route: String(candidate),
    candidateSha256: sha256Hex(JSON.stringify(data)),
    candidate: data,
    explanation: JSON.parse(JSON.stringify(explainRoute(candidate))) as RouteExplanation,
  };
}

interface Limiter {
  acquire(): Promise<void>;
  release(): void;
}

function createLimiter(slots: number): Limiter {
  let free = slots;
  const waiting: (() => void)[] = [];
  return {
    acquire() {
      if (free > 0) {
        free--;
        return Promise.resolve();
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    release() {
      const next = waiting.shift();
      if (next) next();
      else free++;
    },
  };
}

function checkCount(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new EvaluationError(EVAL_ERROR_CODES.INVALID_OPTION, `${name} must be a whole number from 1 to ${max}.`, {
      field: name,
      hint: `Pass --${name} with a value from 1 to ${max}.`,
    });
}

function round(amount: number): string {
  return amount.toFixed(6).replace(/\.?0+$/, '');
}

/** The versions of the packages that shaped the run. */
function packageVersions(): Record<string, string> {
  const versions: Record<string, string> = { '@codewhale/eval': VERSION };
  // Bundled into one file (the CLI's), there is no module URL and no package.json to read: the versions are unknown.
  let require: NodeJS.Require | undefined;
  try {
    require = createRequire(import.meta.url);
  } catch {
    require = undefined;
  }
  for (const name of ['@codewhale/core', '@codewhale/node']) {
    try {
      versions[name] = (require?.(`${name}/package.json`) as { version: string } | undefined)?.version ?? 'unknown';
    } catch {
      versions[name] = 'unknown';
    }
  }
  return versions;
}

/** The git revision and dirty state of a folder when it is in a git checkout; undefined otherwise or without git. */
export async function gitState(dir: string): Promise<{ git: { revision: string; dirty: boolean } } | undefined> {
  const run = (args: string[]): Promise<string | undefined> =>
    new Promise((resolve) => {
      try {
        execFile('git', args, { cwd: dir, timeout: 10_000, shell: false, windowsHide: true }, (error, stdout) =>
          resolve(error ? undefined : String(stdout)),
        );
      } catch {
        resolve(undefined);
      }
    });
  const revision = (await run(['rev-parse', 'HEAD']))?.trim();
  if (!revision || !/^[0-9a-f]{40,64}$/.test(revision)) return undefined;
  const status = await run(['status', '--porcelain', '--', '.']);
  return { git: { revision, dirty: status === undefined ? true : status.trim().length > 0 } };
}
