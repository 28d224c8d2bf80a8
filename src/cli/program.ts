// Builds the commander program (https://github.com/tj/commander.js) from the command
// declarations in src/cli/commands/. Commander parses, checks choices, suggests the nearest
// command or flag for a typo, and writes --help; every parse error leaves here as ONE
// EnvdiffError line (exit 2) instead of commander's two-line message.
//
// Chosen by measurement (bench/parsers.mjs, bench/parsers.md): the one parser with built-in
// did-you-mean for commands and options, per-command help and `help <command>`; yargs 18 took
// about 100 ms more per start. Even so it is imported only when the util.parseArgs fast path
// (fast-parse.ts) declines a command line: help, --version, typos and other errors.
import { Command, CommanderError, Help, Option } from 'commander';
import { EnvdiffError } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';
import { printable } from './options.js';
import { outputWidth } from './terminal.js';
import { PROGRAM, type CommandSpec, type OptionSpec } from './spec.js';
import type { Parsed } from './fast-parse.js';

export { PROGRAM } from './spec.js';
export const TAGLINE = 'will what works here also work there?';

export type { Parsed } from './fast-parse.js';

export function buildProgram(specs: readonly CommandSpec[], onParsed: (p: Parsed) => void): Command {
  const program = new Command(PROGRAM)
    .description(`${PROGRAM} ${TOOL_VERSION} — ${TAGLINE}`)
    .usage('<command> [options]')
    .version(TOOL_VERSION, '-v, --version', 'print the version and exit')
    .helpOption('-h, --help', 'show help')
    .helpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .configureHelp(helpConfig)
    .configureOutput({
      outputError: () => undefined,
      getOutHelpWidth: () => outputWidth(),
      getErrHelpWidth: () => outputWidth(process.stderr),
    })
    .exitOverride(rethrow(undefined));
  program.addHelpText(
    'after',
    `
Exit codes: 0 ok, 1 drift at or above --fail-on, 2 bad input or a target that cannot be captured.
A file argument \`-\` reads stdin. Run \`${PROGRAM} help <command>\` for a command's options and examples.`,
  );

  for (const spec of specs) {
    const cmd = program
      .command(spec.name)
      .summary(spec.summary)
      .description(spec.description ? `${spec.summary}\n\n${spec.description}` : spec.summary)
      .helpOption('-h, --help', 'show help for this command')
      .configureHelp(helpConfig)
      .exitOverride(rethrow(spec.name));
    for (const a of spec.args) {
      const name = a.variadic ? `${a.name}...` : a.name;
      cmd.argument(a.required ? `<${name}>` : `[${name}]`, a.description);
    }
    // The values as the declaration reads them, collected as commander meets each option (after
    // its own checks): commander folds `--no-lock` and `--lock FILE` into one `lock` value, so
    // that `--lock a.txt --no-lock` would read as neither.
    const given: Record<string, unknown> = {};
    for (const o of spec.options) {
      cmd.addOption(toOption(o));
      cmd.on(`option:${o.name}`, (value: unknown) => {
        if (!o.value) {
          given[o.name] = true;
          return;
        }
        const parsed = o.parse ? o.parse(String(value), `--${o.name}`) : value;
        given[o.name] = o.repeatable || o.variadic ? [...((given[o.name] as unknown[] | undefined) ?? []), parsed] : parsed;
      });
    }
    cmd.addHelpText('after', examplesText(spec));
    cmd.action((...received: unknown[]) => {
      // commander passes the arguments, then the options object, then the command.
      const command = received[received.length - 1] as Command;
      onParsed({ spec, args: command.processedArgs.flat().filter((a): a is string => typeof a === 'string'), opts: given });
    });
  }
  return program;
}

function flagsOf(o: OptionSpec): string {
  const long = `--${o.name}`;
  const value = o.value ? ` <${o.value}${o.variadic ? '...' : ''}>` : '';
  return o.short ? `-${o.short}, ${long}${value}` : `${long}${value}`;
}

const SPEC_OF = new WeakMap<Option, OptionSpec>();

function toOption(o: OptionSpec): Option {
  const opt = new Option(flagsOf(o), o.description);
  SPEC_OF.set(opt, o);
  if (o.choices) opt.choices(o.choices);
  if (o.hidden) opt.hideHelp();
  // Checked here, where commander reports a bad value; the value itself is collected per command.
  if (o.parse && !o.choices) {
    const parse = o.parse;
    opt.argParser((value: string) => parse(value, `--${o.name}`));
  }
  return opt;
}

/** Commander's message (`error: unknown option '--formt'\n(Did you mean --format?)`) as one line. */
export function toEnvdiffError(err: CommanderError, command: string | undefined): EnvdiffError {
  const [first = '', ...rest] = err.message.split('\n');
  const suggestion = /\(Did you mean (.+)\?\)/.exec(rest.join(' '))?.[1];
  const what = printable(first.replace(/^error: /, ''))
    .replace(/\\"/g, '"')
    .replace(/\.$/, '');
  const help = command ? `\`${PROGRAM} ${command} --help\`` : `\`${PROGRAM} --help\``;
  const hint = suggestion ? `did you mean ${suggestion}? See ${help}` : `see ${help}`;
  return new EnvdiffError(command ? `${command}: ${what}` : what, hint);
}

/** The error that leaves the parser: help and --version are not errors (exit 0). */
export class ParseStop extends Error {
  constructor(readonly exitCode: 0) {
    super('stop');
  }
}

function rethrow(command: string | undefined): (err: CommanderError) => never {
  return (err) => {
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') {
      throw new ParseStop(0);
    }
    throw toEnvdiffError(err, command);
  };
}

function examplesText(spec: CommandSpec): string {
  if (spec.examples.length === 0) return '';
  const lines = ['', 'Examples:'];
  for (const [command, what] of spec.examples) lines.push(`  $ ${command}`, `      ${what}`);
  return lines.join('\n');
}

/** Choices and defaults in one parenthesis after the description, as the spec declares them. */
const helpConfig: Partial<Help> = {
  sortSubcommands: false,
  optionDescription(option: Option): string {
    const extra: string[] = [];
    if (option.argChoices) extra.push(`choices: ${option.argChoices.join(', ')}`);
    const spec = SPEC_OF.get(option);
    if (spec?.defaultText) extra.push(`default: ${spec.defaultText}`);
    if (spec?.repeatable) extra.push('repeatable');
    return extra.length ? `${option.description} (${extra.join('; ')})` : option.description;
  },
};
