import { CAPABILITY_NAMES, REASONING_LEVELS, ROUTE_PREFERENCES } from '@codewhale/core';
import { describe, expect, it } from 'vitest';
import { parseArgv, parseTokenCount, suggest } from './argv.js';
import { RECEIPT_EXPORT_FORMATS } from '@codewhale/node';
import { PREFERENCES, REASONING, RECEIPTS_EXPORT_FORMATS, REQUIREMENTS, ROOT } from './commands.js';
import { CliError } from './exit-codes.js';

function usage(argv: string[]): CliError {
  try {
    parseArgv(argv, ROOT);
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a usage error');
}

describe('parseArgv', () => {
  it('finds the command and parses its flags in any order, with = or a separate value', () => {
    const parsed = parseArgv(
      [
        '--json',
        'explain',
        '--provider=together',
        '--model',
        'deepseek-ai/DeepSeek-V4-Pro',
        '--require',
        'tools',
        '--require',
        'json,vision',
        '--context',
        '128k',
      ],
      ROOT,
    );
    expect(parsed.path).toEqual(['explain']);
    expect(parsed.flags).toEqual({
      json: true,
      provider: 'together',
      model: 'deepseek-ai/DeepSeek-V4-Pro',
      require: ['tools', 'json', 'vision'],
      context: 128_000,
    });
    expect(parseArgv(['config', 'set', 'provider', 'vllm'], ROOT)).toMatchObject({
      path: ['config', 'set'],
      positionals: ['provider', 'vllm'],
    });
    // After --, everything is an argument (a model id may start with a dash).
    expect(parseArgv(['compare', '--', '-odd-model'], ROOT).positionals).toEqual(['-odd-model']);
    expect(parseArgv(['config', 'set', 'model', '--', '--weird'], ROOT).positionals).toEqual(['model', '--weird']);
  });

  // @see issue 14 item 1 (CLI polish): an argument with a fixed list of values (`completion <shell>`) is checked like a flag's.
  it('checks an argument against its values', () => {
    expect(parseArgv(['completion', 'fish'], ROOT)).toMatchObject({ path: ['completion'], positionals: ['fish'] });
    expect(usage(['completion', 'zhs'])).toMatchObject({
      category: 'usage',
      message: '<shell> of codewhale-route completion must be one of bash, zsh, fish (got "zhs"). Did you mean zsh?',
      options: { code: 'bad-argument', hint: 'Write codewhale-route completion bash.' },
    });
  });

  it('says what is wrong and suggests the fix', () => {
    expect(usage(['explain', '--modle', 'x'])).toMatchObject({
      category: 'usage',
      message: 'Unknown flag --modle for codewhale-route explain. Did you mean --model?',
      options: { code: 'unknown-flag' },
    });
    expect(usage(['compar', 'x']).message).toBe('Unknown command "compar". Did you mean "compare"?');
    expect(usage(['config', 'sett']).message).toBe(
      'Unknown command "sett" for codewhale-route config. Did you mean "set"?',
    );
    expect(usage(['explain', '--provider', 'a', '--provider', 'b']).message).toBe('--provider is given twice.');
    expect(usage(['explain', '--json=maybe']).message).toBe('--json is a switch; it takes no value (got "maybe").');
    expect(usage(['explain', '--reasoning', 'extreme']).message).toBe(
      '--reasoning must be one of off, low, medium, high, max (got "extreme").',
    );
    expect(usage(['models', '--live', 'x']).message).toBe('Unexpected argument "x" for codewhale-route models.');
    expect(usage(['providers', '--model', 'x']).message).toBe('Unknown flag --model for codewhale-route providers.');
  });

  // @see issue 12 item 14: `bash scripts/main.sh --provider deepseek` runs the bare program with a command's flag.
  it('suggests the command when a flag belongs to one', () => {
    const bare = usage(['--provider', 'deepseek']);
    expect(bare.message).toBe(
      'Unknown flag --provider for codewhale-route. Did you mean `codewhale-route explain --provider deepseek`?',
    );
    expect(bare.options.hint).toBe(
      '--provider is a flag of models, resolve, explain, discover, health, usage, hub search, receipts; run `codewhale-route --help` for the commands.',
    );
    expect(usage(['--model=auto']).message).toBe(
      'Unknown flag --model for codewhale-route. Did you mean `codewhale-route explain --model=auto`?',
    );
    expect(usage(['--live']).message).toBe(
      'Unknown flag --live for codewhale-route. Did you mean `codewhale-route models --live`?',
    );
    // Every flag typed is kept in the suggestion (found by trying the docs' examples), quoted for a shell when needed.
    expect(usage(['--provider', 'deepseek', '--model', 'auto', '--purpose', 'summary']).message).toBe(
      'Unknown flag --provider for codewhale-route. Did you mean `codewhale-route explain --provider deepseek --model auto --purpose summary`?',
    );
    expect(usage(['--model', "it's mine"]).message).toBe(
      "Unknown flag --model for codewhale-route. Did you mean `codewhale-route explain --model 'it'\\''s mine'`?",
    );
    expect(usage(['providers', '--model', 'x']).options.hint).toBe(
      '--model is a flag of resolve, explain, receipts; run `codewhale-route providers --help` for its flags.',
    );
  });

  // @see issue 12 item 14: the fix names every argument (`config set model` lacks <value>, not <key>).
  it('writes the whole usage line when an argument is missing', () => {
    const missing = usage(['config', 'set', 'model']);
    expect(missing.message).toBe('codewhale-route config set needs <value>: The value; lists are comma-separated.');
    expect(missing.options.hint).toBe('Write codewhale-route config set <key> <value>.');
    expect(usage(['compare']).options.hint).toBe('Write codewhale-route compare <model>.');
  });

  it('lets --help through whatever else is wrong', () => {
    expect(parseArgv(['explain', '--help'], ROOT).flags.help).toBe(true);
    expect(parseArgv(['help'], ROOT).flags.help).toBe(true);
    expect(parseArgv(['config', '-h'], ROOT)).toMatchObject({ path: ['config'], flags: { help: true } });
  });

  it('reads token counts people write', () => {
    expect(['128000', '128k', '128K', '128_000', '128,000', '1m', '1.5M'].map(parseTokenCount)).toEqual([
      128_000, 128_000, 128_000, 128_000, 128_000, 1_000_000, 1_500_000,
    ]);
    expect(['0', '-5', 'lots', '12kk', ''].map(parseTokenCount)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('suggests only close names', () => {
    expect(suggest('modle', ['model', 'provider'])).toBe('model');
    expect(suggest('zzz', ['model', 'provider'])).toBeUndefined();
  });

  it("keeps the flag value lists equal to core's", () => {
    expect(REQUIREMENTS).toEqual(CAPABILITY_NAMES);
    expect(PREFERENCES).toEqual(ROUTE_PREFERENCES);
    expect(RECEIPTS_EXPORT_FORMATS).toEqual(RECEIPT_EXPORT_FORMATS);
    expect(REASONING).toEqual(REASONING_LEVELS);
  });
});
