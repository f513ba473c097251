import type { CommandSpec } from './argv.js';
import { GLOBAL_FLAGS } from './argv.js';
import { renderTable, type Colors } from './output.js';

/** Help text of a command (or of the program). */
export function helpText(spec: CommandSpec, path: readonly string[], colors: Colors): string {
  const name = ['codewhale-route', ...path].join(' ');
  const lines: string[] = [];
  const positionals = (spec.positionals ?? []).map((positional) => (positional.required ? `<${positional.name}>` : `[${positional.name}]`)).join(' ');
  const usage = spec.subcommands ? `${name} <command> [flags]` : `${name}${positionals ? ` ${positionals}` : ''} [flags]`;
  lines.push(`${colors.bold('usage')}: ${usage}`, '', spec.summary);
  if (spec.subcommands) {
    lines.push('', colors.bold('commands'));
    lines.push(renderTable(spec.subcommands.map((child) => [child.name, `${child.summary}`]), { indent: '  ' }));
  }
  if (spec.positionals?.length) {
    lines.push('', colors.bold('arguments'));
    lines.push(renderTable(spec.positionals.map((positional) => [positional.required ? `<${positional.name}>` : `[${positional.name}]`, positional.description]), { indent: '  ' }));
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
        ['CODEWHALE_PROVIDER, CODEWHALE_MODEL, CODEWHALE_BASE_URL', 'session choices (flags win; the config comes after)'],
        ['<PROVIDER>_BASE_URL, <PROVIDER>_MODEL', "that provider's endpoint and model, e.g. DEEPSEEK_BASE_URL, OLLAMA_HOST (explain: the active provider's only)"],
        ['CODEWHALE_CONFIG, CODEWHALE_CACHE_DIR', 'config file, live cache directory'],
        ['NO_COLOR', 'no colour (colour is only ever used on a terminal)'],
      ],
      { indent: '  ' },
    );
    lines.push(
      '',
      colors.bold('environment'),
      environment,
      '',
      colors.bold('exit codes'),
      '  0 ok · 2 usage · 3 resolution · 4 network · 5 config · 6 catalog · 1 unexpected',
      '',
      `Offline unless a command says "network". Docs: docs/cli.md`,
    );
  }
  return lines.join('\n');
}
