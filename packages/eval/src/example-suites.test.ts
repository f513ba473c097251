import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeAnswer, type EvalAnswer } from './grade-answer.js';
import { loadSuite } from './load-suite.js';
import { gitState } from './run-eval.js';

const examples = fileURLToPath(new URL('../../../examples/eval-suites/', import.meta.url));
const hasPython = (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const text = (value: string): EvalAnswer => ({ text: value, toolCalls: [] });
/** A right answer per example case: every example's graders must accept it. */
const RIGHT: Record<string, EvalAnswer> = {
  'py-add': text('```python\ndef add(a, b):\n    return a + b\n```'),
  'py-reverse': text('def reverse(s):\n    return s[::-1]'),
  'ts-type': text('type Item = { id: string; count?: number };'),
  'off-by-one': text(
    '{"findings":[{"line":3,"severity":"bug","message":"i <= xs.length reads past the end (off by one)"}]}',
  ),
  'clean-diff': text('{"findings":[]}'),
  'jsdoc-one-line': text('/** Clamp a value between min and max. */'),
  'readme-install': text('## Install\n\n```sh\nnpm install @acme/widgets\n```'),
  'run-typecheck': { text: '', toolCalls: [{ name: 'run_check', arguments: '{"check":"typecheck"}' }] },
  'changelog-entry': text('{"version":"2.4.0","changes":[{"type":"fix","text":"No crash on an empty config file."}]}'),
  'needle-date': text('2027-03-14'),
  'count-lines': text('60'),
};

describe('example suites (examples/eval-suites)', () => {
  const suites = [
    ['coding', 'suite.toml'],
    ['review', 'suite.toml'],
    ['docs', 'suite.toml'],
    ['release-checks', 'suite.json'],
    ['long-context', 'suite.toml'],
  ] as const;

  it.each(suites)(
    '%s loads, and its graders accept a right answer and reject a wrong one',
    async (name, file) => {
      const loaded = await loadSuite(join(examples, name, file));
      expect(loaded.suite.name).toBe(name);
      for (const evalCase of loaded.cases) {
        const right = RIGHT[evalCase.id];
        expect(right, `a right answer for ${evalCase.id}`).toBeDefined();
        const usesCommand = evalCase.graders.some((grader) => grader.type === 'command');
        if (usesCommand && !hasPython) continue;
        const options = { suiteDir: loaded.dir, allowCommands: true };
        const verdicts = await gradeAnswer(evalCase.graders, right as EvalAnswer, options);
        expect(
          verdicts.filter((verdict) => !verdict.pass),
          evalCase.id,
        ).toEqual([]);
        const wrong = await gradeAnswer(evalCase.graders, text('I cannot help with that.'), options);
        expect(
          wrong.some((verdict) => !verdict.pass),
          evalCase.id,
        ).toBe(true);
      }
    },
    60_000,
  );

  it('covers every grader type and a tool policy', async () => {
    const types = new Set<string>();
    let tools = 0;
    for (const [name, file] of suites) {
      const loaded = await loadSuite(join(examples, name, file));
      if (loaded.suite.tools) tools++;
      for (const evalCase of loaded.cases) for (const grader of evalCase.graders) types.add(grader.type);
    }
    expect([...types].sort()).toEqual(['command', 'contains', 'exact', 'json-schema', 'regex', 'tool-call']);
    expect(tools).toBe(1);
  });

  it('reads the git revision of a suite folder in a checkout, and nothing outside one', async () => {
    const state = await gitState(join(examples, 'coding'));
    if (state) expect(state.git.revision).toMatch(/^[0-9a-f]{40,64}$/);
    const outside = await gitState('/');
    expect(outside).toBeUndefined();
  });
});
