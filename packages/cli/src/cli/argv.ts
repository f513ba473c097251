import { usageError } from './exit-codes.js';

/** How a flag takes its value. `list` flags repeat and split on commas. */
export type FlagType = 'boolean' | 'string' | 'number' | 'list';

/**
 * What shell completion offers for a value beyond a fixed `values` list: a file, a directory, or a list the CLI knows when
 * it writes the completion script (`provider`: the registry's provider ids; `model`: its canonical model ids).
 */
export type CompletionSource = 'file' | 'directory' | 'provider' | 'model';

/** One flag of a command. */
export interface FlagSpec {
  readonly type: FlagType;
  readonly description: string;
  /** Shown in help: `--model <id>`. */
  readonly placeholder?: string;
  /** Allowed values (for `string` and each item of `list`). */
  readonly values?: readonly string[];
  /** What shell completion offers for the value when there is no `values` list. */
  readonly complete?: CompletionSource;
}

/** A positional argument. */
export interface PositionalSpec {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  /** Allowed values (checked by the parser, offered by shell completion). */
  readonly values?: readonly string[];
  /** What shell completion offers when there is no `values` list. */
  readonly complete?: CompletionSource;
}

/** A command (or a group of subcommands) of the CLI. */
export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly flags?: Readonly<Record<string, FlagSpec>>;
  readonly positionals?: readonly PositionalSpec[];
  readonly subcommands?: readonly CommandSpec[];
  readonly examples?: readonly string[];
  /** Whether the command touches the network (shown in help). */
  readonly network?: boolean;
}

/** A parsed value. */
export type FlagValue = string | number | boolean | readonly string[];

/** The command line, parsed against the command specs. */
export interface ParsedArgs {
  /** Command path, e.g. `['config', 'set']`; empty for the bare program. */
  readonly path: readonly string[];
  readonly spec: CommandSpec;
  readonly flags: Readonly<Record<string, FlagValue>>;
  readonly positionals: readonly string[];
}

/** Flags every command accepts. */
export const GLOBAL_FLAGS: Readonly<Record<string, FlagSpec>> = {
  json: { type: 'boolean', description: 'Print JSON (a documented, stable shape) instead of text.' },
  config: {
    type: 'string',
    placeholder: 'path',
    complete: 'file',
    description: 'Config file to use (default: $CODEWHALE_CONFIG, else the platform config path).',
  },
  'no-color': { type: 'boolean', description: 'No colour, even on a terminal (NO_COLOR=1 does the same).' },
  debug: { type: 'boolean', description: 'Show stack traces of unexpected errors.' },
  help: { type: 'boolean', description: 'Show help for the command.' },
  version: { type: 'boolean', description: 'Print the version.' },
};

const SHORT: Readonly<Record<string, string>> = { h: 'help', V: 'version', v: 'version' };

/** Edit distance, for "did you mean" suggestions. */
function distance(left: string, right: string): number {
  const row = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= right.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(
        (row[j] as number) + 1,
        (row[j - 1] as number) + 1,
        previous + (left[i - 1] === right[j - 1] ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[right.length] as number;
}

/** The closest name, when it is close enough to be what the user meant. */
export function suggest(input: string, names: readonly string[]): string | undefined {
  let best: { name: string; score: number } | undefined;
  for (const name of names) {
    const score = name.startsWith(input) && input.length >= 2 ? 0.5 : distance(input, name);
    if (score <= Math.max(1, Math.floor(name.length / 4)) + 1 && (!best || score < best.score)) best = { name, score };
  }
  return best?.name;
}

/** A token count like `128000`, `128k`, `1m`, `128_000` or `128,000`. */
export function parseTokenCount(text: string): number | undefined {
  const match = /^(\d+(?:[_,]\d{3})*|\d*\.\d+|\d+)\s*([kKmM]?)$/.exec(text.trim());
  if (!match) return undefined;
  const base = Number((match[1] as string).replace(/[_,]/g, ''));
  const scale = match[2] === '' ? 1 : /k/i.test(match[2] as string) ? 1_000 : 1_000_000;
  const value = Math.round(base * scale);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

function commandLabel(path: readonly string[]): string {
  return path.length ? `codewhale-route ${path.join(' ')}` : 'codewhale-route';
}

/** The paths of the commands that declare a flag, in the order of the command tree. */
function commandsWithFlag(root: CommandSpec, name: string): string[][] {
  const found: string[][] = [];
  const visit = (spec: CommandSpec, path: string[]) => {
    if (path.length > 0 && spec.flags && Object.hasOwn(spec.flags, name)) found.push(path);
    for (const child of spec.subcommands ?? []) visit(child, [...path, child.name]);
  };
  visit(root, []);
  return found;
}

/** Parse argv (without `node` and the script) against the command tree. Throws a usage error (exit 2) on any mistake. */
/** A word as a POSIX shell reads it back: as it is when plain, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export function parseArgv(argv: readonly string[], root: CommandSpec): ParsedArgs {
  // Pass 1: find the command path, skipping the values of flags that take one (whichever command declares them).
  const takesValue = new Set<string>();
  const collect = (spec: CommandSpec) => {
    for (const [name, flag] of Object.entries(spec.flags ?? {})) if (flag.type !== 'boolean') takesValue.add(name);
    for (const child of spec.subcommands ?? []) collect(child);
  };
  collect(root);
  for (const [name, flag] of Object.entries(GLOBAL_FLAGS)) if (flag.type !== 'boolean') takesValue.add(name);

  let spec = root;
  const path: string[] = [];
  const rest: { kind: 'flag' | 'value' | 'positional'; token: string }[] = [];
  let wantsHelp = false;
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index] as string;
    if (token === '--') {
      for (let later = index + 1; later < argv.length; later++)
        rest.push({ kind: 'positional', token: argv[later] as string });
      break;
    }
    if (token.startsWith('-') && token !== '-') {
      rest.push({ kind: 'flag', token });
      const name = token.replace(/^-+/, '').split('=', 1)[0] as string;
      if (name === 'help' || name === 'h') wantsHelp = true;
      if (!token.includes('=') && takesValue.has(name) && index + 1 < argv.length)
        rest.push({ kind: 'value', token: argv[++index] as string });
      continue;
    }
    const children = spec.subcommands;
    if (children && children.length > 0 && !rest.some((item) => item.kind === 'positional')) {
      const child = children.find((candidate) => candidate.name === token);
      if (child) {
        spec = child;
        path.push(token);
        continue;
      }
      if (token === 'help' && path.length === 0) {
        wantsHelp = true;
        rest.push({ kind: 'flag', token: '--help' });
        continue;
      }
      if (wantsHelp) continue;
      const names = children.map((candidate) => candidate.name);
      const close = suggest(token, names);
      throw usageError(
        `Unknown command "${token}"${path.length ? ` for ${commandLabel(path)}` : ''}.${close ? ` Did you mean "${close}"?` : ''}`,
        `Commands: ${names.join(', ')}. Run \`${commandLabel(path)} --help\`.`,
        'unknown-command',
      );
    }
    rest.push({ kind: 'positional', token });
  }

  // Pass 2: flags and positionals of the chosen command.
  const known: Record<string, FlagSpec> = { ...GLOBAL_FLAGS, ...(spec.flags ?? {}) };
  const flags: Record<string, FlagValue> = {};
  const positionals: string[] = [];
  for (let position = 0; position < rest.length; position++) {
    const { kind, token } = rest[position] as (typeof rest)[number];
    if (kind !== 'flag') {
      if (kind === 'value')
        throw usageError(
          `Unexpected value "${token}".`,
          `Run \`${commandLabel(path)} --help\` for its flags.`,
          'unexpected-argument',
        );
      positionals.push(token);
      continue;
    }
    const long = token.startsWith('--');
    const body = token.slice(long ? 2 : 1);
    const equals = body.indexOf('=');
    let name = equals >= 0 ? body.slice(0, equals) : body;
    if (!long) name = SHORT[name] ?? `-${name}`;
    const flag = known[name];
    const shown = long ? `--${name}` : token;
    if (!flag) {
      const close = suggest(name, Object.keys(known));
      // A flag of other commands (`codewhale-route --provider deepseek`): name them, and at the top level the command.
      const owners = commandsWithFlag(root, name).filter((owner) => owner.join(' ') !== path.join(' '));
      if (owners.length > 0 && !close) {
        const preferred = owners.find((owner) => owner.join(' ') === 'explain') ?? (owners[0] as readonly string[]);
        const names = owners.map((owner) => owner.join(' ')).join(', ');
        // The whole command line under the suggested command, so no flag the user typed is lost.
        const suggestion = `${commandLabel(preferred)} ${argv.map(shellWord).join(' ')}`;
        throw usageError(
          `Unknown flag ${shown} for ${commandLabel(path)}.${path.length === 0 ? ` Did you mean \`${suggestion}\`?` : ''}`,
          `${shown} is a flag of ${names}; run \`${commandLabel(path)} --help\` for ${path.length === 0 ? 'the commands' : 'its flags'}.`,
          'unknown-flag',
        );
      }
      throw usageError(
        `Unknown flag ${shown} for ${commandLabel(path)}.${close ? ` Did you mean --${close}?` : ''}`,
        `Run \`${commandLabel(path)} --help\` for its flags.`,
        'unknown-flag',
      );
    }
    let raw: string | undefined = equals >= 0 ? body.slice(equals + 1) : undefined;
    if (flag.type === 'boolean') {
      if (raw !== undefined && raw !== 'true' && raw !== 'false')
        throw usageError(
          `${shown} is a switch; it takes no value (got "${raw}").`,
          `Write ${shown} alone.`,
          'bad-flag-value',
        );
      flags[name] = raw !== 'false';
      continue;
    }
    if (raw === undefined) {
      const next = rest[position + 1];
      if (!next || next.kind === 'flag') {
        throw usageError(
          `${shown} needs a value.`,
          `Write ${shown} <${flag.placeholder ?? 'value'}>${flag.values ? ` (one of: ${flag.values.join(', ')})` : ''}.`,
          'missing-flag-value',
        );
      }
      raw = next.token;
      position++;
    }
    const check = (value: string) => {
      if (flag.values && !flag.values.includes(value)) {
        const close = suggest(value, flag.values);
        throw usageError(
          `${shown} must be one of ${flag.values.join(', ')} (got "${value}").${close ? ` Did you mean ${close}?` : ''}`,
          `Write ${shown} ${flag.values[0]}.`,
          'bad-flag-value',
        );
      }
      return value;
    };
    if (flag.type === 'list') {
      const items = raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
      if (items.length === 0)
        throw usageError(
          `${shown} needs at least one value.`,
          `Write ${shown} ${flag.values?.slice(0, 2).join(',') ?? '<value>'}.`,
          'missing-flag-value',
        );
      flags[name] = [...((flags[name] as readonly string[] | undefined) ?? []), ...items.map(check)];
      continue;
    }
    if (Object.hasOwn(flags, name)) throw usageError(`${shown} is given twice.`, `Keep one ${shown}.`, 'repeated-flag');
    if (flag.type === 'number') {
      const value = parseTokenCount(raw);
      if (value === undefined)
        throw usageError(
          `${shown} needs a positive whole number (got "${raw}").`,
          `Write e.g. ${shown} 128000 (or 128k).`,
          'bad-flag-value',
        );
      flags[name] = value;
      continue;
    }
    if (raw.trim() === '' && name !== 'model')
      throw usageError(
        `${shown} cannot be empty.`,
        `Write ${shown} <${flag.placeholder ?? 'value'}>.`,
        'bad-flag-value',
      );
    flags[name] = check(raw);
  }

  if (!flags.help && !flags.version) {
    const expected = spec.positionals ?? [];
    if (positionals.length > expected.length) {
      const extra = positionals[expected.length] as string;
      const looksLikeCommand =
        spec.subcommands === undefined && root.subcommands?.some((candidate) => candidate.name === extra);
      throw usageError(
        `Unexpected argument "${extra}" for ${commandLabel(path)}.`,
        looksLikeCommand ? 'Give one command at a time.' : `Run \`${commandLabel(path)} --help\` for its arguments.`,
        'unexpected-argument',
      );
    }
    expected.forEach((positional, index) => {
      const value = positionals[index];
      if (value === undefined || !positional.values || positional.values.includes(value)) return;
      const close = suggest(value, positional.values);
      throw usageError(
        `<${positional.name}> of ${commandLabel(path)} must be one of ${positional.values.join(', ')} (got "${value}").${close ? ` Did you mean ${close}?` : ''}`,
        `Write ${commandLabel(path)} ${positional.values[0]}.`,
        'bad-argument',
      );
    });
    const missing = expected.find((positional, index) => positional.required && positionals[index] === undefined);
    if (missing) {
      // The whole usage line: `config set model` is missing <value>, and the fix is `config set <key> <value>`.
      const usage = expected
        .map((positional) => (positional.required ? `<${positional.name}>` : `[${positional.name}]`))
        .join(' ');
      throw usageError(
        `${commandLabel(path)} needs <${missing.name}>: ${missing.description}`,
        `Write ${commandLabel(path)} ${usage}.`,
        'missing-argument',
      );
    }
  }
  return { path, spec, flags, positionals };
}
