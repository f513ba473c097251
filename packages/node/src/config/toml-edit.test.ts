import fc from 'fast-check';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { editTomlText, TomlLayoutError, type ConfigValue } from './toml-edit.js';
import { scanToml } from './toml-scan.js';

/** A parsed value as plain JSON data (key order and prototypes aside; dates as their text). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The parsed text with `path` set to `value`, as a TOML parser would read the edited file. */
function withValue(text: string, path: readonly string[], value: ConfigValue): unknown {
  const config = parse(text) as Record<string, unknown>;
  let table = config;
  for (const segment of path.slice(0, -1)) {
    const next = table[segment];
    if (typeof next !== 'object' || next === null || Array.isArray(next) || next instanceof Date) table[segment] = {};
    table = table[segment] as Record<string, unknown>;
  }
  table[path.at(-1) as string] = Array.isArray(value) ? [...value] : value;
  return config;
}

// @see issue 14 item 1 (one piece of code per job): the one editor of config set and route persistence.
describe('editTomlText', () => {
  it('applies several sets in one pass, each on the text the previous one left', () => {
    const text = '# mine\nprovider = "deepseek" # default\n\n[providers.together]\n  base_url = "https://h/v1"\n';
    expect(
      editTomlText(text, [
        { path: ['provider'], value: 'together' },
        { path: ['providers', 'together', 'model'], value: 'm' },
        { path: ['providers', 'together', 'context_window'], value: 131_072 },
        { path: ['roles', 'summary', 'requires'], value: ['tools'] },
      ]),
    ).toBe(
      '# mine\nprovider = "together" # default\n\n[providers.together]\n  base_url = "https://h/v1"\n  model = "m"\n  context_window = 131072\n\n[roles.summary]\nrequires = ["tools"]\n',
    );
  });

  it('sets the intended key and keeps every other line in order, or refuses with a reason', () => {
    const segment = fc.constantFrom('together', 'vllm', 'roles', 'summary', 'model', '"my.box"', "'lit'", '"a\\x41"');
    const scalar = fc.constantFrom(
      '"text # not a comment"',
      "'[providers.vllm]'",
      '42',
      'false',
      '1979-05-27 07:32:00',
      '[1, 2,\n  3] # multi-line',
      '"""\nmodel = "fake"\n[providers.vllm]\n"""',
      '{ a = 1 }',
    );
    const line = fc.oneof(
      fc.constantFrom('# a comment', '', '  ', '\t# model = "x"'),
      fc
        .tuple(fc.constantFrom('', '  '), fc.array(segment, { minLength: 1, maxLength: 2 }), scalar)
        .map(([indent, key, value]) => `${indent}${key.join('.')} = ${value}`),
    );
    const header = fc.constantFrom(
      '',
      '[providers.vllm]',
      '  [providers.together]',
      '[providers]',
      '[roles.summary]',
      '[[plugins]]',
      '[ providers . "my.box" ]',
    );
    const path = fc.constantFrom(
      ['provider'],
      ['providers', 'vllm', 'model'],
      ['providers', 'my.box', 'model'],
      ['providers', 'together', 'base_url'],
      ['roles', 'summary', 'model'],
      ['providers', 'aA', 'model'],
    );
    const value = fc.oneof(
      fc.constantFrom<ConfigValue>('x', 'quote " and \\ and \n', 7, true, ['a', 'b']),
      fc.string({ maxLength: 8 }),
    );
    let edited = 0;
    fc.assert(
      fc.property(
        fc.array(fc.record({ header, lines: fc.array(line, { maxLength: 3 }) }), { maxLength: 4 }),
        fc.boolean(),
        fc.boolean(),
        path,
        value,
        (blocks, crlf, bom, target, wanted) => {
          const eol = crlf ? '\r\n' : '\n';
          const body = blocks.flatMap((block) => [block.header, ...block.lines]).join('\n');
          const text = (bom ? '\uFEFF' : '') + body.replace(/\n/g, eol);
          try {
            parse(text);
          } catch {
            return; // Not a valid file to begin with.
          }
          let result: string;
          try {
            result = editTomlText(text, [{ path: target, value: wanted }]);
          } catch (error) {
            expect(error).toBeInstanceOf(TomlLayoutError);
            return;
          }
          let after: unknown;
          try {
            after = parse(result);
          } catch {
            return; // Refused by rewriteConfigText: e.g. a [table] after dotted keys that already made it.
          }
          if (!isDeepStrictEqual(plain(after), plain(withValue(text, target, wanted)))) return; // Refused there too.
          edited += 1;
          expect(result.startsWith('\uFEFF')).toBe(bom);
          if (text.includes('\r\n')) expect(result.replace(/\r\n/g, '')).not.toContain('\n');
          // One contiguous change: lines inserted, or the old value of the target key replaced in place.
          let prefix = 0;
          while (prefix < text.length && text[prefix] === result[prefix]) prefix += 1;
          let suffix = 0;
          while (suffix < text.length - prefix && text[text.length - 1 - suffix] === result[result.length - 1 - suffix])
            suffix += 1;
          const removedEnd = text.length - suffix;
          if (removedEnd > prefix) {
            const value = scanToml(text).statements.find(
              (statement) => statement.kind === 'key' && statement.path.join('.') === target.join('.'),
            );
            expect(value, `changed ${JSON.stringify(text.slice(prefix, removedEnd))}`).toBeDefined();
            expect(prefix).toBeGreaterThanOrEqual(value?.valueStart ?? 0);
            expect(removedEnd).toBeLessThanOrEqual(value?.valueEnd ?? 0);
          }
        },
      ),
      { numRuns: 2000 },
    );
    expect(edited).toBeGreaterThan(500);
  });
});
