import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EVAL_ERROR_CODES, EvaluationError } from './eval-error.js';
import type { EvalManifest, EvalResult } from './run-eval.js';

/** A proportion with its 95% Wilson score interval. */
export interface PassRate {
  /** Passed runs / graded-or-failed runs (skipped ones are not counted); undefined when none ran. */
  readonly rate: number | undefined;
  /** 95% Wilson interval, when the run repeated cases (`repeat` > 1). */
  readonly interval?: { readonly low: number; readonly high: number };
}

/** One route's numbers in a run. */
export interface RouteReport {
  readonly ref: string;
  readonly route: string;
  /** Results that count (pass, fail, error). */
  readonly runs: number;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly skipped: number;
  readonly passRate: PassRate;
  /** Sum of known costs, per currency; `unknownCost` counts results whose cost is unknown. */
  readonly cost: { readonly total: Readonly<Record<string, number>>; readonly unknown: number };
  /** Total cost / passed, when every cost is known, in one currency, and something passed. */
  readonly costPerPass?: { readonly amount: number; readonly currency: string };
  /** Total time of the requests that got an answer, ms. */
  readonly latencyMs: { readonly median?: number; readonly p95?: number };
  /** Time to first byte, ms. */
  readonly ttfbMs: { readonly median?: number; readonly p95?: number };
  /** Token sums over the results that reported them. */
  readonly tokens: { readonly input: number; readonly output: number; readonly reported: number };
}

/** One case: for each route, how many of its repeats passed. */
export interface CaseReport {
  readonly id: string;
  readonly requestSha256: string;
  readonly routes: Readonly<Record<string, { readonly passed: number; readonly runs: number }>>;
  /** Routes on which every run of the case passed. */
  readonly passedOn: readonly string[];
}

/** The report of a run: per route, per case. */
export interface EvalReport {
  readonly runId: string;
  readonly suite: string;
  readonly state: EvalManifest['state'];
  readonly repeat: number;
  readonly routes: readonly RouteReport[];
  readonly cases: readonly CaseReport[];
}

/** A run directory read back: its manifest and results. */
export interface EvalRunData {
  readonly manifest: EvalManifest;
  readonly results: readonly EvalResult[];
}

/** Read a run directory (`manifest.json`, `results.jsonl`); throws `EVAL_RUN_UNREADABLE` naming the file and line. */
export async function readEvalRun(runDir: string): Promise<EvalRunData> {
  const read = async (name: string): Promise<string> => {
    try {
      return await readFile(join(runDir, name), 'utf8');
    } catch (error) {
      throw new EvaluationError(
        EVAL_ERROR_CODES.RUN_UNREADABLE,
        `${join(runDir, name)} cannot be read.`,
        {
          file: join(runDir, name),
          hint: 'Name a run directory made by runEval (<state dir>/evals/<run id>).',
        },
        { cause: error },
      );
    }
  };
  const manifestText = await read('manifest.json');
  let manifest: EvalManifest;
  try {
    manifest = JSON.parse(manifestText) as EvalManifest;
  } catch {
    throw damaged(join(runDir, 'manifest.json'));
  }
  if (manifest?.v !== 1 || !Array.isArray(manifest.routes) || !Array.isArray(manifest.cases))
    throw damaged(join(runDir, 'manifest.json'));
  const results: EvalResult[] = [];
  const lines = (await read('results.jsonl')).split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    if (line === '') continue;
    try {
      results.push(JSON.parse(line) as EvalResult);
    } catch {
      throw damaged(join(runDir, 'results.jsonl'), index + 1);
    }
  }
  return { manifest, results };
}

function damaged(file: string, line?: number): EvaluationError {
  return new EvaluationError(
    EVAL_ERROR_CODES.RUN_UNREADABLE,
    `${file}${line ? `:${line}` : ''} is damaged (not the run format).`,
    {
      file,
      ...(line ? { line } : {}),
      hint: 'Run the suite again; the run files are written by runEval only.',
    },
  );
}

/** The report of a run directory (or of data already read): pass rates, costs, latencies and tokens per route, and per case which routes passed. */
export async function evalReport(run: string | EvalRunData): Promise<EvalReport> {
  const data = typeof run === 'string' ? await readEvalRun(run) : run;
  return reportOf(data);
}

/** The report of run data (synchronous form of {@link evalReport}). */
export function reportOf({ manifest, results }: EvalRunData): EvalReport {
  const repeat = manifest.options.repeat;
  const routes = manifest.routes.map((record): RouteReport => {
    const mine = results.filter((result) => result.route === record.ref);
    const passed = mine.filter((result) => result.status === 'pass').length;
    const failed = mine.filter((result) => result.status === 'fail').length;
    const errors = mine.filter((result) => result.status === 'error').length;
    const skipped = mine.filter((result) => result.status === 'skipped').length;
    const runs = passed + failed + errors;
    const total: Record<string, number> = {};
    let unknown = 0;
    for (const result of mine) {
      if (result.status === 'skipped') continue;
      if (result.cost.known) total[result.cost.currency] = (total[result.cost.currency] ?? 0) + result.cost.amount;
      else unknown++;
    }
    const currencies = Object.keys(total);
    const answered = mine.filter((result) => result.timing?.totalMs !== undefined && result.status !== 'skipped');
    const latencies = answered.map((result) => result.timing?.totalMs as number);
    const ttfbs = mine.flatMap((result) => (result.timing?.ttfbMs !== undefined ? [result.timing.ttfbMs] : []));
    let input = 0;
    let output = 0;
    let reported = 0;
    for (const result of mine)
      if (result.tokens) {
        reported++;
        input += result.tokens.input ?? 0;
        output += result.tokens.output ?? 0;
      }
    return {
      ref: record.ref,
      route: record.route,
      runs,
      passed,
      failed,
      errors,
      skipped,
      passRate: {
        rate: runs > 0 ? passed / runs : undefined,
        ...(repeat > 1 && runs > 0 ? { interval: wilsonInterval(passed, runs) } : {}),
      },
      cost: { total, unknown },
      ...(unknown === 0 && currencies.length === 1 && passed > 0
        ? {
            costPerPass: {
              amount: (total[currencies[0] as string] as number) / passed,
              currency: currencies[0] as string,
            },
          }
        : {}),
      latencyMs: spread(latencies),
      ttfbMs: spread(ttfbs),
      tokens: { input, output, reported },
    };
  });
  const cases = manifest.cases.map((entry): CaseReport => {
    const perRoute: Record<string, { passed: number; runs: number }> = {};
    for (const record of manifest.routes) {
      const mine = results.filter(
        (result) => result.case === entry.id && result.route === record.ref && result.status !== 'skipped',
      );
      perRoute[record.ref] = { passed: mine.filter((result) => result.status === 'pass').length, runs: mine.length };
    }
    return {
      id: entry.id,
      requestSha256: entry.requestSha256,
      routes: perRoute,
      passedOn: Object.entries(perRoute)
        .filter(([, tally]) => tally.runs > 0 && tally.passed === tally.runs)
        .map(([ref]) => ref),
    };
  });
  return { runId: manifest.runId, suite: manifest.suite.name, state: manifest.state, repeat, routes, cases };
}

/** The 95% Wilson score interval of `passed` successes in `runs` trials. */
export function wilsonInterval(passed: number, runs: number, z = 1.959963984540054): { low: number; high: number } {
  if (runs <= 0) return { low: 0, high: 1 };
  const p = passed / runs;
  const z2 = z * z;
  const denominator = 1 + z2 / runs;
  const centre = (p + z2 / (2 * runs)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / runs + z2 / (4 * runs * runs))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** The median and 95th percentile (nearest rank) of some numbers; empty for none. */
export function spread(values: readonly number[]): { median?: number; p95?: number } {
  if (values.length === 0) return {};
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] as number;
  return { median, p95 };
}

/** What changed between two runs: inputs (suite, cases, routes, settings) and outcomes (per route, per case). */
export interface EvalComparison {
  readonly a: string;
  readonly b: string;
  /** True when the suite file, cases file, settings and tool policy are byte-identical. */
  readonly sameSuite: boolean;
  /** Cases whose request digest differs, or that are in one run only. */
  readonly changedCases: readonly { readonly id: string; readonly change: 'changed' | 'added' | 'removed' }[];
  /** Routes (by ref) whose candidate digest differs, or that are in one run only. */
  readonly changedRoutes: readonly { readonly ref: string; readonly change: 'changed' | 'added' | 'removed' }[];
  /** Per route in both runs: pass rate, cost per pass and median latency, before and after. */
  readonly routes: readonly {
    readonly ref: string;
    readonly passRate: { readonly a: number | undefined; readonly b: number | undefined };
    readonly costPerPass: { readonly a: number | undefined; readonly b: number | undefined };
    readonly medianLatencyMs: { readonly a: number | undefined; readonly b: number | undefined };
  }[];
  /** (case, route) pairs whose outcome flipped: passed on every run in one, not in the other. */
  readonly flips: readonly {
    readonly case: string;
    readonly route: string;
    readonly a: boolean;
    readonly b: boolean;
  }[];
}

/** Compare two runs (directories or data already read). */
export async function compareEvalRuns(a: string | EvalRunData, b: string | EvalRunData): Promise<EvalComparison> {
  const left = typeof a === 'string' ? await readEvalRun(a) : a;
  const right = typeof b === 'string' ? await readEvalRun(b) : b;
  const reportA = reportOf(left);
  const reportB = reportOf(right);
  const diff = <T>(one: readonly T[], two: readonly T[], key: (item: T) => string, digest: (item: T) => string) => {
    const mapA = new Map(one.map((item) => [key(item), digest(item)]));
    const mapB = new Map(two.map((item) => [key(item), digest(item)]));
    const changes: { id: string; change: 'changed' | 'added' | 'removed' }[] = [];
    for (const [id, value] of mapA)
      if (!mapB.has(id)) changes.push({ id, change: 'removed' });
      else if (mapB.get(id) !== value) changes.push({ id, change: 'changed' });
    for (const id of mapB.keys()) if (!mapA.has(id)) changes.push({ id, change: 'added' });
    return changes;
  };
  const changedCases = diff(
    left.manifest.cases,
    right.manifest.cases,
    (item) => item.id,
    (item) => item.requestSha256,
  );
  const changedRoutes = diff(
    left.manifest.routes,
    right.manifest.routes,
    (item) => item.ref,
    (item) => item.candidateSha256,
  ).map(({ id, change }) => ({ ref: id, change }));
  const sameSuite =
    left.manifest.suite.sha256 === right.manifest.suite.sha256 &&
    left.manifest.suite.casesSha256 === right.manifest.suite.casesSha256;
  const routes = reportA.routes.flatMap((routeA) => {
    const routeB = reportB.routes.find((candidate) => candidate.ref === routeA.ref);
    if (!routeB) return [];
    return [
      {
        ref: routeA.ref,
        passRate: { a: routeA.passRate.rate, b: routeB.passRate.rate },
        costPerPass: { a: routeA.costPerPass?.amount, b: routeB.costPerPass?.amount },
        medianLatencyMs: { a: routeA.latencyMs.median, b: routeB.latencyMs.median },
      },
    ];
  });
  const flips: EvalComparison['flips'][number][] = [];
  for (const caseA of reportA.cases) {
    const caseB = reportB.cases.find((candidate) => candidate.id === caseA.id);
    if (!caseB) continue;
    for (const [ref, tally] of Object.entries(caseA.routes)) {
      const other = caseB.routes[ref];
      if (!other || tally.runs === 0 || other.runs === 0) continue;
      const passA = tally.passed === tally.runs;
      const passB = other.passed === other.runs;
      if (passA !== passB) flips.push({ case: caseA.id, route: ref, a: passA, b: passB });
    }
  }
  return {
    a: left.manifest.runId,
    b: right.manifest.runId,
    sameSuite,
    changedCases: changedCases.map(({ id, change }) => ({ id, change })),
    changedRoutes,
    routes,
    flips,
  };
}
