// Model-based test of the failover middleware (fast-check asyncModelRun, in the style of core's route-session model
// test): random sequences of calls (generate or stream, on one of two models) whose HTTP attempts answer with scripted
// outcomes (200, 400, 401, 403, 429, 500, 503, connection refused). At every request the route it is sent on must be
// the session's route at that moment (no half-applied route); after every call the session's route, its provisional
// flag, the routes the call's requests went to, the call's outcome and the failover events must equal the model's.
// The real AI SDK, openai-compatible and session run; only `fetch` is replaced (no sockets: thousands of calls).
import type { LanguageModelV4 } from '@ai-sdk/provider';
import { createRouteSession, type RouteSession } from '@codewhale/core';
import { APICallError, generateText, streamText, wrapLanguageModel } from 'ai';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worldEnv, worldPlugins } from './__fixtures__/codewhale-world.js';
import { createCodewhale } from './create-codewhale.js';
import { createFailoverMiddleware, type FailoverEvent } from './failover-middleware.js';

const RUNS = 500;
const ORIGIN = 'http://127.0.0.1:9';

/** The three routes of the world, by a short name. */
type RouteName = 'P' | 'T' | 'V';
const REFS: Readonly<Record<RouteName, string>> = {
  P: 'deepseek:deepseek-v4-pro',
  T: 'together:deepseek-ai/DeepSeek-V4-Pro',
  V: 'vllm:My-Org/Served_Name',
};
const PATHS: Readonly<Record<RouteName, string>> = {
  P: '/deepseek/chat/completions',
  T: '/together/v1/chat/completions',
  V: '/v1/chat/completions',
};
const WIRE: Readonly<Record<RouteName, string>> = {
  P: 'deepseek-v4-pro',
  T: 'deepseek-ai/DeepSeek-V4-Pro',
  V: 'My-Org/Served_Name',
};
/** Each provider's table names its own chain. */
const CHAINS: Readonly<Record<RouteName, readonly RouteName[]>> = { P: ['T', 'V'], T: ['V', 'P'], V: ['P'] };

const nameOf = (ref: string | undefined): RouteName | undefined =>
  (Object.keys(REFS) as RouteName[]).find((name) => REFS[name] === ref);

/** How one HTTP attempt answers. */
type Outcome = 200 | 400 | 401 | 403 | 429 | 500 | 503 | 'refused';
const retryable = (outcome: Outcome) => outcome === 429 || outcome === 500 || outcome === 503 || outcome === 'refused';
const auth = (outcome: Outcome) => outcome === 401 || outcome === 403;

// --- The system under test ------------------------------------------------------------------------------------------

interface Real {
  readonly session: RouteSession<LanguageModelV4>;
  readonly models: Readonly<Record<'P' | 'V', LanguageModelV4>>;
  /** Outcomes the next requests answer with (then 200). */
  script: Outcome[];
  /** Routes the requests of the current call went to. */
  sent: RouteName[];
  readonly events: FailoverEvent[];
  readonly violations: string[];
}

function answer(body: Record<string, unknown>): Response {
  const base = { id: 'chatcmpl-model', created: 1_763_700_000, model: body.model };
  if (body.stream === true) {
    const chunks = [
      {
        ...base,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: { role: 'assistant', content: 'ok' }, finish_reason: null }],
      },
      { ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    ];
    const text = `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`;
    return new Response(text, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }
  const completion = {
    ...base,
    object: 'chat.completion',
    choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
  return Response.json(completion);
}

function setupReal(): Real {
  const state = { session: undefined as RouteSession<LanguageModelV4> | undefined };
  const real: Real = {
    session: undefined as unknown as RouteSession<LanguageModelV4>,
    models: undefined as unknown as Real['models'],
    script: [],
    sent: [],
    events: [],
    violations: [],
  };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const target = (Object.keys(PATHS) as RouteName[]).find((name) => PATHS[name] === url.pathname);
    const body = JSON.parse(String(init?.body)) as Record<string, unknown>;
    // The route a request goes to is the session's route at that moment, whole: path, wire id and candidate agree.
    const current = state.session?.current;
    const held = nameOf(current?.candidate.toString());
    if (!target || target !== held || body.model !== WIRE[target] || current?.model !== body.model)
      real.violations.push(`sent ${url.pathname} model ${String(body.model)} while the session held ${held ?? 'none'}`);
    if (target) real.sent.push(target);
    const outcome = real.script.shift() ?? 200;
    if (outcome === 'refused')
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      });
    if (outcome !== 200)
      return Response.json({ error: { message: `scripted ${outcome}`, type: 'scripted' } }, { status: outcome });
    return answer(body);
  };
  const codewhale = createCodewhale({
    plugins: worldPlugins(),
    config: {
      providers: {
        deepseek: { base_url: `${ORIGIN}/deepseek`, api_key_env: 'CW_TEST_DEEPSEEK_KEY', fallback: [REFS.T, REFS.V] },
        together: {
          base_url: `${ORIGIN}/together/v1`,
          api_key_env: 'CW_TEST_TOGETHER_KEY',
          fallback: [REFS.V, REFS.P],
        },
        vllm: { base_url: `${ORIGIN}/v1`, model: 'My-Org/Served_Name', fallback: [REFS.P] },
      },
    },
    env: worldEnv(),
    fetch,
  });
  const session = createRouteSession<LanguageModelV4>({ resolver: codewhale.resolver });
  state.session = session;
  const middleware = createFailoverMiddleware({ session, onFailover: (event) => real.events.push(event) });
  return Object.assign(real, {
    session,
    models: {
      P: wrapLanguageModel({ model: codewhale(REFS.P), middleware }),
      V: wrapLanguageModel({ model: codewhale(REFS.V), middleware }),
    },
  });
}

// --- The model ------------------------------------------------------------------------------------------------------

interface ModelRoute {
  readonly name: RouteName;
  /** The model whose route this one descends from. */
  readonly lineage: 'P' | 'V';
}

interface Model {
  current: (ModelRoute & { readonly provisional: boolean }) | undefined;
  /** The route a provisional switch replaced (a rollback returns there). */
  restore: ModelRoute | undefined;
}

interface Call {
  readonly model: 'P' | 'V';
  readonly stream: boolean;
  readonly outcomes: readonly Outcome[];
}

/** What a call did: the routes its requests went to, its result, and the failover events it caused. */
interface Prediction {
  readonly sent: readonly RouteName[];
  readonly result: string;
  readonly events: readonly string[];
}

function applyToModel(model: Model, call: Call): Prediction {
  const script = [...call.outcomes];
  const sent: RouteName[] = [];
  const events: string[] = [];
  if (!model.current || model.current.lineage !== call.model) {
    model.current = { name: call.model, lineage: call.model, provisional: false };
    model.restore = undefined;
  }
  const tried = new Set<RouteName>();
  for (;;) {
    const route: ModelRoute & { readonly provisional: boolean } = model.current;
    tried.add(route.name);
    sent.push(route.name);
    const outcome = script.shift() ?? 200;
    if (outcome === 200) {
      if (route.provisional) {
        model.current = { ...route, provisional: false };
        model.restore = undefined;
      }
      return { sent, result: 'ok', events };
    }
    const failed = outcome === 'refused' ? 'connection error' : `HTTP ${outcome}`;
    if (!retryable(outcome)) {
      if (auth(outcome) && route.provisional && model.restore) {
        model.current = { ...model.restore, provisional: false };
        model.restore = undefined;
      }
      return { sent, result: failed, events };
    }
    const next: RouteName | undefined = CHAINS[route.name].find((hop) => !tried.has(hop));
    if (!next) {
      events.push(`exhausted ${route.name}`);
      return { sent, result: failed, events };
    }
    events.push(`switch ${route.name}->${next} (${failed})`);
    if (!route.provisional) model.restore = { name: route.name, lineage: route.lineage };
    model.current = { name: next, lineage: call.model, provisional: true };
  }
}

async function runOnReal(real: Real, call: Call): Promise<Prediction> {
  real.script = [...call.outcomes];
  real.sent = [];
  const before = real.events.length;
  let result = 'ok';
  try {
    if (call.stream) {
      let streamError: unknown;
      const stream = streamText({
        model: real.models[call.model],
        prompt: 'Hi',
        maxRetries: 0,
        onError: ({ error }) => {
          streamError ??= error;
        },
      });
      let text = '';
      for await (const part of stream.textStream) text += part;
      if (streamError) throw streamError;
      expect(text).toBe('ok');
    } else {
      const { text } = await generateText({ model: real.models[call.model], prompt: 'Hi', maxRetries: 0 });
      expect(text).toBe('ok');
    }
  } catch (error) {
    if (APICallError.isInstance(error))
      result = error.statusCode === undefined ? 'connection error' : `HTTP ${error.statusCode}`;
    else throw error;
  }
  const events = real.events
    .slice(before)
    .map((event) =>
      event.type === 'switch'
        ? `switch ${nameOf(event.from)}->${nameOf(event.to)} (${event.reason})`
        : `exhausted ${nameOf(event.from)}`,
    );
  return { sent: [...real.sent], result, events };
}

function assertMatches(model: Model, real: Real): void {
  expect(real.violations).toEqual([]);
  const current = real.session.current;
  expect(nameOf(current?.candidate.toString())).toBe(model.current?.name);
  expect(current?.provisional).toBe(model.current?.provisional);
  // Every visible value belongs to the one candidate.
  if (current) {
    expect(current.model).toBe(current.candidate.wireModelId);
    expect(current.provider).toBe(current.candidate.provider.id);
    expect((current.client as { candidate?: unknown }).candidate).toBe(current.candidate);
  }
}

class CallCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly call: Call) {}
  check = () => true;
  async run(model: Model, real: Real): Promise<void> {
    const expected = applyToModel(model, this.call);
    expect(await runOnReal(real, this.call)).toEqual(expected);
    assertMatches(model, real);
  }
  toString = () => `${this.call.stream ? 'stream' : 'generate'} ${this.call.model} [${this.call.outcomes.join(',')}]`;
}

const outcomeArb = fc.constantFrom<Outcome>(200, 400, 401, 403, 429, 500, 503, 503, 'refused', 'refused');
const callArb = fc
  .record({
    model: fc.constantFrom<'P' | 'V'>('P', 'P', 'P', 'V'),
    stream: fc.boolean(),
    outcomes: fc.array(outcomeArb, { maxLength: 4 }),
  })
  .map((call) => new CallCommand(call));

describe('failover middleware (model-based)', () => {
  it(`keeps the session's route and the route actually used equal over ${RUNS} random failure sequences`, {
    timeout: 300_000,
  }, async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.commands([callArb], { maxCommands: 8 }), async (commands) => {
        let real: Real | undefined;
        await fc.asyncModelRun(() => {
          real = setupReal();
          return { model: { current: undefined, restore: undefined }, real };
        }, commands);
        for (const event of real?.events ?? []) seen.set(event.type, (seen.get(event.type) ?? 0) + 1);
      }),
      { numRuns: RUNS },
    );
    // The sequences exercised switches and exhausted chains many times (every step was checked above).
    expect(seen.get('switch') ?? 0).toBeGreaterThan(100);
    expect(seen.get('exhausted') ?? 0).toBeGreaterThan(20);
  });
});
