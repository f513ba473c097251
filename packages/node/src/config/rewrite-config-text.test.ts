import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import {
  ConfigRewriteError,
  isTomlTable,
  rewriteConfigText,
  type ConfigRewriteProblem,
} from './rewrite-config-text.js';
import type { TomlSet } from './toml-edit.js';

/** Rewrite `text` with a fixed list of sets. */
const rewrite = (text: string, ...sets: TomlSet[]) => rewriteConfigText(text, () => sets);

/** The problem a rewrite was refused for. */
function refusal(run: () => unknown): ConfigRewriteProblem {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigRewriteError) return error.problem;
    throw error;
  }
  throw new Error('the rewrite was not refused');
}

describe('rewriteConfigText', () => {
  it('changes only the planned value and keeps every other byte', () => {
    const text = '# mine\nn = 1 # count\nlist = ["x", "y"]\n\n[providers.vllm]\nmodel = "m"\n';
    expect(rewrite(text, { path: ['n'], value: 2 })).toBe(text.replace('n = 1', 'n = 2'));
    expect(rewrite(text, { path: ['list'], value: ['x', 'z'] })).toBe(text.replace('"y"', '"z"'));
    expect(rewrite(text, { path: ['list'], value: ['x', 'y', 'z'] })).toBe(text.replace('"y"]', '"y", "z"]'));
    expect(rewrite(text, { path: ['providers', 'vllm', 'model'], value: 'n' })).toBe(text.replace('"m"', '"n"'));
  });

  it('writes nothing when every planned key already has its value', () => {
    const text = 'n = 1\nlist = ["x"]\n[providers.vllm]\nmodel = "m"\n';
    expect(
      rewrite(
        text,
        { path: ['n'], value: 1 },
        { path: ['list'], value: ['x'] },
        { path: ['providers', 'vllm', 'model'], value: 'm' },
      ),
    ).toBeUndefined();
  });

  it('adds keys under tables that do not exist yet, lists included', () => {
    const text = 'provider = "a"\n';
    const edited = rewrite(
      text,
      { path: ['providers', 'x', 'model'], value: 'm' },
      { path: ['roles', 'summary', 'requires'], value: ['tools', 'json'] },
    );
    expect(edited).toBe(
      'provider = "a"\n\n[providers.x]\nmodel = "m"\n\n[roles.summary]\nrequires = ["tools", "json"]\n',
    );
    expect(parse(edited ?? '')).toEqual({
      provider: 'a',
      providers: { x: { model: 'm' } },
      roles: { summary: { requires: ['tools', 'json'] } },
    });
  });

  it('sets a key under a value that is not a table as a new table, when the file allows it', () => {
    expect(rewrite('a = "s"\n', { path: ['b', 'c'], value: 1 })).toBe('a = "s"\n\n[b]\nc = 1\n');
  });

  it('rewrites a date as text when the plan sets the same text', () => {
    expect(rewrite('d = 1979-05-27\n', { path: ['d'], value: '1979-05-27' })).toBe('d = "1979-05-27"\n');
  });

  it('passes the parsed result to the check, and writes nothing when it throws', () => {
    const seen: unknown[] = [];
    expect(
      rewriteConfigText(
        'a = 1\n',
        () => [{ path: ['a'], value: 2 }],
        (after) => seen.push(after),
      ),
    ).toBe('a = 2\n');
    expect(seen).toEqual([{ a: 2 }]);
    expect(() =>
      rewriteConfigText(
        'a = 1\n',
        () => [{ path: ['a'], value: 2 }],
        () => {
          throw new Error('schema says no');
        },
      ),
    ).toThrow('schema says no');
  });

  it('refuses a reserved key segment, naming it', () => {
    expect(refusal(() => rewrite('', { path: ['providers', '__proto__', 'model'], value: 'm' }))).toEqual({
      kind: 'reserved-key',
      segment: '__proto__',
    });
  });

  it('refuses a layout the editor cannot change in place, with its reason', () => {
    expect(refusal(() => rewrite('t = { x = 1 }\n', { path: ['t', 'y'], value: 2 }))).toEqual({
      kind: 'layout',
      reason: 't is written inline; write it as a [t] table',
    });
    expect(refusal(() => rewrite('[[p]]\nname = "a"\n', { path: ['p', 'name'], value: 'b' }))).toEqual({
      kind: 'layout',
      reason: 'p is an array of tables',
    });
  });

  it('lets other errors of the editor through unchanged', () => {
    expect(() => rewrite('a = 1\n', { path: ['a'], value: Number.POSITIVE_INFINITY })).toThrow(ConfigError);
  });

  it('refuses to replace a table by a value, since the edit would not parse', () => {
    expect(refusal(() => rewrite('[a]\n', { path: ['a'], value: true }))).toEqual({ kind: 'unparsable' });
    expect(refusal(() => rewrite('[a]\n0 = "x"\n', { path: ['a'], value: ['x'] }))).toEqual({ kind: 'unparsable' });
  });

  it('refuses an edit that parses to something other than the plan (-0 is written as 0)', () => {
    expect(refusal(() => rewrite('a = 1\nb = 2\n', { path: ['b'], value: -0 }))).toEqual({ kind: 'unintended' });
  });

  it('refuses a file that is not TOML, with the position only', () => {
    expect(refusal(() => rewrite('a = \n', { path: ['a'], value: 1 }))).toEqual({
      kind: 'invalid-toml',
      line: 1,
      column: expect.any(Number),
    });
  });
});

describe('ConfigRewriteError', () => {
  it('says which file was not rewritten and why, without its content', () => {
    const error = new ConfigRewriteError({ kind: 'changing' }, '/home/u/config.toml');
    expect(error.name).toBe('ConfigRewriteError');
    expect(error.message).toBe('The config file /home/u/config.toml was not rewritten (changing).');
    expect(error.file).toBe('/home/u/config.toml');
    expect(new ConfigRewriteError({ kind: 'too-deep' }).message).toBe('The config file was not rewritten (too-deep).');
  });
});

describe('isTomlTable', () => {
  it('is true for parsed tables only', () => {
    const config = parse('d = 1979-05-27T07:32:00Z\nl = [1]\ns = "s"\nn = 1\nt = {}\n[u]\n') as Record<string, unknown>;
    expect(Object.keys(config).filter((key) => isTomlTable(config[key]))).toEqual(['t', 'u']);
    expect(isTomlTable(null)).toBe(false);
    expect(isTomlTable(undefined)).toBe(false);
  });
});
