import { describe, expect, it } from 'vitest';
import { compareEvalRuns, reportOf, spread, wilsonInterval, type EvalRunData } from './eval-report.js';
import type { EvalManifest, EvalResult } from './run-eval.js';

function run(runId: string, statuses: Record<string, EvalResult['status'][]>, digest = 'd1'): EvalRunData {
  const manifest = {
    v: 1,
    runId,
    startedAt: '2026-12-01T00:00:00.000Z',
    state: 'complete',
    suite: { name: 's', file: '/s.toml', sha256: 'a', casesFile: '/c.jsonl', casesSha256: digest },
    cases: [
      { id: 'one', requestSha256: 'x1' },
      { id: 'two', requestSha256: digest },
    ],
    routes: [{ ref: 'p:m', route: 'p:m', candidateSha256: 'c', candidate: {}, explanation: {} }],
    settings: {},
    tools: null,
    options: { repeat: 2, concurrency: 1, allowUnknownCost: false, allowCommands: false, keepOutputs: false },
    packages: {},
    catalog: 'p@1',
  } as unknown as EvalManifest;
  const results: EvalResult[] = Object.entries(statuses).flatMap(([id, list]) =>
    list.map((status, index) => ({
      v: 1 as const,
      case: id,
      route: 'p:m',
      repeat: index + 1,
      status,
      score: status === 'pass' ? 1 : 0,
      graders: [],
      cost: { known: true as const, amount: 0.5, currency: 'USD' },
      timing: { ttfbMs: 10, totalMs: 100 * (index + 1) },
    })),
  );
  return { manifest, results };
}

describe('reading runs', () => {
  it('Wilson interval and nearest-rank percentiles', () => {
    const half = wilsonInterval(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    expect(wilsonInterval(0, 4).low).toBe(0);
    expect(spread([5, 1, 3])).toEqual({ median: 3, p95: 5 });
    expect(spread([1, 2, 3, 4])).toEqual({ median: 2.5, p95: 4 });
    expect(spread([])).toEqual({});
  });

  it('counts skipped cases out of the pass rate, and costs per pass', () => {
    const report = reportOf(run('a', { one: ['pass', 'pass'], two: ['fail', 'skipped'] }));
    expect(report.routes[0]).toMatchObject({ runs: 3, passed: 2, failed: 1, skipped: 1, passRate: { rate: 2 / 3 } });
    // Skipped results cost nothing: 3 × 0.5 over 2 passes.
    expect(report.routes[0]?.costPerPass).toEqual({ amount: 0.75, currency: 'USD' });
    expect(report.cases.map((entry) => entry.passedOn)).toEqual([['p:m'], []]);
  });

  it('compares runs: changed case digests and flipped outcomes', async () => {
    const comparison = await compareEvalRuns(
      run('a', { one: ['pass', 'pass'], two: ['fail', 'fail'] }),
      run('b', { one: ['pass', 'fail'], two: ['pass', 'pass'] }, 'd2'),
    );
    expect(comparison).toMatchObject({
      a: 'a',
      b: 'b',
      sameSuite: false,
      changedCases: [{ id: 'two', change: 'changed' }],
      changedRoutes: [],
      routes: [{ ref: 'p:m', passRate: { a: 0.5, b: 0.75 } }],
      flips: [
        { case: 'one', route: 'p:m', a: true, b: false },
        { case: 'two', route: 'p:m', a: false, b: true },
      ],
    });
  });
});
