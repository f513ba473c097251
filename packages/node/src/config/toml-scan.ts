// The one TOML scanner of the config tools: where each table header and key/value pair is, with offsets and line
// numbers, so a tool can point at a line (config warnings) or splice one value in without re-serialising the file
// (toml-edit.ts). It reads statements, it does not validate: callers parse the text with a real TOML parser first.

/** A `[table]` header, an `[[array]]` header or a `key = value` pair, with offsets into the text. */
export interface TomlStatement {
  readonly kind: 'table' | 'array-table' | 'key';
  /** The full dotted path: a header's path, or the path of the pair's table followed by its (dotted) key. */
  readonly path: readonly string[];
  /** The path of the table the statement sits in (a header's own path; `[]` at the root). */
  readonly table: readonly string[];
  /** 1-based line the statement starts on. */
  readonly line: number;
  /** Offset of the start of that line. */
  readonly lineStart: number;
  /** Blanks before the statement. */
  readonly indent: string;
  /** The value's offsets (a header's are both just past its closing bracket). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** Offset just past the statement's line break (or the end of the text). */
  readonly end: number;
}

/** The statements of a text, in order, and the first place the scanner could not read (its line was skipped). */
export interface TomlScan {
  readonly statements: readonly TomlStatement[];
  readonly problem?: { readonly offset: number; readonly reason: string };
}

class UnreadableToml extends Error {}

const BARE_KEY = /[A-Za-z0-9_-]/;
const BASIC_ESCAPES: Readonly<Record<string, string>> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  e: '\u001b',
  '"': '"',
  '\\': '\\',
};

/** Decode the escapes of a TOML basic string's content (`\n`, `\uXXXX`, `\UXXXXXXXX`, TOML 1.1's `\e` and `\xHH`). */
function decodeBasic(content: string): string {
  return content.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|.)/g, (_match, sequence: string) => {
    if (sequence.length > 1) return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
    const decoded = BASIC_ESCAPES[sequence];
    if (decoded === undefined) throw new UnreadableToml(`unknown escape \\${sequence}`);
    return decoded;
  });
}

class Scanner {
  position = 0;
  constructor(readonly text: string) {}

  peek(offset = 0): string {
    return this.text[this.position + offset] ?? '';
  }

  startsWith(token: string): boolean {
    return this.text.startsWith(token, this.position);
  }

  skipBlanks(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.position += 1;
  }

  skipComment(): void {
    if (this.peek() !== '#') return;
    while (this.position < this.text.length && this.peek() !== '\n') this.position += 1;
  }

  /** Past the end of the line (after blanks and a comment); fails on anything else. */
  endLine(): void {
    this.skipBlanks();
    this.skipComment();
    if (this.peek() === '\r' && this.peek(1) === '\n') this.position += 2;
    else if (this.peek() === '\n') this.position += 1;
    else if (this.position < this.text.length) throw new UnreadableToml(`unexpected text at offset ${this.position}`);
  }

  /** Past the next line break (or to the end): where scanning resumes after a line it could not read. */
  skipLine(): void {
    const next = this.text.indexOf('\n', this.position);
    this.position = next < 0 ? this.text.length : next + 1;
  }

  /** Skip a string of any of the four kinds (at its opening quote). */
  skipString(): void {
    const quote = this.peek();
    if (this.startsWith(quote.repeat(3))) {
      this.position += 3;
      for (;;) {
        if (this.position >= this.text.length) throw new UnreadableToml('unterminated multi-line string');
        if (quote === '"' && this.peek() === '\\') {
          this.position += 2;
          continue;
        }
        if (this.startsWith(quote.repeat(3))) {
          this.position += 3;
          // Up to two more quotes right before the closing delimiter belong to the content.
          for (let extra = 0; extra < 2 && this.peek() === quote; extra += 1) this.position += 1;
          return;
        }
        this.position += 1;
      }
    }
    this.position += 1;
    for (;;) {
      const char = this.peek();
      if (char === '' || char === '\n') throw new UnreadableToml('unterminated string');
      if (quote === '"' && char === '\\') {
        this.position += 2;
        continue;
      }
      this.position += 1;
      if (char === quote) return;
    }
  }

  /** One key segment: bare, "basic" (escapes decoded) or 'literal'. */
  keySegment(): string {
    const char = this.peek();
    if (char === '"' || char === "'") {
      const start = this.position;
      this.skipString();
      const raw = this.text.slice(start, this.position);
      if (raw.startsWith(char.repeat(3))) throw new UnreadableToml('multi-line strings cannot be keys');
      return char === "'" ? raw.slice(1, -1) : decodeBasic(raw.slice(1, -1));
    }
    const start = this.position;
    while (BARE_KEY.test(this.peek())) this.position += 1;
    if (this.position === start) throw new UnreadableToml(`expected a key at offset ${start}`);
    return this.text.slice(start, this.position);
  }

  /** A dotted key: segments separated by dots, with optional blanks around them. */
  keyPath(): string[] {
    const path = [this.keySegment()];
    for (;;) {
      this.skipBlanks();
      if (this.peek() !== '.') return path;
      this.position += 1;
      this.skipBlanks();
      path.push(this.keySegment());
    }
  }

  /** Skip a value (arrays and inline tables may span lines and hold comments). */
  skipValue(): void {
    const char = this.peek();
    if (char === '"' || char === "'") {
      this.skipString();
      return;
    }
    if (char === '[' || char === '{') {
      let depth = 0;
      do {
        const current = this.peek();
        if (current === '') throw new UnreadableToml('unterminated array or inline table');
        if (current === '"' || current === "'") {
          this.skipString();
          continue;
        }
        if (current === '#') {
          this.skipComment();
          continue;
        }
        if (current === '[' || current === '{') depth += 1;
        else if (current === ']' || current === '}') depth -= 1;
        this.position += 1;
      } while (depth > 0);
      return;
    }
    // Numbers, booleans, dates and times (which may contain one space): up to a comment or the line end.
    const start = this.position;
    while (this.position < this.text.length && !'#\r\n'.includes(this.peek())) this.position += 1;
    while (this.position > start && (this.text[this.position - 1] === ' ' || this.text[this.position - 1] === '\t'))
      this.position -= 1;
    if (this.position === start) throw new UnreadableToml(`expected a value at offset ${start}`);
  }
}

/**
 * Scan TOML text into its headers and pairs, in order, in one pass (linear in the text). A byte order mark is skipped.
 * Tolerant: a line it cannot read is skipped and the first such place is reported as `problem` (an editor refuses the
 * text then; a line look-up just knows fewer lines).
 */
export function scanToml(text: string): TomlScan {
  const scanner = new Scanner(text);
  if (scanner.peek() === '\uFEFF') scanner.position = 1;
  const statements: TomlStatement[] = [];
  let problem: TomlScan['problem'];
  let table: readonly string[] = [];
  let line = 1;
  let counted = 0;
  /** The 1-based line of an offset; offsets only grow, so counting stays linear. */
  const lineAt = (offset: number) => {
    for (let index = text.indexOf('\n', counted); index >= 0 && index < offset; index = text.indexOf('\n', index + 1)) {
      line += 1;
      counted = index + 1;
    }
    return line;
  };
  while (scanner.position < text.length) {
    const lineStart = scanner.position;
    try {
      scanner.skipBlanks();
      const indent = text.slice(lineStart, scanner.position);
      const char = scanner.peek();
      if (char === '#' || char === '\n' || char === '\r' || char === '') {
        scanner.endLine();
        continue;
      }
      if (char === '[') {
        const array = scanner.peek(1) === '[';
        scanner.position += array ? 2 : 1;
        scanner.skipBlanks();
        const path = scanner.keyPath();
        scanner.skipBlanks();
        if (!scanner.startsWith(array ? ']]' : ']')) throw new UnreadableToml('malformed table header');
        scanner.position += array ? 2 : 1;
        const valueEnd = scanner.position;
        scanner.endLine();
        table = path;
        statements.push({
          kind: array ? 'array-table' : 'table',
          path,
          table: path,
          line: lineAt(lineStart),
          lineStart,
          indent,
          valueStart: valueEnd,
          valueEnd,
          end: scanner.position,
        });
        continue;
      }
      const key = scanner.keyPath();
      scanner.skipBlanks();
      if (scanner.peek() !== '=') throw new UnreadableToml(`expected "=" at offset ${scanner.position}`);
      scanner.position += 1;
      scanner.skipBlanks();
      const valueStart = scanner.position;
      scanner.skipValue();
      const valueEnd = scanner.position;
      scanner.endLine();
      statements.push({
        kind: 'key',
        path: [...table, ...key],
        table,
        line: lineAt(lineStart),
        lineStart,
        indent,
        valueStart,
        valueEnd,
        end: scanner.position,
      });
    } catch (error) {
      if (!(error instanceof UnreadableToml)) throw error;
      problem ??= { offset: scanner.position, reason: error.message };
      // Resume on the line after the one that failed (never before where this statement started).
      scanner.position = Math.max(scanner.position, lineStart);
      scanner.skipLine();
    }
  }
  return problem ? { statements, problem } : { statements };
}

/** True when two key paths are the same, segment by segment (exact: table names are compared as written). */
export function samePath(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((segment, index) => segment === right[index]);
}

/** True when `path` starts with every segment of `prefix` (or equals it). */
export function startsWithPath(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}

/**
 * Scan once, then answer "which line defines this key (or its nearest table)" from a map: looking up many keys (one per
 * warning) stays linear in the file instead of rescanning it for each.
 */
export function keyLineIndex(text: string): (path: readonly string[]) => number | undefined {
  const lines = new Map<string, number>();
  for (const statement of scanToml(text).statements) {
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
