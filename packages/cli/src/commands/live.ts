import { groupDigits } from '@codewhale/core';
// The commands that touch the network. Loaded with import() only when one of them runs, so the HTTP client (undici)
// never loads for offline commands.
import {
  checkHealth,
  discover,
  readUsage,
  type DiscoveryEvent,
  type DiscoveryResult,
  type HealthCheck,
  type LiveFailure,
  type UsageReport,
} from '@codewhale/node';
import { createHttpClient } from '@codewhale/plugin-kit';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { CURSOR, renderTable, type Output } from '../cli/output.js';
import type { Session } from '../cli/session.js';
import { sanitizeTerminalText as untrusted } from '../cli/terminal-text.js';
import { chosenProviders, printModels } from './models.js';
import { WRAPPER_ENV } from './route-request.js';

/** A discovery result in `discover --json`. */
export interface DiscoverRow {
  readonly providerId: string;
  readonly endpoint?: string;
  readonly status: 'ok' | 'failed' | 'skipped';
  /** Models listed (ok only). */
  readonly models?: number;
  readonly error?: LiveFailure;
}

/**
 * Failures that mean "could not talk to the endpoint or it refused": exit code 4. Skips are not failures: no key, or
 * (without --provider) a provider the user did not set up, which node's default selection leaves out.
 */
const isNetworkFailure = (failure: LiveFailure | undefined) =>
  failure !== undefined && failure.kind !== 'credential-missing' && failure.code !== NOT_CONFIGURED;

/** node's code for a provider its default selection left out (not configured, no key). */
const NOT_CONFIGURED = 'LIVE_NOT_CONFIGURED';
const notConfigured = (failure: LiveFailure | undefined): boolean => failure?.code === NOT_CONFIGURED;

/** One line for the providers a default selection left out (the JSON output keeps each reason). */
function notSetUpLine(providerIds: readonly string[], output: Output): string | undefined {
  if (providerIds.length === 0) return undefined;
  return output.colors.dim(
    `skipped, not set up (no [providers.<id>] table, base URL variable or key; name one with --provider to contact it): ${providerIds.join(', ')}`,
  );
}

function plainEvent(event: DiscoveryEvent): string | undefined {
  switch (event.type) {
    case 'started':
      return undefined;
    case 'done':
      return `${event.providerId}: ${event.models} model${event.models === 1 ? '' : 's'} from ${untrusted(event.endpoint)} (${Math.round(event.durationMs)} ms)`;
    case 'failed':
      return `${event.providerId}: failed: ${untrusted(event.error.message)}`;
    case 'skipped':
      // Providers the user did not set up are summed up in one line at the end.
      return notConfigured(event.reason)
        ? undefined
        : `${event.providerId}: skipped: ${untrusted(event.reason.message)}`;
  }
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** A live progress display: one line per provider, redrawn in place (TTY only). */
function progressDisplay(output: Output, write: (text: string) => void) {
  const { colors } = output;
  const lines = new Map<string, { state: 'running' | 'done' | 'failed' | 'skipped'; text: string }>();
  let drawn = 0;
  let frame = 0;
  const draw = () => {
    let text = drawn > 0 ? CURSOR.up(drawn) : '';
    for (const [providerId, line] of lines) {
      const mark =
        line.state === 'running'
          ? colors.cyan(FRAMES[frame % FRAMES.length] as string)
          : line.state === 'done'
            ? colors.green('✓')
            : line.state === 'skipped'
              ? colors.dim('-')
              : colors.red('✗');
      text += `${CURSOR.eraseLine}${mark} ${colors.bold(providerId)}  ${line.text}\n`;
    }
    drawn = lines.size;
    write(text);
  };
  const timer = setInterval(() => {
    frame++;
    draw();
  }, 80);
  timer.unref();
  return {
    event(event: DiscoveryEvent) {
      if (event.type === 'skipped' && notConfigured(event.reason)) return;
      if (event.type === 'started')
        lines.set(event.providerId, { state: 'running', text: colors.dim(`fetching ${untrusted(event.endpoint)}`) });
      else if (event.type === 'done')
        lines.set(event.providerId, {
          state: 'done',
          text: `${event.models} model${event.models === 1 ? '' : 's'}  ${colors.dim(`${untrusted(event.endpoint)}, ${Math.round(event.durationMs)} ms`)}`,
        });
      else if (event.type === 'failed')
        lines.set(event.providerId, { state: 'failed', text: untrusted(event.error.message) });
      else
        lines.set(event.providerId, {
          state: 'skipped',
          text: colors.dim(`skipped: ${untrusted(event.reason.message)}`),
        });
      draw();
    },
    stop() {
      clearInterval(timer);
      draw();
    },
  };
}

/**
 * What every live operation gets: the registry, config, credentials, and this process's environment, so each
 * provider's own base URL variables (`<PROVIDER>_BASE_URL`, `OLLAMA_HOST`) apply as they do in `explain`.
 */
function liveOptions(session: Session, providers?: readonly string[]) {
  // The wrapper's base URL (CODEWHALE_BASE_URL) is the session's explicit endpoint, as in `explain`: it applies to the
  // one provider the command is about, never to several.
  const baseUrl = session.env[WRAPPER_ENV.baseUrl]?.trim();
  return {
    registry: session.registry,
    config: session.config,
    credentials: session.credentials,
    env: session.env,
    ...(baseUrl && providers?.length === 1 ? { baseUrl } : {}),
  };
}

/**
 * The providers a live command names: `--provider`, else the wrapper's session choice (CODEWHALE_PROVIDER), as in
 * `explain`; none means every provider that is set up.
 */
function namedProviders(session: Session, names: readonly string[] | undefined): readonly string[] | undefined {
  if (names?.length) return names;
  const wrapper = session.env[WRAPPER_ENV.provider]?.trim();
  return wrapper ? [wrapper] : undefined;
}

/** The named providers (see {@link namedProviders}) checked against the registry, or `undefined` for every one set up. */
function requestedProviders(session: Session, names: readonly string[] | undefined): string[] | undefined {
  const named = namedProviders(session, names);
  return named ? chosenProviders(session, named) : undefined;
}

async function runDiscovery(
  session: Session,
  names: readonly string[] | undefined,
  onProgress?: (event: DiscoveryEvent) => void,
): Promise<DiscoveryResult[]> {
  return discover({
    ...liveOptions(session, names),
    cache: session.cache,
    ...(names?.length ? { providers: names } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
}

/** `discover`: refresh the live cache; a progress display on a terminal, plain lines otherwise. Exit 4 on any failure. */
export async function runDiscover(
  session: Session,
  output: Output,
  names: readonly string[] | undefined,
): Promise<number> {
  const providers = requestedProviders(session, names);
  const display = !output.json && output.tty ? progressDisplay(output, (text) => output.write(text)) : undefined;
  const results = await runDiscovery(session, providers, (event) => {
    if (output.json) return;
    if (display) display.event(event);
    else {
      const line = plainEvent(event);
      if (line) output.out(line);
    }
  });
  display?.stop();
  const rows: DiscoverRow[] = results.map((result) => ({
    providerId: result.providerId,
    ...(result.endpoint ? { endpoint: result.endpoint } : {}),
    status: result.status,
    ...(result.models ? { models: result.models.length } : {}),
    ...(result.error ? { error: result.error } : {}),
  }));
  const failed = rows.filter((row) => row.status === 'failed' && isNetworkFailure(row.error)).length;
  if (output.json) output.printJson({ schemaVersion: 1, cacheDir: session.cache.dir, results: rows });
  else {
    const ok = rows.filter((row) => row.status === 'ok').length;
    const skipped = rows.filter((row) => row.status === 'skipped').length;
    const notSetUp = notSetUpLine(
      rows.filter((row) => notConfigured(row.error)).map((row) => row.providerId),
      output,
    );
    if (notSetUp) output.out(notSetUp);
    output.out(
      `${rows.length} provider${rows.length === 1 ? '' : 's'}: ${ok} refreshed, ${skipped} skipped, ${failed} failed ${output.colors.dim(`(cache: ${session.cache.dir})`)}`,
    );
  }
  return failed > 0 ? EXIT_CODES.network : EXIT_CODES.ok;
}

/** `models --live`: refresh the listings of the chosen providers first, then list. */
export async function runModelsLive(
  session: Session,
  output: Output,
  names: readonly string[] | undefined,
): Promise<number> {
  const named = namedProviders(session, names);
  const providers = chosenProviders(session, named);
  const results = await runDiscovery(session, named ? providers : undefined);
  let failed = 0;
  for (const result of results) {
    if (result.status === 'failed' && isNetworkFailure(result.error)) failed++;
    if (result.error)
      output.warn(
        `${result.providerId}: ${result.status === 'skipped' ? 'not refreshed' : 'refresh failed'}: ${untrusted(result.error.message)}`,
      );
  }
  session.refreshLive();
  printModels(session, output, providers);
  return failed > 0 ? EXIT_CODES.network : EXIT_CODES.ok;
}

/** A provider `health` did not probe, and why (`health --json`'s `skipped`). */
export interface HealthSkip {
  readonly providerId: string;
  /** `LIVE_NOT_CONFIGURED`: not configured, no key; named with --provider it is probed. */
  readonly code: string;
  readonly reason: string;
}

/**
 * `health`: the states of the runtimes and endpoints the user set up (or those named with --provider), and which were
 * skipped and why. Exit 4 when one that was probed is down.
 */
export async function runHealth(
  session: Session,
  output: Output,
  names: readonly string[] | undefined,
): Promise<number> {
  const providers = requestedProviders(session, names);
  const client = createHttpClient({ timeouts: { connectMs: 2_000, headersMs: 5_000, bodyMs: 5_000 } });
  let checks: HealthCheck[];
  try {
    checks = await checkHealth({ ...liveOptions(session, providers), client, ...(providers ? { providers } : {}) });
  } finally {
    await client.close();
  }
  // Without --provider, node probes only what the user set up; the rest is reported as skipped (never "down").
  const skipped: HealthSkip[] = checks.flatMap((check) =>
    check.skipped ? [{ providerId: check.providerId, code: check.skipped.code, reason: check.skipped.message }] : [],
  );
  checks = checks.filter((check) => !check.skipped);
  const down = checks.filter((check) => check.result.state === 'down').length;
  if (output.json) {
    output.printJson({ schemaVersion: 1, checks, ...(skipped.length ? { skipped } : {}) });
    return down > 0 ? EXIT_CODES.network : EXIT_CODES.ok;
  }
  const { colors } = output;
  const paint = {
    up: colors.green,
    'up-no-model': colors.yellow,
    unauthorized: colors.yellow,
    down: colors.red,
    unknown: colors.dim,
  } as const;
  const table: string[][] = [
    ['provider', 'endpoint', 'state', 'version', 'models', 'evidence'].map((title) => colors.bold(title)),
  ];
  for (const check of checks) {
    const { result } = check;
    table.push([
      check.providerId,
      check.endpoint !== undefined ? untrusted(check.endpoint) : colors.dim('-'),
      paint[result.state](result.state),
      result.version !== undefined ? untrusted(result.version) : colors.dim('-'),
      result.models ? String(result.models.length) : colors.dim('-'),
      result.evidence.map((evidence) => untrusted(evidence)).join('; '),
    ]);
  }
  const notSetUp = notSetUpLine(
    skipped.filter((entry) => entry.code === NOT_CONFIGURED).map((entry) => entry.providerId),
    output,
  );
  const notes = [
    ...skipped
      .filter((entry) => entry.code !== NOT_CONFIGURED)
      .map((entry) => colors.dim(`skipped ${entry.providerId}: ${untrusted(entry.reason)}`)),
    ...(notSetUp ? [notSetUp] : []),
  ];
  output.out(
    [
      checks.length
        ? renderTable(table)
        : 'No local runtime or configured endpoint to check. Add one with `codewhale-route config set providers.vllm.base_url http://127.0.0.1:8000/v1`.',
      ...(notes.length ? ['', ...notes] : []),
    ].join('\n'),
  );
  return down > 0 ? EXIT_CODES.network : EXIT_CODES.ok;
}

function readingText(report: UsageReport, output: Output): string {
  const { colors } = output;
  if (notConfigured(report.skipped))
    return colors.dim('not set up: not contacted (name it with --provider to read it)');
  if (report.error)
    return `${!isNetworkFailure(report.error) ? colors.dim('skipped') : colors.red('failed')}: ${untrusted(report.error.message)}`;
  const reading = report.reading;
  if (!reading) return colors.dim('no live reading');
  switch (reading.kind) {
    case 'account-credits':
      return `${reading.available ? colors.green('available') : colors.red('unavailable')}; ${reading.balances.map((balance) => `${untrusted(`${balance.currency} ${balance.total}`)}${balance.granted !== undefined || balance.toppedUp !== undefined ? colors.dim(untrusted(` (granted ${balance.granted ?? '?'}, topped up ${balance.toppedUp ?? '?'})`)) : ''}`).join(', ') || 'no balance reported'}`;
    case 'subscription-quota':
      return untrusted(`${reading.usedPercent}% used${reading.resetsAt ? `, resets ${reading.resetsAt}` : ''}`);
    case 'local':
      return reading.loadedModels.length === 0
        ? 'no model loaded'
        : reading.loadedModels
            .map(
              (model) =>
                `${untrusted(model.name)}${model.vramBytes !== undefined ? colors.dim(` ${(model.vramBytes / 1024 ** 3).toFixed(1)} GiB VRAM`) : ''}${model.contextLength !== undefined ? colors.dim(`, ctx ${groupDigits(model.contextLength)}`) : ''}`,
            )
            .join('; ');
  }
}

/** `usage`: each provider's meter and its live reading (e.g. DeepSeek's balance, Ollama's loaded models). */
export async function runUsage(
  session: Session,
  output: Output,
  names: readonly string[] | undefined,
): Promise<number> {
  const providers = requestedProviders(session, names);
  const reports = await readUsage({ ...liveOptions(session, providers), ...(providers ? { providers } : {}) });
  const failed = reports.filter((report) => isNetworkFailure(report.error)).length;
  if (output.json) {
    output.printJson({ schemaVersion: 1, reports });
    return failed > 0 ? EXIT_CODES.network : EXIT_CODES.ok;
  }
  const { colors } = output;
  const table: string[][] = [['provider', 'meter', 'live reading'].map((title) => colors.bold(title))];
  for (const report of reports)
    table.push([report.providerId, report.meter?.kind ?? colors.dim('-'), readingText(report, output)]);
  output.out(renderTable(table));
  return failed > 0 ? EXIT_CODES.network : EXIT_CODES.ok;
}
