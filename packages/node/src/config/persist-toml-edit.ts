import { formatConfigKey, tomlString } from './config-key-format.js';

// A minimal text-level TOML editor for persistRouteSwitch: it finds where keys are written and splices new values in,
// leaving every other byte (comments, spacing, ordering, unknown keys) as it was. It only locates statements; the
// caller verifies the edited text with a real TOML parser and refuses anything that does not parse to exactly the
// intended change.

/** One table header or key/value statement, with byte offsets into the text. */
interface Statement {
  readonly kind: 'table' | 'array-table' | 'key';
  /** Header path, or the key's dotted path (relative to `table`). */
  readonly path: readonly string[];
  /** The table a key belongs to (its last header's path); `[]` at the root. */
  readonly table: readonly string[];
  /** Offset of the line the statement starts on. */
  readonly lineStart: number;
  /** Indentation before the statement. */
  readonly indent: string;
  /** Offset just past the statement's line break (or the end of the text). */
  readonly end: number;
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The value opens an inline table or array (keys cannot be added next to it). */
  readonly container: boolean;
}

/** Thrown when the text has a shape this editor does not handle; the caller turns it into a typed error. */
export class PersistLayoutError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PersistLayoutError';
  }
}

const BARE_KEY = /[A-Za-z0-9_-]/;

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
    else if (this.position < this.text.length)
      throw new PersistLayoutError(`unexpected text at offset ${this.position}`);
  }

  /** Skip a string of any of the four kinds (at its opening quote). */
  skipString(): void {
    const quote = this.peek();
    const multi = this.startsWith(quote.repeat(3));
    if (multi) {
      this.position += 3;
      for (;;) {
        if (this.position >= this.text.length) throw new PersistLayoutError('unterminated multi-line string');
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
      if (char === '' || char === '\n') throw new PersistLayoutError('unterminated string');
      if (quote === '"' && char === '\\') {
        this.position += 2;
        continue;
      }
      this.position += 1;
      if (char === quote) return;
    }
  }

  /** Read one key segment: bare, "basic" or 'literal'. */
  keySegment(): string {
    const char = this.peek();
    if (char === '"' || char === "'") {
      const start = this.position;
      this.skipString();
      const raw = this.text.slice(start, this.position);
      if (raw.startsWith(char.repeat(3))) throw new PersistLayoutError('multi-line strings cannot be keys');
      return char === "'" ? raw.slice(1, -1) : decodeBasic(raw.slice(1, -1));
    }
    const start = this.position;
    while (BARE_KEY.test(this.peek())) this.position += 1;
    if (this.position === start) throw new PersistLayoutError(`expected a key at offset ${start}`);
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

  /** Skip a value; returns whether it was an array or inline table. */
  skipValue(): boolean {
    const char = this.peek();
    if (char === '"' || char === "'") {
      this.skipString();
      return false;
    }
    if (char === '[' || char === '{') {
      let depth = 0;
      do {
        const current = this.peek();
        if (current === '') throw new PersistLayoutError('unterminated array or inline table');
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
      return true;
    }
    // Numbers, booleans, dates and times (which may contain one space): up to a comment or the line end.
    const start = this.position;
    while (this.position < this.text.length && !'#\r\n'.includes(this.peek())) this.position += 1;
    while (this.position > start && (this.text[this.position - 1] === ' ' || this.text[this.position - 1] === '\t'))
      this.position -= 1;
    if (this.position === start) throw new PersistLayoutError(`expected a value at offset ${start}`);
    return false;
  }
}

/** Decode the escapes of a TOML basic string's content. */
function decodeBasic(content: string): string {
  return content.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x[0-9A-Fa-f]{2}|e|.)/g, (_match, sequence: string) => {
    if (sequence.length > 1) return String.fromCodePoint(Number.parseInt(sequence.slice(1), 16));
    const simple: Readonly<Record<string, string>> = {
      b: '\b',
      t: '\t',
      n: '\n',
      f: '\f',
      r: '\r',
      e: '\u001b',
      '"': '"',
      '\\': '\\',
    };
    const decoded = simple[sequence];
    if (decoded === undefined) throw new PersistLayoutError(`unknown escape \\${sequence}`);
    return decoded;
  });
}

/** Every header and key/value statement of a TOML text, in order. */
function scanStatements(text: string): Statement[] {
  const scanner = new Scanner(text);
  const statements: Statement[] = [];
  let table: readonly string[] = [];
  while (scanner.position < text.length) {
    const lineStart = scanner.position;
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
      if (!scanner.startsWith(array ? ']]' : ']')) throw new PersistLayoutError('malformed table header');
      scanner.position += array ? 2 : 1;
      const valueEnd = scanner.position;
      scanner.endLine();
      statements.push({
        kind: array ? 'array-table' : 'table',
        path,
        table: path,
        lineStart,
        indent,
        end: scanner.position,
        valueStart: valueEnd,
        valueEnd,
        container: false,
      });
      table = path;
      continue;
    }
    const path = scanner.keyPath();
    scanner.skipBlanks();
    if (scanner.peek() !== '=') throw new PersistLayoutError(`expected "=" at offset ${scanner.position}`);
    scanner.position += 1;
    scanner.skipBlanks();
    const valueStart = scanner.position;
    const container = scanner.skipValue();
    const valueEnd = scanner.position;
    scanner.endLine();
    statements.push({
      kind: 'key',
      path,
      table,
      lineStart,
      indent,
      end: scanner.position,
      valueStart,
      valueEnd,
      container,
    });
  }
  return statements;
}

// One escaping rule for every config writer (see config-key-format.ts).
const tomlKey = formatConfigKey;

const samePath = (left: readonly string[], right: readonly string[]) =>
  left.length === right.length && left.every((segment, index) => segment === right[index]);
const startsWithPath = (path: readonly string[], prefix: readonly string[]) =>
  prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);

/** One change to make: set `path` (from the root) to a string value. */
export interface TomlSet {
  readonly path: readonly string[];
  readonly value: string;
}

interface Splice {
  readonly at: number;
  readonly remove: number;
  readonly insert: string;
}

/** Where a new line goes, with its text. Adds the line break before it when the previous line has none. */
function insertion(text: string, at: number, line: string, eol: string): Splice {
  const needsBreak = at > 0 && text[at - 1] !== '\n';
  return { at, remove: 0, insert: `${needsBreak ? eol : ''}${line}${eol}` };
}

/** The splice that sets one key, editing in place when it is written somewhere, else adding the fewest lines. */
function planSet(text: string, statements: readonly Statement[], set: TomlSet, eol: string): Splice {
  const full = (statement: Statement) =>
    statement.kind === 'key' ? [...statement.table, ...statement.path] : statement.path;
  const existing = statements.find((statement) => statement.kind === 'key' && samePath(full(statement), set.path));
  if (existing)
    return { at: existing.valueStart, remove: existing.valueEnd - existing.valueStart, insert: tomlString(set.value) };

  const parent = set.path.slice(0, -1);
  const leaf = set.path.slice(-1);
  // Part of the path is an inline table or array (or a scalar): TOML does not allow adding a key beside it.
  const blocking = statements.find(
    (statement) => statement.kind === 'key' && startsWithPath(set.path, full(statement)),
  );
  if (blocking)
    throw new PersistLayoutError(
      `${tomlKey(full(blocking))} is written inline; write it as a [${tomlKey(full(blocking))}] table`,
    );
  if (statements.some((statement) => statement.kind === 'array-table' && startsWithPath(set.path, statement.path))) {
    throw new PersistLayoutError(`${tomlKey(parent)} is an array of tables`);
  }

  if (parent.length === 0) {
    // A root key: after the last root key, else before the first table (and the comments attached to it).
    const rootKeys = statements.filter((statement) => statement.kind === 'key' && statement.table.length === 0);
    const lastRoot = rootKeys.at(-1);
    if (lastRoot)
      return insertion(text, lastRoot.end, `${lastRoot.indent}${tomlKey(leaf)} = ${tomlString(set.value)}`, eol);
    const firstHeader = statements.find((statement) => statement.kind !== 'key');
    if (!firstHeader) return insertion(text, text.length, `${tomlKey(leaf)} = ${tomlString(set.value)}`, eol);
    let at = firstHeader.lineStart;
    for (;;) {
      const previousEnd = at - (text[at - 2] === '\r' ? 2 : 1);
      if (at === 0 || previousEnd < 0) break;
      const lineStart = text.lastIndexOf('\n', previousEnd - 1) + 1;
      if (!text.slice(lineStart, previousEnd).trimStart().startsWith('#')) break;
      at = lineStart;
    }
    return { at, remove: 0, insert: `${tomlKey(leaf)} = ${tomlString(set.value)}${eol}${eol}` };
  }

  // The parent's own [table]: after its last key (same indentation), else right after the header.
  const header = statements.findIndex((statement) => statement.kind === 'table' && samePath(statement.path, parent));
  if (header >= 0) {
    const headerStatement = statements[header] as Statement;
    let last: Statement | undefined;
    for (const statement of statements.slice(header + 1)) {
      if (statement.kind !== 'key') break;
      last = statement;
    }
    const after = last ?? headerStatement;
    return insertion(
      text,
      after.end,
      `${last?.indent ?? headerStatement.indent}${tomlKey(leaf)} = ${tomlString(set.value)}`,
      eol,
    );
  }

  // The parent is made by dotted keys (`[providers]` + `together.base_url = ...`): add a sibling after the last one.
  const dotted = statements.filter(
    (statement) =>
      statement.kind === 'key' && startsWithPath(full(statement), parent) && statement.table.length <= parent.length,
  );
  const lastDotted = dotted.at(-1);
  if (lastDotted)
    return insertion(
      text,
      lastDotted.end,
      `${lastDotted.indent}${tomlKey(set.path.slice(lastDotted.table.length))} = ${tomlString(set.value)}`,
      eol,
    );

  // Nowhere yet: a new table at the end.
  const separator = text.length === 0 ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  return {
    at: text.length,
    remove: 0,
    insert: `${separator}[${tomlKey(parent)}]${eol}${tomlKey(leaf)} = ${tomlString(set.value)}${eol}`,
  };
}

/**
 * Apply string assignments to a TOML text, touching only the bytes of the values that change and the lines that are
 * added. Throws {@link PersistLayoutError} for layouts it cannot edit in place (inline tables, arrays of tables).
 */
export function editTomlText(text: string, sets: readonly TomlSet[]): string {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  let result = text;
  // One set at a time, rescanning: each splice moves the offsets of the next.
  for (const set of sets) {
    const splice = planSet(result, scanStatements(result), set, eol);
    result = result.slice(0, splice.at) + splice.insert + result.slice(splice.at + splice.remove);
  }
  return result;
}
