// @see issue 13 item 8: the one sanitiser for text on its way to a terminal.
import { describe, expect, it } from 'vitest';
import { STYLE_SEQUENCES, createColors } from './colors.js';
import { sanitizeTerminalText, terminalSafeJson } from './terminal-text.js';

describe('sanitizeTerminalText', () => {
  it('shows every control character as a visible escape and leaves printable text alone', () => {
    expect(sanitizeTerminalText('a\u001b[2Jb\u001b]0;title\u0007c\u009b31md\u0000e\u007ff')).toBe(
      'a\\x1b[2Jb\\x1b]0;title\\x07c\\x9b31md\\x00e\\x7ff',
    );
    expect(sanitizeTerminalText('one\r\ntwo\tthree')).toBe('one\\r\\ntwo\\tthree');
    expect(sanitizeTerminalText('bidi\u202egnp.exe \u2066x\u2069 \u2028')).toBe(
      'bidi\\u202egnp.exe \\u2066x\\u2069 \\u2028',
    );
    expect(sanitizeTerminalText('deepseek-ai/DeepSeek-V4-Pro · 1,048,576 ✓ 模型 ü')).toBe(
      'deepseek-ai/DeepSeek-V4-Pro · 1,048,576 ✓ 模型 ü',
    );
  });

  it('keeps line feeds and tabs with layout, never a carriage return', () => {
    expect(sanitizeTerminalText('a\nb\tc\rd', { layout: true })).toBe('a\nb\tc\\rd');
  });

  it('passes only the sequences it is told to keep', () => {
    const red = createColors(true).red('ok');
    expect(
      sanitizeTerminalText(`${red} \u001b[5A\u001b]52;c;AAAA\u0007`, { layout: true, keep: STYLE_SEQUENCES }),
    ).toBe(`${red} \\x1b[5A\\x1b]52;c;AAAA\\x07`);
    expect(sanitizeTerminalText('\u001b[38;5;1mx\u001b[49m', { keep: STYLE_SEQUENCES })).toBe(
      '\\x1b[38;5;1mx\\x1b[49m',
    );
  });
});

describe('terminalSafeJson', () => {
  it('escapes what JSON.stringify leaves raw, and parses to the same value', () => {
    const value = { id: 'a\u009b2J\u001b]0;t\u0007\u202e\u2028\u007f' };
    const text = terminalSafeJson(JSON.stringify(value));
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
