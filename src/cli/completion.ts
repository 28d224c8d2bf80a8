// Completion scripts for bash, zsh and fish, generated from the command declarations
// (src/cli/commands/): a command or option added there is completed without touching this file.
// Each script is static — no envdiff process starts on <Tab>.
//   bash: `complete -F` (https://www.gnu.org/software/bash/manual/html_node/Programmable-Completion-Builtins.html)
//   zsh:  `_arguments` / `_describe` (https://zsh.sourceforge.io/Doc/Release/Completion-System.html)
//   fish: `complete -c` (https://fishshell.com/docs/current/cmds/complete.html)
import type { CommandSpec, Completion, OptionSpec } from './spec.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/**
 * Prefixes offered for --target; the rest of a target is the user's to type. Written out rather
 * than read from the target registry, which would load every target on this fast path;
 * test/capture/targets/registry.test.ts checks that every registered target is here.
 */
export const TARGET_PREFIXES = [
  'local',
  'docker:',
  'podman:',
  'container:',
  'ssh:',
  'k8s:',
  'k8s-job:',
  'slurm:',
  'image:',
  'docker-archive:',
  'oci-archive:',
  'oci:',
  'rootfs:',
];

interface Model {
  program: string;
  commands: readonly CommandSpec[];
}

function valueCompletion(o: OptionSpec): Completion | undefined {
  if (!o.value) return undefined;
  if (o.choices) return o.choices;
  return o.complete ?? 'file';
}

function argCompletion(spec: CommandSpec): Completion {
  return spec.args[0]?.complete ?? (spec.args.length > 0 ? 'file' : 'none');
}

function flags(o: OptionSpec): string[] {
  return o.short ? [`-${o.short}`, `--${o.name}`] : [`--${o.name}`];
}

const sq = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export function completionScript(shell: Shell, model: Model): string {
  switch (shell) {
    case 'bash':
      return bash(model);
    case 'zsh':
      return zsh(model);
    case 'fish':
      return fish(model);
  }
}

function bash({ program, commands }: Model): string {
  const fn = `_${program.replace(/[^A-Za-z0-9_]/g, '_')}_complete`;
  const words = (c: Completion): string => {
    if (c === 'file') return 'COMPREPLY=($(compgen -f -- "$cur"))';
    if (c === 'dir') return 'COMPREPLY=($(compgen -d -- "$cur"))';
    if (c === 'none') return 'COMPREPLY=()';
    const list = c === 'target' ? TARGET_PREFIXES : c;
    return `COMPREPLY=($(compgen -W ${sq(list.join(' '))} -- "$cur"))`;
  };
  const lines = [
    `# ${program} completion for bash. Load it now: source <(${program} completion bash)`,
    `# or for good: ${program} completion bash > ~/.local/share/bash-completion/completions/${program}`,
    `${fn}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="${COMP_WORDS[1]}"',
    '  if [ "$COMP_CWORD" -eq 1 ]; then',
    `    COMPREPLY=($(compgen -W ${sq([...commands.map((c) => c.name), 'help', '--help', '--version'].join(' '))} -- "$cur"))`,
    '    return',
    '  fi',
    '  case "$cmd" in',
    `    help) [ "$COMP_CWORD" -eq 2 ] && COMPREPLY=($(compgen -W ${sq(commands.map((c) => c.name).join(' '))} -- "$cur")); return ;;`,
  ];
  for (const spec of commands) {
    lines.push(`    ${spec.name})`);
    const byValue = new Map<string, string[]>();
    for (const o of spec.options) {
      const c = valueCompletion(o);
      if (!c) continue;
      const action = words(c);
      byValue.set(action, [...(byValue.get(action) ?? []), ...flags(o)]);
    }
    if (byValue.size > 0) {
      lines.push('      case "$prev" in');
      for (const [action, fl] of byValue) lines.push(`        ${fl.join('|')}) ${action}; return ;;`);
      lines.push('      esac');
    }
    const all = [...spec.options.filter((o) => !o.hidden).flatMap((o) => [`--${o.name}`]), '--help'];
    lines.push(`      if [[ "$cur" == -* ]]; then COMPREPLY=($(compgen -W ${sq(all.join(' '))} -- "$cur")); return; fi`);
    lines.push(`      ${words(argCompletion(spec))} ;;`);
  }
  lines.push('  esac', '}', `complete -o filenames -F ${fn} ${program}`, '');
  return lines.join('\n');
}

/** Text inside an _arguments spec: brackets and colons are syntax there. */
function zshText(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/([[\]:])/g, '\\$1')
    .replace(/'/g, `'\\''`);
}

function zsh({ program, commands }: Model): string {
  const action = (c: Completion): string => {
    if (c === 'file') return '_files';
    if (c === 'dir') return '_files -/';
    if (c === 'none') return ' ';
    const list = c === 'target' ? TARGET_PREFIXES : c;
    return `(${list.map((w) => w.replace(/[:\\ ()]/g, '\\$&')).join(' ')})`;
  };
  const optionSpecs = (spec: CommandSpec): string[] =>
    [...spec.options.filter((o) => !o.hidden), { name: 'help', short: 'h', description: 'show help for this command' } as OptionSpec].map(
      (o) => {
        const c = valueCompletion(o);
        const value = c ? `:${zshText(o.value ?? 'value')}:${action(c)}` : '';
        const repeat = o.repeatable || o.variadic ? '*' : '';
        const desc = `[${zshText(o.description)}]`;
        if (o.short && !repeat) return `'(-${o.short} --${o.name})'{-${o.short},--${o.name}}'${desc}${value}'`;
        if (o.short) return `'${repeat}'{-${o.short},--${o.name}}'${desc}${value}'`;
        return `'${repeat}--${o.name}${desc}${value}'`;
      },
    );
  const lines = [
    `#compdef ${program}`,
    `# ${program} completion for zsh. Load it now: source <(${program} completion zsh)`,
    `# or for good: ${program} completion zsh > "\${fpath[1]}/_${program}" (then start a new shell)`,
    `_${program}() {`,
    '  local curcontext="$curcontext" state line',
    '  local -a commands',
    '  commands=(',
    ...commands.map((c) => `    '${c.name}:${zshText(c.summary)}'`),
    "    'help:show help for a command'",
    '  )',
    `  _arguments -C '(- *)'{-h,--help}'[show help]' '(- *)'{-v,--version}'[print the version]' '1: :->command' '*:: :->args'`,
    '  case $state in',
    `    command) _describe -t commands '${program} command' commands ;;`,
    '    args)',
    '      case $words[1] in',
    `        help) _describe -t commands '${program} command' commands ;;`,
  ];
  for (const spec of commands) {
    const positional = spec.args.map((a, i) => {
      const c = a.complete ?? 'file';
      return `'${a.variadic ? '*' : i + 1}:${zshText(a.name)}:${action(c)}'`;
    });
    lines.push(`        ${spec.name}) _arguments ${[...optionSpecs(spec), ...positional].join(' ')} ;;`);
  }
  lines.push(
    '      esac ;;',
    '  esac',
    '}',
    '',
    `if [ "$funcstack[1]" = "_${program}" ]; then _${program} "$@"; else compdef _${program} ${program}; fi`,
    '',
  );
  return lines.join('\n');
}

function fish({ program, commands }: Model): string {
  const q = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const names = commands.map((c) => c.name).join(' ');
  const lines = [
    `# ${program} completion for fish. Load it now: ${program} completion fish | source`,
    `# or for good: ${program} completion fish > ~/.config/fish/completions/${program}.fish`,
    `complete -c ${program} -f`,
    `complete -c ${program} -n __fish_use_subcommand -s h -l help -d 'show help'`,
    `complete -c ${program} -n __fish_use_subcommand -s v -l version -d 'print the version'`,
    ...commands.map((c) => `complete -c ${program} -n __fish_use_subcommand -a ${c.name} -d ${q(c.summary)}`),
    `complete -c ${program} -n __fish_use_subcommand -a help -d 'show help for a command'`,
    `complete -c ${program} -n '__fish_seen_subcommand_from help' -a ${q(names)}`,
  ];
  for (const spec of commands) {
    const when = `-n '__fish_seen_subcommand_from ${spec.name}'`;
    for (const o of spec.options.filter((x) => !x.hidden)) {
      const c = valueCompletion(o);
      const short = o.short ? ` -s ${o.short}` : '';
      let value = '';
      if (c === 'file') value = ' -r -F';
      else if (c === 'dir') value = " -x -a '(__fish_complete_directories)'";
      else if (c === 'none') value = ' -x';
      else if (c) value = ` -x -a ${q((c === 'target' ? TARGET_PREFIXES : c).join(' '))}`;
      lines.push(`complete -c ${program} ${when}${short} -l ${o.name}${value} -d ${q(o.description)}`);
    }
    lines.push(`complete -c ${program} ${when} -s h -l help -d 'show help for this command'`);
    const arg = argCompletion(spec);
    if (arg === 'file') lines.push(`complete -c ${program} ${when} -F`);
    else if (Array.isArray(arg)) lines.push(`complete -c ${program} ${when} -a ${q(arg.join(' '))}`);
  }
  return `${lines.join('\n')}\n`;
}
