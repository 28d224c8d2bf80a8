// The CLI is thin: parse options, call one app function, print, return an exit code.
// Failures of the run are EnvdiffErrors, caught here once and printed as one line (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EnvdiffError, type ExitCode } from '../core/errors.js';
import { TOOL_VERSION } from '../core/version.js';

const USAGE = `envdiff ${TOOL_VERSION} — will what works here also work there?

Usage:
  envdiff capture [-o FILE] [--label NAME] [--target T] [--python PATH] [--lock FILE…]
  envdiff compare BASELINE TARGET [--policy FILE] [--fail-on error|warning|info|never] [--format F]
  envdiff check FINGERPRINT [--format F] [--fail-on LEVEL]
  envdiff dockerfile FINGERPRINT [-o FILE] [--base IMAGE] [--platform P]
                     [--pip-index-url URL] [--pip-find-links DIR] [--pip-no-index]
                     [--verify IMAGE]

Targets: local (default), docker:IMAGE, podman:IMAGE, container:NAME,
         ssh:[USER@]HOST[:PORT], k8s:[NAMESPACE/]POD[:CONTAINER]
Formats: table (default), json, markdown, sarif, junit, github
Exit: 0 ok, 1 drift at or above --fail-on, 2 bad input or target unreachable.`;

type Command = (args: string[]) => Promise<ExitCode>;

const COMMANDS: Record<string, Command> = {
  capture: cmdCapture,
  compare: cmdCompare,
  check: cmdCheck,
  dockerfile: cmdDockerfile,
};

export async function main(argv: string[]): Promise<ExitCode> {
  const [name, ...rest] = argv;
  try {
    if (!name || name === '-h' || name === '--help' || name === 'help') {
      process.stdout.write(USAGE + '\n');
      return name ? 0 : 2;
    }
    if (name === '--version' || name === '-V') {
      process.stdout.write(TOOL_VERSION + '\n');
      return 0;
    }
    const command = COMMANDS[name];
    if (!command) throw new EnvdiffError(`unknown command '${printable(name)}'`, 'run `envdiff --help` for the commands');
    return await command(rest);
  } catch (err) {
    if (err instanceof EnvdiffError) {
      process.stderr.write(err.toLine() + '\n');
      return err.exitCode;
    }
    // Not ours: still one line and exit 2, with the detail only when asked for.
    process.stderr.write(`envdiff: unexpected failure: ${(err as Error)?.message ?? String(err)} — set ENVDIFF_DEBUG=1 for details\n`);
    if (process.env.ENVDIFF_DEBUG) process.stderr.write(String((err as Error)?.stack) + '\n');
    return 2;
  }
}

function parse<T extends ParseArgsConfig['options']>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0]!.replace(/\. To specify.*$/, '');
    throw new EnvdiffError(`${command}: ${msg}`, `run \`envdiff ${command} --help\``);
  }
}

function printable(s: string): string {
  return JSON.stringify(s).slice(1, -1).slice(0, 100);
}

function helpRequested(values: { help?: boolean }): boolean {
  if (values.help) process.stdout.write(USAGE + '\n');
  return Boolean(values.help);
}

function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new EnvdiffError(`${flag} must be a positive number of seconds, not '${printable(value)}'`, `e.g. ${flag} 60`);
  return n;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new EnvdiffError(`${flag} must be one of ${allowed.join(', ')}, not '${printable(value)}'`, `e.g. ${flag} ${allowed[0]}`);
  }
  return value as T;
}

const FORMATS = ['table', 'json', 'markdown', 'sarif', 'junit', 'github'] as const;
const FAIL_ON = ['error', 'warning', 'info', 'never'] as const;
const ENGINES = ['docker', 'podman'] as const;

async function cmdCapture(args: string[]): Promise<ExitCode> {
  const { values, positionals } = parse(
    args,
    {
      output: { type: 'string', short: 'o' },
      label: { type: 'string' },
      target: { type: 'string', short: 't' },
      python: { type: 'string' },
      lock: { type: 'string', multiple: true },
      'lock-recursive': { type: 'boolean' },
      'no-lock': { type: 'boolean' },
      engine: { type: 'string' },
      pull: { type: 'boolean' },
      context: { type: 'string' },
      timeout: { type: 'string' },
      'probe-timeout': { type: 'string' },
    },
    'capture',
  );
  if (helpRequested(values)) return 0;
  // `--lock a.txt b.txt`: further lockfiles come as positionals.
  const lock = [...(values.lock ?? []), ...(values.lock ? positionals : [])];
  if (values['no-lock'] && lock.length > 0) {
    throw new EnvdiffError('capture: --no-lock and --lock contradict each other', 'give one of them');
  }
  if (!values.lock && positionals.length > 0) {
    throw new EnvdiffError(`capture: unexpected argument '${printable(positionals[0]!)}'`, 'lockfiles go after --lock; the output file after -o');
  }
  const { runCapture } = await import('../app/capture.js');
  const result = await runCapture({
    output: values.output,
    label: values.label,
    target: values.target,
    python: values.python,
    lock,
    lockRecursive: values['lock-recursive'],
    noLock: values['no-lock'],
    engine: oneOf(values.engine, ENGINES, '--engine'),
    pull: values.pull,
    context: values.context,
    timeoutSec: positiveNumber(values.timeout, '--timeout'),
    probeTimeoutSec: positiveNumber(values['probe-timeout'], '--probe-timeout'),
  });
  if (result.output) process.stdout.write(result.output);
  if (result.written) process.stderr.write(`envdiff: wrote ${result.written}\n`);
  return 0;
}

async function cmdCompare(args: string[]): Promise<ExitCode> {
  const { values, positionals } = parse(
    args,
    {
      policy: { type: 'string' },
      'fail-on': { type: 'string' },
      format: { type: 'string', short: 'f' },
    },
    'compare',
  );
  if (helpRequested(values)) return 0;
  if (positionals.length !== 2) {
    throw new EnvdiffError('compare needs two fingerprints: BASELINE TARGET', 'e.g. envdiff compare dev.json qa.json');
  }
  const { runCompare } = await import('../app/compare.js');
  const result = await runCompare({
    baselinePath: positionals[0]!,
    targetPath: positionals[1]!,
    policyPath: values.policy,
    failOn: oneOf(values['fail-on'], FAIL_ON, '--fail-on'),
    format: oneOf(values.format, FORMATS, '--format'),
  });
  process.stdout.write(result.output);
  for (const line of result.messages) process.stderr.write(`envdiff: ${line}\n`);
  return result.exitCode;
}

async function cmdCheck(args: string[]): Promise<ExitCode> {
  const { values, positionals } = parse(
    args,
    {
      'fail-on': { type: 'string' },
      format: { type: 'string', short: 'f' },
    },
    'check',
  );
  if (helpRequested(values)) return 0;
  if (positionals.length !== 1) throw new EnvdiffError('check needs one fingerprint', 'e.g. envdiff check dev.json');
  const { runCheck } = await import('../app/check.js');
  const result = await runCheck({
    fingerprintPath: positionals[0]!,
    failOn: oneOf(values['fail-on'], FAIL_ON, '--fail-on'),
    format: oneOf(values.format, FORMATS, '--format'),
  });
  process.stdout.write(result.output);
  return result.exitCode;
}

async function cmdDockerfile(args: string[]): Promise<ExitCode> {
  const { values, positionals } = parse(
    args,
    {
      output: { type: 'string', short: 'o' },
      base: { type: 'string' },
      platform: { type: 'string' },
      'pip-index-url': { type: 'string' },
      'pip-extra-index-url': { type: 'string', multiple: true },
      'pip-find-links': { type: 'string', multiple: true },
      'pip-no-index': { type: 'boolean' },
      verify: { type: 'string' },
      engine: { type: 'string' },
      timeout: { type: 'string' },
    },
    'dockerfile',
  );
  if (helpRequested(values)) return 0;
  if (positionals.length !== 1) throw new EnvdiffError('dockerfile needs one fingerprint', 'e.g. envdiff dockerfile dev.json -o Dockerfile');
  const { runDockerfile } = await import('../app/dockerfile.js');
  const result = await runDockerfile({
    fingerprintPath: positionals[0]!,
    outPath: values.output,
    base: values.base,
    platform: values.platform,
    pipIndexUrl: values['pip-index-url'],
    pipExtraIndexUrls: values['pip-extra-index-url'],
    pipFindLinks: values['pip-find-links'],
    pipNoIndex: values['pip-no-index'],
    verifyImage: values.verify,
    engine: oneOf(values.engine, ENGINES, '--engine'),
    timeoutSec: positiveNumber(values.timeout, '--timeout'),
  });
  if (result.output) process.stdout.write(result.output);
  for (const line of result.messages ?? []) process.stderr.write(line + '\n');
  return result.exitCode;
}
