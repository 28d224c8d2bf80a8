// Checks every target shares: each part the user writes ends up as one argv element, never in a
// shell; still, each part is checked against what its kind allows, so a name like `-v`,
// `x;rm -rf ~` or `$(id)` is refused here with a clear line rather than reaching an engine, ssh or
// kubectl that might read it as an option.
import { EnvdiffError } from '../../core/errors.js';
import { hasControlChars, printable } from '../../core/text.js';
import { findOnPath } from './engine.js';
import type { TargetSpec } from './types.js';

/** Keeps the one-line promise of error messages even for targets with newlines or escapes. */
export function shown(text: string): string {
  return printable(text).slice(0, 200);
}

export function requireRest(t: TargetSpec, what: string): string {
  if (t.rest === '') throw new EnvdiffError(`the target '${shown(t.spec)}' names no ${what}`, `write ${t.prefix}:${what}`);
  return t.rest;
}

export function checkPart(t: Pick<TargetSpec, 'spec' | 'hint'>, what: string, value: string, pattern: RegExp, allowed: string): void {
  if (value === '') throw bad(t.spec, `the ${what} is empty`, t.hint);
  if (value.startsWith('-')) {
    throw bad(t.spec, `the ${what} '${shown(value)}' starts with '-' and would be read as an option`, `${what}s are made of ${allowed}`);
  }
  if (!pattern.test(value)) throw bad(t.spec, `'${shown(value)}' is not a valid ${what}`, `${what}s are made of ${allowed}`);
}

/** Free-form names (kubeconfig contexts hold ':', '/', '@'): only options and control characters are refused. */
export function checkFree(spec: string, what: string, value: string): void {
  if (value === '' || value.startsWith('-') || hasControlChars(value)) {
    throw bad(spec, `'${shown(value)}' is not a usable ${what}`, `name the ${what} as 'kubectl config get-contexts' lists it`);
  }
}

export function requireTool(tool: string, spec: string, env: NodeJS.ProcessEnv, hint: string): void {
  if (!findOnPath(tool, env)) throw new EnvdiffError(`cannot capture ${shown(spec)}: '${tool}' is not installed (not on PATH)`, hint);
}

export function bad(spec: string, why: string, hint: string): EnvdiffError {
  return new EnvdiffError(`invalid target '${shown(spec)}': ${why}`, hint);
}
