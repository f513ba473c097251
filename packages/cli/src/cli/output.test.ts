import { describe, expect, it } from 'vitest';
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
});

describe('text helpers', () => {
  it('aligns columns, ignoring ANSI codes', () => {
    expect(visibleWidth('\u001b[1mab\u001b[22m')).toBe(2);
    expect(renderTable([['a', 'bb', 'c'], ['\u001b[1mlong\u001b[22m', 'x', 'y']], { right: [1] })).toBe('a     bb  c\n\u001b[1mlong\u001b[22m   x  y');
  });

  it('measures ages', () => {
    const now = Date.parse('2026-11-21T12:00:00Z');
    expect(ageInDays('2026-11-01', now)).toBe(20);
    expect(ageInDays('not a date', now)).toBeUndefined();
    expect(shortAge('2026-11-21T11:58:00Z', now)).toBe('2m');
  });
});
