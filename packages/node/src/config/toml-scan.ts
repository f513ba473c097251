// A small line-level scanner of TOML text: where each table header and key/value pair is, with offsets, so a tool can
// point at a line or edit one value without re-serialising the file (comments, order and unknown keys survive).
// It does not validate; callers re-parse the result with a real TOML parser.

/** A `[table]` or `[[array]]` header. */
export interface TomlHeader {
  readonly kind: 'header';
  readonly path: readonly string[];
  readonly array: boolean;
  /** Offset of the line start and of the end of the line (before its newline). */
  readonly start: number;
  readonly end: number;
  readonly line: number;
}

/** A `key = value` pair; `path` is the full dotted path (table path + key). */
export interface TomlPair {
  readonly kind: 'pair';
  readonly path: readonly string[];
  /** Path of the table the pair sits in. */
  readonly table: readonly string[];
  /** True when the pair sits under an `[[array]]` header (its path is then ambiguous). */
  readonly inArray: boolean;
  readonly start: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  readonly end: number;
  readonly line: number;
}

/** A header or a pair. */
export type TomlStatement = TomlHeader | TomlPair;

class Scanner {
  index = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.index >= this.text.length;
  }
  peek(offset = 0): string {
    return this.text[this.index + offset] ?? '';
  }
  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.index++;
  }
  skipToLineEnd(): void {
    while (!this.done && this.peek() !== '\n') this.index++;
  }
  /** Skip blanks, newlines and comments (inside arrays). */
  skipTrivia(): void {
    for (;;) {
      const char = this.peek();
      if (char === ' ' || char === '\t' || char === '\r' || char === '\n') this.index++;
      else if (char === '#') this.skipToLineEnd();
      else return;
    }
  }
  lineEnd(): number {
    let end = this.index;
    while (end < this.text.length && this.text[end] !== '\n') end++;
    return end > 0 && this.text[end - 1] === '\r' ? end - 1 : end;
  }
  /** A string starting at the cursor (basic, literal, or their multi-line forms); returns its value. */
  string(): string {
    const quote = this.peek();
    const multi = this.peek(1) === quote && this.peek(2) === quote;
    this.index += multi ? 3 : 1;
    let value = '';
    while (!this.done) {
      const char = this.peek();
      if (multi ? this.text.startsWith(quote.repeat(3), this.index) : char === quote) {
        this.index += multi ? 3 : 1;
        // A multi-line string may end with up to two extra quotes.
        while (multi && this.peek() === quote) this.index++;
        return value;
      }
      if (!multi && char === '\n') return value;
      if (quote === '"' && char === '\\') {
        value += this.text.slice(this.index, this.index + 2);
        this.index += 2;
        continue;
      }
      value += char;
      this.index++;
    }
    return value;
  }
  /** A dotted key up to `stop` (`=` or `]`). */
  key(stop: string): string[] {
    const segments: string[] = [];
    for (;;) {
      this.skipSpaces();
      const char = this.peek();
      if (char === '"' || char === "'") {
        const raw = this.string();
        segments.push(char === '"' ? unescapeBasic(raw) : raw);
      } else {
        let bare = '';
        while (!this.done && /[A-Za-z0-9_-]/.test(this.peek())) bare += this.text[this.index++];
        segments.push(bare);
      }
      this.skipSpaces();
      if (this.peek() === '.') {
        this.index++;
        continue;
      }
      if (this.peek() === stop || this.done || this.peek() === '\n') return segments;
      // Unexpected character: keep what we have, the real parser reports the error.
      return segments;
    }
  }
  /** Skip one value; the cursor ends just after it. */
  value(): void {
    const char = this.peek();
    if (char === '"' || char === "'") {
      this.string();
      return;
    }
    if (char === '[' || char === '{') {
      const close = char === '[' ? ']' : '}';
      this.index++;
      for (;;) {
        this.skipTrivia();
        if (this.done) return;
        if (this.peek() === close) {
          this.index++;
          return;
        }
        if (this.peek() === ',') {
          this.index++;
          continue;
        }
        if (close === '}') {
          this.key('=');
          if (this.peek() === '=') this.index++;
          this.skipSpaces();
        }
        const before = this.index;
        this.value();
        if (this.index === before) this.index++;
      }
    }
    // A bare value (number, boolean, date-time): up to a comment, a separator or the line end.
    const begin = this.index;
    while (!this.done && !/[#,\]}\r\n]/.test(this.peek())) this.index++;
    while (this.index > begin && /[ \t]/.test(this.text[this.index - 1] ?? '')) this.index--;
  }
}

function unescapeBasic(raw: string): string {
  try {
    return JSON.parse(
      `"${raw.replace(/\\U([0-9A-Fa-f]{8})/g, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)).replace(/"/g, '\\"'))}"`,
    ) as string;
  } catch {
    return raw;
  }
}

/** Offsets of the line starts of a text, for line look-ups in O(log n) (a scan must stay linear in the text). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return starts;
}

function lineAt(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}

/** Scan TOML text into headers and pairs, in order. Tolerant: malformed lines are skipped. */
export function scanToml(text: string): TomlStatement[] {
  const scanner = new Scanner(text);
  const starts = lineStarts(text);
  const statements: TomlStatement[] = [];
  let table: readonly string[] = [];
  let inArray = false;
  while (!scanner.done) {
    scanner.skipTrivia();
    if (scanner.done) break;
    const start = text.lastIndexOf('\n', scanner.index - 1) + 1;
    if (scanner.peek() === '[') {
      const array = scanner.peek(1) === '[';
      scanner.index += array ? 2 : 1;
      const path = scanner.key(']');
      scanner.index += array ? 2 : 1;
      scanner.skipToLineEnd();
      table = path;
      inArray = array;
      statements.push({
        kind: 'header',
        path,
        array,
        start,
        end: endOfLine(text, scanner.index),
        line: lineAt(starts, start),
      });
      continue;
    }
    const key = scanner.key('=');
    if (scanner.peek() !== '=') {
      scanner.skipToLineEnd();
      continue;
    }
    scanner.index++;
    scanner.skipSpaces();
    const valueStart = scanner.index;
    scanner.value();
    const valueEnd = scanner.index;
    scanner.skipToLineEnd();
    statements.push({
      kind: 'pair',
      path: [...table, ...key],
      table,
      inArray,
      start,
      valueStart,
      valueEnd,
      end: endOfLine(text, scanner.index),
      line: lineAt(starts, start),
    });
  }
  return statements;
}

function endOfLine(text: string, index: number): number {
  return index > 0 && text[index - 1] === '\r' ? index - 1 : index;
}

const samePath = (left: readonly string[], right: readonly string[]) =>
  left.length === right.length && left.every((segment, index) => segment === right[index]);

/** The line where a key (or its table) is defined, best effort; `undefined` when the scanner cannot tell. */
export function lineOfKey(text: string, path: readonly string[]): number | undefined {
  return keyLineIndex(text)(path);
}

/**
 * Scan once, then answer "which line defines this key (or its nearest table)" from a map: looking up many keys (one per
 * warning) stays linear in the file instead of rescanning it for each.
 */
export function keyLineIndex(text: string): (path: readonly string[]) => number | undefined {
  const lines = new Map<string, number>();
  for (const statement of scanToml(text)) {
    const key = statement.path.join('\u0000');
    if (!lines.has(key)) lines.set(key, statement.line);
  }
  return (path) => {
    for (let length = path.length; length > 0; length--) {
      const found = lines.get(path.slice(0, length).join('\u0000'));
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

export { samePath };
