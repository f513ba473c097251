import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../test-utils/cli-harness.js';
import { EXIT_CODES } from './exit-codes.js';
import { ageInDays, colorEnabled, renderTable, shortAge, visibleWidth } from './output.js';

describe('colour decision', () => {
  it('colours only a terminal, never with NO_COLOR, --no-color or TERM=dumb; FORCE_COLOR forces it on', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(colorEnabled(tty, {}, false)).toBe(true);
    expect(colorEnabled(pipe, {}, false)).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '1' }, false)).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' }, false)).toBe(true);
    expect(colorEnabled(tty, {}, true)).toBe(false);
    expect(colorEnabled(tty, { TERM: 'dumb' }, false)).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: '0' }, false)).toBe(false);
    expect(colorEnabled(tty, { FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(false);
  });

  // @see issue 14 item 2 (CLI polish): the BSD/macOS convention, under NO_COLOR and --no-color.
  it('follows CLICOLOR (0: no colour on a terminal) and CLICOLOR_FORCE (colour without one); NO_COLOR and --no-color still win', () => {
    const tty = { isTTY: true };
    const pipe = { isTTY: false };
    expect(colorEnabled(tty, { CLICOLOR: '0' }, false)).toBe(false);
    expect(colorEnabled(tty, { CLICOLOR: '1' }, false)).toBe(true);
    expect(colorEnabled(tty, { CLICOLOR: '' }, false)).toBe(true);
    expect(colorEnabled(pipe, { CLICOLOR: '1' }, false)).toBe(false);
    expect(colorEnabled(pipe, { CLICOLOR_FORCE: '1' }, false)).toBe(true);
    expect(colorEnabled(pipe, { CLICOLOR_FORCE: 'yes' }, false)).toBe(true);
    expect(colorEnabled(pipe, { CLICOLOR_FORCE: '0' }, false)).toBe(false);
    expect(colorEnabled(pipe, { CLICOLOR_FORCE: '' }, false)).toBe(false);
    expect(colorEnabled(tty, { CLICOLOR_FORCE: '1', CLICOLOR: '0' }, false)).toBe(true);
    expect(colorEnabled(tty, { TERM: 'dumb', CLICOLOR_FORCE: '1' }, false)).toBe(true);
    expect(colorEnabled(pipe, { CLICOLOR_FORCE: '1', NO_COLOR: '1' }, false)).toBe(false);
    expect(colorEnabled(pipe, { CLICOLOR_FORCE: '1' }, true)).toBe(false);
  });
});

// @see issue 14 item 2 (CLI polish): the binary, with its output a pipe (never a terminal here).
describe('colour of the binary through a pipe', () => {
  const sandbox = createSandbox();
  afterAll(() => sandbox.cleanup());
  const ESC = '\u001b[';

  it('is off by default and with CLICOLOR=1, on with CLICOLOR_FORCE=1 (stdout and stderr)', async () => {
    for (const env of [{}, { CLICOLOR: '1' }, { CLICOLOR_FORCE: '0' }] as Record<string, string>[])
      expect((await sandbox.run(['compare', 'deepseek-v4-pro'], { env })).stdout).not.toContain(ESC);
    const forced = await sandbox.run(['compare', 'deepseek-v4-pro'], { env: { CLICOLOR_FORCE: '1' } });
    expect(forced.code).toBe(EXIT_CODES.ok);
    expect(forced.stdout).toContain(ESC);
    const failed = await sandbox.run(['compare', 'no-such-model'], { env: { CLICOLOR_FORCE: '1' } });
    expect(failed.code).toBe(EXIT_CODES.resolution);
    expect(failed.stderr).toMatch(/^\u001b\[31merror\u001b\[39m: /);
  });

  it('stays off with CLICOLOR_FORCE=1 under NO_COLOR, --no-color or --json', async () => {
    for (const [args, env] of [
      [['compare', 'deepseek-v4-pro'], { CLICOLOR_FORCE: '1', NO_COLOR: '1' }],
      [['compare', 'deepseek-v4-pro', '--no-color'], { CLICOLOR_FORCE: '1' }],
      [['compare', 'deepseek-v4-pro', '--json'], { CLICOLOR_FORCE: '1' }],
      [['compare', 'no-such-model'], { CLICOLOR_FORCE: '1', NO_COLOR: '1' }],
    ] as const) {
      const run = await sandbox.run(args, { env });
      expect({ args, env, coloured: (run.stdout + run.stderr).includes(ESC) }).toEqual({ args, env, coloured: false });
    }
  });
});

describe('text helpers', () => {
  it('aligns columns, ignoring ANSI codes', () => {
    expect(visibleWidth('\u001b[1mab\u001b[22m')).toBe(2);
    expect(
      renderTable(
        [
          ['a', 'bb', 'c'],
          ['\u001b[1mlong\u001b[22m', 'x', 'y'],
        ],
        { right: [1] },
      ),
    ).toBe('a     bb  c\n\u001b[1mlong\u001b[22m   x  y');
  });

  it('measures ages', () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    expect(ageInDays('2026-11-01', now)).toBe(20);
    expect(ageInDays('not a date', now)).toBeUndefined();
    expect(shortAge('2026-11-21T11:58:00Z', now)).toBe('2m');
  });
});
