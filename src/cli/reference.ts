// docs/CLI.md, the command-line reference, rendered from the same declarations as --help
// (`npm run docs:cli` writes it; test/cli/reference.test.ts fails when it is stale).
import { PROGRAM, type CommandSpec, type OptionSpec } from './spec.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function flag(o: OptionSpec): string {
  const value = o.value ? ` ${o.value}${o.variadic ? '…' : ''}` : '';
  return `${o.short ? `\`-${o.short}\`, ` : ''}\`--${o.name}${value}\``;
}

export function renderReference(specs: readonly CommandSpec[]): string {
  const out: string[] = [
    `# ${PROGRAM} command-line reference`,
    '',
    '<!-- Generated from src/cli/commands/ by `npm run docs:cli`; edit the declarations, not this file. -->',
    '',
    `Every command also prints this with \`${PROGRAM} COMMAND --help\` (or \`${PROGRAM} help COMMAND\`).`,
    `\`-v\`/\`--version\` prints the version. Exit codes: 0 ok, 1 drift at or above \`--fail-on\`, 2 bad input`,
    'or a target that cannot be captured (also a write error on stdout), 129/130/143 interrupted by SIGHUP/SIGINT/SIGTERM',
    '(what envdiff started is stopped first). A file argument `-` reads stdin.',
    '',
  ];
  for (const spec of specs) {
    const args = spec.args.map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`) + (a.variadic ? '…' : ''));
    out.push(
      `## ${spec.name}`,
      '',
      `\`${[PROGRAM, spec.name, ...args, spec.options.length ? '[options]' : ''].filter(Boolean).join(' ')}\``,
      '',
    );
    out.push(`${spec.summary.charAt(0).toUpperCase()}${spec.summary.slice(1)}.`, '');
    if (spec.description) out.push(spec.description, '');
    if (spec.args.length > 0) {
      out.push('| argument | |', '|---|---|');
      for (const a of spec.args) out.push(`| \`${a.name.toUpperCase()}\` | ${cell(a.description)}${a.required ? '' : ' (optional)'} |`);
      out.push('');
    }
    const options = spec.options.filter((o) => !o.hidden);
    if (options.length > 0) {
      out.push('| option | | choices | default |', '|---|---|---|---|');
      for (const o of options) {
        const notes = [o.repeatable ? 'repeatable' : '', o.variadic ? 'takes several values' : ''].filter(Boolean).join(', ');
        out.push(
          `| ${flag(o)} | ${cell(o.description)}${notes ? ` (${notes})` : ''} | ${o.choices ? o.choices.map((c) => `\`${c}\``).join(', ') : ''} | ${o.defaultText ? cell(o.defaultText) : ''} |`,
        );
      }
      out.push('');
    }
    out.push('```sh');
    for (const [command, what] of spec.examples) out.push(`${command}    # ${what}`);
    out.push('```', '');
  }
  return out.join('\n');
}
