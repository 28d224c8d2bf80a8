// Environment variable rules: which variables change results, and why.
import { defineRules, finding, type Finding, type RuleDef } from '../../core/findings.js';
import { byCodeUnit } from '../../core/text.js';
import type { CompareContext } from '../types.js';
import type { EnvFacet } from './types.js';

// The rules this facet reports, declared once (id, default severity, title, help): the
// catalog (src/rules/catalog.ts) reads them from the facet module.
export const ENV_RULES = defineRules('env', {
  'cuda-visible-devices': {
    severity: 'warning',
    title: 'CUDA_VISIBLE_DEVICES differs',
    help: 'It selects which GPUs the process sees; an empty value hides every GPU.',
  },
  'ld-library-path': {
    severity: 'warning',
    title: 'LD_LIBRARY_PATH differs',
    help: 'It decides which shared libraries load first: another libcudart, libcudnn or libstdc++ than the installed packages expect. Avoid it in production images.',
  },
  timezone: {
    severity: 'warning',
    title: 'TZ differs',
    help: 'It changes how naive timestamps are parsed and how dates are bucketed into days. UTC, or timezone-aware timestamps, avoid the question.',
  },
  pythonhashseed: {
    severity: 'warning',
    title: 'PYTHONHASHSEED differs',
    help: 'It changes the iteration order of sets of strings, and so any result that depends on it.',
  },
  pythonpath: {
    severity: 'warning',
    title: 'PYTHONPATH differs',
    help: 'It puts other directories before site-packages, so another copy of a module may be imported. Install code as packages instead.',
  },
  locale: {
    severity: 'warning',
    title: 'Locale (LANG, LANGUAGE, LC_*) differs',
    help: 'The locale changes decimal separators and date parsing in R and C libraries, sort order, and the default text encoding Python uses for open(). C.UTF-8 is a safe choice in containers.',
  },
  'thread-count': {
    severity: 'info',
    title: 'Thread count variable differs (OMP_NUM_THREADS, MKL_NUM_THREADS, …)',
    help: 'It changes speed, and the order of parallel floating-point reductions (last-bit differences).',
  },
  variable: {
    severity: 'info',
    title: 'Another captured variable differs',
    help: 'The variable is on the allow-list of behaviour-changing variables; check whether your code or its libraries read it.',
  },
});

interface VarRule {
  rule: RuleDef;
  why: string;
  hint: string;
}

const THREADS: VarRule = {
  rule: ENV_RULES['thread-count'],
  why: 'changes speed, and the order of parallel float reductions (last-bit differences)',
  hint: 'set the same value on the target if you compare timings or need bit-exact results',
};

const LOCALE: VarRule = {
  rule: ENV_RULES.locale,
  why: 'changes decimal separators and date parsing in R and C libraries, sort order, and the default text encoding Python uses for open()',
  hint: 'set the same locale on the target (C.UTF-8 is a safe choice in containers)',
};

/** Exact names first; LC_* and the thread-count family are matched below. */
const RULES: Readonly<Record<string, VarRule>> = {
  CUDA_VISIBLE_DEVICES: {
    rule: ENV_RULES['cuda-visible-devices'],
    why: 'selects which GPUs the process sees; an empty value hides every GPU',
    hint: 'set CUDA_VISIBLE_DEVICES the same way on the target, or unset it',
  },
  LD_LIBRARY_PATH: {
    rule: ENV_RULES['ld-library-path'],
    why: 'decides which shared libraries load first (another libcudart, libcudnn or libstdc++ than the packages expect)',
    hint: 'avoid LD_LIBRARY_PATH in production images, or set the same value on the target',
  },
  TZ: {
    rule: ENV_RULES.timezone,
    why: 'changes how naive timestamps are parsed and how dates are bucketed into days',
    hint: 'set TZ the same (UTC is a safe choice), or use timezone-aware timestamps',
  },
  PYTHONHASHSEED: {
    rule: ENV_RULES.pythonhashseed,
    why: 'changes the iteration order of sets of strings, and so any result that depends on it',
    hint: 'set PYTHONHASHSEED the same on the target when you need reproducible runs',
  },
  PYTHONPATH: {
    rule: ENV_RULES.pythonpath,
    why: 'puts other directories before site-packages: another copy of a module may be imported',
    hint: 'install code as packages instead of relying on PYTHONPATH, or set the same value',
  },
  OMP_NUM_THREADS: THREADS,
  MKL_NUM_THREADS: THREADS,
  OPENBLAS_NUM_THREADS: THREADS,
  NUMEXPR_NUM_THREADS: THREADS,
  VECLIB_MAXIMUM_THREADS: THREADS,
  LANG: LOCALE,
  LANGUAGE: LOCALE,
};

const OTHER: VarRule = {
  rule: ENV_RULES.variable,
  why: 'may change behaviour',
  hint: 'check whether your code or its libraries read it',
};

function ruleFor(name: string): VarRule {
  return RULES[name] ?? (name.startsWith('LC_') ? LOCALE : OTHER);
}

export function compareEnv(baseline: EnvFacet, target: EnvFacet, _ctx: CompareContext): Finding[] {
  const a = baseline.vars ?? {};
  const b = target.vars ?? {};
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(byCodeUnit);
  const findings: Finding[] = [];
  for (const name of names) {
    const va = a[name];
    const vb = b[name];
    if (va === vb) continue;
    const rule = ruleFor(name);
    findings.push(
      finding(rule.rule, {
        subject: name,
        baseline: va,
        target: vb,
        message: `${name} is ${show(va)} here and ${show(vb)} there: it ${rule.why}`,
        hint: rule.hint,
      }),
    );
  }
  return findings;
}

function show(value: string | undefined): string {
  if (value === undefined) return 'unset';
  if (value === '') return 'empty';
  return value.length > 60 ? `"${value.slice(0, 57)}..."` : `"${value}"`;
}
