// Shell completion scripts, generated from the command tree (cli/commands.ts, GLOBAL_FLAGS) and the lists the registry
// knows when the script is written (provider ids, canonical model ids). Each shell has one fixed template (how to walk
// the command line, how to offer words, files or directories); everything the CLI accepts is data generated into it,
// so a new command, flag or value list needs no change here.
import { GLOBAL_FLAGS, type CommandSpec, type FlagSpec, type PositionalSpec } from './argv.js';
import type { Shell } from './commands.js';

/** The lists a script offers for `complete: 'provider' | 'model'` values. */
export interface CompletionLists {
  /** Provider ids, in the registry's order. */
  readonly provider: readonly string[];
  /** Canonical model ids. */
  readonly model: readonly string[];
}

/** What a value completes to: fixed words (one, or a comma-separated list of them), a file, a directory, or anything. */
export type ValueCompletion =
  | { readonly kind: 'one' | 'many'; readonly words: readonly string[] }
  | { readonly kind: 'file' | 'directory' | 'any' };

/** One flag as the scripts see it: `value` is absent for a switch. */
export interface CompletionFlag {
  readonly name: string;
  readonly description: string;
  readonly value?: ValueCompletion;
}

/** One command of the tree as the scripts see it (its own flags, then the global ones). */
export interface CompletionNode {
  /** Command path, e.g. `config set`; `''` for the program. */
  readonly path: string;
  readonly subcommands: readonly { readonly name: string; readonly summary: string }[];
  readonly flags: readonly CompletionFlag[];
  readonly positionals: readonly ValueCompletion[];
}

/** A word a shell can offer as is: no space, quote, glob or control character (every id the catalog allows). */
const OFFERABLE = /^[A-Za-z0-9._+@/:=-]+$/;

function valueCompletion(spec: FlagSpec | PositionalSpec, list: boolean, lists: CompletionLists): ValueCompletion {
  const words =
    spec.values ?? (spec.complete === 'provider' || spec.complete === 'model' ? lists[spec.complete] : undefined);
  if (words) return { kind: list ? 'many' : 'one', words: words.filter((word) => OFFERABLE.test(word)) };
  if (spec.complete === 'file' || spec.complete === 'directory') return { kind: spec.complete };
  return { kind: 'any' };
}

function flagsOf(spec: CommandSpec, lists: CompletionLists): CompletionFlag[] {
  // A command's own flag wins over a global one of the same name (as in parseArgv).
  const all: Record<string, FlagSpec> = { ...GLOBAL_FLAGS, ...(spec.flags ?? {}) };
  const order = [
    ...Object.keys(spec.flags ?? {}),
    ...Object.keys(GLOBAL_FLAGS).filter((name) => !Object.hasOwn(spec.flags ?? {}, name)),
  ];
  return order.map((name) => {
    const flag = all[name] as FlagSpec;
    return {
      name,
      description: flag.description,
      ...(flag.type === 'boolean' ? {} : { value: valueCompletion(flag, flag.type === 'list', lists) }),
    };
  });
}

/** The command tree, flattened: every command path with its subcommands, flags and positionals. */
export function completionNodes(root: CommandSpec, lists: CompletionLists): CompletionNode[] {
  const nodes: CompletionNode[] = [];
  const visit = (spec: CommandSpec, path: readonly string[]) => {
    nodes.push({
      path: path.join(' '),
      subcommands: (spec.subcommands ?? []).map((child) => ({ name: child.name, summary: child.summary })),
      flags: flagsOf(spec, lists),
      positionals: (spec.positionals ?? []).map((positional) => valueCompletion(positional, false, lists)),
    });
    for (const child of spec.subcommands ?? []) visit(child, [...path, child.name]);
  };
  visit(root, []);
  return nodes;
}

/** Every flag that takes a value, in any command: walking a command line skips the word after one (as parseArgv does). */
function valueFlags(nodes: readonly CompletionNode[]): string[] {
  return [...new Set(nodes.flatMap((node) => node.flags.filter((flag) => flag.value).map((flag) => `--${flag.name}`)))];
}

/** A single-quoted word for bash, zsh and fish (fish escapes `\` and `'` inside; the POSIX shells close and reopen). */
function quote(text: string, shell: Shell): string {
  return shell === 'fish' ? `'${text.replace(/[\\']/g, '\\$&')}'` : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A value's completion as one line of words: `one a b c`, `many a b`, `file`, `directory`, `any`. */
function valueWords(value: ValueCompletion): string {
  return 'words' in value ? [value.kind, ...value.words].join(' ') : value.kind;
}

/** `case` arms (bash and zsh): keys with the same body share one arm. */
function caseArms(entries: readonly (readonly [key: string, body: string])[], shell: Shell, indent: string): string {
  const byBody = new Map<string, string[]>();
  for (const [key, body] of entries) byBody.set(body, [...(byBody.get(body) ?? []), key]);
  return [...byBody]
    .map(([body, keys]) => `${indent}${keys.map((key) => quote(key, shell)).join('|')}) ${body} ;;`)
    .join('\n');
}

/** `<path> --flag` and `<path> #<n>` (the n-th positional) with what their value completes to; global flags by `*`. */
function valueEntries(nodes: readonly CompletionNode[]): { specific: [string, string][]; global: [string, string][] } {
  const specific: [string, string][] = [];
  const global: [string, string][] = [];
  for (const node of nodes) {
    for (const flag of node.flags) {
      if (!flag.value || flag.value.kind === 'any') continue;
      const isGlobal =
        Object.hasOwn(GLOBAL_FLAGS, flag.name) &&
        !node.flags.some((other) => other !== flag && other.name === flag.name);
      if (isGlobal) {
        if (!global.some(([key]) => key === `--${flag.name}`)) global.push([`--${flag.name}`, valueWords(flag.value)]);
      } else specific.push([`${node.path} --${flag.name}`, valueWords(flag.value)]);
    }
    node.positionals.forEach((positional, index) => {
      if (positional.kind !== 'any') specific.push([`${node.path} #${index}`, valueWords(positional)]);
    });
  }
  return { specific, global };
}

function header(shell: Shell, version: string, install: readonly string[]): string {
  return [
    `# ${shell} completion for codewhale-route ${version}, generated by \`codewhale-route completion ${shell}\` from its commands and registry.`,
    ...install.map((line) => `# ${line}`),
  ].join('\n');
}

function bashScript(nodes: readonly CompletionNode[], version: string): string {
  const { specific, global } = valueEntries(nodes);
  const subcommands = nodes
    .filter((node) => node.subcommands.length > 0)
    .map(
      (node) => [node.path, `echo ${quote(node.subcommands.map((child) => child.name).join(' '), 'bash')}`] as const,
    );
  const flags = nodes.map(
    (node) => [node.path, `echo ${quote(node.flags.map((flag) => `--${flag.name}`).join(' '), 'bash')}`] as const,
  );
  const values = [...specific.map(([key, body]) => [key, `echo ${quote(body, 'bash')}`] as const)];
  const globals = global
    .map(([key, body]) => `    *${quote(` ${key}`, 'bash')}) echo ${quote(body, 'bash')} ;;`)
    .join('\n');
  return `${header('bash', version, ['Use it now: eval "$(codewhale-route completion bash)"; for every shell, add that line to ~/.bashrc,', 'or save it as ~/.local/share/bash-completion/completions/codewhale-route (with bash-completion installed).'])}

# The subcommands of a command path ('' is the program).
__codewhale_route_subcommands() {
  case "$1" in
${caseArms(subcommands, 'bash', '    ')}
  esac
}

# The flags of a command path.
__codewhale_route_flags() {
  case "$1" in
${caseArms(flags, 'bash', '    ')}
  esac
}

# What a value completes to, for '<path> --<flag>' or '<path> #<n>' (the n-th argument): 'one <words>', 'many <words>'
# (comma-separated), 'file', 'directory'; nothing for anything else.
__codewhale_route_value() {
  case "$1" in
${caseArms(values, 'bash', '    ')}
${globals}
  esac
}

# Whether a flag takes a value (the next word is then skipped when finding the command path).
__codewhale_route_takes_value() {
  case "$1" in
    ${valueFlags(nodes)
      .map((flag) => quote(flag, 'bash'))
      .join('|')}) return 0 ;;
  esac
  return 1
}

# Offer each of the words $1 that starts with $3, prefixed with $2 (and not already in the comma-separated list $4).
__codewhale_route_words() {
  local candidate
  for candidate in $1; do
    [[ "$candidate" == "$3"* && ",$4" != *",$candidate,"* ]] && COMPREPLY+=("$2$candidate")
  done
}

# Offer what a value completes to ($1, from __codewhale_route_value), prefixed with $2, for the typed part $3.
__codewhale_route_offer() {
  local kind="\${1%% *}" entry
  case "$kind" in
    one) __codewhale_route_words "\${1#* }" "$2" "$3" ;;
    many) __codewhale_route_words "\${1#* }" "$2\${3%"\${3##*,}"}" "\${3##*,}" "\${3%"\${3##*,}"}" ;;
    file | directory)
      while IFS= read -r entry; do COMPREPLY+=("$2$entry"); done < <(if [[ "$kind" == file ]]; then compgen -f -- "$3"; else compgen -d -- "$3"; fi)
      type compopt >/dev/null 2>&1 && compopt -o filenames 2>/dev/null
      ;;
  esac
}

_codewhale_route() {
  local line="\${COMP_LINE:0:COMP_POINT}" cur='' path='' value='' word subs i npos=0 dashdash=0 prefix=''
  local -a words
  read -r -a words <<<"$line"
  if [[ -n "$line" && "$line" != *[[:space:]] ]]; then
    cur="\${words[\${#words[@]}-1]}"
    unset "words[\${#words[@]}-1]"
  fi
  for ((i = 1; i < \${#words[@]}; i++)); do
    word="\${words[i]}"
    if [[ -n "$value" ]]; then
      value=''
    elif ((dashdash)); then
      npos=$((npos + 1))
    elif [[ "$word" == -- ]]; then
      dashdash=1
    elif [[ "$word" == -* ]]; then
      [[ "$word" != *=* ]] && __codewhale_route_takes_value "$word" && value="$word"
    elif ((npos == 0)) && [[ " $(__codewhale_route_subcommands "$path") " == *" $word "* ]]; then
      path="\${path:+$path }$word"
    else
      npos=$((npos + 1))
    fi
  done
  COMPREPLY=()
  if [[ -n "$value" ]]; then
    __codewhale_route_offer "$(__codewhale_route_value "$path $value")" '' "$cur"
  elif ((!dashdash)) && [[ "$cur" == --*=* ]]; then
    __codewhale_route_offer "$(__codewhale_route_value "$path \${cur%%=*}")" "\${cur%%=*}=" "\${cur#*=}"
  elif ((!dashdash)) && [[ "$cur" == -* ]]; then
    __codewhale_route_words "$(__codewhale_route_flags "$path")" '' "$cur"
  else
    subs="$(__codewhale_route_subcommands "$path")"
    if [[ -n "$subs" ]] && ((npos == 0)); then
      __codewhale_route_words "$subs" '' "$cur"
    else
      __codewhale_route_offer "$(__codewhale_route_value "$path #$npos")" '' "$cur"
    fi
  fi
  # Bash splits the word being completed at COMP_WORDBREAKS (= and : among them): offer only the part after the split.
  for ((i = 0; i < \${#cur}; i++)); do
    [[ "$COMP_WORDBREAKS" == *"\${cur:i:1}"* ]] && prefix="\${cur:0:i+1}"
  done
  if [[ -n "$prefix" ]]; then
    for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]="\${COMPREPLY[i]#"$prefix"}"; done
  fi
  return 0
}

complete -F _codewhale_route codewhale-route
`;
}

/** `name:description` for zsh's `_describe` (a colon in the name is escaped). */
function described(name: string, description: string): string {
  return `${name.replace(/:/g, '\\:')}:${description}`;
}

function zshScript(nodes: readonly CompletionNode[], version: string): string {
  const { specific, global } = valueEntries(nodes);
  const array = (items: readonly string[]) => `reply=(${items.map((item) => quote(item, 'zsh')).join(' ')})`;
  const subcommands = nodes
    .filter((node) => node.subcommands.length > 0)
    .map((node) => [node.path, array(node.subcommands.map((child) => described(child.name, child.summary)))] as const);
  const flags = nodes.map(
    (node) => [node.path, array(node.flags.map((flag) => described(`--${flag.name}`, flag.description)))] as const,
  );
  const values = specific.map(([key, body]) => [key, array(body.split(' '))] as const);
  const globals = global
    .map(([key, body]) => `    *${quote(` ${key}`, 'zsh')}) ${array(body.split(' '))} ;;`)
    .join('\n');
  return `#compdef codewhale-route
${header('zsh', version, ['Use it now: eval "$(codewhale-route completion zsh)" (after compinit); for every shell, add that line to ~/.zshrc,', 'or save it as _codewhale-route in a directory of your $fpath.'])}

# The subcommands of a command path ('' is the program), as name:summary in reply.
__codewhale_route_subcommands() {
  reply=()
  case "$1" in
${caseArms(subcommands, 'zsh', '    ')}
  esac
}

# The flags of a command path, as name:description in reply.
__codewhale_route_flags() {
  reply=()
  case "$1" in
${caseArms(flags, 'zsh', '    ')}
  esac
}

# What a value completes to, for '<path> --<flag>' or '<path> #<n>' (the n-th argument), in reply: (one <words>),
# (many <words>) (comma-separated), (file), (directory); empty for anything else.
__codewhale_route_value() {
  reply=()
  case "$1" in
${caseArms(values, 'zsh', '    ')}
${globals}
  esac
}

# Offer what a value completes to (reply, from __codewhale_route_value).
__codewhale_route_offer() {
  case "$reply[1]" in
    one) compadd -- "\${(@)reply[2,-1]}" ;;
    many)
      compset -P '*,'
      local -a chosen=("\${(@s:,:)\${IPREFIX#*=}}")
      compadd -- "\${(@)\${(@)reply[2,-1]}:|chosen}"
      ;;
    file) _files ;;
    directory) _files -/ ;;
    *) return 1 ;;
  esac
}

_codewhale_route() {
  local cmd='' value='' word flag i npos=0 dashdash=0
  local -a reply names
  for ((i = 2; i < CURRENT; i++)); do
    word="$words[i]"
    if [[ -n "$value" ]]; then
      value=''
    elif ((dashdash)); then
      npos=$((npos + 1))
    elif [[ "$word" == -- ]]; then
      dashdash=1
    elif [[ "$word" == -* ]]; then
      case "$word" in
        *=*) ;;
        ${valueFlags(nodes)
          .map((name) => quote(name, 'zsh'))
          .join('|')}) value="$word" ;;
      esac
    else
      __codewhale_route_subcommands "$cmd"
      names=("\${(@)reply%%:*}")
      if ((npos == 0 && \${names[(Ie)$word]})); then
        cmd="\${cmd:+$cmd }$word"
      else
        npos=$((npos + 1))
      fi
    fi
  done
  if [[ -n "$value" ]]; then
    __codewhale_route_value "$cmd $value"
    __codewhale_route_offer
  elif ((!dashdash)) && [[ "$PREFIX" == --*=* ]]; then
    flag="\${PREFIX%%=*}"
    compset -P '*='
    __codewhale_route_value "$cmd $flag"
    __codewhale_route_offer
  elif ((!dashdash)) && [[ "$PREFIX" == -* ]]; then
    __codewhale_route_flags "$cmd"
    _describe -t flags flag reply
  else
    __codewhale_route_subcommands "$cmd"
    if ((\${#reply} && npos == 0)); then
      _describe -t commands command reply
    else
      __codewhale_route_value "$cmd #$npos"
      __codewhale_route_offer
    fi
  fi
}

if [[ "$funcstack[1]" == _codewhale-route ]]; then
  _codewhale_route "$@"
else
  compdef _codewhale_route codewhale-route
fi
`;
}

function fishScript(nodes: readonly CompletionNode[], version: string): string {
  const lines: string[] = [];
  const complete = (condition: string, rest: string) =>
    lines.push(`complete -c codewhale-route -n ${quote(condition, 'fish')} ${rest}`);
  const offer = (value: ValueCompletion): string => {
    switch (value.kind) {
      case 'one':
        return `-x -a ${quote(value.words.join(' '), 'fish')}`;
      case 'many':
        return `-x -a ${quote(`(__codewhale_route_list ${value.words.join(' ')})`, 'fish')}`;
      case 'file':
        return '-r -F';
      case 'directory':
        return `-x -a ${quote('(__fish_complete_directories)', 'fish')}`;
      default:
        return '-x';
    }
  };
  for (const node of nodes) {
    const at = `__codewhale_route_at ${quote(node.path, 'fish')}`;
    for (const child of node.subcommands)
      complete(`${at} 0`, `-a ${quote(child.name, 'fish')} -d ${quote(child.summary, 'fish')}`);
    for (const flag of node.flags)
      complete(at, `-l ${flag.name} ${flag.value ? `${offer(flag.value)} ` : ''}-d ${quote(flag.description, 'fish')}`);
    node.positionals.forEach((positional, index) => {
      if (positional.kind === 'one' || positional.kind === 'many')
        complete(`${at} ${index}`, `-a ${quote(positional.words.join(' '), 'fish')}`);
      else if (positional.kind === 'file' || positional.kind === 'directory')
        complete(
          `${at} ${index}`,
          `-a ${quote(positional.kind === 'file' ? '(__fish_complete_path)' : '(__fish_complete_directories)', 'fish')}`,
        );
    });
  }
  return `${header('fish', version, ['Save it as ~/.config/fish/completions/codewhale-route.fish, or use it now: codewhale-route completion fish | source'])}

# Whether a flag takes a value (the next word is then skipped when finding the command path).
function __codewhale_route_takes_value
    contains -- $argv[1] ${valueFlags(nodes)
      .map((flag) => quote(flag, 'fish'))
      .join(' ')}
end

# The subcommands of a command path ('' is the program).
function __codewhale_route_subcommands
    switch $argv[1]
${nodes
  .filter((node) => node.subcommands.length > 0)
  .map(
    (node) =>
      `        case ${quote(node.path, 'fish')}\n            printf '%s\\n' ${node.subcommands.map((child) => quote(child.name, 'fish')).join(' ')}`,
  )
  .join('\n')}
    end
end

# True when the command line before the cursor is at command path $argv[1] (and, when given, after $argv[2] arguments).
function __codewhale_route_at
    set -l cmd ''
    set -l value 0
    set -l dashdash 0
    set -l npos 0
    for word in (commandline -opc)[2..-1]
        if test $value = 1
            set value 0
        else if test $dashdash = 1
            set npos (math $npos + 1)
        else if test "$word" = --
            set dashdash 1
        else if string match -q -- '-*' $word
            if not string match -q -- '*=*' $word; and __codewhale_route_takes_value $word
                set value 1
            end
        else if test $npos = 0; and contains -- $word (__codewhale_route_subcommands "$cmd")
            set cmd (string trim -- "$cmd $word")
        else
            set npos (math $npos + 1)
        end
    end
    test "$cmd" = "$argv[1]"; or return 1
    # A flag's completions apply after its name too (fish offers its value there); an argument's only where one goes.
    test (count $argv) -lt 2; or begin
        test $value = 0; and test $npos = $argv[2]
    end
end

# The words $argv, each after what the current token already lists before its last comma (a comma-separated value).
function __codewhale_route_list
    set -l head (string replace -r -- '[^,]*$' '' (string replace -r -- '^--[^=]*=' '' (commandline -ct)))
    set -l chosen (string split -n , -- $head)
    for word in $argv
        contains -- $word $chosen; or echo "$head$word"
    end
end

complete -c codewhale-route -f
${lines.join('\n')}
`;
}

/** The completion script for a shell: the shell's template filled with the command tree and the registry's lists. */
export function completionScript(shell: Shell, root: CommandSpec, lists: CompletionLists, version: string): string {
  const nodes = completionNodes(root, lists);
  if (shell === 'bash') return bashScript(nodes, version);
  if (shell === 'zsh') return zshScript(nodes, version);
  return fishScript(nodes, version);
}
