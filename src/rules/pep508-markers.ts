// PEP 508 environment markers (https://peps.python.org/pep-0508/#environment-markers), evaluated
// against a fingerprint so that `pywin32==306; sys_platform == "win32"` is not reported missing on
// Linux while `scipy; python_version >= "3.9"` is, on 3.11. Real markers this reads:
//   sys_platform == "win32"
//   python_version >= '2.7' and python_version not in '3.0, 3.1, 3.2, 3.3, 3.4'
//   (python_full_version < '3.13' and extra != 'extra-7-project-cpu') or platform_machine == 'aarch64'
// Evaluation is three-valued: a variable the fingerprint cannot tell (`extra`: which extras were
// installed is not recorded) is unknown, and unknown only decides where `and`/`or` cannot do
// without it. Comparisons follow pypa/packaging's `_eval_op` (see compare below); the tests check
// this file against packaging itself.
import type { Fingerprint } from '../facets/index.js';
import { pep440 } from '../versioning/pep440/index.js';

export type MarkerEnv = Readonly<Record<string, string | undefined>>;
/** true / false, or undefined when the marker depends on something the fingerprint does not say. */
export type MarkerValue = boolean | undefined;

// Legacy dotted names that packaging still accepts, mapped to their PEP 508 names.
const ALIASES: Readonly<Record<string, string>> = {
  'os.name': 'os_name',
  'sys.platform': 'sys_platform',
  'platform.version': 'platform_version',
  'platform.machine': 'platform_machine',
  'platform.python_implementation': 'platform_python_implementation',
  python_implementation: 'platform_python_implementation',
};
const VARIABLES = new Set([
  'python_version',
  'python_full_version',
  'os_name',
  'sys_platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform_machine',
  'platform_python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
  'extras',
  'dependency_groups',
  ...Object.keys(ALIASES),
]);

type Token =
  { t: 'var'; v: string } | { t: 'str'; v: string } | { t: 'op'; v: string } | { t: '(' } | { t: ')' } | { t: 'and' } | { t: 'or' };

function tokenize(text: string): Token[] | string {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '(' || c === ')') {
      out.push({ t: c });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return `unterminated string in marker "${text}"`;
      out.push({ t: 'str', v: text.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const op = /^(===|==|!=|<=|>=|~=|<|>)/.exec(text.slice(i));
    if (op) {
      out.push({ t: 'op', v: op[1]! });
      i += op[1]!.length;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i));
    if (!word) return `unexpected "${c}" in marker "${text}"`;
    const w = word[0];
    i += w.length;
    if (w === 'and' || w === 'or') out.push({ t: w });
    else if (w === 'in') out.push({ t: 'op', v: 'in' });
    else if (w === 'not') {
      const next = /^\s+in\b/.exec(text.slice(i));
      if (!next) return `"not" without "in" in marker "${text}"`;
      i += next[0].length;
      out.push({ t: 'op', v: 'not in' });
    } else if (VARIABLES.has(w)) out.push({ t: 'var', v: ALIASES[w] ?? w });
    else return `unknown marker variable "${w}" in "${text}"`;
  }
  return out;
}

type Ast = { k: 'cmp'; lhs: Token; op: string; rhs: Token } | { k: 'and' | 'or'; items: Ast[] };

function parse(tokens: Token[], text: string): Ast | string {
  let pos = 0;
  const fail = (why: string) => `${why} in marker "${text}"`;
  const orExpr = (): Ast | string => {
    const items: Ast[] = [];
    for (;;) {
      const a = andExpr();
      if (typeof a === 'string') return a;
      items.push(a);
      if (tokens[pos]?.t !== 'or') break;
      pos++;
    }
    return items.length === 1 ? items[0]! : { k: 'or', items };
  };
  const andExpr = (): Ast | string => {
    const items: Ast[] = [];
    for (;;) {
      const a = atom();
      if (typeof a === 'string') return a;
      items.push(a);
      if (tokens[pos]?.t !== 'and') break;
      pos++;
    }
    return items.length === 1 ? items[0]! : { k: 'and', items };
  };
  const atom = (): Ast | string => {
    const tok = tokens[pos];
    if (!tok) return fail('unexpected end');
    if (tok.t === '(') {
      pos++;
      const inner = orExpr();
      if (typeof inner === 'string') return inner;
      if (tokens[pos]?.t !== ')') return fail('missing ")"');
      pos++;
      return inner;
    }
    const lhs = tokens[pos++];
    const op = tokens[pos++];
    const rhs = tokens[pos++];
    const value = (x: Token | undefined) => x && (x.t === 'var' || x.t === 'str');
    if (!value(lhs) || op?.t !== 'op' || !value(rhs)) return fail('expected `variable op "value"`');
    return { k: 'cmp', lhs: lhs!, op: op.v, rhs: rhs! };
  };
  const ast = orExpr();
  if (typeof ast === 'string') return ast;
  if (pos !== tokens.length) return fail('unexpected text after the expression');
  return ast;
}

/** Parses a marker; a string says what is wrong. */
export function parseMarker(text: string): Ast | string {
  const tokens = tokenize(text);
  return typeof tokens === 'string' ? tokens : parse(tokens, text);
}

// Only these are compared as versions (packaging's MARKERS_REQUIRING_VERSION); `platform_machine`
// or `sys_platform` are compared as strings even when the text looks like a version.
const VERSION_VARIABLES = new Set(['python_version', 'python_full_version', 'implementation_version', 'platform_release']);

/**
 * packaging's `_eval_op`: a version comparison when the variable is a version one and `op rhs` is a
 * valid specifier; otherwise a string one, where (since packaging 25, following the PEP 508
 * clarification) `<=`/`>=` mean equality and `<`/`>` are false. `~=` and `===` on strings are
 * undefined (packaging raises).
 */
function compare(lhs: string, op: string, rhs: string, key: string | undefined): MarkerValue {
  if (key !== undefined && VERSION_VARIABLES.has(key) && op !== 'in' && op !== 'not in') {
    const spec = `${op}${rhs}`;
    const asVersion = pep440.matches(lhs, spec);
    if (asVersion !== undefined) return asVersion;
    // A valid specifier with a left side that is not a version: packaging's contains() says False.
    if (pep440.matches('0', spec) !== undefined) return false;
  }
  switch (op) {
    case 'in':
      return rhs.includes(lhs);
    case 'not in':
      return !rhs.includes(lhs);
    case '==':
    case '<=':
    case '>=':
      return lhs === rhs;
    case '!=':
      return lhs !== rhs;
    case '<':
    case '>':
      return false;
    default:
      return undefined;
  }
}

function evaluateAst(ast: Ast, env: MarkerEnv): MarkerValue {
  if (ast.k === 'cmp') {
    const side = (tok: Token) => (tok.t === 'var' ? env[tok.v] : tok.t === 'str' ? tok.v : undefined);
    const lhs = side(ast.lhs);
    const rhs = side(ast.rhs);
    if (lhs === undefined || rhs === undefined) return undefined;
    const key = ast.lhs.t === 'var' ? ast.lhs.v : ast.rhs.t === 'var' ? ast.rhs.v : undefined;
    return compare(lhs, ast.op, rhs, key);
  }
  const values = ast.items.map((a) => evaluateAst(a, env));
  if (ast.k === 'and') return values.includes(false) ? false : values.includes(undefined) ? undefined : true;
  return values.includes(true) ? true : values.includes(undefined) ? undefined : false;
}

/** Evaluates a marker; undefined when it cannot be told here (unknown variable value, or a marker that does not parse). */
export function evaluateMarker(marker: string, env: MarkerEnv): MarkerValue {
  const ast = parseMarker(marker);
  return typeof ast === 'string' ? undefined : evaluateAst(ast, env);
}

const SYS_PLATFORM: Readonly<Record<string, string>> = {
  linux: 'linux',
  darwin: 'darwin',
  windows: 'win32',
  freebsd: 'freebsd',
  aix: 'aix',
};
const PLATFORM_SYSTEM: Readonly<Record<string, string>> = {
  linux: 'Linux',
  darwin: 'Darwin',
  windows: 'Windows',
  freebsd: 'FreeBSD',
  aix: 'AIX',
};

/**
 * The marker variables a fingerprint can tell: OS from the os facet (or the interpreter's
 * sysconfig platform, `linux-x86_64`, `macosx-11.0-arm64`, `win-amd64`), Python from the python
 * facet. `extra` and `dependency_groups` stay unknown: which extras were installed is not captured.
 */
export function markerEnvironment(fp: Fingerprint): MarkerEnv {
  const os = fp.facets.os?.status === 'ok' ? fp.facets.os : undefined;
  const py = fp.facets.python?.status === 'ok' ? fp.facets.python : undefined;
  const kernel = fp.facets.kernel?.status === 'ok' ? fp.facets.kernel : undefined;
  const plat = py?.platform?.toLowerCase();
  const osName =
    os?.name?.toLowerCase() ??
    (plat?.startsWith('linux') ? 'linux' : plat?.startsWith('macosx') ? 'darwin' : plat?.startsWith('win') ? 'windows' : undefined);
  // sysconfig's last dash-separated part is the machine (win-amd64 → AMD64, as Windows' platform.machine() says).
  const platMachine = plat && plat.includes('-') ? plat.slice(plat.lastIndexOf('-') + 1) : undefined;
  const machine = os?.arch ?? (platMachine ? (osName === 'windows' ? platMachine.toUpperCase() : platMachine) : undefined);
  const full = py?.version;
  const short = full ? /^(\d+\.\d+)/.exec(full)?.[1] : undefined;
  const impl = py?.implementation;
  return {
    python_full_version: full,
    python_version: short,
    os_name: osName === undefined ? undefined : osName === 'windows' ? 'nt' : osName in SYS_PLATFORM ? 'posix' : undefined,
    sys_platform: osName === undefined ? undefined : SYS_PLATFORM[osName],
    platform_system: osName === undefined ? undefined : PLATFORM_SYSTEM[osName],
    platform_machine: machine,
    platform_python_implementation: impl,
    implementation_name: impl?.toLowerCase(),
    // sys.implementation.version is the language version for CPython only.
    implementation_version: impl === 'CPython' ? full : undefined,
    platform_release: kernel?.release,
    platform_version: kernel?.version,
  };
}
