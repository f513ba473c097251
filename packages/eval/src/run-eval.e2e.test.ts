import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, type UsageMeter } from '@codewhale/core';
import { createCredentialSource, openLedger } from '@codewhale/node';
import { createOpenAICompatiblePlugin } from '@codewhale/provider-openai-compatible';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { caseRequestBase } from './chat-request.js';
import { EVAL_ERROR_CODES, EvaluationError } from './eval-error.js';
import { compareEvalRuns, evalReport } from './eval-report.js';
import { loadSuite } from './load-suite.js';
import { runEval, type EvalResult, type RunEvalOptions } from './run-eval.js';

const CANARY = 'sk-canary-eval-e2e-51d0a2';

/** What each case asks, and the right answer: the servers find the case by its marker. */
const RIGHT: Record<string, string> = {
  'py-add': 'def add(a, b):\n    return a + b',
  'py-reverse': 'def reverse(s):\n    return s[::-1]',
  'json-package': '```json\n{"name": "whale", "version": "1.2.3"}\n```',
  'json-sum': '{"sum": 5}',
};
/** The flaky server's answers: right on py-add and json-sum, wrong on the other two. */
const FLAKY: Record<string, string> = {
  ...RIGHT,
  'py-reverse': 'def reverse(s):\n    return "".join(reversed(s))',
  'json-package': '{"name": "whale", "version": "latest"}',
};

interface Seen {
  readonly url: string;
  readonly bodies: Record<string, unknown>[];
  readonly headers: IncomingHttpHeaders[];
  readonly rawLengths: number[];
}
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A loopback chat-completions server answering from `answers` (by the case marker in the last message), or failing. */
async function serve(kind: 'right' | 'flaky' | 'broken'): Promise<Seen> {
  const seen: Seen = { url: '', bodies: [], headers: [], rawLengths: [] };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { messages: { content: string }[] };
      seen.bodies.push(body);
      seen.rawLengths.push(Buffer.concat(chunks).byteLength);
      seen.headers.push(request.headers);
      if (kind === 'broken') {
        setTimeout(
          () => response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"overloaded"}'),
          150,
        );
        return;
      }
      const marker = /\[case:([a-z-]+)\]/.exec(body.messages.at(-1)?.content ?? '')?.[1] ?? '';
      const content = (kind === 'right' ? RIGHT : FLAKY)[marker] ?? '';
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'c1',
          object: 'chat.completion',
          model: 'coder-1',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }),
      );
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return Object.assign(seen, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` });
}

const pricing: UsageMeter = {
  kind: 'token-pricing',
  currency: 'USD',
  rates: { input: 1, output: 2 },
  source: { url: 'https://example.com/our-prices', retrieved: '2026-12-01', kind: 'user' },
};
/** One request: 10 input tokens at 1/M + 5 output tokens at 2/M. */
const REQUEST_COST = 10 / 1e6 + (5 * 2) / 1e6;

const cases = [
  {
    id: 'py-add',
    messages: [
      { role: 'system', content: 'Answer with code only.' },
      { role: 'user', content: '[case:py-add] Write a Python function add(a, b) returning the sum.' },
    ],
    graders: [
      { type: 'regex', pattern: '^def add\\(a, b\\):', flags: 'm' },
      { type: 'contains', value: 'return a + b' },
    ],
  },
  {
    id: 'py-reverse',
    messages: [{ role: 'user', content: '[case:py-reverse] Write reverse(s) using slicing.' }],
    graders: [{ type: 'contains', value: '[::-1]' }],
  },
  {
    id: 'json-package',
    messages: [
      { role: 'user', content: '[case:json-package] Give {name, version} of a package as JSON; version is semver.' },
    ],
    graders: [
      {
        type: 'json-schema',
        schema: {
          type: 'object',
          properties: { name: { type: 'string' }, version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' } },
          required: ['name', 'version'],
        },
      },
    ],
  },
  {
    id: 'json-sum',
    messages: [{ role: 'user', content: '[case:json-sum] Reply {"sum": 2+3} as JSON.' }],
    settings: { max_output_tokens: 16 },
    graders: [
      { type: 'json-schema', schema: { type: 'object', properties: { sum: { const: 5 } }, required: ['sum'] } },
    ],
  },
];

let right: Seen;
let flaky: Seen;
let broken: Seen;
let base: Omit<RunEvalOptions, 'suite' | 'stateDir'>;
beforeAll(async () => {
  [right, flaky, broken] = await Promise.all([serve('right'), serve('flaky'), serve('broken')]);
  const registry = createRegistry({
    plugins: [
      createOpenAICompatiblePlugin({ id: 'right', baseUrl: right.url, apiKeyEnv: 'RIGHT_API_KEY', meter: pricing }),
      createOpenAICompatiblePlugin({ id: 'flaky', baseUrl: flaky.url, meter: pricing }),
      createOpenAICompatiblePlugin({ id: 'broken', baseUrl: broken.url }),
    ],
  });
  base = {
    routes: ['right:coder-1', 'flaky:coder-1', 'broken:coder-1'],
    registry,
    credentials: createCredentialSource({ env: { RIGHT_API_KEY: CANARY, OTHER_API_KEY: 'sk-other-not-sent' } }),
    repeat: 2,
    concurrency: 2,
  };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codewhale-eval-e2e-'));
  for (const seen of [right, flaky, broken]) {
    seen.bodies.length = 0;
    seen.headers.length = 0;
    seen.rawLengths.length = 0;
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeSuite(caseList: readonly unknown[] = cases): string {
  writeFileSync(
    join(dir, 'suite.toml'),
    'name = "coding-and-json"\ncases = "cases.jsonl"\nreasoning = "low"\n\n[settings]\nmax_output_tokens = 64\ntemperature = 0\nseed = 7\n',
  );
  writeFileSync(join(dir, 'cases.jsonl'), `${caseList.map((item) => JSON.stringify(item)).join('\n')}\n`);
  return join(dir, 'suite.toml');
}

/** A result without what changes from run to run (times and receipt ids). */
const stable = ({ timing: _timing, receipt: _receipt, ...rest }: EvalResult) => rest;

describe('runEval end to end (three loopback servers, real resolver and recording fetch)', () => {
  it('sends the same bytes to every route, and the report equals the hand tally', async () => {
    const ledgerDir = join(dir, 'receipts');
    const run = await runEval({
      ...base,
      suite: writeSuite(),
      stateDir: join(dir, 'state'),
      ledger: openLedger({ dir: ledgerDir }),
    });

    // 4 cases × 2 repeats per route.
    expect(run.results).toHaveLength(24);
    expect(run.dir).toBe(join(dir, 'state', 'evals', run.runId));
    expect([right.bodies.length, flaky.bodies.length, broken.bodies.length]).toEqual([8, 8, 8]);

    // The same body everywhere apart from the wire id and the route's reasoning parameters.
    const strip = ({ model: _model, reasoning_effort: _effort, ...rest }: Record<string, unknown>) =>
      JSON.stringify(rest);
    for (const id of ['py-add', 'json-sum']) {
      const bodies = [right, flaky, broken].map(
        (seen) => seen.bodies.find((body) => JSON.stringify(body).includes(`[case:${id}]`)) as Record<string, unknown>,
      );
      expect(new Set(bodies.map(strip)).size).toBe(1);
      expect(bodies[0]).toMatchObject({
        model: 'coder-1',
        max_tokens: id === 'json-sum' ? 16 : 64,
        temperature: 0,
        seed: 7,
        reasoning_effort: 'low',
        stream: false,
      });
    }
    // The key goes in its one header, to its own route only.
    expect(right.headers.every((headers) => headers.authorization === `Bearer ${CANARY}`)).toBe(true);
    expect([...flaky.headers, ...broken.headers].every((headers) => headers.authorization === undefined)).toBe(true);

    // Hand tally. right: 8/8 pass. flaky: py-add and json-sum pass (4), py-reverse and json-package fail (4).
    // broken: 8 errors (HTTP 503), no usage, so no cost.
    const report = await evalReport(run.dir);
    const [r, f, b] = report.routes;
    expect(r).toMatchObject({
      ref: 'right:coder-1',
      runs: 8,
      passed: 8,
      failed: 0,
      errors: 0,
      skipped: 0,
      tokens: { input: 80, output: 40, reported: 8 },
    });
    expect(r?.passRate.rate).toBe(1);
    expect(r?.passRate.interval?.low).toBeCloseTo(0.6756, 3);
    expect(r?.passRate.interval?.high).toBe(1);
    expect(r?.cost.total.USD).toBeCloseTo(8 * REQUEST_COST, 12);
    expect(r?.cost.unknown).toBe(0);
    expect(r?.costPerPass?.amount).toBeCloseTo(REQUEST_COST, 12);
    expect(f).toMatchObject({
      ref: 'flaky:coder-1',
      runs: 8,
      passed: 4,
      failed: 4,
      errors: 0,
      tokens: { input: 80, output: 40, reported: 8 },
    });
    expect(f?.passRate.rate).toBe(0.5);
    expect(f?.passRate.interval?.low).toBeCloseTo(0.2152, 3);
    expect(f?.passRate.interval?.high).toBeCloseTo(0.7848, 3);
    expect(f?.costPerPass?.amount).toBeCloseTo((8 * REQUEST_COST) / 4, 12);
    expect(b).toMatchObject({
      ref: 'broken:coder-1',
      runs: 8,
      passed: 0,
      failed: 0,
      errors: 8,
      cost: { total: {}, unknown: 8 },
      tokens: { input: 0, output: 0, reported: 0 },
    });
    expect(b?.passRate.rate).toBe(0);
    expect(b?.costPerPass).toBeUndefined();
    for (const route of [r, f, b]) {
      expect(route?.latencyMs.median).toBeGreaterThan(0);
      expect(route?.latencyMs.p95).toBeGreaterThanOrEqual(route?.latencyMs.median as number);
    }
    expect(report.cases.map((entry) => [entry.id, entry.passedOn])).toEqual([
      ['py-add', ['right:coder-1', 'flaky:coder-1']],
      ['py-reverse', ['right:coder-1']],
      ['json-package', ['right:coder-1']],
      ['json-sum', ['right:coder-1', 'flaky:coder-1']],
    ]);
    const failedCase = run.results.find((result) => result.route === 'flaky:coder-1' && result.case === 'json-package');
    expect(failedCase).toMatchObject({
      status: 'fail',
      score: 0,
      graders: [{ type: 'json-schema', pass: false, reason: expect.stringMatching(/^version: /) }],
    });
    expect(run.results.find((result) => result.route === 'broken:coder-1')).toMatchObject({
      status: 'error',
      reason: 'HTTP 503',
      cost: { known: false },
    });

    // Every result carries its receipt, and the receipt is in the ledger.
    const ledgerText = readFileSync(
      join(ledgerDir, (await import('node:fs')).readdirSync(ledgerDir)[0] as string),
      'utf8',
    );
    for (const result of run.results) {
      expect(result.receipt).toMatch(/^[0-9a-f-]{36}$/);
      expect(ledgerText).toContain(result.receipt as string);
    }
    // Answer digests only (no keepOutputs), and no key anywhere on disk.
    const resultsText = readFileSync(join(run.dir, 'results.jsonl'), 'utf8');
    const manifestText = readFileSync(join(run.dir, 'manifest.json'), 'utf8');
    expect(resultsText).not.toContain('return a + b');
    for (const text of [resultsText, manifestText, ledgerText]) expect(text).not.toContain(CANARY);
    expect(run.manifest).toMatchObject({
      state: 'complete',
      suite: { name: 'coding-and-json', reasoning: 'low' },
      settings: { max_output_tokens: 64, temperature: 0, seed: 7 },
      tools: null,
      options: { repeat: 2, concurrency: 2, keepOutputs: false, allowCommands: false },
    });
    expect(run.manifest.routes[0]).toMatchObject({
      ref: 'right:coder-1',
      candidate: {
        endpoint: { baseUrl: right.url, protocol: 'chat-completions' },
        wireModelId: 'coder-1',
        reasoning: { applied: 'low', params: { reasoning_effort: 'low' } },
        auth: 'env:RIGHT_API_KEY',
      },
      explanation: expect.objectContaining({ route: 'right:coder-1' }),
    });
    expect(Object.keys(run.manifest.packages)).toEqual(['@codewhale/eval', '@codewhale/core', '@codewhale/node']);
  }, 120_000);

  it('two identical runs give identical results apart from times; a changed prompt byte changes its digest', async () => {
    const suite = writeSuite();
    const first = await runEval({ ...base, suite, stateDir: join(dir, 'state') });
    const second = await runEval({ ...base, suite, stateDir: join(dir, 'state') });
    expect(second.runId).not.toBe(first.runId);
    expect(second.results.map(stable)).toEqual(first.results.map(stable));
    const lines = (run: typeof first) =>
      readFileSync(join(run.dir, 'results.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => JSON.stringify(stable(JSON.parse(line) as EvalResult)));
    expect(lines(second)).toEqual(lines(first));
    const { runId: _a, startedAt: _b, finishedAt: _c, ...manifestA } = first.manifest;
    const { runId: _d, startedAt: _e, finishedAt: _f, ...manifestB } = second.manifest;
    expect(manifestB).toEqual(manifestA);

    // One byte of one prompt: that case's digest, the cases file digest, and nothing else.
    const changed = cases.map((item) =>
      item.id === 'json-sum'
        ? { ...item, messages: [{ role: 'user', content: '[case:json-sum] Reply {"sum": 2+3} as JSON!' }] }
        : item,
    );
    const third = await runEval({
      ...base,
      routes: ['right:coder-1'],
      repeat: 1,
      suite: writeSuite(changed),
      stateDir: join(dir, 'state'),
    });
    expect(third.manifest.suite.casesSha256).not.toBe(first.manifest.suite.casesSha256);
    expect(third.manifest.suite.sha256).toBe(first.manifest.suite.sha256);
    const digests = (run: typeof first) =>
      Object.fromEntries(run.manifest.cases.map((entry) => [entry.id, entry.requestSha256]));
    expect(digests(third)['json-sum']).not.toBe(digests(first)['json-sum']);
    for (const id of ['py-add', 'py-reverse', 'json-package']) expect(digests(third)[id]).toBe(digests(first)[id]);

    const comparison = await compareEvalRuns(first.dir, third.dir);
    expect(comparison).toMatchObject({
      sameSuite: false,
      changedCases: [{ id: 'json-sum', change: 'changed' }],
      changedRoutes: [
        { ref: 'flaky:coder-1', change: 'removed' },
        { ref: 'broken:coder-1', change: 'removed' },
      ],
      routes: [{ ref: 'right:coder-1', passRate: { a: 1, b: 1 } }],
      flips: [],
    });
  }, 180_000);

  it('keeps answers with keepOutputs; runs of the same suite on other routes compare as the same suite', async () => {
    const suite = writeSuite();
    const a = await runEval({
      ...base,
      routes: ['right:coder-1'],
      repeat: 1,
      suite,
      stateDir: join(dir, 'state'),
      keepOutputs: true,
    });
    expect(a.results[0]?.answer).toEqual({ text: RIGHT['py-add'], toolCalls: [] });
    const b = await runEval({ ...base, routes: ['flaky:coder-1'], repeat: 1, suite, stateDir: join(dir, 'state') });
    const comparison = await compareEvalRuns(a.dir, b.dir);
    expect(comparison.sameSuite).toBe(true);
    expect(comparison.changedCases).toEqual([]);
    expect(comparison.changedRoutes).toEqual([
      { ref: 'right:coder-1', change: 'removed' },
      { ref: 'flaky:coder-1', change: 'added' },
    ]);
  }, 120_000);

  it('maxCost stops a route before its worst case would exceed the budget; unknown cost needs allowUnknownCost', async () => {
    const suite = writeSuite();
    await expect(runEval({ ...base, suite, stateDir: join(dir, 'state'), maxCost: 1 })).rejects.toMatchObject({
      code: EVAL_ERROR_CODES.UNKNOWN_COST,
    });
    expect(broken.bodies).toHaveLength(0);
    // A budget below one request's worst case: nothing is sent, every case is skipped with the reason.
    const starved = await runEval({
      ...base,
      routes: ['right:coder-1'],
      repeat: 1,
      suite,
      stateDir: join(dir, 'state'),
      maxCost: 0.00001,
    });
    expect(right.bodies).toHaveLength(0);
    expect(starved.results.map((result) => result.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(starved.results[0]?.reason).toMatch(/^budget: /);
    const report = await evalReport(starved.dir);
    expect(report.routes[0]).toMatchObject({ runs: 0, skipped: 4, passRate: { rate: undefined } });
    // A budget a few requests wide. Hand tally: a request goes when the running cost plus its worst case (body bytes as
    // input tokens at 1/M, max_tokens as output at 2/M) stays within the budget (the largest worst case plus three requests); each sent request costs REQUEST_COST.
    const loaded = await loadSuite(suite);
    const bytes = loaded.cases.map((item) =>
      Buffer.byteLength(
        JSON.stringify({
          model: 'coder-1',
          ...caseRequestBase(loaded.suite, item),
          reasoning_effort: 'low',
          stream: false,
        }),
      ),
    );
    const worstOf = (index: number) =>
      (bytes[index] as number) / 1e6 + ((loaded.cases[index]?.settings?.max_output_tokens ?? 64) * 2) / 1e6;
    const budget = Math.max(...loaded.cases.map((_, index) => worstOf(index))) + 3 * REQUEST_COST;
    const expected: string[] = [];
    let running = 0;
    for (let repeat = 0; repeat < 2; repeat++)
      for (const index of loaded.cases.keys()) {
        if (running + worstOf(index) > budget) expected.push('skipped');
        else {
          running += REQUEST_COST;
          expected.push('pass');
        }
      }
    expect(expected).toContain('skipped');
    expect(expected).toContain('pass');
    const some = await runEval({
      ...base,
      routes: ['right:coder-1', 'broken:coder-1'],
      allowUnknownCost: true,
      repeat: 2,
      concurrency: 1,
      suite,
      stateDir: join(dir, 'state'),
      maxCost: budget,
    });
    // Results are in (route, case, repeat) order; the tally is in (repeat, case) order.
    const byTask = (route: string) =>
      [1, 2].flatMap((repeat) =>
        loaded.cases.map(
          (item) =>
            some.results.find((result) => result.route === route && result.case === item.id && result.repeat === repeat)
              ?.status,
        ),
      );
    expect(byTask('right:coder-1')).toEqual(expected);
    expect(right.rawLengths).toEqual([...bytes, ...bytes].filter((_, index) => expected[index] === 'pass'));
    expect(byTask('broken:coder-1').every((status) => status === 'error')).toBe(true);
  }, 120_000);

  it('cancellation keeps completed results and marks the run cancelled', async () => {
    const controller = new AbortController();
    const run = await runEval({
      ...base,
      routes: ['right:coder-1'],
      concurrency: 1,
      suite: writeSuite(),
      stateDir: join(dir, 'state'),
      signal: controller.signal,
      onProgress: ({ done }) => {
        if (done === 3) controller.abort();
      },
    });
    expect(run.manifest.state).toBe('cancelled');
    expect(run.results).toHaveLength(3);
    expect(readFileSync(join(run.dir, 'results.jsonl'), 'utf8').trim().split('\n')).toHaveLength(3);
  }, 120_000);

  it('a refused connection and a timeout are failed cases with their reasons, never a switch to another route', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/v1`;
    await new Promise((resolve) => closed.close(resolve));
    const hanging = createServer(() => {
      // never answers
    });
    servers.push(hanging);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/v1`;
    const registry = createRegistry({
      plugins: [
        createOpenAICompatiblePlugin({ id: 'gone', baseUrl: closedUrl }),
        createOpenAICompatiblePlugin({ id: 'hangs', baseUrl: hangingUrl }),
      ],
    });
    const run = await runEval({
      ...base,
      registry,
      routes: ['gone:m', 'hangs:m'],
      repeat: 1,
      requestTimeoutMs: 1000,
      suite: writeSuite(cases.slice(0, 1)),
      stateDir: join(dir, 'state'),
    });
    expect(run.results.map((result) => [result.route, result.status, result.reason])).toEqual([
      ['gone:m', 'error', 'request failed: ECONNREFUSED'],
      ['hangs:m', 'error', 'timed out after 1000 ms'],
    ]);
    expect(right.bodies.length + flaky.bodies.length).toBe(0);
    hanging.closeAllConnections();
  }, 60_000);

  it('refuses command graders without allowCommands, and unknown routes, before sending anything', async () => {
    const withCommand = [{ ...cases[0], graders: [{ type: 'command', argv: ['python3', '-c', 'import sys'] }] }];
    await expect(
      runEval({ ...base, suite: writeSuite(withCommand), stateDir: join(dir, 'state') }),
    ).rejects.toMatchObject({
      code: EVAL_ERROR_CODES.COMMANDS_NOT_ALLOWED,
    });
    const error = await runEval({
      ...base,
      routes: ['right:'],
      suite: writeSuite(),
      stateDir: join(dir, 'state'),
    }).catch((caught: unknown) => caught);
    expect(EvaluationError.isInstance(error)).toBe(true);
    await expect(
      runEval({
        ...base,
        routes: ['right:coder-1', 'right:coder-1'],
        suite: writeSuite(),
        stateDir: join(dir, 'state'),
      }),
    ).rejects.toMatchObject({ code: EVAL_ERROR_CODES.INVALID_OPTION, field: 'routes' });
    expect((error as EvaluationError).code).toBe(EVAL_ERROR_CODES.ROUTE_UNRESOLVED);
    expect(right.bodies.length + flaky.bodies.length + broken.bodies.length).toBe(0);
  });
});
