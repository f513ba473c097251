import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { EVAL_ERROR_CODES, EvaluationError, type EvalIssue } from './eval-error.js';
import { evalCaseSchema, evalSuiteSchema, type EvalCase, type EvalSuite } from './eval-suite-schema.js';

/** Largest suite or cases file read (suites are small; long-context cases included). */
export const SUITE_MAX_BYTES = 16 * 1024 * 1024;

/** A suite as loaded: where it is, what it says, its cases, and the SHA-256 of both files. */
export interface LoadedSuite {
  /** Absolute path of the suite file. */
  readonly file: string;
  /** The suite file's folder (commands and the cases file are relative to it). */
  readonly dir: string;
  /** Absolute path of the cases file. */
  readonly casesFile: string;
  readonly suite: EvalSuite;
  /** The cases, in file order. */
  readonly cases: readonly EvalCase[];
  /** SHA-256 (hex) of the suite file's bytes. */
  readonly suiteSha256: string;
  /** SHA-256 (hex) of the cases file's bytes. */
  readonly casesSha256: string;
}

/**
 * Load and validate a suite (`.toml` or `.json`) and its cases file (JSON Lines: one case per line, blank lines and
 * lines starting with `//` skipped). Every problem throws an {@link EvaluationError} naming file, line, field and fix:
 * `EVAL_SUITE_UNREADABLE`, `EVAL_SUITE_SYNTAX`, `EVAL_SUITE_INVALID` (all schema issues at once, duplicate case ids too).
 */
export async function loadSuite(path: string): Promise<LoadedSuite> {
  const file = resolve(path);
  const suiteBytes = await readBounded(file, 'suite');
  const text = suiteBytes.toString('utf8');
  const isJson = extname(file).toLowerCase() === '.json';
  let raw: unknown;
  try {
    raw = isJson ? JSON.parse(text) : parseToml(text);
  } catch (error) {
    const line = error instanceof TomlError ? error.line : jsonErrorLine(text, error);
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? 'invalid') : 'invalid';
    throw new EvaluationError(
      EVAL_ERROR_CODES.SUITE_SYNTAX,
      `${file}${line !== undefined ? `:${line}` : ''}: the suite is not valid ${isJson ? 'JSON' : 'TOML'} (${reason}).`,
      {
        file,
        ...(line !== undefined ? { line } : {}),
        hint: isJson
          ? 'Fix the JSON at that line (double-quoted keys, no trailing commas).'
          : 'Fix the TOML at that line: each line is key = value, strings in double quotes, tables as [settings].',
      },
    );
  }
  const parsed = evalSuiteSchema.safeParse(raw);
  if (!parsed.success) {
    const lineOf = isJson ? jsonKeyLine(text) : tomlKeyLine(text);
    throw invalid(
      file,
      issuesOf(parsed.error, file, (field) => lineOf(field)),
    );
  }
  const suite = parsed.data;
  const dir = dirname(file);
  const casesFile = resolve(dir, suite.cases);
  const casesBytes = await readBounded(casesFile, 'cases', file);
  const cases = parseCases(casesFile, casesBytes.toString('utf8'));
  return {
    file,
    dir,
    casesFile,
    suite,
    cases,
    suiteSha256: sha256Hex(suiteBytes),
    casesSha256: sha256Hex(casesBytes),
  };
}

/** Parse the text of a cases file (JSON Lines); `file` names it in errors. Throws {@link EvaluationError}. */
export function parseCases(file: string, text: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const issues: EvalIssue[] = [];
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineText = (lines[index] as string).trim();
    if (lineText === '' || lineText.startsWith('//')) continue;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      throw new EvaluationError(
        EVAL_ERROR_CODES.SUITE_SYNTAX,
        `${file}:${line}: this line is not JSON (${error instanceof Error ? error.message : 'invalid'}).`,
        {
          file,
          line,
          hint: 'Each line of a cases file is one whole case as a JSON object (JSON Lines); do not wrap lines.',
        },
      );
    }
    const parsed = evalCaseSchema.safeParse(value);
    if (!parsed.success) {
      issues.push(...issuesOf(parsed.error, file, () => line));
      continue;
    }
    const earlier = seen.get(parsed.data.id);
    if (earlier !== undefined) {
      issues.push({
        file,
        line,
        field: 'id',
        message: `duplicate case id "${parsed.data.id}" (first on line ${earlier}); give each case its own id`,
      });
      continue;
    }
    seen.set(parsed.data.id, line);
    cases.push(parsed.data);
  }
  if (issues.length > 0) throw invalid(file, issues);
  if (cases.length === 0)
    throw new EvaluationError(EVAL_ERROR_CODES.SUITE_INVALID, `${file}: the cases file holds no case.`, {
      file,
      hint: 'Add at least one case: one JSON object per line with id, messages and graders.',
    });
  return cases;
}

/** SHA-256 (hex) of bytes or text. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

async function readBounded(file: string, what: 'suite' | 'cases', suiteFile?: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EvaluationError(
      EVAL_ERROR_CODES.SUITE_UNREADABLE,
      `The ${what} file ${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'error'})`}.`,
      {
        file: suiteFile ?? file,
        ...(suiteFile ? { field: 'cases' } : {}),
        hint: suiteFile
          ? `Fix \`cases\` in ${basename(suiteFile)}: it names the cases file, relative to the suite file's folder.`
          : 'Check the path of the suite file (a .toml or .json file).',
      },
      { cause: error },
    );
  }
  if (bytes.byteLength > SUITE_MAX_BYTES)
    throw new EvaluationError(EVAL_ERROR_CODES.SUITE_UNREADABLE, `The ${what} file ${file} is larger than 16 MiB.`, {
      file,
      hint: 'Split the suite into smaller suites.',
    });
  return bytes;
}

function invalid(file: string, issues: readonly EvalIssue[]): EvaluationError {
  const first = issues[0];
  const lines = issues.map(
    (issue) => `  ${issue.file}${issue.line !== undefined ? `:${issue.line}` : ''}: ${issue.field}: ${issue.message}`,
  );
  return new EvaluationError(
    EVAL_ERROR_CODES.SUITE_INVALID,
    `${issues.length === 1 ? 'A field does' : `${issues.length} fields do`} not match the eval suite schema:\n${lines.join('\n')}`,
    {
      file: first?.file ?? file,
      ...(first?.line !== undefined ? { line: first.line } : {}),
      ...(first ? { field: first.field } : {}),
      issues,
      hint: 'Fix each field listed (the schemas: evalSuiteJsonSchema(), evalCaseJsonSchema(); see docs/comparing-routes.md).',
    },
  );
}

function issuesOf(
  error: z.ZodError,
  file: string,
  lineOf: (field: readonly PropertyKey[]) => number | undefined,
): EvalIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path;
    let message = issue.message;
    if (issue.code === 'unrecognized_keys')
      message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
    else if (issue.code === 'invalid_type' && issue.message.includes('received undefined'))
      message = `missing: add it (${issue.message})`;
    else if (issue.code === 'invalid_union' && path.at(-1) === 'type')
      message = 'unknown grader type: use exact, contains, regex, json-schema, tool-call or command';
    const field = path.length > 0 ? path.map(String).join('.') : '(top level)';
    const fullPath = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...path, issue.keys[0]] : path;
    const line = lineOf(fullPath) ?? lineOf(path);
    return { file, ...(line !== undefined ? { line } : {}), field, message };
  });
}

/** The line of a dotted key in simple TOML (headers and `key =` pairs; arrays of tables by index). */
function tomlKeyLine(text: string): (path: readonly PropertyKey[]) => number | undefined {
  const entries: { path: string; line: number }[] = [];
  const counters = new Map<string, number>();
  let table = '';
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] as string).trim();
    const header = /^\[\[\s*([^\]]+?)\s*\]\]/.exec(line) ?? /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (header) {
      const name = (header[1] as string).replace(/\s*\.\s*/g, '.').replace(/"/g, '');
      if (line.startsWith('[[')) {
        const n = counters.get(name) ?? 0;
        counters.set(name, n + 1);
        table = `${name}.${n}`;
      } else table = name;
      entries.push({ path: table, line: index + 1 });
      continue;
    }
    const pair = /^("?)([A-Za-z0-9_.-]+)\1\s*=/.exec(line);
    if (pair) entries.push({ path: table ? `${table}.${pair[2]}` : (pair[2] as string), line: index + 1 });
  }
  return (path) => {
    for (let length = path.length; length > 0; length--) {
      const key = path.slice(0, length).map(String).join('.');
      const found = entries.find((entry) => entry.path === key);
      if (found) return found.line;
    }
    return undefined;
  };
}

/** The line of the last named key of a path in JSON text (the first occurrence of `"key"`; good enough for a suite). */
function jsonKeyLine(text: string): (path: readonly PropertyKey[]) => number | undefined {
  return (path) => {
    for (let index = path.length - 1; index >= 0; index--) {
      const key = path[index];
      if (typeof key !== 'string') continue;
      const at = text.indexOf(`"${key}"`);
      if (at !== -1) return text.slice(0, at).split('\n').length;
    }
    return undefined;
  };
}

function jsonErrorLine(text: string, error: unknown): number | undefined {
  const message = error instanceof Error ? error.message : '';
  const line = /line (\d+)/.exec(message);
  if (line) return Number(line[1]);
  const position = /position (\d+)/.exec(message);
  return position ? text.slice(0, Number(position[1])).split('\n').length : undefined;
}
