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
// Each line is read as pip reads it (pip/_internal/req/req_file.py and req/constructors.py): lines
// joined at a trailing `\`, comments cut, the line split at its first word starting with `-` into
// the requirement and its options (shell-quoted, parsed like optparse, which also takes an
// unambiguous prefix of a long option), then the requirement: a URL (its marker after `; `), a path
// or archive, or a PEP 508 requirement (its marker after the first `;`, spaces or not). `${VAR}` is
// left as written: pip expands it from the installing machine's environment, which a lock file
// does not have (and a token must not land in a fingerprint).
import { parse as parseToml } from 'smol-toml';
import type { LockedPackage } from '../../shared/lockfile.js';
import { normalizePypiName } from '../../../core/names.js';
import { distributionFromUrl, packageFromRequirement, parseRequirement } from './pep508.js';
import type { LockParseContext, LockProblem, ParsedLock } from '../../shared/lockfile.js';

/**
 * The options pip accepts in a requirements file (pip/_internal/req/req_file.py SUPPORTED_OPTIONS
 * and SUPPORTED_OPTIONS_REQ, names from cli/cmdoptions.py), whether each takes a value, and the
 * canonical long name. Options older pips accepted (`--install-option`, `-Z` …) are read too: a file
 * written for them is still a requirements file.
 */
const OPTIONS: readonly { names: readonly string[]; value: boolean }[] = [
  { names: ['-i', '--index-url', '--pypi-url'], value: true },
  { names: ['--extra-index-url'], value: true },
  { names: ['--no-index'], value: false },
  { names: ['-c', '--constraint'], value: true },
  { names: ['-r', '--requirement'], value: true },
  { names: ['-e', '--editable'], value: true },
  { names: ['-f', '--find-links'], value: true },
  { names: ['--no-binary'], value: true },
  { names: ['--only-binary'], value: true },
  { names: ['--prefer-binary'], value: false },
  { names: ['--require-hashes'], value: false },
  { names: ['--no-require-hashes'], value: false },
  { names: ['--pre'], value: false },
  { names: ['--all-releases'], value: true },
  { names: ['--only-final'], value: true },
  { names: ['--trusted-host'], value: true },
  { names: ['--use-feature'], value: true },
  { names: ['--hash'], value: true },
  { names: ['-C', '--config-settings'], value: true },
  // Older pips.
  { names: ['--install-option'], value: true },
  { names: ['--global-option'], value: true },
  { names: ['-Z', '--always-unzip'], value: false },
  { names: ['--allow-external'], value: true },
  { names: ['--allow-unverified'], value: true },
  { names: ['--allow-all-external'], value: false },
  { names: ['--process-dependency-links'], value: false },
  { names: ['--use-wheel'], value: false },
  { names: ['--no-use-wheel'], value: false },
];
const OPTION_BY_NAME = new Map(OPTIONS.flatMap((o) => o.names.map((n) => [n, o] as const)));
const LONG_NAMES = [...OPTION_BY_NAME.keys()].filter((n) => n.startsWith('--'));

/** The long name of an option as written, optparse-style; a string says what is wrong. */
function resolveOption(written: string): { name: string; value: boolean } | string {
  let def = OPTION_BY_NAME.get(written);
  if (!def && written.startsWith('--')) {
    // optparse accepts an unambiguous prefix of a long option (`--extra-index` for `--extra-index-url`).
    const candidates = [...new Set(LONG_NAMES.filter((n) => n.startsWith(written)).map((n) => OPTION_BY_NAME.get(n)!))];
    if (candidates.length > 1) return `ambiguous option ${written}`;
    def = candidates[0];
  }
  if (!def) return `unknown option ${written}`;
  return { name: def.names.find((n) => n.startsWith('--'))!, value: def.value };
}

/** POSIX shell words, as Python's shlex.split (quotes, backslash escapes); a string on an unclosed quote. */
export function shellWords(text: string): string[] | string {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return 'No closing quotation';
      word = (word ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      let j = i + 1;
      let out = '';
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`'.includes(text[j + 1]!)) j++;
        out += text[j];
      }
      if (j >= text.length) return 'No closing quotation';
      word = (word ?? '') + out;
      i = j;
    } else if (c === '\\') {
      if (i + 1 >= text.length) return 'No escaped character';
      word = (word ?? '') + text[++i];
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

interface LineOptions {
  /** Canonical long name → values (flags get ''). */
  values: Map<string, string[]>;
  problems: string[];
}

/**
 * Options as optparse parses them: `--opt=value`, `--opt value`, `-ovalue`, `-o value`; words that
 * are no option's value (a marker after an option, `; sys_platform == "win32"`) are ignored, as
 * optparse leaves them in its unused positional list.
 */
function parseOptions(words: readonly string[]): LineOptions {
  const values = new Map<string, string[]>();
  const problems: string[] = [];
  const add = (name: string, value: string) => values.set(name, [...(values.get(name) ?? []), value]);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!w.startsWith('-') || w === '-' || w === '--') continue;
    let written = w;
    let inline: string | undefined;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      if (eq > 0) {
        written = w.slice(0, eq);
        inline = w.slice(eq + 1);
      }
    } else if (w.length > 2) {
      written = w.slice(0, 2);
      inline = w.slice(2);
    }
    const def = resolveOption(written);
    if (typeof def === 'string') {
      problems.push(def);
      continue;
    }
    if (!def.value) {
      if (inline !== undefined && w.startsWith('--')) problems.push(`${written} takes no value`);
      add(def.name, '');
      continue;
    }
    const value = inline ?? words[++i];
    if (value === undefined) {
      problems.push(`${written} needs a value`);
      continue;
    }
    add(def.name, value);
  }
  return { values, problems };
}

/** A value as written before a marker some tools put after options (`url ; python_version > "3.8"`). */
function withoutMarker(value: string): string {
  return value.replace(/\s*;.*$/, '').trim();
}

/** pip's break_args_options: the words before the first one starting with `-` are the requirement. */
function breakArgsOptions(line: string): { args: string; options: string } {
  const tokens = line.split(' ');
  const i = tokens.findIndex((t) => t.startsWith('-'));
  return i < 0 ? { args: line, options: '' } : { args: tokens.slice(0, i).join(' '), options: tokens.slice(i).join(' ') };
}

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

/** URL schemes pip treats as a link (pip/_internal/vcs: is_url), VCS schemes included. */
const URL_SCHEME = /^(https?|file|ftp|(git|hg|svn|bzr)(\+[a-z-]+)?):/i;
const ARCHIVE = /\.(whl|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar\.lz|tlz|tar\.lzma|tar|zip)$/i;

/**
 * One requirement as pip's parse_req_from_line reads it. `localName` names a local project folder
 * from its own metadata.
 */
export function parseRequirementArg(
  arg: string,
  line: number,
  problems: LockProblem[],
  localName: (dir: string) => string | undefined = () => undefined,
): LockedPackage | undefined {
  const isUrl = URL_SCHEME.test(arg.trim());
  // A URL's marker follows "; " (a ";" without a space belongs to the URL); any other
  // requirement's follows the first ";".
  const sep = isUrl ? '; ' : ';';
  const at = arg.indexOf(sep);
  const marker = at >= 0 ? arg.slice(at + sep.length).trim() : undefined;
  const name = (at >= 0 ? arg.slice(0, at) : arg).trim();
  const withMarker = (p: LockedPackage): LockedPackage => (marker ? { ...p, marker } : p);
  const fromFileName = (where: string): LockedPackage | undefined => {
    const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(where);
    if (egg) return withMarker({ name: normalizePypiName(egg[1]!), ecosystem: 'pypi', source: where });
    const dist = distributionFromUrl(where);
    if (dist) return withMarker({ name: dist.name, version: dist.version, ecosystem: 'pypi', source: where });
    return undefined;
  };
  if (isUrl) {
    const pkg = fromFileName(name);
    if (!pkg) problems.push({ line, message: `${name}: a URL without a package name in it (no wheel file name, no #egg=); not checked` });
    return pkg;
  }
  const path = name.replace(/\[[^\]]*\]$/, '');
  const beforeAt = name.split('@')[0]!;
  const looksLikePath = /[\\/]/.test(beforeAt) || name.startsWith('.');
  // `name @ URL` is a PEP 508 requirement even when the URL names an archive (pip's _get_url_from_path).
  const pep508Url = name.includes('@') && !looksLikePath;
  if (!pep508Url && (looksLikePath || ARCHIVE.test(path))) {
    const pkg = ARCHIVE.test(path) ? fromFileName(path) : undefined;
    if (pkg) return pkg;
    const local = looksLikePath ? localName(path) : undefined;
    if (local) return withMarker({ name: normalizePypiName(local), ecosystem: 'pypi', source: path });
    problems.push({ line, message: `${name}: a path without a package name in it; not checked` });
    return undefined;
  }
  if (/\$\{[A-Z0-9_]+\}/.test(name) && !name.includes('@')) {
    problems.push({ line, message: `${name}: pip fills in \${…} from the environment when it installs; not checked` });
    return undefined;
  }
  const req = parseRequirement(name);
  if (typeof req === 'string') {
    // pip's own hint for the commonest typo (req/constructors.py).
    const hint = /[^=!<>~]=[^=]/.test(name) && !/(==|>=|<=|!=|~=|<|>)/.test(name) ? ' (= is not a valid operator: did you mean ==?)' : '';
    problems.push({ line, message: `${req}${hint}` });
    return undefined;
  }
  return withMarker(packageFromRequirement(req));
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
      const { args, options } = breakArgsOptions(text);
      const words = shellWords(options);
      if (typeof words === 'string') {
        report({ line, message: `options not readable as pip reads them (${words}): ${options.slice(0, 80)}` });
        continue;
      }
      const opts = parseOptions(words);
      opts.problems.forEach((message) => report({ line, message }));
      if (args) {
        // Options on a requirement line (--hash, --config-settings) apply to it; pip ignores others there.
        const probs: LockProblem[] = [];
        const pkg = parseRequirementArg(args, line, probs, (dir) => projectName(dir, ctx, origin));
        probs.forEach(report);
        if (pkg) packages.push(asConstraint ? { ...pkg, group: 'constraint' } : pkg);
        continue;
      }
      for (const [opt, values] of opts.values) {
        for (const raw of values) {
          const value = withoutMarker(raw);
          if (opt === '--requirement' || opt === '--constraint') {
            if (!ctx.readRelated) continue;
            const included = ctx.readRelated(value, origin);
            const where = origin ? originLine! : line;
            const what = opt === '--requirement' ? 'included' : 'constraints';
            if (!included) {
              report({ line, message: `${what} file ${value} does not exist` });
              continue;
            }
            if (seen.has(included.path)) {
              report({ line, message: `${value} is included more than once (cycle or repeat); read once` });
              continue;
            }
            seen.add(included.path);
            walk(included.text, included.path, where, asConstraint || opt === '--constraint');
          } else if (opt === '--editable') {
            const pkg = parseEditable(raw, line, problems, (dir) => projectName(dir, ctx, origin));
            if (pkg && !asConstraint) packages.push(pkg); // pip refuses editables in constraints
          } else if (opt === '--index-url') {
            meta['indexUrl'] = value;
          } else if (opt === '--extra-index-url') {
            indexes.push(value);
          }
        }
      }
    }
  };
  walk(text, undefined, undefined, false);
  if (indexes.length) meta['extraIndexUrls'] = indexes.join(' ');
  return { packages, problems, ...(Object.keys(meta).length ? { meta } : {}) };
}
