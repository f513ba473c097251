import type { CommandSpec } from './argv.js';
import { GLOBAL_FLAGS } from './argv.js';
import { EXIT_CODES, type ErrorCategory } from './exit-codes.js';
import { CLI_GUIDE_URL } from './links.js';
import { renderTable, type Colors } from './output.js';

/** `0 ok · 2 usage · … · 1 unexpected`: every exit code, the bug (internal) last. */
const EXIT_CODE_LINE = (Object.entries(EXIT_CODES) as [ErrorCategory, number][])
  .sort(([left], [right]) => Number(left === 'internal') - Number(right === 'internal'))
  .map(([category, code]) => `${code} ${category === 'internal' ? 'unexpected' : category}`)
  .join(' · ');

/** Help text of a command (or of the program). */
export function helpText(spec: CommandSpec, path: readonly string[], colors: Colors): string {
  const name = ['codewhale-route', ...path].join(' ');
  const lines: string[] = [];
  const positionals = (spec.positionals ?? [])
    .map((positional) => (positional.required ? `<${positional.name}>` : `[${positional.name}]`))
    .join(' ');
  const usage = spec.subcommands
    ? `${name} <command> [flags]`
    : `${name}${positionals ? ` ${positionals}` : ''} [flags]`;
  lines.push(`${colors.bold('usage')}: ${usage}`, '', spec.summary);
  if (spec.subcommands) {
    lines.push('', colors.bold('commands'));
    lines.push(
      renderTable(
        spec.subcommands.map((child) => [child.name, `${child.summary}`]),
        { indent: '  ' },
      ),
    );
  }
  if (spec.positionals?.length) {
    lines.push('', colors.bold('arguments'));
    lines.push(
      renderTable(
        spec.positionals.map((positional) => [
          positional.required ? `<${positional.name}>` : `[${positional.name}]`,
          positional.description,
        ]),
        { indent: '  ' },
      ),
    );
  }
  const flagRows = (flags: CommandSpec['flags']) =>
    Object.entries(flags ?? {}).map(([flag, info]) => [
      `--${flag}${info.type === 'boolean' ? '' : ` <${info.placeholder ?? 'value'}>`}`,
      `${info.description}${info.values ? colors.dim(` (${info.values.join(', ')})`) : ''}`,
    ]);
  if (spec.flags && Object.keys(spec.flags).length) {
    lines.push('', colors.bold('flags'));
    lines.push(renderTable(flagRows(spec.flags), { indent: '  ' }));
  }
  lines.push('', colors.bold('global flags'));
  lines.push(renderTable(flagRows(GLOBAL_FLAGS), { indent: '  ' }));
  if (spec.examples?.length) {
    lines.push('', colors.bold('examples'));
    for (const example of spec.examples) lines.push(`  ${example}`);
  }
  if (path.length === 0) {
    // A table, so the columns stay aligned whatever the names' lengths.
    const environment = renderTable(
      [
        [
          'CODEWHALE_PROVIDER, CODEWHALE_MODEL, CODEWHALE_BASE_URL',
          'session choices (flags win; the config comes after)',
        ],
        [
          '<PROVIDER>_BASE_URL, <PROVIDER>_MODEL',
          "that provider's endpoint and model, e.g. DEEPSEEK_BASE_URL, OLLAMA_HOST (explain: the active provider's only)",
        ],
        ['CODEWHALE_CONFIG, CODEWHALE_CACHE_DIR', 'config file, live cache directory'],
        ['NO_COLOR, CLICOLOR=0', 'no colour (colour is only ever used on a terminal)'],
        ['CLICOLOR_FORCE=1, FORCE_COLOR=1', 'colour even when not a terminal (NO_COLOR and --no-color still win)'],
      ],
      { indent: '  ' },
    );
    lines.push(
      '',
      colors.bold('environment'),
      environment,
      '',
      colors.bold('exit codes'),
      `  ${EXIT_CODE_LINE}`,
      '',
      colors.bold('shell completion'),
      '  codewhale-route completion bash|zsh|fish prints the script; `codewhale-route completion --help` says where it goes',
      '',
      `Offline unless a command says "network". Docs: ${CLI_GUIDE_URL}`,
    );
  }
  return lines.join('\n');
}
