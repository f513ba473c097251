import { describe, expect, it } from 'vitest';
import { createColors } from './colors.js';

describe('createColors', () => {
  it('wraps text in ANSI styles, and restores an outer style after a nested one closes', () => {
    const colors = createColors(true);
    expect(colors.red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(colors.bold(`a ${colors.dim('b')} c`)).toBe('\u001b[1ma \u001b[2mb\u001b[22m\u001b[1m c\u001b[22m');
    expect(colors.yellow(`w ${colors.cyan('c')} w`)).toBe('\u001b[33mw \u001b[36mc\u001b[33m w\u001b[39m');
  });

  it('is the identity when colour is off', () => {
    const colors = createColors(false);
    for (const apply of Object.values(colors)) expect(apply('plain')).toBe('plain');
  });
});
