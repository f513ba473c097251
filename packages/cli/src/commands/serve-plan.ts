import { join } from 'node:path';
import {
  checkServedRoute,
  createHubClient,
  formatByteSize,
  HubError,
  parseByteSize,
  planServe,
  type ServedRouteCheck,
  type ServeFact,
  type ServePlan,
  ServePlanError,
  type ServeRuntime,
  writeServeConfig,
  type WriteServeConfigResult,
} from '@codewhale/hub';
import { groupDigits } from '@codewhale/core';
import { createLiveCache } from '@codewhale/node';
import { CliError, EXIT_CODES } from '../cli/exit-codes.js';
import { type Output, renderTable } from '../cli/output.js';
import { configFailure, createSession, loadUserConfig, type Session } from '../cli/session.js';
import { sanitizeTerminalText as untrusted } from '../cli/terminal-text.js';

/** The flags of `serve-plan`. */
export interface ServePlanFlags {
  readonly target: string;
  readonly runtime?: ServeRuntime;
  readonly context?: number;
  readonly concurrency?: number;
  readonly gpuMem?: string;
  readonly gpus?: number;
  readonly quant?: string;
  readonly port?: number;
  readonly expose?: boolean;
  readonly docker?: boolean;
  readonly writeConfig?: boolean;
  readonly check?: boolean;
  /** The `--config` flag, to reopen the session after `--write-config` before `--check`. */
  readonly configFlag?: string;
}

/** A serve-plan failure as the CLI reports it: options are usage errors (2), the Hub is network (4). */
function planFailure(error: unknown): never {
  if (ServePlanError.isInstance(error))
    throw new CliError('usage', untrusted(error.message.replace(/^\[serve-plan\] /, '')), {
      code: error.code,
      cause: error,
    });
  if (HubError.isInstance(error))
    throw new CliError('network', untrusted(error.message), { code: error.code, cause: error });
  throw error;
}

/** The plan as JSON: plain data (the facts, the commands with `{ env }` references, never a key). */
function planJson(plan: ServePlan) {
  return {
    target: plan.target,
    runtime: plan.runtime,
    repo: plan.repo,
    revision: plan.revision,
    servedName: plan.servedName,
    contextTokens: plan.contextTokens,
    concurrency: plan.concurrency,
    estimate: plan.estimate,
    ...(plan.fit !== undefined ? { fit: plan.fit } : {}),
    commands: plan.commands,
    config: plan.config,
    sources: plan.sources,
    notes: plan.notes,
  };
}

/**
 * `serve-plan <repo|model|route>`: the memory a model needs, whether it fits, loopback-bound commands for the runtime,
 * the `[providers.<id>]` table and route ref; `--write-config` writes the table, `--check` proves the running server.
 */
export async function runServePlan(session: Session, output: Output, flags: ServePlanFlags): Promise<number> {
  const runtime = flags.runtime ?? 'vllm';
  const client = createHubClient({ env: session.env, cache: createLiveCache({ dir: join(session.cache.dir, 'hub') }) });
  let plan: ServePlan;
  try {
    plan = await planServe({
      client,
      target: flags.target,
      registry: session.registry,
      config: session.config,
      runtime,
      ...(flags.context !== undefined ? { contextTokens: flags.context } : {}),
      ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
      ...(flags.gpuMem !== undefined ? { gpuMemBytes: parseByteSize(flags.gpuMem, '--gpu-mem') } : {}),
      ...(flags.gpus !== undefined ? { gpus: flags.gpus } : {}),
      ...(flags.quant !== undefined ? { quant: flags.quant } : {}),
      ...(flags.port !== undefined ? { port: flags.port } : {}),
      ...(flags.expose ? { expose: true } : {}),
      ...(flags.docker ? { docker: true } : {}),
    });
  } catch (error) {
    planFailure(error);
  } finally {
    await client.close();
  }

  let written: WriteServeConfigResult | undefined;
  if (flags.writeConfig) {
    try {
      written = await writeServeConfig(plan, { configPath: session.loaded.location.path });
    } catch (error) {
      configFailure(error);
    }
  }
  let check: ServedRouteCheck | undefined;
  if (flags.check) {
    // After --write-config the check sees the table just written (a custom llama-cpp table registers its provider).
    const checking = written
      ? await createSession(await loadUserConfig(flags.configFlag, session.env), session.env, output)
      : session;
    check = await checkServedRoute({ plan, registry: checking.registry, config: checking.config, env: session.env });
  }
  const code = check !== undefined && !check.ok ? EXIT_CODES.network : EXIT_CODES.ok;

  if (output.json) {
    output.printJson({
      schemaVersion: 1,
      plan: planJson(plan),
      ...(written !== undefined
        ? { written: { path: written.path, keys: written.edits.map((edit) => edit.key) } }
        : {}),
      ...(check !== undefined ? { check } : {}),
    });
    return code;
  }
  output.out(planText(plan, session.loaded.location.path, written, output));
  if (check !== undefined) output.out(checkText(check, output));
  return code;
}

const GIB = (bytes: number): string => formatByteSize(bytes);

/** Text wrapped at word boundaries to fit 120 columns: `first` starts the first line, `rest` the others. */
function wrap(text: string, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let fresh = true;
  for (const word of text.split(' ')) {
    if (!fresh && line.length + 1 + word.length > 118) {
      lines.push(line);
      line = rest;
      fresh = true;
    }
    line += line === '' || line.endsWith(' ') ? word : ` ${word}`;
    fresh = false;
  }
  lines.push(line);
  return lines;
}

/** `  - text`, wrapped to fit 120 columns. */
const bullet = (text: string): string[] => wrap(text, '  - ', '    ');

function howText(fact: ServeFact): string {
  if (!fact.known) return `unknown: ${fact.reason}`;
  return fact.formula ?? fact.source;
}

/** The sources of a fact, `config.json` keys grouped; assumptions go to `assumptions` (printed once, below). */
function sourcesText(fact: ServeFact, assumptions: Set<string>): string {
  if (!fact.known) return 'unknown';
  const list = fact.source === 'derived' ? [...(fact.inputs ?? [])] : [fact.source];
  const keys: string[] = [];
  const other: string[] = [];
  let assumed = false;
  for (const source of list) {
    if (source.startsWith('config.json:')) keys.push(source.slice('config.json:'.length));
    else if (source.startsWith('assumption: ')) {
      assumptions.add(source.slice('assumption: '.length));
      assumed = true;
    } else other.push(source);
  }
  return [
    ...other,
    ...(keys.length ? [`config.json ${keys.join(', ')}`] : []),
    ...(assumed ? ['assumptions below'] : []),
  ].join('; ');
}

function planText(
  plan: ServePlan,
  configPath: string,
  written: WriteServeConfigResult | undefined,
  output: Output,
): string {
  const { colors } = output;
  const { estimate } = plan;
  const lines: string[] = [];
  lines.push(
    `${colors.bold(untrusted(plan.repo))} @ ${untrusted(plan.revision.slice(0, 12))} on ${plan.runtime}  ${colors.dim(`(${untrusted(plan.target.basis)})`)}`,
  );
  const contextFrom =
    plan.contextTokens.source === 'option:contextTokens'
      ? '--context'
      : plan.contextTokens.source === 'gguf'
        ? "the model's maximum, the Hub's GGUF context length"
        : `the model's maximum, ${plan.contextTokens.source}`;
  lines.push(
    '',
    colors.bold(
      `memory for ${groupDigits(plan.contextTokens.value)} tokens × ${plan.concurrency} sequence${plan.concurrency === 1 ? '' : 's'}`,
    ) + colors.dim(` (context: ${contextFrom})`),
  );
  const assumptions = new Set<string>();
  const rows: string[][] = [];
  const sources: string[][] = [];
  const add = (label: string, fact: ServeFact, withSources = true) => {
    rows.push([colors.bold(label), fact.known ? GIB(fact.value) : colors.dim('unknown'), untrusted(howText(fact))]);
    if (withSources) sources.push([label, untrusted(sourcesText(fact, assumptions))]);
  };
  add('weights', estimate.weights.bytes);
  if (estimate.weights.format === 'safetensors' && estimate.weights.byDtype.length > 1)
    for (const row of estimate.weights.byDtype)
      rows.push([
        `  ${untrusted(row.dtype)}`,
        row.bytes.known ? GIB(row.bytes.value) : colors.dim('unknown'),
        untrusted(`${groupDigits(row.parameters)} parameters${row.bytes.known ? '' : `: ${row.bytes.reason}`}`),
      ]);
  if (estimate.weights.gguf !== undefined)
    rows.push([
      '  files',
      '',
      untrusted(estimate.weights.gguf.files.map((file) => `${file.quant} ${GIB(file.bytes)}`).join(', ')),
    ]);
  add('KV cache', estimate.kvCache.bytes, false);
  if (estimate.kvCache.bytesPerToken.known)
    rows.push([
      '  per token',
      `${groupDigits(estimate.kvCache.bytesPerToken.value)} B`,
      `${estimate.kvCache.attention} attention: ${untrusted(howText(estimate.kvCache.bytesPerToken))}`,
    ]);
  sources.push(['KV cache', untrusted(sourcesText(estimate.kvCache.bytesPerToken, assumptions))]);
  add('overhead', estimate.overhead.bytes);
  add('total', estimate.total, false);
  lines.push(renderTable(rows, { right: [1], indent: '  ' }));
  lines.push(colors.dim('sources'), colors.dim(renderTable(sources, { indent: '  ' })));
  if (assumptions.size > 0)
    lines.push(
      colors.dim('assumptions'),
      ...[...assumptions].flatMap((text) => bullet(untrusted(text)).map(colors.dim)),
    );

  const fit = plan.fit;
  if (fit === undefined) lines.push('', colors.dim('fit: pass --gpu-mem (and --gpus) to see whether it fits.'));
  else if (fit.status === 'fits' && fit.layout)
    lines.push(
      '',
      `${colors.bold('fit:')} fits on ${fit.layout.size} of ${fit.gpus} GPU(s), ${fit.layout.kind} ${fit.layout.size}: ${GIB(fit.layout.perGpuBytes)} per GPU of ${GIB(fit.perGpuBudgetBytes)}.`,
    );
  else
    lines.push(
      '',
      ...wrap(
        `${fit.status === 'unknown' ? 'unknown' : 'does not fit'}: ${untrusted(fit.reason ?? '')}${fit.maxContextTokens !== undefined ? ` Try --context ${fit.maxContextTokens}.` : ''}${fit.largestFittingQuant !== undefined ? ` ${fit.largestFittingQuant} fits: try --quant ${fit.largestFittingQuant}.` : ''}`,
        'fit: ',
        '     ',
      ).map((line, index) => (index === 0 ? line.replace(/^fit:/, colors.bold('fit:')) : line)),
    );

  const commands = plan.commands;
  lines.push('', colors.bold(`commands (${commands.exposed ? 'every interface' : 'bound to 127.0.0.1'})`));
  for (const file of commands.files)
    lines.push(
      colors.dim(`  # write ${file.name}:`),
      ...file.content
        .trimEnd()
        .split('\n')
        .map((line) => `    ${untrusted(line)}`),
    );
  for (const step of commands.steps) lines.push(colors.dim(`  # ${step.purpose}`), `  ${untrusted(step.command)}`);
  for (const warning of commands.warnings)
    lines.push(...wrap(untrusted(warning.message), 'warning: ', '         ').map((line) => colors.yellow(line)));

  lines.push(
    '',
    colors.bold(
      written !== undefined
        ? `config (written to ${untrusted(written.path)})`
        : `config (add to ${untrusted(configPath)}, or run with --write-config)`,
    ),
    ...plan.config.toml
      .trimEnd()
      .split('\n')
      .map((line) => `  ${untrusted(line)}`),
    '',
    `${colors.bold('route:')} ${untrusted(plan.config.routeRef)}  ${colors.dim('(then: codewhale-route serve-plan … --check)')}`,
  );
  const notes = [...plan.notes, ...estimate.notes, ...estimate.kvCache.notes, ...commands.notes, ...(fit?.notes ?? [])];
  if (notes.length > 0)
    lines.push('', colors.bold('notes'), ...notes.flatMap((note) => bullet(untrusted(note)).map(colors.dim)));
  lines.push(colors.dim(`Read from ${plan.sources.map((source) => untrusted(source)).join(' and ')}.`));
  return lines.join('\n');
}

function checkText(check: ServedRouteCheck, output: Output): string {
  const { colors } = output;
  const mark = (status: string) =>
    status === 'pass' ? colors.green('pass') : status === 'fail' ? colors.red('FAIL') : colors.yellow('unknown');
  return [
    '',
    colors.bold(
      `check of ${untrusted(check.routeRef)} at ${untrusted(check.baseUrl)}: ${check.ok ? 'the route works' : 'not proven'}`,
    ),
    ...check.proofs.map((proof) => `  ${mark(proof.status)}  ${proof.name}: ${untrusted(proof.message)}`),
  ].join('\n');
}
