/**
 * ANSI styles for the CLI's text output: the six it uses, as functions that are the identity when colour is off. (A
 * colour library would load node:tty, and with it the stream and net modules, at start-up to guess a default this
 * CLI decides itself.) A style nested inside another is restored after the inner one closes.
 */
export interface Colors {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

const identity = (text: string): string => text;

function style(open: string, close: string, reopen = open): (text: string) => string {
  return (text) => `${open}${text.split(close).join(reopen)}${close}`;
}

const ON: Colors = {
  bold: style('\u001b[1m', '\u001b[22m', '\u001b[22m\u001b[1m'),
  dim: style('\u001b[2m', '\u001b[22m', '\u001b[22m\u001b[2m'),
  red: style('\u001b[31m', '\u001b[39m'),
  green: style('\u001b[32m', '\u001b[39m'),
  yellow: style('\u001b[33m', '\u001b[39m'),
  cyan: style('\u001b[36m', '\u001b[39m'),
};

/**
 * Every escape sequence the styles above write (and the reset, `0`, that core's `formatRouteExplanation` closes its
 * bold, dim and yellow with), and nothing else: the output layer lets exactly these through when colour is on
 * (cli/output.ts); any other escape sequence is shown escaped.
 */
export const STYLE_SEQUENCES = /\u001b\[(?:0|1|2|22|31|32|33|36|39)m/g;

const OFF: Colors = { bold: identity, dim: identity, red: identity, green: identity, yellow: identity, cyan: identity };

/** The styles, on or off. */
export function createColors(enabled: boolean): Colors {
  return enabled ? ON : OFF;
}
