import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVAL_ERROR_CODES, EvaluationError } from './eval-error.js';
import { evalCaseJsonSchema, evalSuiteJsonSchema } from './eval-suite-schema.js';
import { loadSuite } from './load-suite.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codewhale-eval-suite-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const goodCase = JSON.stringify({
  id: 'add',
  messages: [{ role: 'user', content: 'What is 2+3? Answer with the number only.' }],
  graders: [{ type: 'exact', value: '5' }],
});

async function failure(path: string): Promise<EvaluationError> {
  try {
    await loadSuite(path);
  } catch (error) {
    if (EvaluationError.isInstance(error)) return error as EvaluationError;
    throw error;
  }
  throw new Error('expected an EvaluationError');
}

describe('loadSuite', () => {
  it('loads a TOML suite and its cases, with defaults and both files hashed', async () => {
    writeFileSync(
      join(dir, 'suite.toml'),
      'name = "math"\ncases = "cases.jsonl"\nreasoning = "low"\n\n[settings]\nmax_output_tokens = 64\ntemperature = 0\nseed = 7\n',
    );
    writeFileSync(join(dir, 'cases.jsonl'), `${goodCase}\n\n// a comment\n`);
    const loaded = await loadSuite(join(dir, 'suite.toml'));
    expect(loaded.suite).toEqual({
      name: 'math',
      cases: 'cases.jsonl',
      reasoning: 'low',
      settings: { max_output_tokens: 64, temperature: 0, seed: 7 },
    });
    expect(loaded.cases).toHaveLength(1);
    expect(loaded.cases[0]?.graders[0]).toEqual({ type: 'exact', value: '5', trim: true });
    expect(loaded.suiteSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.casesSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('loads a JSON suite with a tool policy', async () => {
    writeFileSync(
      join(dir, 'suite.json'),
      JSON.stringify({
        name: 'tools',
        cases: 'cases.jsonl',
        tools: { choice: 'required', functions: [{ name: 'read_file', parameters: { type: 'object' } }] },
      }),
    );
    writeFileSync(join(dir, 'cases.jsonl'), goodCase);
    const loaded = await loadSuite(join(dir, 'suite.json'));
    expect(loaded.suite.tools?.choice).toBe('required');
    expect(loaded.suite.settings).toEqual({});
  });

  it('names file, line, field and fix for a wrong suite value and an unknown key', async () => {
    writeFileSync(
      join(dir, 'suite.toml'),
      'name = "math"\ncases = "cases.jsonl"\n\n[settings]\nmax_output_tokens = -3\ntemprature = 0\n',
    );
    writeFileSync(join(dir, 'cases.jsonl'), goodCase);
    const error = await failure(join(dir, 'suite.toml'));
    expect(error.code).toBe(EVAL_ERROR_CODES.SUITE_INVALID);
    expect(error.issues).toEqual([
      expect.objectContaining({ file: join(dir, 'suite.toml'), line: 5, field: 'settings.max_output_tokens' }),
      expect.objectContaining({ line: 6, field: 'settings', message: expect.stringContaining('"temprature"') }),
    ]);
    expect(error.message).toContain(`${join(dir, 'suite.toml')}:5: settings.max_output_tokens`);
    expect(error.hint).toContain('evalSuiteJsonSchema');
  });

  it('names the line of a TOML syntax error', async () => {
    writeFileSync(join(dir, 'suite.toml'), 'name = "math"\ncases = cases.jsonl\n');
    const error = await failure(join(dir, 'suite.toml'));
    expect(error.code).toBe(EVAL_ERROR_CODES.SUITE_SYNTAX);
    expect(error.line).toBe(2);
  });

  it('names the line and field of a bad case, a non-JSON line and a duplicate id', async () => {
    writeFileSync(join(dir, 'suite.toml'), 'name = "math"\ncases = "cases.jsonl"\n');
    writeFileSync(
      join(dir, 'cases.jsonl'),
      `${goodCase}\n${JSON.stringify({ id: 'b', messages: [{ role: 'user', content: 'x' }], graders: [{ type: 'regex', pattern: 'a', flags: 'g' }] })}\n${goodCase}\n`,
    );
    const error = await failure(join(dir, 'suite.toml'));
    expect(error.code).toBe(EVAL_ERROR_CODES.SUITE_INVALID);
    expect(error.issues).toEqual([
      expect.objectContaining({ file: join(dir, 'cases.jsonl'), line: 2, field: 'graders.0.flags' }),
      expect.objectContaining({ line: 3, field: 'id', message: expect.stringContaining('first on line 1') }),
    ]);
    writeFileSync(join(dir, 'cases.jsonl'), `${goodCase}\n{"id": "x",\n`);
    const syntax = await failure(join(dir, 'suite.toml'));
    expect(syntax).toMatchObject({ code: EVAL_ERROR_CODES.SUITE_SYNTAX, line: 2, file: join(dir, 'cases.jsonl') });
  });

  it('says which field names a missing cases file', async () => {
    writeFileSync(join(dir, 'suite.toml'), 'name = "math"\ncases = "nope.jsonl"\n');
    const error = await failure(join(dir, 'suite.toml'));
    expect(error).toMatchObject({
      code: EVAL_ERROR_CODES.SUITE_UNREADABLE,
      field: 'cases',
      file: join(dir, 'suite.toml'),
    });
  });

  it('publishes JSON Schemas of the suite and of a case', () => {
    const suite = evalSuiteJsonSchema();
    expect(suite).toMatchObject({ $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object' });
    expect(Object.keys(suite.properties as object)).toEqual(
      expect.arrayContaining(['name', 'cases', 'reasoning', 'settings', 'tools']),
    );
    expect(JSON.stringify(evalCaseJsonSchema())).toContain('"json-schema"');
  });
});
