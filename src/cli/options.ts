// Options that several commands share, declared once, and the value checks behind them.
import { EnvdiffError } from '../core/errors.js';
import { printable as oneLine } from '../core/text.js';
import type { OptionSpec } from './spec.js';

export const REPORT_FORMAT_CHOICES = ['table', 'json', 'markdown', 'sarif', 'junit', 'github', 'html'] as const;
export const FAIL_ON_CHOICES = ['error', 'warning', 'info', 'never'] as const;
export const ENGINE_CHOICES = ['docker', 'podman'] as const;

/** Control characters and overlong input shown as escapes: an error line stays one line. */
export function printable(s: string): string {
  return oneLine(s.slice(0, 100));
}

/**
 * The most seconds a time limit may be: Node's timers hold 2^31-1 ms (a longer one fires at once)
 * and the probe bundle's sh arithmetic is 32-bit: about 24 days.
 */
export const MAX_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

export function positiveSeconds(value: string, flag: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new EnvdiffError(`${flag} must be a positive number of seconds, not '${printable(value)}'`, `e.g. ${flag} 60`);
  }
  if (n > MAX_SECONDS) {
    throw new EnvdiffError(`${flag} ${printable(value)} is too long: at most ${MAX_SECONDS} seconds (about 24 days)`, `e.g. ${flag} 600`);
  }
  return n;
}

export const formatOption: OptionSpec = {
  name: 'format',
  short: 'f',
  value: 'FORMAT',
  description: 'report format; `github` also writes the Markdown report to $GITHUB_STEP_SUMMARY when it is set',
  choices: REPORT_FORMAT_CHOICES,
  defaultText: 'table',
};

export const failOnOption: OptionSpec = {
  name: 'fail-on',
  value: 'LEVEL',
  description: 'exit 1 when a finding is at or above this severity',
  choices: FAIL_ON_CHOICES,
  defaultText: "the policy's failOn, else error",
};

export const engineOption: OptionSpec = {
  name: 'engine',
  value: 'ENGINE',
  description: 'container engine for image and container targets',
  choices: ENGINE_CHOICES,
  defaultText: 'the one the target names, else docker, else podman',
};

export const timeoutOption: OptionSpec = {
  name: 'timeout',
  value: 'SECONDS',
  description: 'cut off a target that has not answered within this many seconds',
  defaultText: '120',
  complete: 'none',
  parse: positiveSeconds,
};

export const quietOption: OptionSpec = {
  name: 'quiet',
  short: 'q',
  description: 'no progress and no notes on stderr; errors are still printed',
};

export const verboseOption: OptionSpec = {
  name: 'verbose',
  description: 'print what was captured where and how long each facet took (stderr)',
};
