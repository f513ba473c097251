import type { UsageMeter } from '../schema/usage-meter.js';
import type { ExplainedLimit, RouteExplanation } from './route-explanation.js';
import { groupDigits } from '../util/group-digits.js';

/** Options of {@link formatRouteExplanation}. */
export interface FormatExplanationOptions {
  /** ANSI colour (only for a TTY without NO_COLOR; the caller decides). Default false. */
  readonly color?: boolean;
  /** Also show how each input was chosen and what `auto` considered. Default true. */
  readonly decisions?: boolean;
}

const RATE_LABELS: Readonly<Record<string, string>> = {
  input: 'input',
  cachedInput: 'cached input',
  cacheWrite: 'cache write',
  output: 'output',
  reasoning: 'reasoning',
};

const tokens = groupDigits;

function limitText(limit: ExplainedLimit): string {
  if (limit.value === 'unknown') return `unknown${limit.note ? ` (${limit.note})` : ''}`;
  const from = limit.source === 'model-profile' ? 'model profile' : limit.source;
  const where = limit.url ? `; ${limit.kind ?? 'source'} ${limit.url}, ${limit.retrieved}` : '';
  const unsure = limit.uncertain ? ', uncertain' : '';
  // The note says how this value was chosen (your config's override, a live listing and when it was fetched).
  const note = limit.note ? `; ${limit.note}` : '';
  return `${tokens(limit.value)}  (${from}${where}${unsure}${note})`;
}

function meterText(meter: UsageMeter): string[] {
  switch (meter.kind) {
    case 'token-pricing': {
      const rates = Object.entries(meter.rates).map(([name, rate]) => `${RATE_LABELS[name] ?? name} ${rate}`);
      const lines = [`token pricing, ${meter.currency} per million tokens: ${rates.join(' · ') || 'no rates'}`];
      for (const tier of meter.timeTiers ?? []) {
        const windows = tier.windows
          .map((window) => `${window.days.join(',')} ${window.start}-${window.end} ${window.timezone}`)
          .join('; ');
        lines.push(`${tier.name}: ${tier.multiplier !== undefined ? `×${tier.multiplier}` : 'own rates'} (${windows})`);
      }
      if (meter.freeTokenClasses?.length)
        lines.push(`not charged: ${meter.freeTokenClasses.map((name) => RATE_LABELS[name] ?? name).join(', ')}`);
      lines.push(
        `source: ${meter.source.kind} ${meter.source.url}, ${meter.source.verified ?? meter.source.retrieved}${meter.source.uncertain ? ', uncertain' : ''}`,
      );
      return lines;
    }
    case 'account-credits':
      return [`account credits${meter.currency ? ` (${meter.currency})` : ''}: balance is read live (usage)`];
    case 'subscription-quota':
      return [`subscription quota${meter.plan ? ` (${meter.plan})` : ''}: usage is read live`];
    case 'local':
      return [`local: your own hardware pays (memory, GPU time)${meter.note ? `; ${meter.note}` : ''}`];
    case 'unknown':
      return [`unknown: ${meter.reason}`];
  }
}

/** Render an explanation as aligned text for a terminal: what, where, auth, limits with sources, cost, why, warnings. */
export function formatRouteExplanation(explanation: RouteExplanation, options: FormatExplanationOptions = {}): string {
  const color = options.color === true;
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const bold = (text: string) => paint('1', text);
  const dim = (text: string) => paint('2', text);
  const warn = (text: string) => paint('33', text);
  const rows: [string, string][] = [];
  const row = (label: string, value: string) => rows.push([label, value]);

  const { model, endpoint, provider } = explanation;
  row('route', bold(explanation.route));
  row(
    'model',
    `${model.logical}${model.wire ? `  ${dim(`(wire id ${model.wire})`)}` : ''}${model.passThrough ? `  ${dim('(sent unchanged: no catalog facts apply)')}` : ''}${model.fromAuto ? `  ${dim('(chosen by auto)')}` : ''}`,
  );
  row('provider', `${provider.displayName} ${dim(`(${provider.id}, ${provider.class})`)}`);
  row(
    'endpoint',
    `${endpoint.baseUrl}  ${dim(`${endpoint.protocol}, ${endpoint.official ? 'official' : 'custom'} ${endpoint.key} endpoint`)}`,
  );
  row('auth', explanation.auth === 'missing' ? warn('missing') : explanation.auth);
  row('context', limitText(explanation.limits.contextWindow));
  row('max output', limitText(explanation.limits.maxOutput));
  const capabilities = Object.entries(explanation.capabilities).map(
    ([name, state]) => `${name} ${state === 'yes' ? 'yes' : state === 'no' ? 'no' : '?'}`,
  );
  row('capabilities', capabilities.join(' · '));
  const [meterHead, ...meterRest] = meterText(explanation.meter);
  row('cost', meterHead ?? '');
  for (const line of meterRest) row('', dim(line));
  const reasoning = explanation.reasoning;
  const params = Object.keys(reasoning.params).length ? ` → ${JSON.stringify(reasoning.params)}` : '';
  row(
    'reasoning',
    reasoning.applied === 'provider-default' && reasoning.requested === undefined
      ? "provider's default"
      : `${reasoning.applied}${reasoning.requested && reasoning.requested !== reasoning.applied ? ` (asked ${reasoning.requested})` : ''}${params}${dim(` (from ${reasoning.source})`)}`,
  );

  if (options.decisions !== false) {
    const { decisions } = explanation;
    row('', '');
    row(bold('why'), '');
    row('provider', `${decisions.provider.detail} ${dim(`[${decisions.provider.source}]`)}`);
    row('model', `${decisions.model.detail} ${dim(`[${decisions.model.source}]`)}`);
    row('endpoint', `${decisions.endpoint.detail} ${dim(`[${decisions.endpoint.source}]`)}`);
    if (decisions.purpose) row('purpose', `${decisions.purpose.detail} ${dim(`[${decisions.purpose.source}]`)}`);
    if (decisions.preference)
      row('prefer', `${decisions.preference.detail} ${dim(`[${decisions.preference.source}]`)}`);
    if (decisions.reasoning)
      row('reasoning', `${decisions.reasoning.detail} ${dim(`[${decisions.reasoning.source}]`)}`);
    if (decisions.auto) {
      row(
        'auto',
        `prefer ${decisions.auto.preference}${decisions.auto.requirements.length ? `; requires ${decisions.auto.requirements.join(', ')}` : ''}`,
      );
      for (const entry of decisions.auto.considered)
        row(
          '',
          `${entry.outcome === 'chosen' ? '✓' : entry.outcome === 'excluded' ? '✗' : '·'} ${entry.ref} ${dim(`— ${entry.reason}`)}`,
        );
    }
  }
  if (explanation.messages.length > 0) {
    row('', '');
    for (const message of explanation.messages)
      row(message.level === 'warning' ? warn('warning') : 'note', message.message);
  }

  const width = Math.max(...rows.map(([label]) => label.replace(/\u001b\[[0-9;]*m/g, '').length));
  return rows
    .map(([label, value]) => {
      const visible = label.replace(/\u001b\[[0-9;]*m/g, '').length;
      return `${label}${' '.repeat(width - visible)}  ${value}`.trimEnd();
    })
    .join('\n');
}
