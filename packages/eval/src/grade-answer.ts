import { resolve } from 'node:path';
import { z } from 'zod';
import { runGraderCommand } from './command-grader.js';
import type { Grader } from './eval-suite-schema.js';

/** A tool call in an answer: the tool's name and its arguments as sent (a JSON string). */
export interface AnswerToolCall {
  readonly name: string;
  readonly arguments: string;
}

/** What a route answered: its text and its tool calls. */
export interface EvalAnswer {
  readonly text: string;
  readonly toolCalls: readonly AnswerToolCall[];
}

/** One grader's verdict: pass or not, a score in [0, 1], and why it failed. */
export interface GraderVerdict {
  readonly type: Grader['type'];
  readonly pass: boolean;
  readonly score: number;
  readonly reason?: string;
}

/** Options of {@link gradeAnswer}. */
export interface GradeOptions {
  /** Allow `command` graders to run (default false: they fail with a reason, nothing runs). */
  readonly allowCommands?: boolean;
  /** Folder commands run in and their `cwd` is relative to (the suite's folder). */
  readonly suiteDir: string;
  /** Source of the allowlisted variables of a command (default `process.env`). */
  readonly parentEnv?: Readonly<Record<string, string | undefined>>;
}

/** Grade an answer with every grader of a case, in order (all of them run; the case passes when all pass). */
export async function gradeAnswer(
  graders: readonly Grader[],
  answer: EvalAnswer,
  options: GradeOptions,
): Promise<GraderVerdict[]> {
  const verdicts: GraderVerdict[] = [];
  for (const grader of graders) verdicts.push(await gradeOne(grader, answer, options));
  return verdicts;
}

async function gradeOne(grader: Grader, answer: EvalAnswer, options: GradeOptions): Promise<GraderVerdict> {
  const verdict = (pass: boolean, reason?: string): GraderVerdict => ({
    type: grader.type,
    pass,
    score: pass ? 1 : 0,
    ...(!pass && reason ? { reason } : {}),
  });
  switch (grader.type) {
    case 'exact': {
      const text = grader.trim ? answer.text.trim() : answer.text;
      const value = grader.trim ? grader.value.trim() : grader.value;
      return verdict(text === value, 'the answer is not exactly the expected text');
    }
    case 'contains': {
      const has = grader.ignore_case
        ? answer.text.toLowerCase().includes(grader.value.toLowerCase())
        : answer.text.includes(grader.value);
      return verdict(has, 'the answer does not contain the expected text');
    }
    case 'regex': {
      let pattern: RegExp;
      try {
        pattern = new RegExp(grader.pattern, grader.flags);
      } catch {
        return verdict(false, 'the pattern is not a valid regular expression');
      }
      return verdict(pattern.test(answer.text), 'the answer does not match the pattern');
    }
    case 'json-schema': {
      const value = parseJsonAnswer(answer.text);
      if (value === undefined) return verdict(false, 'the answer is not JSON');
      return checkSchema(grader.schema, value.value, verdict);
    }
    case 'tool-call': {
      const call = answer.toolCalls.find((candidate) => candidate.name === grader.name);
      if (!call)
        return verdict(
          false,
          answer.toolCalls.length === 0 ? 'the answer calls no tool' : `the answer does not call ${grader.name}`,
        );
      if (grader.arguments === undefined) return verdict(true);
      let args: unknown;
      try {
        args = JSON.parse(call.arguments === '' ? '{}' : call.arguments);
      } catch {
        return verdict(false, 'the tool call arguments are not JSON');
      }
      return checkSchema(grader.arguments, args, verdict);
    }
    case 'command': {
      if (options.allowCommands !== true)
        return verdict(false, 'command graders need allowCommands (--allow-commands)');
      const outcome = await runGraderCommand({
        argv: grader.argv,
        input: answer.text,
        cwd: resolve(options.suiteDir, grader.cwd ?? '.'),
        timeoutMs: grader.timeout_ms,
        ...(options.parentEnv ? { parentEnv: options.parentEnv } : {}),
      });
      return verdict(outcome.pass, outcome.reason);
    }
  }
}

/** The JSON value of an answer: the whole text, or the body of its one ```json fence; undefined when neither parses. */
export function parseJsonAnswer(text: string): { value: unknown } | undefined {
  const attempts = [text.trim()];
  const fence = /```(?:json)?\s*\n([\s\S]*?)\n?```/.exec(text);
  if (fence?.[1] !== undefined) attempts.push(fence[1].trim());
  for (const attempt of attempts) {
    try {
      return { value: JSON.parse(attempt) };
    } catch {
      // next
    }
  }
  return undefined;
}

const compiled = new WeakMap<object, z.ZodType | Error>();

function checkSchema(
  schema: Record<string, unknown>,
  value: unknown,
  verdict: (pass: boolean, reason?: string) => GraderVerdict,
): GraderVerdict {
  let validator = compiled.get(schema);
  if (validator === undefined) {
    try {
      validator = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
    } catch (error) {
      validator = error instanceof Error ? error : new Error('unsupported schema');
    }
    compiled.set(schema, validator);
  }
  if (validator instanceof Error)
    return verdict(false, `the grader's JSON Schema is not supported: ${validator.message.slice(0, 200)}`);
  const result = validator.safeParse(value);
  if (result.success) return verdict(true);
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return verdict(false, `${where}: ${issue?.message ?? 'does not match the schema'}`);
}
