// The fast path: a well-formed command line is parsed by Node's own util.parseArgs from the same
// declarations, and commander (src/cli/program.ts) is loaded only when that is not enough — help,
// --version, a typo to suggest for, a missing or extra argument, a value outside its choices, a
// variadic option followed by more values. Start-up is in `compare`'s speed budget (it runs on
// every CI push) and loading commander costs about as much as the rest of the CLI's start-up
// (bench/parsers.md). test/cli/parse-equivalence.test.ts checks that both paths read every
// accepted command line alike.
import { parseArgs } from 'node:util';
import type { CommandSpec } from './spec.js';

export interface Parsed {
  spec: CommandSpec;
  args: string[];
  opts: Record<string, unknown>;
}

type ParseArgsOptions = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** The parsed command, or undefined when commander must decide (and explain). */
export function parseFast(specs: readonly CommandSpec[], argv: readonly string[]): Parsed | undefined {
  const [name, ...rest] = argv;
  const spec = specs.find((s) => s.name === name);
  if (!spec) return undefined;
  const options: ParseArgsOptions = {};
  for (const o of spec.options) {
    options[o.name] = {
      type: o.value ? 'string' : 'boolean',
      ...(o.short ? { short: o.short } : {}),
      ...(o.repeatable || o.variadic ? { multiple: true } : {}),
    };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options, allowPositionals: true, strict: true });
  } catch {
    return undefined;
  }
  const { values, positionals } = parsed;
  const required = spec.args.filter((a) => a.required).length;
  const most = spec.args.some((a) => a.variadic) ? Infinity : spec.args.length;
  if (positionals.length < required || positionals.length > most) return undefined;

  const opts: Record<string, unknown> = {};
  for (const o of spec.options) {
    const value = (values as Record<string, unknown>)[o.name];
    if (value === undefined) continue;
    if (!o.value) {
      opts[o.name] = true;
      continue;
    }
    const list = Array.isArray(value) ? (value as string[]) : [value as string];
    if (o.choices && !list.every((v) => o.choices!.includes(v))) return undefined;
    const converted = o.parse ? list.map((v) => o.parse!(v, `--${o.name}`)) : list;
    opts[o.name] = o.repeatable || o.variadic ? converted : converted[converted.length - 1];
  }
  return { spec, args: positionals, opts };
}
