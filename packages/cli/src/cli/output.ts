import { createColors, STYLE_SEQUENCES, type Colors } from './colors.js';
import { isTerminal, writeText } from './stdio.js';
import { sanitizeTerminalText, terminalSafeJson } from './terminal-text.js';

export type { Colors };

/** The cursor moves of a progress display (redrawing its lines in place): only `write` on a terminal passes them. */
export const CURSOR = {
  /** Move up `lines` lines. */
  up: (lines: number): string => `\u001b[${lines}A`,
  /** Erase the current line. */
  eraseLine: '\u001b[2K',
} as const;
const CURSOR_SEQUENCES = /\u001b\[\d{1,4}A|\u001b\[2K/g;
const STYLES_AND_CURSOR = new RegExp(`${STYLE_SEQUENCES.source}|${CURSOR_SEQUENCES.source}`, 'g');

/**
 * Where a command writes, and how. Everything written goes through the one terminal sanitiser (cli/terminal-text.ts):
 * control characters (ESC, BEL, CR, C1 such as the 8-bit CSI, bidi controls) are shown as visible escapes, so no
 * command can print what a provider sent raw. Only the CLI's own colour sequences pass (when colour is on for that
 * stream), and the progress display's cursor moves (`write`, on a terminal). JSON stays exact: `printJson` escapes
 * what JSON.stringify leaves raw as `\uXXXX`. Untrusted one-line values (model ids, error messages) are also sanitised
 * where a command places them ({@link sanitizeTerminalText} without `layout`), so a line break or a colour sequence
 * from a server cannot fake a line or a style either.
 */
export interface Output {
  readonly json: boolean;
  readonly color: boolean;
  readonly colors: Colors;
  /** True when stdout is a terminal (progress displays, wide tables). */
  readonly tty: boolean;
  /** Write to stdout as is (no newline added): progress displays. */
  write(text: string): void;
  out(text: string): void;
  err(text: string): void;
  /** Print a JSON document on stdout. */
  printJson(value: unknown): void;
  /** A warning on stderr (`warning: ...`). */
  warn(message: string): void;
}

/** Whether an environment variable asks for something: set, not empty, not "0" (nor "false"). */
const asks = (value: string | undefined): boolean =>
  value !== undefined && value !== '' && value !== '0' && value !== 'false';

/**
 * Colour only on a terminal, never when NO_COLOR is set (to anything but ""), never with `--no-color`, CLICOLOR=0 or
 * TERM=dumb. CLICOLOR_FORCE or FORCE_COLOR (set, not "0") turn it on without a terminal (and over CLICOLOR=0 and
 * TERM=dumb); NO_COLOR and `--no-color` still win.
 */
export function colorEnabled(
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  noColorFlag: boolean,
): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (asks(env.CLICOLOR_FORCE) || asks(env.FORCE_COLOR)) return true;
  if (env.CLICOLOR === '0') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** The process's output. */
export function createOutput(options: {
  readonly json: boolean;
  readonly noColor: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}): Output {
  const tty = isTerminal(1);
  const color = !options.json && colorEnabled({ isTTY: tty }, options.env, options.noColor);
  // stderr is only looked at when a colour could be used there.
  const errColor = colorEnabled(
    {
      get isTTY() {
        return isTerminal(2);
      },
    },
    options.env,
    options.noColor,
  );
  const colors = createColors(color);
  const errColors = createColors(errColor);
  // What passes unescaped: the CLI's own styles where it writes them (error reports on stderr use stdout's colours).
  const stdoutText = (text: string) =>
    sanitizeTerminalText(text, { layout: true, ...(color ? { keep: STYLE_SEQUENCES } : {}) });
  const stderrText = (text: string) =>
    sanitizeTerminalText(text, { layout: true, ...(color || errColor ? { keep: STYLE_SEQUENCES } : {}) });
  const progressText = (text: string) =>
    sanitizeTerminalText(text, {
      layout: true,
      ...(tty ? { keep: color ? STYLES_AND_CURSOR : CURSOR_SEQUENCES } : color ? { keep: STYLE_SEQUENCES } : {}),
    });
  const line = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);
  return {
    json: options.json,
    color,
    colors,
    tty,
    write: (text) => writeText(1, progressText(text)),
    out: (text) => writeText(1, stdoutText(line(text))),
    err: (text) => writeText(2, stderrText(line(text))),
    printJson: (value) => writeText(1, `${terminalSafeJson(JSON.stringify(value, null, 2))}\n`),
    warn: (message) => writeText(2, stderrText(`${errColors.yellow('warning')}: ${message}\n`)),
  };
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Visible width of a string (ANSI codes do not count). */
export function visibleWidth(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** Columns aligned with two spaces; `right` columns are right-aligned. Trailing spaces are trimmed. */
export function renderTable(
  rows: readonly (readonly string[])[],
  options: { readonly right?: readonly number[]; readonly indent?: string } = {},
): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, visibleWidth(cell));
    });
  }
  const right = new Set(options.right ?? []);
  return rows
    .map((row) =>
      `${options.indent ?? ''}${row
        .map((cell, index) => {
          const pad = ' '.repeat((widths[index] ?? 0) - visibleWidth(cell));
          return right.has(index) ? pad + cell : index === row.length - 1 ? cell : cell + pad;
        })
        .join('  ')}`.trimEnd(),
    )
    .join('\n');
}

/** Whole days between an ISO date and now, e.g. "12d"; `undefined` for an unparsable date. */
export function ageInDays(iso: string | undefined, now: number): number | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return undefined;
  return Math.max(0, Math.floor((now - time) / 86_400_000));
}

/** "3s", "5m", "2h", "4d" ago. */
export function shortAge(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 90) return `${seconds}s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)}m`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}
