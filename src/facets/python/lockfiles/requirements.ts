// pip requirements files (https://pip.pypa.io/en/stable/reference/requirements-file-format/).
// Real lines this reads (from pip-compile output and uv's test data):
//   anyio==3.6.2 \
//       --hash=sha256:25ea0d67…  \
//       # via httpcore
//   debugpy == 1.8.19
//   --extra-index-url=https://download.pytorch.org/whl/cpu; sys_platform == "linux"
//   -e ./editable[d,dev] ; python_version >= "3.9"
//   --requirement include-b.txt
// Includes (-r) are followed relative to the including file, once each (a cycle is reported, not
// looped). Constraint files (-c) say "if it is installed, then at this version": their pins are kept
// with group "constraint", which the check applies to installed packages only.
import { parse as parseToml } from 'smol-toml';
import type { LockedPackage } from '../../shared/lockfile.js';
import { normalizePypiName } from '../../../core/names.js';
import { distributionFromUrl, packageFromRequirement, parseRequirement } from './pep508.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';

/** Options pip accepts in a requirements file that say where or how to install, not what. */
const KNOWN_OPTIONS = new Set([
  '-i',
  '--index-url',
  '--extra-index-url',
  '--no-index',
  '-f',
  '--find-links',
  '--no-binary',
  '--only-binary',
  '--prefer-binary',
  '--pre',
  '--trusted-host',
  '--require-hashes',
  '--use-feature',
  '--config-settings',
  '--global-option',
  '--hash',
  '--use-wheel',
  '--no-use-wheel',
  '-Z',
  '--always-unzip',
  '--allow-external',
  '--allow-unverified',
  '--allow-all-external',
  '--process-dependency-links',
]);
const INCLUDE = new Set(['-r', '--requirement']);
const CONSTRAINT = new Set(['-c', '--constraint']);
const EDITABLE = new Set(['-e', '--editable']);

interface LogicalLine {
  line: number;
  text: string;
}

/**
 * Joins backslash continuations, then drops comments, in pip's order (pip/_internal/req/req_file.py
 * `join_lines` then `ignore_comments`): a whole-line comment ends a continuation, and `#` starts a
 * comment only at the line start or after whitespace, so `#egg=` inside a URL survives.
 */
export function logicalLines(text: string): { lines: LogicalLine[]; problems: LockProblem[] } {
  const physical = text.split(/\r?\n/);
  const lines: LogicalLine[] = [];
  const problems: LockProblem[] = [];
  const COMMENT = /(^|\s+)#.*$/;
  let parts: string[] = [];
  let start = 0;
  const emit = (line: number, joined: string) => {
    const t = joined.replace(COMMENT, '').trim();
    if (t) lines.push({ line, text: t });
  };
  physical.forEach((raw, i) => {
    const wholeComment = /^\s*#/.test(raw);
    if (!raw.endsWith('\\') || wholeComment) {
      if (parts.length) {
        emit(start, parts.join('') + (wholeComment ? ' ' + raw : raw));
        parts = [];
      } else {
        emit(i + 1, raw);
      }
      return;
    }
    if (!parts.length) start = i + 1;
    parts.push(raw.slice(0, -1));
  });
  if (parts.length) {
    problems.push({ line: start, message: 'the file ends inside a line continuation (truncated?)' });
    emit(start, parts.join(''));
  }
  return { lines, problems };
}

/** `--opt=value`, `--opt value`, `-ovalue` → [option, value]. */
function splitOption(text: string): [string, string] {
  const m = /^(--?[A-Za-z][\w-]*)(?:=|\s+)?(.*)$/.exec(text)!;
  let opt = m[1]!;
  let value = m[2]!.trim();
  // `-rfile` without a space: pip's short options take the value glued on.
  if (/^-[a-zA-Z]./.test(opt) && !opt.startsWith('--')) {
    value = opt.slice(2) + (value ? ' ' + value : '');
    opt = opt.slice(0, 2);
  }
  return [opt, value];
}

/** The value of an option, without a trailing marker or per-line options. */
function optionValue(value: string): string {
  let v = value.replace(/\s*;.*$/, '').trim();
  v = v.replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  return v.split(/\s+--/)[0]!.trim();
}

function parseEditable(
  value: string,
  line: number,
  problems: LockProblem[],
  nameOfLocalProject: (dir: string) => string | undefined,
): LockedPackage | undefined {
  const target = value
    .replace(/\s+;.*$/, '')
    .replace(/;\s.*$/, '')
    .trim();
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(target);
  if (egg) {
    return { name: normalizePypiName(egg[1]!), ecosystem: 'pypi', source: target.replace(/\[.*$/, ''), group: 'editable' };
  }
  const named = parseRequirement(target);
  if (typeof named !== 'string' && named.url) {
    return packageFromRequirement(named, { group: 'editable' });
  }
  // `-e .` / `-e ./libs/core[dev]`: a local project; its name is in its own metadata.
  const dir = target.replace(/^file:(\/\/)?/, '').replace(/\[.*$/, '');
  if (/^(\.|\/|~)/.test(dir)) {
    const name = nameOfLocalProject(dir);
    if (name) return { name: normalizePypiName(name), ecosystem: 'pypi', source: dir, group: 'editable' };
  }
  problems.push({ line, message: `editable ${target}: the package name is not in the file, so it cannot be checked` });
  return undefined;
}

/**
 * The distribution name of a local project directory, from pyproject.toml ([project] name, PEP 621;
 * or [tool.poetry] name) or setup.cfg ([metadata] name). undefined when neither says it (a
 * setup.py-only project computes its name by running code, which envdiff does not do).
 */
function projectName(dir: string, ctx: LockParseContext, from: string | undefined): string | undefined {
  const pyproject = ctx.readRelated?.(`${dir.replace(/\/$/, '')}/pyproject.toml`, from);
  if (pyproject) {
    try {
      const doc = parseToml(pyproject.text) as { project?: { name?: unknown }; tool?: { poetry?: { name?: unknown } } };
      const name = doc.project?.name ?? doc.tool?.poetry?.name;
      if (typeof name === 'string' && name.trim()) return name.trim();
    } catch {
      /* not TOML: fall through to setup.cfg */
    }
  }
  const cfg = ctx.readRelated?.(`${dir.replace(/\/$/, '')}/setup.cfg`, from);
  const m = cfg && /^\[metadata\][^[]*?^name\s*=\s*(\S+)\s*$/ms.exec(cfg.text);
  return m ? m[1] : undefined;
}

function parseRequirementLine(text: string, line: number, problems: LockProblem[]): LockedPackage | undefined {
  // Per-requirement options (--hash=…, --config-settings …) follow the requirement.
  const spec = text.split(/\s+--[A-Za-z]/)[0]!.trim();
  // A bare URL or path: wheel/sdist names carry name and version; a directory does not.
  if (/^(\.{0,2}\/|[a-z][a-z0-9+.-]*:\/\/|file:)/i.test(spec) || /^[a-z]+\+[a-z]+:/i.test(spec)) {
    const url = spec.replace(/\s+;.*$/, '').trim();
    const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(url);
    if (egg) return { name: normalizePypiName(egg[1]!), ecosystem: 'pypi', source: url };
    const dist = distributionFromUrl(url);
    if (dist) return { name: dist.name, version: dist.version, ecosystem: 'pypi', source: url };
    problems.push({ line, message: `${url}: a path or URL without a package name in it; not checked` });
    return undefined;
  }
  const req = parseRequirement(spec);
  if (typeof req === 'string') {
    problems.push({ line, message: req });
    return undefined;
  }
  return packageFromRequirement(req);
}

export function parseRequirements(text: string, ctx: LockParseContext): ParsedLock {
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  const meta: Record<string, string> = {};
  const indexes: string[] = [];
  const seen = new Set<string>([ctx.path]);

  const walk = (body: string, origin: string | undefined, originLine: number | undefined, asConstraint: boolean) => {
    const { lines, problems: joinProblems } = logicalLines(body);
    // Problems inside an included file are reported at the -r line of the top file, naming the line inside.
    const report = (p: LockProblem) => problems.push(origin ? { line: originLine!, message: `${origin}:${p.line}: ${p.message}` } : p);
    joinProblems.forEach(report);
    for (const { line, text } of lines) {
      if (text.startsWith('-')) {
        const [opt, rawValue] = splitOption(text);
        const value = optionValue(rawValue);
        if (INCLUDE.has(opt) || CONSTRAINT.has(opt)) {
          const included = ctx.readRelated?.(value, origin);
          const where = origin ? originLine! : line;
          if (!ctx.readRelated) continue;
          if (!included) {
            report({ line, message: `${INCLUDE.has(opt) ? 'included' : 'constraints'} file ${value} does not exist` });
            continue;
          }
          if (seen.has(included.path)) {
            report({ line, message: `${value} is included more than once (cycle or repeat); read once` });
            continue;
          }
          seen.add(included.path);
          walk(included.text, included.path, where, asConstraint || CONSTRAINT.has(opt));
        } else if (EDITABLE.has(opt)) {
          const pkg = parseEditable(rawValue, line, problems, (dir) => projectName(dir, ctx, origin));
          if (pkg && !asConstraint) packages.push(pkg); // pip refuses editables in constraints
        } else if (KNOWN_OPTIONS.has(opt)) {
          if (opt === '-i' || opt === '--index-url') meta['indexUrl'] = value;
          if (opt === '--extra-index-url') indexes.push(value);
        } else {
          report({ line, message: `unknown option ${opt}` });
        }
        continue;
      }
      const probs: LockProblem[] = [];
      const pkg = parseRequirementLine(text, line, probs);
      probs.forEach(report);
      if (pkg) packages.push(asConstraint ? { ...pkg, group: 'constraint' } : pkg);
    }
  };
  walk(text, undefined, undefined, false);
  if (indexes.length) meta['extraIndexUrls'] = indexes.join(' ');
  return { packages, problems, ...(Object.keys(meta).length ? { meta } : {}) };
}
