import {
  APICallError,
  type LanguageModelV4,
  type LanguageModelV4CallOptions,
  type LanguageModelV4Middleware,
  type LanguageModelV4StreamPart,
} from '@ai-sdk/provider';
import {
  explainRoute,
  findProviderConfig,
  type ReadyRouteCandidate,
  type RouteExplanation,
  type RouteRequest,
  type RouteSession,
  type SessionRoute,
  type SessionSwitchError,
} from '@codewhale/core';
import { ADAPTER_ERROR_CODES, AdapterError } from './adapter-error.js';
import { routeModelParts, type RouteModelParts } from './route-language-model.js';

/** A route session whose clients are AI SDK language models: `createRouteSession<LanguageModelV4>({ resolver: codewhale.resolver })`. */
export type CodewhaleSession = RouteSession<LanguageModelV4>;

/** How a failed call is classed: `retryable` fails over, `auth` rolls a provisional route back, `other` does neither. */
export interface FailureClass {
  readonly kind: 'retryable' | 'auth' | 'other';
  /** What failed, for explanations: `HTTP 503`, `connection error`, ... Never a response body or a key. */
  readonly reason: string;
}

/** What the failover middleware reports: a switch to a fallback hop, or a chain with no hop left to take. */
export type FailoverEvent =
  | {
      readonly type: 'switch';
      /** `provider:wire-model` of the route that failed. */
      readonly from: string;
      /** `provider:wire-model` of the fallback the session now holds (provisional until it answers). */
      readonly to: string;
      /** Why: `HTTP 503`, `HTTP 429`, `connection error`. */
      readonly reason: string;
      /** Where the chain came from: `options.fallback`, `[providers.<id>].fallback` or `fallback`. */
      readonly chain: string;
      /** Index of the hop taken in that chain, from 0 (hops already tried in this call were left out). */
      readonly hop: number;
      /** Hops before it that did not resolve or could not be built, with the session's explanation of each. */
      readonly skipped: readonly SessionSwitchError[];
      /** One sentence for people: what failed, what the session switched to, and why that hop. */
      readonly message: string;
      /** The explanation of the new route (`explainRoute`), to show as after any switch. */
      readonly explanation: RouteExplanation;
    }
  | {
      readonly type: 'exhausted';
      readonly from: string;
      readonly reason: string;
      readonly chain: string;
      /** Every hop that was tried and why it could not be taken (empty when the chain had no hop left). */
      readonly skipped: readonly SessionSwitchError[];
      readonly message: string;
    };

/** Options of {@link createFailoverMiddleware}. */
export interface FailoverMiddlewareOptions {
  /** The session that holds the route; it must resolve through the provider's resolver (`codewhale.resolver`). */
  readonly session: CodewhaleSession;
  /**
   * Route refs to fail over to, in order (`['together:deepseek-ai/DeepSeek-V4-Pro', 'deepseek:deepseek-v4-flash']`).
   * Default: the failed route's `[providers.<id>].fallback` in the config, else the root `fallback`.
   */
  readonly fallback?: readonly string[];
  /** Hear every failover decision (one `switch` event per switch). Errors thrown here are ignored. */
  readonly onFailover?: (event: FailoverEvent) => void;
}

// Error codes of network failures that mean "the endpoint could not be reached" (fetch reports them in `cause`).
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

function networkFailure(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (current instanceof TypeError && /^(fetch failed|failed to fetch)$/i.test(current.message)) return true;
  }
  return false;
}

/**
 * Class a failed model call: HTTP 429 and 5xx, and connection failures, are `retryable` (they fail over); 401 and 403
 * are `auth` (never fail over; a provisional route is rolled back); anything else (400, 404, a refused redirect, a
 * changed credential, an abort) is `other`.
 */
export function classifyFailure(error: unknown): FailureClass {
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 401 || status === 403) return { kind: 'auth', reason: `HTTP ${status}` };
    if (status === 429 || (status !== undefined && status >= 500 && status <= 599))
      return { kind: 'retryable', reason: `HTTP ${status}` };
    if (status === undefined && (error.isRetryable || networkFailure(error.cause)))
      return { kind: 'retryable', reason: 'connection error' };
    return { kind: 'other', reason: status === undefined ? 'request error' : `HTTP ${status}` };
  }
  if (error instanceof Error && error.name === 'AbortError') return { kind: 'other', reason: 'aborted' };
  if (networkFailure(error)) return { kind: 'retryable', reason: 'connection error' };
  return { kind: 'other', reason: error instanceof Error ? error.name : 'error' };
}

/** The same route (provider, wire model, endpoint). */
const routeKey = (candidate: ReadyRouteCandidate) => `${candidate.toString()}@${candidate.endpoint.baseUrl}`;

// Which primary route a client was built for: a session route follows a model only while it descends from the
// model's own route (its primary, or a fallback taken from it). Keyed by client: confirm and rollback keep the client.
const lineage = new WeakMap<object, string>();
// One failover decision at a time per session (concurrent calls that fail together switch once).
const locks = new WeakMap<object, Promise<unknown>>();

function locked<T>(session: object, work: () => Promise<T>): Promise<T> {
  const previous = locks.get(session) ?? Promise.resolve();
  const run = previous.then(work, work);
  locks.set(
    session,
    run.then(
      () => undefined,
      () => undefined,
    ),
  );
  return run;
}

/**
 * Wait for a session report whose failure must not replace the call's own outcome: an answer that arrived is returned
 * (and an error that happened is thrown) even when the session was closed meanwhile (`SESSION_CLOSED`).
 */
async function quietly(report: Promise<unknown>): Promise<void> {
  try {
    await report;
  } catch {
    // The session no longer takes reports; the call's outcome stands.
  }
}

// Request fields a fallback hop keeps from the primary request: the user's reasoning level and hard requirements, and
// what `auto` optimises for. Never the provider, model, base URL or role (the hop names its own route).
const CARRIED = ['reasoning', 'requires', 'contextTokens', 'purpose', 'prefer'] as const;

function carried(request: RouteRequest): RouteRequest {
  const kept: Record<string, unknown> = {};
  for (const name of CARRIED) if (request[name] !== undefined) kept[name] = request[name];
  return kept as RouteRequest;
}

/**
 * An AI SDK language-model middleware (for `wrapLanguageModel` of `ai`) that sends every call on the session's route
 * and fails over through it: a retryable failure (HTTP 429, 5xx, a connection error; never 400, 401 or 403) switches
 * the session, provisionally, to the first hop of the configured fallback chain that resolves (through the same
 * resolver) and the same call is sent there at once; the first success confirms the provisional route. A 401/403 on a
 * provisional route rolls it back. Each switch is reported once to `onFailover` with its explanation (and heard by
 * the session's subscribers). The wrapped model must come from `createCodewhale(...)`: its route seeds an empty
 * session, and calls follow the session's route while it descends from that route (a call on another model's route
 * switches the session to its own first). A stream fails over only before its first part; an error inside a stream
 * is reported, not retried.
 *
 * @example
 * ```ts
 * const session = createRouteSession<LanguageModelV4>({ resolver: codewhale.resolver });
 * const model = wrapLanguageModel({ model: codewhale('deepseek:deepseek-v4-pro'), middleware: createFailoverMiddleware({ session }) });
 * ```
 */
export function createFailoverMiddleware(options: FailoverMiddlewareOptions): LanguageModelV4Middleware {
  const { session } = options;

  function notify(event: FailoverEvent): void {
    try {
      options.onFailover?.(event);
    } catch {
      // A listener's failure must not change the outcome of the call.
    }
  }

  function partsOf(model: LanguageModelV4): RouteModelParts & { readonly primary: string } {
    const found = routeModelParts(model);
    if (!found)
      throw new AdapterError(
        ADAPTER_ERROR_CODES.NOT_A_ROUTE_MODEL,
        `createFailoverMiddleware wraps models of createCodewhale(...) only; it got ${model.provider}/${model.modelId}. Wrap codewhale.languageModel(ref) instead.`,
      );
    return { ...found, primary: routeKey(found.candidate) };
  }

  function builder(parts: RouteModelParts & { readonly primary: string }, request: RouteRequest | undefined) {
    return (candidate: ReadyRouteCandidate) => {
      const client = parts.build(
        candidate,
        request ?? { ...carried(parts.request), provider: candidate.provider.id, model: candidate.wireModelId },
      );
      lineage.set(client, parts.primary);
      return client;
    };
  }

  /** The session's route for this model: the current one when it descends from the model's route, else a switch to it. */
  function routeFor(parts: RouteModelParts & { readonly primary: string }): Promise<SessionRoute<LanguageModelV4>> {
    return locked(session, async () => {
      const current = session.current;
      if (current && lineage.get(current.client) === parts.primary) return current;
      const result = await session.switchTo(parts.request, { buildClient: builder(parts, parts.request) });
      if (!result.ok) throw result.error;
      return result.route;
    });
  }

  function chainOf(parts: RouteModelParts, failed: ReadyRouteCandidate): { refs: readonly string[]; source: string } {
    if (options.fallback) return { refs: options.fallback, source: 'options.fallback' };
    const { registry, config } = parts.host;
    const provider = registry.findProvider(failed.provider.id);
    const table = provider ? findProviderConfig(config, provider) : undefined;
    if (table?.fallback)
      return {
        refs: table.fallback,
        source: `[providers.${provider?.descriptor.configKey ?? failed.provider.id}].fallback`,
      };
    return { refs: config.fallback ?? [], source: 'fallback' };
  }

  /** Switch the session to the next fallback hop not tried in this call; `undefined` when there is none. */
  function failOver(
    parts: RouteModelParts & { readonly primary: string },
    failed: SessionRoute<LanguageModelV4>,
    failure: FailureClass,
    tried: ReadonlySet<string>,
  ): Promise<SessionRoute<LanguageModelV4> | undefined> {
    return locked(session, async () => {
      const current = session.current;
      if (current && current.client !== failed.client) {
        // Another call switched while this one ran: follow it if it descends from this model's route and is new here.
        return lineage.get(current.client) === parts.primary && !tried.has(routeKey(current.candidate))
          ? current
          : undefined;
      }
      const from = failed.candidate.toString();
      const { refs, source } = chainOf(parts, failed.candidate);
      const base = carried(parts.request);
      const hops: RouteRequest[] = [];
      // Where each hop sits in the chain as configured.
      const positions: number[] = [];
      for (const [position, ref] of refs.entries()) {
        const request = parts.host.requestOf(ref, base);
        const resolved = parts.host.resolver.resolve(request);
        // A hop that does not resolve stays in: the session reports it. One already tried in this call is left out.
        if (!resolved.ok || !tried.has(routeKey(resolved.candidate))) {
          hops.push(request);
          positions.push(position);
        }
      }
      const exhausted = (skipped: readonly SessionSwitchError[]) => {
        notify({
          type: 'exhausted',
          from,
          reason: failure.reason,
          chain: source,
          skipped,
          message: `${from} failed (${failure.reason}); ${hops.length === 0 ? `${source} has no route left to try` : `no hop of ${source} could be taken`}, so ${from} stays the route.`,
        });
        return undefined;
      };
      if (hops.length === 0) return exhausted([]);
      const result = await session.switchToFallback(hops, {
        buildClient: builder(parts, undefined),
        provisional: true,
      });
      if (!result.ok) return exhausted(result.error.hops ?? [result.error]);
      const to = result.route.candidate.toString();
      const hop = positions[result.hop] ?? result.hop;
      const skippedText = result.skipped.length
        ? ` (${result.skipped.length} earlier hop${result.skipped.length === 1 ? '' : 's'} could not be taken)`
        : '';
      notify({
        type: 'switch',
        from,
        to,
        reason: failure.reason,
        chain: source,
        hop,
        skipped: result.skipped,
        message: `${from} failed (${failure.reason}, retryable); switched to ${to}, hop ${hop + 1} of ${source}${skippedText}. It is provisional until it answers.`,
        explanation: explainRoute(result.route.candidate),
      });
      return result.route;
    });
  }

  /** Run a call on the session's route, failing over on retryable failures until it succeeds or no hop is left. */
  async function run<Result>(
    model: LanguageModelV4,
    call: (client: LanguageModelV4) => PromiseLike<Result>,
  ): Promise<{ result: Result; route: SessionRoute<LanguageModelV4> }> {
    const parts = partsOf(model);
    let route = await routeFor(parts);
    const tried = new Set<string>();
    for (;;) {
      tried.add(routeKey(route.candidate));
      try {
        return { result: await call(route.client), route };
      } catch (error) {
        const failure = classifyFailure(error);
        if (failure.kind !== 'retryable') {
          await quietly(session.reportTurnFailure({ kind: failure.kind === 'auth' ? 'auth' : 'other', route }));
          throw error;
        }
        // A session closed meanwhile takes no switch: the call's own failure is what the caller gets.
        const next = await failOver(parts, route, failure, tried).catch(() => undefined);
        if (!next) throw error;
        route = next;
      }
    }
  }

  return {
    specificationVersion: 'v4',
    async wrapGenerate({ model, params }) {
      const { result, route } = await run(model, (client) => client.doGenerate(params));
      if (route.provisional) await quietly(session.confirm(route));
      return result;
    },
    async wrapStream({ model, params }) {
      const { result, route } = await run(model, (client) => client.doStream(params as LanguageModelV4CallOptions));
      let failed = false;
      let finished = false;
      const watch = new TransformStream<LanguageModelV4StreamPart, LanguageModelV4StreamPart>({
        transform(part, controller) {
          if (part.type === 'error') failed = true;
          if (part.type === 'finish') finished = true;
          controller.enqueue(part);
        },
        async flush() {
          // A stream that finished cleanly is the first success of a provisional route; one that failed is reported.
          if (finished && !failed) {
            if (route.provisional) await quietly(session.confirm(route));
          } else await quietly(session.reportTurnFailure({ kind: 'other', route }));
        },
      });
      return { ...result, stream: result.stream.pipeThrough(watch) };
    },
  };
}
