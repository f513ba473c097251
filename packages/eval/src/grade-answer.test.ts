import { describe, expect, it } from 'vitest';
import { evalCaseSchema, type Grader } from './eval-suite-schema.js';
import { gradeAnswer, parseJsonAnswer, type EvalAnswer } from './grade-answer.js';

/** A grader as the schema fills it in (defaults applied). */
function grader(input: Record<string, unknown>): Grader {
  return evalCaseSchema.parse({ id: 'x', messages: [{ role: 'user', content: 'q' }], graders: [input] })
    .graders[0] as Grader;
}
const text = (value: string): EvalAnswer => ({ text: value, toolCalls: [] });
const one = async (input: Record<string, unknown>, answer: EvalAnswer) =>
  (await gradeAnswer([grader(input)], answer, { suiteDir: '.' }))[0];

describe('graders', () => {
  it('exact compares trimmed text unless trim is false', async () => {
    expect(await one({ type: 'exact', value: '5' }, text(' 5\n'))).toEqual({ type: 'exact', pass: true, score: 1 });
    expect(await one({ type: 'exact', value: '5', trim: false }, text(' 5\n'))).toMatchObject({
      pass: false,
      score: 0,
    });
    expect(await one({ type: 'exact', value: '5' }, text('6'))).toMatchObject({
      pass: false,
      reason: 'the answer is not exactly the expected text',
    });
  });

  it('contains, with and without case', async () => {
    expect(await one({ type: 'contains', value: 'return' }, text('def f():\n  return 1'))).toMatchObject({
      pass: true,
    });
    expect(await one({ type: 'contains', value: 'RETURN' }, text('return 1'))).toMatchObject({ pass: false });
    expect(await one({ type: 'contains', value: 'RETURN', ignore_case: true }, text('return 1'))).toMatchObject({
      pass: true,
    });
  });

  it('regex with flags', async () => {
    expect(await one({ type: 'regex', pattern: '^def \\w+\\(', flags: 'm' }, text('x\ndef add(a, b):'))).toMatchObject({
      pass: true,
    });
    expect(await one({ type: 'regex', pattern: '^def' }, text('x\ndef add'))).toMatchObject({ pass: false });
    expect(await one({ type: 'regex', pattern: '(' }, text('x'))).toMatchObject({
      pass: false,
      reason: 'the pattern is not a valid regular expression',
    });
  });

  it('json-schema validates structured output, fenced or not', async () => {
    const schema = {
      type: 'object',
      properties: { name: { type: 'string' }, version: { type: 'string', pattern: '^\\d+\\.\\d+\\.\\d+$' } },
      required: ['name', 'version'],
    };
    expect(await one({ type: 'json-schema', schema }, text('{"name":"a","version":"1.2.3"}'))).toMatchObject({
      pass: true,
    });
    expect(
      await one({ type: 'json-schema', schema }, text('Here:\n```json\n{"name":"a","version":"1.2.3"}\n```')),
    ).toMatchObject({ pass: true });
    expect(await one({ type: 'json-schema', schema }, text('{"name":"a","version":"one"}'))).toMatchObject({
      pass: false,
      reason: expect.stringMatching(/^version: /),
    });
    expect(await one({ type: 'json-schema', schema }, text('{"name":"a"}'))).toMatchObject({ pass: false });
    expect(await one({ type: 'json-schema', schema }, text('not json'))).toMatchObject({
      pass: false,
      reason: 'the answer is not JSON',
    });
    expect(parseJsonAnswer(' [1, 2] ')).toEqual({ value: [1, 2] });
  });

  it('tool-call checks the tool name and its arguments shape', async () => {
    const calls: EvalAnswer = { text: '', toolCalls: [{ name: 'read_file', arguments: '{"path":"src/a.ts"}' }] };
    const shape = { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] };
    expect(await one({ type: 'tool-call', name: 'read_file', arguments: shape }, calls)).toMatchObject({ pass: true });
    expect(await one({ type: 'tool-call', name: 'read_file' }, calls)).toMatchObject({ pass: true });
    expect(await one({ type: 'tool-call', name: 'write_file' }, calls)).toMatchObject({
      pass: false,
      reason: 'the answer does not call write_file',
    });
    expect(
      await one(
        { type: 'tool-call', name: 'read_file', arguments: shape },
        { text: '', toolCalls: [{ name: 'read_file', arguments: '{"file":1}' }] },
      ),
    ).toMatchObject({ pass: false });
    expect(await one({ type: 'tool-call', name: 'read_file' }, text('I would read it'))).toMatchObject({
      pass: false,
      reason: 'the answer calls no tool',
    });
  });

  it('command graders fail without allowCommands, and nothing runs', async () => {
    expect(await one({ type: 'command', argv: ['definitely-not-a-program-x'] }, text('x'))).toMatchObject({
      pass: false,
      reason: 'command graders need allowCommands (--allow-commands)',
    });
  });

  it('every grader runs; the verdicts come in order', async () => {
    const verdicts = await gradeAnswer(
      [grader({ type: 'contains', value: 'a' }), grader({ type: 'contains', value: 'z' })],
      text('abc'),
      { suiteDir: '.' },
    );
    expect(verdicts.map((verdict) => verdict.pass)).toEqual([true, false]);
  });
});
