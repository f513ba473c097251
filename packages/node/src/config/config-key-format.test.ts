import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { formatConfigKey, tomlString } from './config-key-format.js';

describe('tomlString', () => {
  it('writes the named escapes for backspace, tab, newline, form feed and carriage return', () => {
    expect(tomlString('a\bb\tc\nd\fe\rf')).toBe('"a\\bb\\tc\\nd\\fe\\rf"');
  });

  it('writes \\uXXXX for the other control characters and DEL, so the value reads back unchanged', () => {
    const value = 'x\u0000y\u001bz\u007f';
    expect(tomlString(value)).toBe('"x\\u0000y\\u001bz\\u007f"');
    expect(parse(`k = ${tomlString(value)}`)).toEqual({ k: value });
  });
});

describe('formatConfigKey', () => {
  it('writes bare segments as they are and quotes any other segment whole', () => {
    expect(formatConfigKey(['providers', 'nvidia-nim', 'max_output'])).toBe('providers.nvidia-nim.max_output');
    expect(formatConfigKey(['providers', 'my.box', 'model'])).toBe('providers."my.box".model');
    expect(formatConfigKey(['providers', 'my box'])).toBe('providers."my box"');
    expect(formatConfigKey(['providers', '.box'])).toBe('providers.".box"');
  });
});
