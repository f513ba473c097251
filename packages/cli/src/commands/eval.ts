import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  compareEvalRuns,
  EVAL_ERROR_CODES,
  type EvalReport,
  EvaluationError,
  evalReport,
  type RouteReport,
  type RunEvalOptions,
  runEval,
} from '@codewhale/eval';
import { defaultStateDir, ledgerOptionsFromConfig, openLedger } from '@codewhale/node';
import { CliError, EXIT_CODES, type ErrorCategory } from '../cli/exit-codes.js';
import { type Output, renderTable } from '../cli/output.js';
import type { Session } from '../cli/session.js';
import { sanitizeTerminalText as untrusted } from '../cli/terminal-text.js';

/** The flags of `eval run`: the suite file, the routes, and the run options they set one-to-one. */
export type EvalRunFlags = { readonly suite: string; readonly routes: readonly string[] } & Pick<
  RunEvalOptions,
  'repeat' | 'concurrency' | 'maxCost' | 'allowUnknownCost' | 'allowCommands' | 'keepOutputs'
>;

// Suite problems are the user's file (exit 5, like a config file); a run that cannot start as asked is a usage error.
const CATEGORY: Readonly<Record<string, Exclude<ErrorCategory, 'ok'>>> = {
  [EVAL_ERROR_CODES.SUITE_UNREADABLE]: 'config',
  [EVAL_ERROR_CODES.SUITE_SYNTAX]: 'config',
  [EVAL_ERROR_CODES.SUITE_INVALID]: 'config',
  [EVAL_ERROR_CODES.ROUTE_UNRESOLVED]: 'resolution',
  [EVAL_ERROR_CODES.UNSUPPORTED_PROTOCOL]: 'resolution',
  [EVAL_ERROR_CODES.RUN_UNREADABLE]: 'usage',
};

/** An eval failure as the CLI reports it, with the library's hint (its last line) and stable code. */
function evalFailure(error: unknown): never {
  if (!EvaluationError.isInstance(error)) throw error;
  const lines = error.message.split('\n');
  throw new CliError(CATEGORY[error.code] ?? 'usage', untrusted(lines.slice(0, -1).join('\n') || error.message), {
    code: error.code,
    ...(lines.length > 1 ? { hint: untrusted(lines.at(-1) ?? '') } : {}),
    cause: error,
  });
}

/** Where eval runs live: `<state dir>/evals`. */
function evalsDir(session: Session): string {
  return join(defaultStateDir({ env: session.env }), 'evals');
}

/** A run as the user names it: a directory, or a run id under `<state dir>/evals`. */
function runDir(session: Session, run: string): string {
  if (existsSync(run) && statSync(run).isDirectory()) return resolve(run);
  const underState = join(evalsDir(session), run);
  if (existsSync(underState)) return underState;
  throw new CliError('usage', `No eval run "${untrusted(run)}".`, {
    code: 'unknown-run',
    hint: `Name a run directory, or a run id under ${evalsDir(session)} (\`eval run\` prints it).`,
  });
}

/** `eval run <suite> --routes a,b`: the same bytes to every route, no failover, results and a manifest kept locally. */
export async function runEvalCommand(session: Session, output: Output, flags: EvalRunFlags): Promise<number> {
  if (flags.routes.length === 0)
    throw new CliError('usage', 'eval run needs --routes.', {
      code: 'missing-value',
      hint: 'Name the routes to compare, e.g. --routes together:deepseek-ai/DeepSeek-V4-Pro,vllm:Qwen/Qwen3-Coder-Next',
    });
  const controller = new AbortController();
  // Ctrl-C stops sending; what completed is kept and reported.
  const onInterrupt = () => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onInterrupt);
  const progress = !output.json && output.tty;
  let run: Awaited<ReturnType<typeof runEval>>;
  try {
    run = await runEval({
      suite: resolve(flags.suite),
      routes: flags.routes,
      registry: session.registry,
      config: session.config,
      credentials: session.credentials,
      // Eval requests are real requests: each leaves a receipt in the user's ledger, like any other.
      ledger: openLedger(
        ledgerOptionsFromConfig(session.config, { env: session.env, configDir: dirname(session.loaded.location.path) }),
      ),
      stateDir: defaultStateDir({ env: session.env }),
      signal: controller.signal,
      ...(flags.repeat !== undefined ? { repeat: flags.repeat } : {}),
      ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
      ...(flags.maxCost !== undefined ? { maxCost: flags.maxCost } : {}),
      ...(flags.allowUnknownCost ? { allowUnknownCost: true } : {}),
      ...(flags.allowCommands ? { allowCommands: true } : {}),
      ...(flags.keepOutputs ? { keepOutputs: true } : {}),
      ...(progress
        ? {
            onProgress: ({ done, total }: { done: number; total: number }) =>
              output.write(`\r${done}/${total} requests`),
          }
        : {}),
    });
  } catch (error) {
    evalFailure(error);
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    if (progress) output.write('\r\u001b[K');
  }
  const report = await evalReport(run.dir).catch(evalFailure);
  if (output.json) {
    output.printJson({ schemaVersion: 1, runId: run.runId, dir: run.dir, report });
    return EXIT_CODES.ok;
  }
  output.out(reportText(report, output));
  output.out(
    output.colors.dim(`Run ${run.runId} (${run.dir}); \`codewhale-route eval report ${run.runId}\` shows it again.`),
  );
  return EXIT_CODES.ok;
}

/** `eval report <run>`: per route and per case. */
export async function runEvalReport(session: Session, output: Output, run: string): Promise<number> {
  const report = await evalReport(runDir(session, run)).catch(evalFailure);
  if (output.json) {
    output.printJson({ schemaVersion: 1, report });
    return EXIT_CODES.ok;
  }
  output.out(reportText(report, output));
  return EXIT_CODES.ok;
}

/** `eval compare <runA> <runB>`: what changed between two runs. */
export async function runEvalCompare(session: Session, output: Output, a: string, b: string): Promise<number> {
  const comparison = await compareEvalRuns(runDir(session, a), runDir(session, b)).catch(evalFailure);
  if (output.json) {
    output.printJson({ schemaVersion: 1, comparison });
    return EXIT_CODES.ok;
  }
  const { colors } = output;
  const lines = [
    comparison.sameSuite
      ? 'Same suite, settings and tool policy.'
      : colors.yellow('The suite, its settings or its tool policy changed.'),
  ];
  for (const change of comparison.changedCases) lines.push(`case ${untrusted(change.id)}: ${change.change}`);
  for (const change of comparison.changedRoutes) lines.push(`route ${untrusted(change.ref)}: ${change.change}`);
  const percent = (value: number | undefined) => (value === undefined ? '-' : `${(value * 100).toFixed(0)}%`);
  const ms = (value: number | undefined) => (value === undefined ? '-' : `${Math.round(value)} ms`);
  const table: string[][] = [
    ['route', 'pass rate', 'cost / pass', 'median latency'].map((title) => colors.bold(title)),
  ];
  for (const route of comparison.routes)
    table.push([
      untrusted(route.ref),
      `${percent(route.passRate.a)} → ${percent(route.passRate.b)}`,
      `${route.costPerPass.a ?? '-'} → ${route.costPerPass.b ?? '-'}`,
      `${ms(route.medianLatencyMs.a)} → ${ms(route.medianLatencyMs.b)}`,
    ]);
  lines.push(renderTable(table));
  for (const flip of comparison.flips)
    lines.push(
      `${untrusted(flip.case)} on ${untrusted(flip.route)}: ${flip.a ? 'passed' : 'failed'} → ${flip.b ? 'passed' : 'failed'}`,
    );
  output.out(lines.join('\n'));
  return EXIT_CODES.ok;
}

function rateText(route: RouteReport): string {
  const { rate, interval } = route.passRate;
  if (rate === undefined) return '-';
  const range = interval ? ` (95%: ${(interval.low * 100).toFixed(0)}–${(interval.high * 100).toFixed(0)}%)` : '';
  return `${(rate * 100).toFixed(0)}%${range}`;
}

function costText(route: RouteReport): string {
  const known = Object.entries(route.cost.total).map(([currency, amount]) => `${amount.toFixed(6)} ${currency}`);
  if (route.cost.unknown > 0) known.push(`${route.cost.unknown} unknown`);
  return known.join(' + ') || '-';
}

/** A report as a terminal table: per route, then which routes passed each case. */
export function reportText(report: EvalReport, output: Output): string {
  const { colors } = output;
  const ms = (value: number | undefined) => (value === undefined ? '-' : String(Math.round(value)));
  const routes: string[][] = [
    ['route', 'passed', 'pass rate', 'errors', 'cost', 'cost / pass', 'median ms', 'p95 ms', 'tokens in/out'].map(
      (title) => colors.bold(title),
    ),
  ];
  for (const route of report.routes)
    routes.push([
      untrusted(route.ref),
      `${route.passed}/${route.runs}`,
      rateText(route),
      String(route.errors),
      costText(route),
      route.costPerPass ? `${route.costPerPass.amount.toFixed(6)} ${route.costPerPass.currency}` : '-',
      ms(route.latencyMs.median),
      ms(route.latencyMs.p95),
      `${route.tokens.input}/${route.tokens.output}`,
    ]);
  const cases: string[][] = [['case', 'passed on'].map((title) => colors.bold(title))];
  for (const entry of report.cases)
    cases.push([untrusted(entry.id), entry.passedOn.map((ref) => untrusted(ref)).join(', ') || colors.dim('none')]);
  return [
    `${colors.bold(untrusted(report.suite))}  ${colors.dim(`run ${report.runId}, ${report.state}, repeat ${report.repeat}`)}`,
    renderTable(routes),
    '',
    renderTable(cases),
  ].join('\n');
}
