import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graderCommandEnv, runGraderCommand } from './command-grader.js';
import { evalCaseSchema, type Grader } from './eval-suite-schema.js';
import { gradeAnswer } from './grade-answer.js';

const CANARY = 'sk-canary-eval-3f9a1c77';
const node = process.execPath;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'codewhale-eval-cmd-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie still answers kill(0): read its state where /proc exists.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

describe('command graders', () => {
  it('pass on exit 0 with the answer on stdin, fail with the exit code and the start of stderr', async () => {
    const check = `let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{if(s.trim()==='42')process.exit(0);console.error('got '+s.trim());process.exit(3)})`;
    expect(await runGraderCommand({ argv: [node, '-e', check], input: '42\n', cwd: dir, timeoutMs: 30_000 })).toEqual({
      pass: true,
      exitCode: 0,
      timedOut: false,
    });
    expect(await runGraderCommand({ argv: [node, '-e', check], input: '41', cwd: dir, timeoutMs: 30_000 })).toEqual({
      pass: false,
      exitCode: 3,
      timedOut: false,
      reason: 'exit 3: got 41',
    });
  });

  it('cannot read a key planted in the parent environment', async () => {
    const planted = { OPENAI_API_KEY: CANARY, TOGETHER_API_KEY: CANARY, PATH: process.env.PATH, HOME: dir };
    expect(graderCommandEnv(planted)).toEqual({ PATH: process.env.PATH, HOME: dir });
    const out = join(dir, 'env.json');
    const dump = `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(process.env))`;
    // The default source is this process's environment: plant the key there too.
    process.env.CODEWHALE_EVAL_TEST_KEY = CANARY;
    try {
      const outcome = await runGraderCommand({ argv: [node, '-e', dump], input: '', cwd: dir, timeoutMs: 30_000 });
      expect(outcome.pass).toBe(true);
      const seen = readFileSync(out, 'utf8');
      expect(seen).not.toContain(CANARY);
      expect(
        Object.keys(JSON.parse(seen)).every((name) =>
          ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'TZ'].includes(name),
        ),
      ).toBe(true);
      const withPlanted = await runGraderCommand({
        argv: [node, '-e', dump],
        input: '',
        cwd: dir,
        timeoutMs: 30_000,
        parentEnv: planted,
      });
      expect(withPlanted.pass).toBe(true);
      expect(readFileSync(out, 'utf8')).not.toContain(CANARY);
    } finally {
      delete process.env.CODEWHALE_EVAL_TEST_KEY;
    }
  });

  it('cannot outlive its timeout: the process group is killed, children included', async () => {
    const pids = join(dir, 'pids');
    const script = `const {spawn}=require('child_process');const c=spawn(process.execPath,['-e','setInterval(()=>{},1000)'],{stdio:'ignore'});require('fs').writeFileSync(${JSON.stringify(pids)},process.pid+' '+c.pid);setInterval(()=>{},1000)`;
    // Long enough for the command to start and write its pids on a loaded 2-core machine (Node alone can take seconds).
    const outcome = await runGraderCommand({ argv: [node, '-e', script], input: '', cwd: dir, timeoutMs: 6000 });
    expect(outcome).toMatchObject({ pass: false, timedOut: true, reason: 'timed out after 6000 ms (killed)' });
    const [parent, child] = readFileSync(pids, 'utf8').split(' ').map(Number);
    const deadline = Date.now() + 10_000;
    while ((alive(parent as number) || alive(child as number)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(alive(parent as number)).toBe(false);
    expect(alive(child as number)).toBe(false);
  }, 30_000);

  it('runs without a shell: metacharacters are plain arguments', async () => {
    const marker = join(dir, 'pwned');
    const argument = `$(touch ${marker}); touch ${marker}`;
    const outcome = await runGraderCommand({
      argv: [node, '-e', `process.exit(process.argv[1]===${JSON.stringify(argument)}?0:1)`, argument],
      input: '',
      cwd: dir,
      timeoutMs: 30_000,
    });
    expect(outcome.pass).toBe(true);
    expect(existsSync(marker)).toBe(false);
  });

  it('a program that does not exist fails with its reason', async () => {
    const outcome = await runGraderCommand({
      argv: ['codewhale-no-such-program-x'],
      input: '',
      cwd: dir,
      timeoutMs: 30_000,
    });
    expect(outcome).toMatchObject({
      pass: false,
      timedOut: false,
      reason: 'could not start codewhale-no-such-program-x: ENOENT',
    });
  });

  it('through gradeAnswer with allowCommands, in the suite folder', async () => {
    const grader = evalCaseSchema.parse({
      id: 'x',
      messages: [{ role: 'user', content: 'q' }],
      graders: [{ type: 'command', argv: [node, '-e', `process.exit(process.cwd()===${JSON.stringify(dir)}?0:1)`] }],
    }).graders[0] as Grader;
    const [verdict] = await gradeAnswer([grader], { text: 'x', toolCalls: [] }, { suiteDir: dir, allowCommands: true });
    expect(verdict).toEqual({ type: 'command', pass: true, score: 1 });
  });
});
