// @see issue 14 (CLI polish, item 1): `codewhale-route completion <shell>`, generated from the command tree. Each script is
// loaded into the real shell and asked for completions of typed command lines: bash through its programmable-completion
// variables (COMP_LINE/COMP_POINT, as readline sets them), zsh through a real interactive shell in a pseudo-terminal
// (zsh/zpty, with compinit), fish through `complete -C`. A shell that is not installed skips its tests (CI machines may
// lack zsh and fish); when present, the same cases run in all three.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionOutputSchema } from '../output/schemas.js';
import { createSandbox, json } from '../test-utils/cli-harness.js';
import type { CommandSpec } from './argv.js';
import { PREFERENCES, ROOT, SHELLS, type Shell } from './commands.js';
import { completionScript } from './completion.js';
import { EXIT_CODES } from './exit-codes.js';

const installed = (shell: Shell) => spawnSync(shell, ['-c', 'exit 0'], { stdio: 'ignore' }).status === 0;
const sandbox = createSandbox();
afterAll(() => sandbox.cleanup());

/** bash: what readline would do. COMPREPLY answers for the word after the last COMP_WORDBREAKS character. */
const BASH_DRIVER = `source "$1"; shift
for line; do
  COMP_LINE="$line"; COMP_POINT=\${#line}; COMPREPLY=()
  _codewhale_route
  printf '\\036%s\\n' "$line"
  [[ \${#COMPREPLY[@]} -gt 0 ]] && printf '%s\\n' "\${COMPREPLY[@]}"
done
complete -p codewhale-route >/dev/null || exit 9`;

/** zsh: an interactive zsh in a pseudo-terminal; compadd is wrapped to write each match (with what compset moved to IPREFIX). */
const ZSH_DRIVER = `zmodload zsh/zpty || exit 3
script=$1 out=$2; shift 2
zpty z 'zsh -f -i'
zpty -w z "out=\${(q)out}; PS1='> '; unsetopt beep; autoload -Uz compinit && compinit -u -D && source \${(q)script}"
zpty -w z 'compadd() { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return; fi; local -a hits; builtin compadd -A hits "$@"; (( $#hits )) && print -rl -- "$IPREFIX"\${^hits} >> $out; builtin compadd "$@"; }'
zpty -w z 'capture-complete() { zle complete-word; print -r -- __DONE__ >> $out; }; zle -N capture-complete; bindkey "^T" capture-complete'
for line in "$@"; do
  : > $out
  zpty -n -w z "$line"$'\\x14'
  for i in {1..600}; do
    while zpty -r -t z junk; do :; done
    grep -q __DONE__ $out 2>/dev/null && break
    sleep 0.05
  done
  grep -q __DONE__ $out || { print -r -- "no answer for: $line" >&2; exit 4; }
  printf '\\036%s\\n' "$line"
  grep -v __DONE__ $out
  zpty -n -w z $'\\x15'
done
zpty -d z`;

const FISH_DRIVER = `source $argv[1]
for line in $argv[2..-1]
    printf '\\036%s\\n' $line
    complete -C $line | string replace -r '\\t.*' ''
end
true`;

/** The completions each shell offers for each command line, as the words the line would end with. */
function complete(
  shell: Shell,
  script: string,
  lines: readonly string[],
  options: { readonly zshFpath?: boolean } = {},
): Map<string, string[]> {
  const file = join(sandbox.dir, `completion.${shell}`);
  writeFileSync(file, script);
  // zsh also loads it as an autoloaded function: a file named _codewhale-route in a directory of $fpath.
  const fpath = join(sandbox.dir, 'zsh-fpath');
  if (options.zshFpath) {
    mkdirSync(fpath, { recursive: true });
    writeFileSync(join(fpath, '_codewhale-route'), script);
  }
  const zshDriver = options.zshFpath
    ? ZSH_DRIVER.replace(`compinit -u -D && source \${(q)script}`, `fpath=(${fpath} $fpath); compinit -u -D`)
    : ZSH_DRIVER;
  expect(options.zshFpath === true, 'the zsh driver loads from $fpath').toBe(zshDriver !== ZSH_DRIVER);
  const run =
    shell === 'bash'
      ? spawnSync('bash', ['--norc', '--noprofile', '-c', BASH_DRIVER, 'driver', file, ...lines], {
          encoding: 'utf8',
          timeout: 60_000,
        })
      : shell === 'zsh'
        ? spawnSync('zsh', ['-f', '-c', zshDriver, 'driver', file, join(sandbox.dir, 'zsh-matches'), ...lines], {
            encoding: 'utf8',
            timeout: 120_000,
          })
        : spawnSync('fish', ['--no-config', '-c', FISH_DRIVER, file, ...lines], { encoding: 'utf8', timeout: 60_000 });
  // The shell's own status (the driver ran), not an exit code of the CLI.
  expect({ shellStatus: run.status, stderr: run.stderr }).toEqual({ shellStatus: 0, stderr: '' });
  const answers = new Map<string, string[]>();
  for (const block of run.stdout.split('\u001e').slice(1)) {
    const [line, ...words] = block.split('\n').filter((word) => word !== '');
    // bash replaces only the part of the word after its last break character (= and :), as readline does.
    const typed = (line as string).slice((line as string).lastIndexOf(' ') + 1);
    const kept = shell === 'bash' ? typed.slice(0, Math.max(typed.lastIndexOf('='), typed.lastIndexOf(':')) + 1) : '';
    answers.set(line as string, [...new Set(words.map((word) => kept + word))].sort());
  }
  return answers;
}

const sorted = (words: readonly string[]) => [...words].sort();
const PROVIDERS = ['deepseek', 'together', 'nvidia-nim', 'huggingface', 'sglang', 'vllm', 'ollama'];

/** Command line → the completions every shell must offer. */
const CASES: readonly (readonly [line: string, expected: readonly string[]])[] = [
  ['codewhale-route ', (ROOT.subcommands ?? []).map((command) => command.name)],
  ['codewhale-route co', ['compare', 'completion', 'config']],
  ['codewhale-route config s', ['schema', 'set', 'show']],
  ['codewhale-route catalog validate --d', ['--debug', '--dir']],
  ['codewhale-route explain --pr', ['--prefer', '--provider']],
  ['codewhale-route explain --prefer ', PREFERENCES],
  ['codewhale-route explain --prefer=l', ['--prefer=latency']],
  ['codewhale-route resolve --reasoning m', ['max', 'medium']],
  ['codewhale-route explain --require tools,', ['tools,json', 'tools,reasoning', 'tools,streaming', 'tools,vision']],
  ['codewhale-route explain --provider ', PROVIDERS],
  ['codewhale-route models --provider vllm,o', ['vllm,ollama']],
  // A global flag's value is skipped when finding the command.
  ['codewhale-route --config x.toml explain --reasoning o', ['off']],
  ['codewhale-route compare deepseek-v4-p', ['deepseek-v4-pro']],
  ['codewhale-route compare deepseek-v4-pro ', []],
  ['codewhale-route completion ', SHELLS],
  ['codewhale-route explain --model ', []],
];

describe('codewhale-route completion', () => {
  const scripts = new Map<Shell, string>();
  beforeAll(async () => {
    for (const shell of SHELLS) {
      const run = await sandbox.run(['completion', shell]);
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: EXIT_CODES.ok, stderr: '' });
      scripts.set(shell, run.stdout);
    }
  }, 120_000);

  it('refuses an unknown shell, and a missing one, as usage errors', async () => {
    const unknown = await sandbox.run(['completion', 'zhs']);
    expect(unknown.code).toBe(EXIT_CODES.usage);
    expect(unknown.stderr).toContain('must be one of bash, zsh, fish (got "zhs"). Did you mean zsh?');
    expect((await sandbox.run(['completion'])).code).toBe(EXIT_CODES.usage);
  });

  it('prints the script as JSON with --json', async () => {
    const run = await sandbox.run(['completion', 'fish', '--json']);
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(completionOutputSchema.parse(json(run))).toEqual({
      schemaVersion: 1,
      shell: 'fish',
      script: scripts.get('fish'),
    });
  });

  it('is listed in --help', async () => {
    const help = await sandbox.run(['--help']);
    expect(help.stdout).toMatch(/^ {2}completion {2,}Print a completion script for bash, zsh or fish/m);
    expect(help.stdout).toContain('codewhale-route completion bash|zsh|fish');
  });

  for (const shell of SHELLS) {
    describe.skipIf(!installed(shell))(shell, () => {
      it('completes commands, subcommands, flags and their values', () => {
        const answers = complete(
          shell,
          scripts.get(shell) as string,
          CASES.map(([line]) => line),
        );
        for (const [line, expected] of CASES)
          expect({ line, offered: answers.get(line) }).toEqual({ line, offered: sorted(expected) });
      }, 120_000);

      it.runIf(shell === 'zsh')(
        'works as an autoloaded _codewhale-route in $fpath too',
        () => {
          const lines = ['codewhale-route con', 'codewhale-route explain --prefer '];
          const answers = complete(shell, scripts.get(shell) as string, lines, { zshFpath: true });
          expect(lines.map((line) => answers.get(line))).toEqual([['config'], sorted(PREFERENCES)]);
        },
        120_000,
      );

      it('completes file names for --config', () => {
        writeFileSync(join(sandbox.dir, 'probe-config.toml'), '');
        const line = `codewhale-route --config ${sandbox.dir}/probe-con`;
        expect(
          complete(shell, scripts.get(shell) as string, [line])
            .get(line)
            ?.some((word) => word.endsWith('probe-config.toml')),
        ).toBe(true);
      }, 120_000);

      it("offers the registry's providers, the config's custom endpoints included", async () => {
        const config = join(sandbox.dir, `custom-${shell}.toml`);
        writeFileSync(config, '[providers.lmstudio]\nbase_url = "http://127.0.0.1:1234/v1"\n');
        const run = await sandbox.run(['completion', shell], { env: { CODEWHALE_CONFIG: config } });
        expect(run.code).toBe(EXIT_CODES.ok);
        const line = 'codewhale-route health --provider ';
        expect(complete(shell, run.stdout, [line]).get(line)).toEqual(sorted([...PROVIDERS, 'lmstudio']));
      }, 120_000);

      it('is generated from the command tree: a new command, flag and value list need no change to the template', () => {
        const tree: CommandSpec = {
          name: 'codewhale-route',
          summary: 'test tree',
          subcommands: [
            {
              name: 'frobnicate',
              summary: "Frobnicate (it's a test).",
              flags: {
                level: { type: 'string', values: ['gentle', 'hard'], description: 'How hard.' },
                only: { type: 'list', complete: 'provider', description: 'Which.' },
              },
            },
            {
              name: 'group',
              summary: 'A group.',
              subcommands: [
                {
                  name: 'leaf',
                  summary: 'A leaf.',
                  positionals: [{ name: 'model', description: 'A model.', required: true, complete: 'model' }],
                },
              ],
            },
          ],
        };
        const script = completionScript(
          shell,
          tree,
          { provider: ['alpha', 'beta'], model: ['m-one', 'm-two'] },
          'test',
        );
        const lines = [
          'codewhale-route ',
          'codewhale-route frobnicate --l',
          'codewhale-route frobnicate --level ',
          'codewhale-route frobnicate --only alpha,',
          'codewhale-route group leaf m-',
        ];
        const answers = complete(shell, script, lines);
        expect(lines.map((line) => answers.get(line))).toEqual([
          ['frobnicate', 'group'],
          ['--level'],
          ['gentle', 'hard'],
          ['alpha,beta'],
          ['m-one', 'm-two'],
        ]);
      }, 120_000);
    });
  }

  it('still prints a script when the config cannot be read, with the bundled providers and a warning', async () => {
    const broken = join(sandbox.dir, 'broken.toml');
    writeFileSync(broken, 'provider = \n');
    const run = await sandbox.run(['completion', 'bash', '--config', broken]);
    expect(run.code).toBe(EXIT_CODES.ok);
    expect(run.stderr).toMatch(/^warning: .*The completion script offers the bundled providers only\.\n$/);
    expect(run.stdout).toBe(scripts.get('bash'));
  });
});

describe('the completion scripts, whatever the shell', () => {
  it('quote every description and list for their shell', () => {
    const tree: CommandSpec = {
      name: 'codewhale-route',
      summary: 't',
      subcommands: [
        {
          name: 'x',
          summary: `it's "quoted" $HOME \\ back`,
          flags: { y: { type: 'string', values: ["no'pe", 'ok'], description: "y's" } },
        },
      ],
    };
    for (const shell of SHELLS) {
      const script = completionScript(shell, tree, { provider: [], model: [] }, 'test');
      // A value a shell cannot offer as one word is left out, never written unquoted.
      expect(script).not.toContain("no'pe");
      expect(script).toContain(
        shell === 'fish'
          ? `it\\'s "quoted" $HOME \\\\ back`
          : shell === 'zsh'
            ? `it'\\''s "quoted" $HOME \\ back`
            : `'x --y') echo 'one ok'`,
      );
    }
  });
});
