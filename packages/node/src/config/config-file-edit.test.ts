import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { thrownConfigError } from './__test-utils__/thrown-config-error.js';
import { editConfigText, parseConfigKey, setConfigValue } from './config-file-edit.js';

const edit = (text: string, key: string, value: Parameters<typeof editConfigText>[2]) =>
  editConfigText(text, parseConfigKey(key), value);

const SAMPLE = `# CodeWhale config
provider = "deepseek" # my default
theme = "dark"

# local runtime on the GPU box
[providers.vllm]
base_url = "http://127.0.0.1:8000/v1"
fallback = [
  "deepseek:deepseek-v4-flash", # cheap
  "together:deepseek-ai/DeepSeek-V4-Pro",
]

[roles.summary]
model = "auto"
`;

describe('editConfigText: the smallest change', () => {
  it('replaces a value in place, keeping the comment after it', () => {
    expect(edit(SAMPLE, 'provider', 'together')).toBe(
      SAMPLE.replace('provider = "deepseek" # my default', 'provider = "together" # my default'),
    );
  });

  it('replaces a multi-line array', () => {
    const out = edit(SAMPLE, 'providers.vllm.fallback', ['ollama:qwen3-coder:30b']);
    expect(out).toContain('fallback = ["ollama:qwen3-coder:30b"]\n\n[roles.summary]');
    expect(parse(out)).toMatchObject({ providers: { vllm: { fallback: ['ollama:qwen3-coder:30b'] } } });
  });

  it("adds a key at the end of its table's pairs", () => {
    const out = edit(SAMPLE, 'roles.summary.purpose', 'summary');
    expect(out.endsWith('[roles.summary]\nmodel = "auto"\npurpose = "summary"\n')).toBe(true);
    const vllm = edit(SAMPLE, 'providers.vllm.context_window', 32768);
    expect(vllm).toContain('  "together:deepseek-ai/DeepSeek-V4-Pro",\n]\ncontext_window = 32768\n\n[roles.summary]');
  });

  it('adds a root key after the root pairs, or above the first table and its comments', () => {
    expect(edit(SAMPLE, 'model', 'deepseek-v4-pro')).toContain(
      'theme = "dark"\nmodel = "deepseek-v4-pro"\n\n# local runtime',
    );
    const tablesOnly = '# header comment\n\n# about vllm\n[providers.vllm]\nmodel = "x"\n';
    expect(edit(tablesOnly, 'provider', 'vllm')).toBe(
      '# header comment\n\nprovider = "vllm"\n\n# about vllm\n[providers.vllm]\nmodel = "x"\n',
    );
  });

  it('adds a new table at the end, and writes into an empty file', () => {
    expect(edit(SAMPLE, 'providers.together.api_key_env', 'MY_TOGETHER_KEY')).toBe(
      `${SAMPLE}\n[providers.together]\napi_key_env = "MY_TOGETHER_KEY"\n`,
    );
    expect(edit('', 'providers.nvidia-nim.model', 'deepseek-ai/deepseek-v4-pro')).toBe(
      '[providers.nvidia-nim]\nmodel = "deepseek-ai/deepseek-v4-pro"\n',
    );
    expect(edit('', 'provider', 'ollama')).toBe('provider = "ollama"\n');
  });

  it('extends a table that only exists through dotted keys', () => {
    const out = edit('[providers]\nvllm.base_url = "http://127.0.0.1:8000/v1"\n', 'providers.vllm.model', 'qwen');
    expect(parse(out)).toEqual({ providers: { vllm: { base_url: 'http://127.0.0.1:8000/v1', model: 'qwen' } } });
  });

  it('keeps CRLF line endings and escapes strings', () => {
    const out = edit(
      'provider = "x"\r\n[providers.vllm]\r\nmodel = "a"\r\n',
      'providers.vllm.base_url',
      'http://h/"q"\\',
    );
    expect(out).toBe('provider = "x"\r\n[providers.vllm]\r\nmodel = "a"\r\nbase_url = "http://h/\\"q\\"\\\\"\r\n');
    expect(parse(out)).toMatchObject({ providers: { vllm: { base_url: 'http://h/"q"\\' } } });
  });
});

describe('setConfigValue', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cw-config-edit-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the file (and its directory) with mode 0600', async () => {
    const file = join(dir, 'codewhale', 'config.toml');
    await expect(setConfigValue(file, 'providers.vllm.base_url', 'http://127.0.0.1:8000/v1')).resolves.toEqual({
      path: file,
      created: true,
      unchanged: false,
    });
    expect(readFileSync(file, 'utf8')).toBe('[providers.vllm]\nbase_url = "http://127.0.0.1:8000/v1"\n');
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('edits atomically, keeps comments and unknown keys, and leaves no temp file', async () => {
    const file = join(dir, 'config.toml');
    writeFileSync(file, SAMPLE, { mode: 0o640 });
    await setConfigValue(file, 'provider', 'vllm');
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE.replace('"deepseek" # my default', '"vllm" # my default'));
    expect(readdirSync(dir)).toEqual(['config.toml']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o640);
    await expect(setConfigValue(file, 'provider', 'vllm')).resolves.toMatchObject({ unchanged: true });
  });

  it('refuses a change that would make the config invalid, and writes nothing', async () => {
    const file = join(dir, 'config.toml');
    writeFileSync(file, SAMPLE);
    await expect(setConfigValue(file, 'providers.vllm.base_url', 'ftp://nope')).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      issues: [{ key: 'providers.vllm.base_url' }],
    });
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
  });

  it('refuses what it cannot edit safely (an inline table) and a file that is not TOML', async () => {
    const inline = join(dir, 'inline.toml');
    writeFileSync(inline, 'providers = { vllm = { model = "a" } }\n');
    await expect(setConfigValue(inline, 'providers.vllm.base_url', 'http://127.0.0.1:8000/v1')).rejects.toMatchObject({
      code: 'CONFIG_EDIT_FAILED',
    });
    expect(readFileSync(inline, 'utf8')).toBe('providers = { vllm = { model = "a" } }\n');
    const broken = join(dir, 'broken.toml');
    writeFileSync(broken, 'provider = "x\n');
    await expect(setConfigValue(broken, 'model', 'y')).rejects.toMatchObject({ code: 'CONFIG_TOML_INVALID', line: 1 });
  });

  it('writes through a symlink to its target', async () => {
    if (process.platform === 'win32') return;
    const target = join(dir, 'real.toml');
    writeFileSync(target, 'model = "a"\n');
    const link = join(dir, 'config.toml');
    symlinkSync(target, link);
    await setConfigValue(link, 'model', 'b');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('model = "b"\n');
  });

  it('refuses __proto__, constructor and prototype segments and pollutes nothing', async () => {
    /** @see issue 13 item 9 */
    const file = join(dir, 'config.toml');
    writeFileSync(file, SAMPLE);
    for (const key of [
      'providers.__proto__.base_url',
      'constructor.prototype.base_url',
      'providers.vllm.prototype',
      '__proto__.model',
    ]) {
      await expect(setConfigValue(file, key, 'http://attacker.example/v1')).rejects.toMatchObject({
        code: 'CONFIG_EDIT_FAILED',
        message: expect.stringContaining('reserved name'),
      });
    }
    expect(({} as Record<string, unknown>).base_url).toBeUndefined();
    expect(({} as Record<string, unknown>).model).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
    expect(() => parseConfigKey(Array.from({ length: 50_000 }, () => 'a').join('.'))).toThrow(/more than 16 segments/);
  });

  it('refuses a URL that carries credentials (user info, ?token=) without echoing it', async () => {
    /** @see issue 13 item 7 */
    const file = join(dir, 'config.toml');
    writeFileSync(file, SAMPLE);
    const secret = 'PASSWORD-canary-3e9f';
    for (const url of [
      `https://u:${secret}@proxy.example/v1`,
      `https://proxy.example/v1?token=${secret}`,
      `https://proxy.example/v1?X-Amz-Signature=${secret}&a=1`,
    ]) {
      const attempt = setConfigValue(file, 'providers.vllm.base_url', url);
      await expect(attempt).rejects.toMatchObject({
        code: 'CONFIG_EDIT_FAILED',
        message: expect.stringContaining('shell history'),
      });
      await attempt.catch((error: Error) => expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(secret));
    }
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
    await expect(
      setConfigValue(file, 'providers.vllm.base_url', 'https://proxy.example/v1?api-version=2'),
    ).resolves.toMatchObject({ unchanged: false });
  });

  it('refuses a dangling symlink instead of replacing it with a regular file', async () => {
    /** @see issue 13 item 14 */
    if (process.platform === 'win32') return;
    const link = join(dir, 'config.toml');
    symlinkSync(join(dir, 'dotfiles', 'codewhale.toml'), link);
    await expect(setConfigValue(link, 'model', 'b')).rejects.toMatchObject({
      code: 'CONFIG_EDIT_FAILED',
      message: expect.stringContaining('symbolic link'),
    });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir)).toEqual(['config.toml']);
  });

  it('sweeps temp files of killed writers', async () => {
    /** @see issue 13 item 14 */
    if (process.platform === 'win32') return;
    const file = join(dir, 'config.toml');
    writeFileSync(file, SAMPLE, { mode: 0o644 });
    // A writer killed mid-write (pid 2^22 - 1 is beyond pid_max on a default Linux) and an old one of a live process.
    const dead = join(dir, `.config.toml.4194303.${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}.tmp`);
    const old = join(dir, `.config.toml.${process.pid}.${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}.tmp`);
    writeFileSync(dead, 'api_key = "leftover"\n');
    writeFileSync(old, 'api_key = "leftover"\n');
    utimesSync(old, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    await setConfigValue(file, 'provider', 'vllm');
    expect(readdirSync(dir).sort()).toEqual(['config.toml']);
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('refuses to edit a file with a 50,000-segment dotted key instead of overflowing the stack', async () => {
    /** @see issue 13 item 11 */
    const file = join(dir, 'config.toml');
    const deep = `${Array.from({ length: 50_000 }, () => 'a').join('.')} = 1\n`;
    writeFileSync(file, deep);
    await expect(setConfigValue(file, 'provider', 'vllm')).rejects.toMatchObject({ code: 'CONFIG_TOO_DEEP' });
    expect(readFileSync(file, 'utf8')).toBe(deep);
  });

  it('rejects malformed keys', () => {
    expect(parseConfigKey('providers."my.box".model')).toEqual(['providers', 'my.box', 'model']);
    expect(() => parseConfigKey('providers..model')).toThrow(/empty segment/);
  });
});

// @see issue 14 item 1 (one piece of code per job): config set and route persistence share one TOML editor and one
// read-modify-write path. Where the two disagreed, these pin the rule kept (the route persister's unless said otherwise).
describe('one editor for every config writer', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cw-config-one-editor-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('edits a file that starts with a byte order mark, keeping it', async () => {
    // Was: the first line after the mark was not seen, so `provider` was added a second time and the edit refused.
    const file = join(dir, 'config.toml');
    writeFileSync(file, '\uFEFFprovider = "deepseek"\n[providers.vllm]\nmodel = "a"\n');
    await expect(setConfigValue(file, 'provider', 'vllm')).resolves.toMatchObject({ unchanged: false });
    expect(readFileSync(file, 'utf8')).toBe('\uFEFFprovider = "vllm"\n[providers.vllm]\nmodel = "a"\n');
    expect(edit('\uFEFF[roles.summary]\n', 'model', 'x')).toBe('\uFEFFmodel = "x"\n\n[roles.summary]\n');
  });

  it("indents an added key like the key before it (or the table's header)", () => {
    // Was: always at column 0.
    expect(edit('[providers.vllm]\n  model = "a"\n', 'providers.vllm.base_url', 'http://127.0.0.1:8000/v1')).toBe(
      '[providers.vllm]\n  model = "a"\n  base_url = "http://127.0.0.1:8000/v1"\n',
    );
    expect(edit('  [providers.vllm]\n', 'providers.vllm.model', 'a')).toBe('  [providers.vllm]\n  model = "a"\n');
  });

  it('ends every added line with a line break, also after a last line that has none', () => {
    // Was: the file's missing final line break moved after the added line.
    expect(edit('[providers.vllm]\nmodel = "a"', 'providers.vllm.base_url', 'http://h/v1')).toBe(
      '[providers.vllm]\nmodel = "a"\nbase_url = "http://h/v1"\n',
    );
    expect(edit('theme = "dark"', 'provider', 'vllm')).toBe('theme = "dark"\nprovider = "vllm"\n');
  });

  it('keeps blank lines at the end of the file, and puts one blank line before a new table', () => {
    // Was: trailing blank lines were removed. (Route persistence added a second blank line after one already there.)
    expect(edit('# notes\n\n', 'provider', 'vllm')).toBe('# notes\n\nprovider = "vllm"\n');
    expect(edit('\n', 'providers.vllm.model', 'a')).toBe('\n[providers.vllm]\nmodel = "a"\n');
    expect(edit('theme = "dark"\n\n', 'providers.vllm.model', 'a')).toBe(
      'theme = "dark"\n\n[providers.vllm]\nmodel = "a"\n',
    );
    expect(edit('theme = "dark"\r\n', 'providers.vllm.model', 'a')).toBe(
      'theme = "dark"\r\n\r\n[providers.vllm]\r\nmodel = "a"\r\n',
    );
  });

  it('adds a dotted key beside the dotted keys that make its table, also when a deeper table follows', () => {
    // Was: a new [providers.vllm] table at the end, which TOML refuses (the table already exists through dotted keys).
    const text = '[providers]\nvllm.base_url = "http://h/v1"\n[providers.vllm.extra]\nx = 1\n';
    const out = edit(text, 'providers.vllm.model', 'a');
    expect(out).toBe('[providers]\nvllm.base_url = "http://h/v1"\nvllm.model = "a"\n[providers.vllm.extra]\nx = 1\n');
    expect(parse(out)).toEqual({ providers: { vllm: { base_url: 'http://h/v1', model: 'a', extra: { x: 1 } } } });
  });

  it('finds a table whose quoted name uses TOML escapes (\\x41, or \\u0041 beside a tab), as the parser reads it', async () => {
    // Was: the name was compared with its escapes undecoded, so a second [providers.myAbox] was added and refused.
    const file = join(dir, 'config.toml');
    writeFileSync(file, '[providers."my\\x41box"]\nmodel = "a"\n');
    await expect(setConfigValue(file, 'providers.myAbox.model', 'b')).resolves.toMatchObject({ unchanged: false });
    expect(readFileSync(file, 'utf8')).toBe('[providers."my\\x41box"]\nmodel = "b"\n');
    expect(edit('[x."a\tb\\u0041"]\nk = 1\n', 'x."a\tbA".k', 2)).toBe('[x."a\tb\\u0041"]\nk = 2\n');
  });

  it('refuses an inline table or an array of tables up front, naming it', async () => {
    // Was: text that does not parse, refused later as "the file's layout is unusual".
    expect(() => edit('providers = { vllm = { model = "a" } }\n', 'providers.vllm.base_url', 'http://h/v1')).toThrow(
      expect.objectContaining({
        code: 'CONFIG_EDIT_FAILED',
        message: expect.stringContaining('providers is written inline'),
      }),
    );
    const file = join(dir, 'config.toml');
    writeFileSync(file, '[[providers.vllm]]\nmodel = "a"\n');
    await expect(setConfigValue(file, 'providers.vllm.model', 'b')).rejects.toMatchObject({
      code: 'CONFIG_EDIT_FAILED',
      message: expect.stringContaining('providers.vllm is an array of tables'),
    });
    expect(readFileSync(file, 'utf8')).toBe('[[providers.vllm]]\nmodel = "a"\n');
  });

  it('applies edits made through one path in this process in call order', async () => {
    // Was: in lock order, which is random: the value set last was not always the one kept.
    const file = join(dir, 'config.toml');
    writeFileSync(file, 'provider = "deepseek"\n');
    const values = Array.from({ length: 12 }, (_, index) => `p${index}`);
    await Promise.all(values.map((value) => setConfigValue(file, 'provider', value)));
    expect(readFileSync(file, 'utf8')).toBe('provider = "p11"\n');
  });
});

describe('parseConfigKey: what a mistyped key says', () => {
  const keyHint = 'Write keys like provider, providers.vllm.base_url or roles.summary.model.';
  const refusal = (key: string) => thrownConfigError(() => parseConfigKey(key));

  it('trims the key and the space around dots, as TOML does', () => {
    expect(parseConfigKey('  "my.box".model  ')).toStrictEqual(['my.box', 'model']);
    expect(parseConfigKey('providers . vllm . base_url')).toStrictEqual(['providers', 'vllm', 'base_url']);
  });

  it('names what is wrong, with an example of a good key', () => {
    for (const [key, why] of [
      ['providers."my.box', 'a quoted segment is not closed'],
      ['providers."my.box"model', 'segments are separated by dots'],
      ['', 'it has an empty segment'],
      ['.model', 'it has an empty segment'],
      ['providers.__proto__.base_url', '"__proto__" is a reserved name, never a config key'],
    ] as const) {
      expect(refusal(key), key).toMatchObject({
        code: 'CONFIG_EDIT_FAILED',
        hint: keyHint,
        message: `Cannot use the key "${key}": ${why}.\n${keyHint}`,
      });
    }
  });

  it('takes keys of up to 16 segments', () => {
    const key = (segments: number) => Array.from({ length: segments }, () => 'a').join('.');
    expect(parseConfigKey(key(16))).toHaveLength(16);
    expect(refusal(key(17)).message).toBe(`Cannot use the key "${key(17)}": it has more than 16 segments.\n${keyHint}`);
  });
});

describe('setConfigValue: what a refused edit says', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'cw-config-edit-errors-')));
    file = join(dir, 'config.toml');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  const rejection = (attempt: Promise<unknown>) =>
    attempt.then(
      () => {
        throw new Error('expected the edit to fail');
      },
      (caught: unknown) => caught,
    );

  it('says that an unchanged key left the file alone (not created, not changed)', async () => {
    writeFileSync(file, 'provider = "vllm"\n');
    await expect(setConfigValue(file, 'provider', 'vllm')).resolves.toStrictEqual({
      path: file,
      created: false,
      unchanged: true,
    });
  });

  it('refuses a value it cannot write as TOML with its own message, not as a layout problem', () => {
    expect(() => editConfigText(SAMPLE, ['providers', 'vllm', 'context_window'], Number.POSITIVE_INFINITY)).toThrow(
      expect.objectContaining({
        code: 'CONFIG_EDIT_FAILED',
        message: 'Cannot write a number that is not finite.\nGive a finite number.',
      }),
    );
  });

  it('names the key, the file and the layout it cannot edit in place', async () => {
    expect(() => edit('providers = { vllm = { model = "a" } }\n', 'providers.vllm.base_url', 'http://h/v1')).toThrow(
      expect.objectContaining({
        message:
          'Could not edit providers.vllm.base_url safely: providers is written inline; write it as a [providers] table; the file was not changed.\nEdit that key by hand.',
      }),
    );
    writeFileSync(file, '[[providers.vllm]]\nmodel = "a"\n');
    const error = await rejection(setConfigValue(file, 'providers.vllm.model', 'b'));
    expect(error).toMatchObject({
      code: 'CONFIG_EDIT_FAILED',
      file,
      hint: 'Edit that key by hand.',
      message: `Could not edit providers.vllm.model in ${file} safely: providers.vllm is an array of tables; the file was not changed.\nEdit that key by hand.`,
    });
  });

  it('refuses credentials in any URL of a list, and says which part of the URL carries them', async () => {
    writeFileSync(file, SAMPLE);
    const hint =
      'Write the URL without it, and configure the key with api_key_env (the name of a variable that holds it) or api_key_command.';
    const secret = 'PASSWORD-canary-77b1';
    const refused = await rejection(
      setConfigValue(file, 'providers.vllm.fallback', [
        'deepseek:deepseek-v4-flash',
        `https://u:${secret}@h.example/v1`,
      ]),
    );
    expect(refused).toMatchObject({
      code: 'CONFIG_EDIT_FAILED',
      hint,
      message: `Refused to set providers.vllm.fallback: the URL carries user info (user:password@), which would stay in your shell history and the config file. Nothing was written.\n${hint}`,
    });
    const query = await rejection(
      setConfigValue(file, 'providers.vllm.base_url', `https://h.example/v1?token=${secret}&sig=${secret}`),
    );
    expect((query as Error).message).toBe(
      `Refused to set providers.vllm.base_url: the URL carries a credential in its query (token, sig), which would stay in your shell history and the config file. Nothing was written.\n${hint}`,
    );
    expect(`${String(refused)} ${String(query)} ${JSON.stringify([refused, query])}`).not.toContain(secret);
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
    await expect(
      setConfigValue(file, 'providers.vllm.fallback', ['deepseek:deepseek-v4-flash']),
    ).resolves.toMatchObject({ unchanged: false });
  });

  it('lists each schema problem, the key being set and the other keys already wrong, one a line, and the fix', async () => {
    const text = `${SAMPLE}\n[routing]\nprefer = "cheap"\n`;
    writeFileSync(file, text);
    const error = await rejection(setConfigValue(file, 'providers.vllm.context_window', -5));
    expect(error).toMatchObject({
      code: 'CONFIG_INVALID',
      file,
      hint: 'Nothing was written. Fix the value (or the other keys listed).',
      issues: [
        { key: 'providers.vllm.context_window', message: expect.any(String) },
        { key: 'routing.prefer', message: expect.any(String) },
      ],
    });
    const [value, other] = (error as { issues: { message: string }[] }).issues;
    expect((error as Error).message).toBe(
      `Setting providers.vllm.context_window would make the config invalid:\n  providers.vllm.context_window: ${value?.message}\n  routing.prefer: ${other?.message}\nNothing was written. Fix the value (or the other keys listed).`,
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('names a dangling link, where it points, and both ways out', async () => {
    if (process.platform === 'win32') return;
    symlinkSync(join(dir, 'dotfiles', 'codewhale.toml'), file);
    const hint = 'Create the file the link points to (config edits follow the link), or remove the link.';
    await expect(rejection(setConfigValue(file, 'model', 'b'))).resolves.toMatchObject({
      file,
      hint,
      message: `The config file ${file} is a symbolic link to ${join(dir, 'dotfiles', 'codewhale.toml')}, which does not exist; it was not changed.\n${hint}`,
    });
  });

  it('gives the position of invalid TOML and of a file nested too deep, and how to find the problem', async () => {
    writeFileSync(file, 'provider = "x\n');
    const invalid = await rejection(setConfigValue(file, 'model', 'y'));
    const column = (invalid as { column: number }).column;
    expect(invalid).toMatchObject({
      code: 'CONFIG_TOML_INVALID',
      file,
      line: 1,
      message: `${file}:1:${column}: invalid TOML; the file was not changed.\nFix the file first (\`codewhale-route config validate\` shows the problem).`,
    });
    writeFileSync(file, `${Array.from({ length: 50_000 }, () => 'a').join('.')} = 1\n`);
    const hint = 'Fix the file first (`codewhale-route config validate` shows where).';
    await expect(rejection(setConfigValue(file, 'provider', 'vllm'))).resolves.toMatchObject({
      code: 'CONFIG_TOO_DEEP',
      file,
      hint,
      message: `${file} nests deeper than 16 tables, arrays or dotted-key segments; it was not changed.\n${hint}`,
    });
  });

  it('refuses an edit that would not parse, or would parse to more than the change, naming the file', async () => {
    writeFileSync(file, '[routing]\nprefer = "cost"\n');
    await expect(rejection(setConfigValue(file, 'routing', 'cost'))).resolves.toMatchObject({
      code: 'CONFIG_EDIT_FAILED',
      file,
      hint: 'Edit that key by hand.',
      message: `Could not edit ${file} safely (the file's layout is unusual); it was not changed.\nEdit that key by hand.`,
    });
    // -0 is written as 0: the result would not hold the value asked for.
    writeFileSync(file, '[providers.vllm]\ncontext_window = 1\n');
    await expect(rejection(setConfigValue(file, 'providers.vllm.context_window', -0))).resolves.toMatchObject({
      code: 'CONFIG_EDIT_FAILED',
      file,
      hint: 'Edit that key by hand.',
      message: `Could not edit providers.vllm.context_window in ${file} safely (it is defined in a way this editor does not rewrite, e.g. an inline table); the file was not changed.\nEdit that key by hand.`,
    });
    expect(readFileSync(file, 'utf8')).toBe('[providers.vllm]\ncontext_window = 1\n');
  });

  it('says another process kept the file locked, names the lock file, and writes nothing', async () => {
    writeFileSync(file, SAMPLE);
    // A live writer's lock (our own pid) that never gets old; the clock runs 20 s ahead every 50 ms, so the 10 s wait
    // for it ends at once.
    writeFileSync(`${file}.lock`, `${process.pid}\n`);
    const future = new Date(Date.now() + 24 * 3_600_000);
    utimesSync(`${file}.lock`, future, future);
    vi.useFakeTimers({ toFake: ['Date'] });
    const jump = setInterval(() => vi.setSystemTime(Date.now() + 20_000), 50);
    let error: unknown;
    try {
      error = await rejection(setConfigValue(file, 'provider', 'vllm'));
    } finally {
      clearInterval(jump);
      vi.useRealTimers();
    }
    const hint = 'Run the command again; if no other codewhale-route is running, remove the .lock file.';
    expect(error).toMatchObject({
      code: 'CONFIG_CONCURRENT_EDIT',
      file,
      hint,
      message: `Could not set provider: another process kept ${file} locked (${file}.lock). Nothing was written.\n${hint}`,
    });
    expect(readFileSync(file, 'utf8')).toBe(SAMPLE);
  });

  it('says the file kept changing when an editor saves it under every attempt, and keeps what the editor saved', async () => {
    writeFileSync(file, SAMPLE);
    const fsPromises = process.getBuiltinModule('node:fs/promises');
    const realReadFile = fsPromises.readFile;
    let saves = 0;
    // The editor saves right before each compare-before-rename.
    vi.spyOn(fsPromises, 'readFile').mockImplementation((async (...args: Parameters<typeof realReadFile>) => {
      if (args[0] === file) writeFileSync(file, `# save ${++saves}\n${SAMPLE}`);
      return realReadFile(...args);
    }) as typeof realReadFile);
    const error = await rejection(setConfigValue(file, 'provider', 'vllm'));
    expect(error).toMatchObject({
      code: 'CONFIG_CONCURRENT_EDIT',
      file,
      hint: 'Run the command again.',
      message: `Could not set provider: ${file} kept changing while it was being edited. Nothing was written.\nRun the command again.`,
    });
    expect(saves).toBe(5);
    expect(readFileSync(file, 'utf8')).toBe(`# save 5\n${SAMPLE}`);
  });
});
