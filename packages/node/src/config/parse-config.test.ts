import { deepseekPlugin } from '@codewhale/provider-deepseek';
import { togetherPlugin } from '@codewhale/provider-together';
import { vllmPlugin } from '@codewhale/provider-vllm';
import { describe, expect, it } from 'vitest';
import { thrownConfigError } from './__test-utils__/thrown-config-error.js';
import { type ConfigProviderInfo, parseConfig } from './parse-config.js';

const providers = [deepseekPlugin, togetherPlugin, vllmPlugin].map((plugin) => plugin.descriptor);

const TOML_FIX =
  'Fix the TOML at that position: each line is key = value, strings in double quotes, tables as [providers.<id>].';
const SCHEMA_FIX =
  'Fix or remove those keys; `codewhale-route config schema` prints the JSON Schema (editors can validate with it).';
const DEEP_FIX = 'A CodeWhale config needs a few levels (e.g. providers.vllm.base_url): remove that key.';
const RESERVED_FIX = 'Rename or remove that key (__proto__, constructor and prototype are never config keys).';

describe('parseConfig: TOML errors name the place and the right fix', () => {
  it('a key written twice gets the duplicate fix, and "config" stands in for an unnamed file', () => {
    const error = thrownConfigError(() => parseConfig('model = "a"\nmodel = "b"\n'));
    expect(error.message).toBe(
      'config:2:1: invalid TOML: trying to redefine an already defined table or value.\nA key or [table] appears twice: keep one of them.',
    );
    expect([error.file, error.line, error.column]).toStrictEqual([undefined, 2, 1]);
  });

  it('a broken key gets the key fix', () => {
    const error = thrownConfigError(() => parseConfig('my model = "a"\n', { file: 'c.toml' }));
    expect(error.message).toBe(
      'c.toml:1:4: invalid TOML: illegal character in key.\nKeys are bare words (letters, digits, _ and -) or quoted, followed by = and a value.',
    );
  });

  it('a broken value gets the general fix', () => {
    const error = thrownConfigError(() => parseConfig('model = tru\n', { file: 'c.toml' }));
    expect(error.message).toBe(`c.toml:1:9: invalid TOML: invalid value.\n${TOML_FIX}`);
    expect(error.hint).toBe(TOML_FIX);
  });

  it('keeps a period inside the reason and drops only the final one', () => {
    const error = thrownConfigError(() =>
      parseConfig(`x = ${'['.repeat(1100)}${']'.repeat(1100)}\n`, { file: 'c.toml' }),
    );
    expect(error.code).toBe('CONFIG_TOML_INVALID');
    expect(error.message.split('\n')[0]).toBe(
      `c.toml:1:${error.column}: invalid TOML: document contains excessively nested structures. aborting.`,
    );
  });
});

describe('parseConfig: nesting limit and reserved keys', () => {
  const sixteen = 'abcdefghijklmnop'.split('').join('.');

  it('a table exactly 16 levels down is too deep, reported on its own line with the path cut after six segments', () => {
    const error = thrownConfigError(() => parseConfig(`p = 1\n${sixteen} = []\n`, { file: 'deep.toml' }));
    expect(error.code).toBe('CONFIG_TOO_DEEP');
    expect(error.message).toBe(
      `deep.toml:2: a.b.c.d.e.f… nests deeper than 16 tables, arrays or dotted-key segments; the config was not used.\n${DEEP_FIX}`,
    );
    expect([error.file, error.line, error.hint]).toStrictEqual(['deep.toml', 2, DEEP_FIX]);
  });

  it('15 levels of tables are fine', () => {
    const fifteen = 'abcdefghijklmno'.split('').join('.');
    expect(parseConfig(`${fifteen} = 1\n`).warnings).toHaveLength(1);
  });

  it('without a file name the message starts at the key, and no file or line is invented', () => {
    const error = thrownConfigError(() => parseConfig(`${sixteen} = []\n`));
    expect(error.message.split('\n')[0]).toBe(
      'a.b.c.d.e.f… nests deeper than 16 tables, arrays or dotted-key segments; the config was not used.',
    );
    expect([error.file, error.line]).toStrictEqual([undefined, 1]);
  });

  it('nested arrays inside one value name the file but no line', () => {
    const error = thrownConfigError(() =>
      parseConfig(`x = ${'['.repeat(20)}${']'.repeat(20)}\n`, { file: 'deep.toml' }),
    );
    expect(error.message.split('\n')[0]).toBe(
      'deep.toml: x.0.0.0.0.0… nests deeper than 16 tables, arrays or dotted-key segments; the config was not used.',
    );
    expect([error.file, error.line]).toStrictEqual(['deep.toml', undefined]);
  });

  it('a reserved key six segments deep is shown whole, with its line, and listed as the one issue', () => {
    const error = thrownConfigError(() =>
      parseConfig('model = "m"\nproviders.vllm.x.y.z.__proto__ = 1\n', { file: 'c.toml', providers }),
    );
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toBe(
      `c.toml:2: providers.vllm.x.y.z.__proto__ uses the reserved name "__proto__" as a key; the config was not used.\n${RESERVED_FIX}`,
    );
    expect([error.file, error.line, error.hint]).toStrictEqual(['c.toml', 2, RESERVED_FIX]);
    expect(error.issues).toStrictEqual([
      { key: 'providers.vllm.x.y.z.__proto__', message: '"__proto__" cannot be a key', line: 2 },
    ]);
  });

  it('a reserved key deeper than six segments is cut with an ellipsis', () => {
    const error = thrownConfigError(() => parseConfig('a.b.c.d.e.f.constructor = 1\n'));
    expect(error.message.split('\n')[0]).toBe(
      'a.b.c.d.e.f… uses the reserved name "constructor" as a key; the config was not used.',
    );
    expect(error.issues).toStrictEqual([{ key: 'a.b.c.d.e.f…', message: '"constructor" cannot be a key', line: 1 }]);
  });
});

describe('parseConfig: schema errors', () => {
  it('lists each bad key on its own line, prefixed with the file and line', () => {
    const error = thrownConfigError(() =>
      parseConfig('model = 5\n\n[providers.vllm]\ncontext_window = "big"\n', { file: 'c.toml' }),
    );
    expect(error.message).toBe(
      [
        'c.toml does not match the config schema:',
        '  c.toml:1: model: Expected a non-empty string.',
        '  c.toml:4: providers.vllm.context_window: Expected a positive whole number.',
        SCHEMA_FIX,
      ].join('\n'),
    );
    expect(error.file).toBe('c.toml');
    expect(error.issues).toStrictEqual([
      { key: 'model', message: 'Expected a non-empty string.', line: 1 },
      { key: 'providers.vllm.context_window', message: 'Expected a positive whole number.', line: 4 },
    ]);
  });

  it('without a file name says "The config" and shows no line prefix', () => {
    const error = thrownConfigError(() => parseConfig('model = 5\n'));
    expect(error.message).toBe(
      `The config does not match the config schema:\n  model: Expected a non-empty string.\n${SCHEMA_FIX}`,
    );
    expect(error.file).toBeUndefined();
    expect(error.issues).toStrictEqual([{ key: 'model', message: 'Expected a non-empty string.', line: 1 }]);
  });

  it('a bad key whose line cannot be found is listed without a line or a made-up line prefix', () => {
    const error = thrownConfigError(() => parseConfig('providers.vllm.context_window.x = 1\n', { file: 'c.toml' }));
    expect(error.message).toBe(
      `c.toml does not match the config schema:\n  providers.vllm.context_window: Expected a positive whole number.\n${SCHEMA_FIX}`,
    );
    expect(error.issues).toStrictEqual([
      { key: 'providers.vllm.context_window', message: 'Expected a positive whole number.' },
    ]);
  });
});

describe('parseConfig: warnings and provider tables', () => {
  const deepseekTwin: ConfigProviderInfo = { ...deepseekPlugin.descriptor, id: 'deepseek-mirror', aliases: [] };

  it('checks nothing about provider tables when no providers are registered, and accepts a config without tables', () => {
    const bare = parseConfig('[providers.groq]\nmodel = "m"\n');
    expect(bare.config).toEqual({ providers: { groq: { model: 'm' } } });
    expect([bare.warnings, bare.customProviders]).toStrictEqual([[], []]);
    const plain = parseConfig('model = "m"\n', { providers });
    expect(plain.config).toEqual({ model: 'm' });
    expect([plain.warnings, plain.customProviders]).toStrictEqual([[], []]);
  });

  it('says exactly why an unknown key and an unknown provider table are not used, in file order', () => {
    const { warnings } = parseConfig('[providers.groq]\nmodel = "m"\n\n[routing]\nmode = "fast"\n', { providers });
    expect(warnings).toStrictEqual([
      {
        code: 'unknown-provider',
        key: 'providers.groq',
        line: 1,
        message:
          '[providers.groq] is ignored: no registered provider is called "groq" (registered: deepseek, together, vllm). Add base_url to use it as a custom OpenAI-compatible endpoint.',
      },
      {
        code: 'unknown-key',
        key: 'routing.mode',
        line: 5,
        message:
          'Unknown key routing.mode: kept, but nothing reads it. Check the spelling (`codewhale-route config schema` lists the keys).',
      },
    ]);
  });

  it('a warning whose line is unknown has no line key and comes after those with a line', () => {
    const { warnings } = parseConfig('providers.groq.model = "m"\ntheme = "dark"\nzoom = 2\n', { providers });
    expect(warnings.map((warning) => [warning.key, warning.line])).toStrictEqual([
      ['theme', 2],
      ['zoom', 3],
      ['providers.groq', undefined],
    ]);
    expect(Object.keys(warnings[2] ?? {})).toStrictEqual(['code', 'key', 'message']);
  });

  it("a variable of your own, or of the table's provider, is no foreign credential, even when another provider reads it too", () => {
    const text =
      '[providers.deepseek]\napi_key_env = "DEEPSEEK_API_KEY"\n\n[providers.together]\napi_key_env = "MY_TOGETHER_KEY"\n\n[providers.box]\nbase_url = "http://127.0.0.1:8000/v1"\napi_key_env = "BOX_KEY"\n';
    const { warnings, customProviders } = parseConfig(text, { providers: [...providers, deepseekTwin] });
    expect(warnings).toStrictEqual([]);
    expect(customProviders).toStrictEqual(['box']);
  });

  it("a custom endpoint naming a registered provider's variable is told to use one of its own", () => {
    const text = '[providers.box]\nbase_url = "http://127.0.0.1:8000/v1"\napi_key_env = "TOGETHER_API_KEY"\n';
    expect(parseConfig(text, { providers }).warnings).toStrictEqual([
      {
        code: 'foreign-credential',
        key: 'providers.box.api_key_env',
        line: 3,
        message:
          "[providers.box] api_key_env names TOGETHER_API_KEY, which belongs to together: a provider never reads another provider's key, so this table's routes have no key. Name a variable of your own (or one for this endpoint).",
      },
    ]);
  });

  it('a table spelled exactly like a provider belongs to it, before a provider whose name only folds to it', () => {
    const dashed: ConfigProviderInfo = {
      id: 'my-box',
      displayName: 'A',
      auth: { ...vllmPlugin.descriptor.auth, envVars: ['A_KEY'] },
    };
    const underscored: ConfigProviderInfo = {
      id: 'my_box',
      displayName: 'B',
      auth: { ...vllmPlugin.descriptor.auth, envVars: ['B_KEY'] },
    };
    const { warnings } = parseConfig('[providers.my_box]\napi_key_env = "B_KEY"\n', {
      providers: [dashed, underscored],
    });
    expect(warnings).toStrictEqual([]);
  });
});
