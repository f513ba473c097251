/**
 * The one sanitiser for text on its way to a terminal. Provider-controlled text (model ids, error bodies, versions,
 * loaded model names) can hold escape sequences a terminal acts on: clearing the screen, setting the title, writing the
 * clipboard (OSC 52), moving the cursor to overwrite earlier lines, or an 8-bit CSI (U+009B). Every such character is
 * shown as a visible escape (`\x1b`, `\x9b`, `\x07`, `\r`, `\u202e`) instead; nothing is dropped, so what a server
 * sent stays readable. The CLI's output layer (cli/output.ts) runs everything it prints through here.
 */

// C0 controls (tab and line feed are handled by the caller's choice), DEL, C1 controls (U+0080-U+009F: 8-bit CSI, OSC,
// ST...), the bidirectional overrides and isolates (text that displays in another order than it reads), and the Unicode
// line and paragraph separators.
const CONTROL_CHARACTERS =
  '\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029';
const CONTROL = new RegExp(`[${CONTROL_CHARACTERS}]`, 'g');
const CONTROL_OR_LAYOUT = new RegExp(`[${CONTROL_CHARACTERS}\\t\\n]`, 'g');

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible form of one control character: `\n`, `\r`, `\t`, `\x1b`, `\x9b`, `\u202e`. */
function visible(character: string): string {
  const named = NAMED[character];
  if (named) return named;
  const code = character.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Options of {@link sanitizeTerminalText}. */
export interface TerminalTextOptions {
  /** Keep line feeds and tabs (layout of the CLI's own multi-line text). Default: escape them too (one-line values). */
  readonly layout?: boolean;
  /**
   * Escape sequences to pass through unchanged: the CLI's own styles and cursor moves, and only those (see output.ts).
   * Must be a global regular expression matching whole sequences.
   */
  readonly keep?: RegExp;
}

/**
 * Text made safe for a terminal: every control character (C0 but tab/line feed with `layout`, DEL, C1, bidi controls,
 * line separators) is replaced by its visible escape, except sequences `keep` matches. Idempotent for text without
 * backslash escapes; never changes printable text.
 *
 * @example
 * sanitizeTerminalText('model\u001b]0;title\u0007') // 'model\\x1b]0;title\\x07'
 */
export function sanitizeTerminalText(text: string, options: TerminalTextOptions = {}): string {
  const control = options.layout ? CONTROL : CONTROL_OR_LAYOUT;
  if (!options.keep) return text.replace(control, visible);
  // Split at the sequences to keep; escape everything between them.
  let out = '';
  let last = 0;
  const keep = new RegExp(
    options.keep.source,
    options.keep.flags.includes('g') ? options.keep.flags : `${options.keep.flags}g`,
  );
  for (const match of text.matchAll(keep)) {
    out += text.slice(last, match.index).replace(control, visible) + match[0];
    last = match.index + match[0].length;
  }
  return out + text.slice(last).replace(control, visible);
}

// What JSON.stringify leaves raw in strings but a terminal may act on: DEL, C1 (8-bit CSI...), bidi controls and the line
// separators. (C0 controls are already \u00XX escapes.)
const JSON_UNSAFE = /[\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * JSON text that is safe on a terminal and means exactly the same: the characters JSON.stringify leaves raw that a
 * terminal may act on become `\uXXXX` escapes (they can only occur inside strings), so a parser reads the same values.
 */
export function terminalSafeJson(jsonText: string): string {
  return jsonText.replace(JSON_UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
