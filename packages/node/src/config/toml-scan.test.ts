import { describe, expect, it } from 'vitest';
import { editTomlText, TomlLayoutError } from './toml-edit.js';
import { keyLineIndex, scanToml, startsWithPath } from './toml-scan.js';

/** What a caller reads from a scan: each statement's kind, path, line and the exact text of its value. */
function read(text: string) {
  const scan = scanToml(text);
  return {
    statements: scan.statements.map((statement) => ({
      kind: statement.kind,
      path: statement.path,
      line: statement.line,
      value: text.slice(statement.valueStart, statement.valueEnd),
    })),
    problem: scan.problem,
  };
}

/** The exact text of the value of the (only) key `path`. */
function valueText(text: string, path: readonly string[]): string | undefined {
  const statement = scanToml(text).statements.find(
    (item) => item.kind === 'key' && item.path.join('\u0000') === path.join('\u0000'),
  );
  return statement && text.slice(statement.valueStart, statement.valueEnd);
}

describe('scanToml: keys', () => {
  it('decodes every escape of a quoted key, so the key is found by its real name', () => {
    const text = '"\\b\\t\\n\\f\\r\\e\\"\\\\" = 1\n"\\u00e9\\U0001F600\\x41" = 2\n';
    const { statements, problem } = read(text);
    expect(problem).toBeUndefined();
    expect(statements.map((statement) => statement.path)).toEqual([['\b\t\n\f\r\u001b"\\'], ['é😀A']]);
  });

  it('reports an unknown escape in a key as the reason it cannot read the line', () => {
    expect(scanToml('"a\\q" = 1\n').problem).toEqual({ offset: 5, reason: 'unknown escape \\q' });
  });

  it('reads a literal key as written: no escapes, only the quotes removed', () => {
    expect(read("'a\\tb' = 1\n'x.y'.z = 2\n").statements.map((statement) => statement.path)).toEqual([
      ['a\\tb'],
      ['x.y', 'z'],
    ]);
  });

  it('reads dotted keys with blanks and tabs around the dots and the equals sign', () => {
    const text = 'a . b = 1\nc. d = 2\ne .f = 3\n\tg\t=\t"v"\t# tab\n';
    const { statements, problem } = read(text);
    expect(problem).toBeUndefined();
    expect(statements.map((statement) => [statement.path, statement.value])).toEqual([
      [['a', 'b'], '1'],
      [['c', 'd'], '2'],
      [['e', 'f'], '3'],
      [['g'], '"v"'],
    ]);
    expect(scanToml(text).statements[3]?.indent).toBe('\t');
  });

  it('refuses a multi-line string as a key', () => {
    expect(scanToml('"""a""" = 1\n').problem?.reason).toBe('multi-line strings cannot be keys');
  });

  it('refuses a line with no key, or a key without "="', () => {
    expect(scanToml('= 1\n').problem).toEqual({ offset: 0, reason: 'expected a key at offset 0' });
    expect(scanToml('a 1\n').problem).toEqual({ offset: 2, reason: 'expected "=" at offset 2' });
    expect(scanToml('a = # nothing\n').problem).toEqual({ offset: 4, reason: 'expected a value at offset 4' });
  });
});

describe('scanToml: values are read exactly', () => {
  it('keeps a "#" inside a string out of the comment', () => {
    expect(valueText('a = "x # y" # c\n', ['a'])).toBe('"x # y"');
    expect(valueText("a = 'x # y' # c\n", ['a'])).toBe("'x # y'");
  });

  it('reads escaped quotes in basic strings, and a backslash as text in literal strings', () => {
    const text = 'a = "x\\"y" # c\nb = \'x\\\' # c\nc = 3\n';
    const { statements, problem } = read(text);
    expect(problem).toBeUndefined();
    expect(statements.map((statement) => statement.value)).toEqual(['"x\\"y"', "'x\\'", '3']);
  });

  it('reads multi-line strings whole, with escapes, inner quotes and quotes before the closing delimiter', () => {
    const text = [
      'a = """',
      'model = "fake"',
      '[providers.vllm]',
      '"""',
      'b = """a\\"""b"""',
      "c = '''a\\'''",
      'd = """x"""""',
      "e = '''y'''''",
      'f = 1',
      '',
    ].join('\n');
    const { statements, problem } = read(text);
    expect(problem).toBeUndefined();
    expect(statements.map((statement) => [statement.path.join('.'), statement.line, statement.value])).toEqual([
      ['a', 1, '"""\nmodel = "fake"\n[providers.vllm]\n"""'],
      ['b', 5, '"""a\\"""b"""'],
      ['c', 6, "'''a\\'''"],
      ['d', 7, '"""x"""""'],
      ['e', 8, "'''y'''''"],
      ['f', 9, '1'],
    ]);
  });

  it('reads arrays and inline tables across lines, past brackets in strings and comments', () => {
    const text = 'a = [1, "]", \'#\', # ] comment\n  2] # after\nt = { x = "}", y = \'#\' }\nu = { x = "#" }\nb = 2\n';
    const { statements, problem } = read(text);
    expect(problem).toBeUndefined();
    expect(statements.map((statement) => [statement.path.join('.'), statement.line, statement.value])).toEqual([
      ['a', 1, '[1, "]", \'#\', # ] comment\n  2]'],
      ['t', 3, '{ x = "}", y = \'#\' }'],
      ['u', 4, '{ x = "#" }'],
      ['b', 5, '2'],
    ]);
  });

  it('reads a bare value up to its comment, without the blanks before it', () => {
    expect(valueText('a = 1979-05-27 07:32:00   # c\n', ['a'])).toBe('1979-05-27 07:32:00');
    expect(valueText('a = 1\t\t# c\n', ['a'])).toBe('1');
    expect(valueText('a = 1 # c\n', ['a'])).toBe('1');
    expect(valueText('a = true  ', ['a'])).toBe('true');
  });

  it('ends a statement just past its line break, or at the end of the text', () => {
    for (const text of ['a = 1', 'a = 1  ', 'a = 1 # c', 'a = "s" # c']) {
      expect(scanToml(text)).toEqual({ statements: [expect.objectContaining({ end: text.length })] });
    }
    const crlf = 'a = 1\r\n\r\nb = 2\r\n';
    const scan = scanToml(crlf);
    expect(scan.problem).toBeUndefined();
    expect(scan.statements.map((statement) => [statement.line, statement.lineStart, statement.end])).toEqual([
      [1, 0, 7],
      [3, 9, 16],
    ]);
  });
});

describe('scanToml: tables and lines', () => {
  it('reads table and array-of-tables headers with blanks and quoted segments', () => {
    const text = '\n[ providers . "my.box" ]\nmodel = "m"\n  [[ plugins ]]\nname = "p"\n';
    expect(read(text)).toEqual({
      statements: [
        { kind: 'table', path: ['providers', 'my.box'], line: 2, value: '' },
        { kind: 'key', path: ['providers', 'my.box', 'model'], line: 3, value: '"m"' },
        { kind: 'array-table', path: ['plugins'], line: 4, value: '' },
        { kind: 'key', path: ['plugins', 'name'], line: 5, value: '"p"' },
      ],
      problem: undefined,
    });
  });

  it('refuses malformed headers and text after a header', () => {
    expect(scanToml('[a\n').problem?.reason).toBe('malformed table header');
    expect(scanToml('[[a]\n').problem?.reason).toBe('malformed table header');
    expect(scanToml('[a] x\n').problem).toEqual({ offset: 4, reason: 'unexpected text at offset 4' });
  });

  it('counts lines from a first empty line, and skips blank, comment-only and whitespace-only lines', () => {
    const text = '\n# c\n   \n\ta = 1\n  # c\nbbbbbbbbbb = 2\n   ';
    expect(read(text)).toEqual({
      statements: [
        { kind: 'key', path: ['a'], line: 4, value: '1' },
        { kind: 'key', path: ['b'.repeat(10)], line: 6, value: '2' },
      ],
      problem: undefined,
    });
  });
});

describe('scanToml: unreadable lines', () => {
  it('keeps the first problem and goes on with the next line', () => {
    const text = 'a = "open\nb = 1\nc d\ne = 2';
    expect(read(text)).toEqual({
      statements: [
        { kind: 'key', path: ['b'], line: 2, value: '1' },
        { kind: 'key', path: ['e'], line: 4, value: '2' },
      ],
      problem: { offset: 9, reason: 'unterminated string' },
    });
  });

  it('reports a string left open at the end of the text', () => {
    expect(scanToml('a = "open').problem).toEqual({ offset: 9, reason: 'unterminated string' });
  });

  it('resumes after an unterminated multi-line string, not inside it', () => {
    const text = 'a = """\nfoo = 1\n';
    expect(scanToml(text)).toEqual({
      statements: [],
      problem: { offset: text.length, reason: 'unterminated multi-line string' },
    });
  });

  it('reports an array left open', () => {
    expect(scanToml('a = [1, 2\n').problem).toEqual({ offset: 10, reason: 'unterminated array or inline table' });
  });

  it('makes the editor refuse a file it cannot read, with the reason', () => {
    expect(() => editTomlText('a = "open\n', [{ path: ['b'], value: 1 }])).toThrow(
      new TomlLayoutError('the editor cannot read it (unterminated string)'),
    );
  });
});

describe('startsWithPath', () => {
  it('is true for the path itself and its prefixes, false otherwise', () => {
    expect(startsWithPath(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(startsWithPath(['a', 'b'], ['a'])).toBe(true);
    expect(startsWithPath(['a', 'b'], [])).toBe(true);
    expect(startsWithPath(['a'], ['a', 'b'])).toBe(false);
    expect(startsWithPath(['a', 'c'], ['a', 'b'])).toBe(false);
  });
});

describe('keyLineIndex', () => {
  const text = '"" = 0\n[[p]]\nname = "a"\n[[p]]\nname = "b"\n[providers.x]\nmodel = "m"\n';
  const lineOf = keyLineIndex(text);

  it('gives the first line that writes a key', () => {
    expect(lineOf(['p', 'name'])).toBe(3);
    expect(lineOf(['p'])).toBe(2);
    expect(lineOf(['providers', 'x', 'model'])).toBe(7);
  });

  it('falls back to the nearest table written, else knows no line', () => {
    expect(lineOf(['providers', 'x', 'missing', 'deeper'])).toBe(6);
    expect(lineOf(['elsewhere'])).toBeUndefined();
    expect(lineOf([])).toBeUndefined();
  });
});
