// Environment variable rules: which variables change results, and why.
import type { EnvFacet, Finding, Severity } from '../../core/types.js';
import { byCodeUnit, makeFinding } from '../rule-helpers.js';
import type { CompareContext } from '../types.js';

interface VarRule {
  ruleId: string;
  severity: Severity;
  why: string;
  hint: string;
}

const THREADS: VarRule = {
  ruleId: 'env/thread-count',
  severity: 'info',
  why: 'changes speed, and the order of parallel float reductions (last-bit differences)',
  hint: 'set the same value on the target if you compare timings or need bit-exact results',
};

const LOCALE: VarRule = {
  ruleId: 'env/locale',
  severity: 'warning',
  why: 'changes decimal separators and date parsing in R and C libraries, sort order, and the default text encoding Python uses for open()',
  hint: 'set the same locale on the target (C.UTF-8 is a safe choice in containers)',
};

/** Exact names first; LC_* and the thread-count family are matched below. */
const RULES: Readonly<Record<string, VarRule>> = {
  CUDA_VISIBLE_DEVICES: {
    ruleId: 'env/cuda-visible-devices',
    severity: 'warning',
    why: 'selects which GPUs the process sees; an empty value hides every GPU',
    hint: 'set CUDA_VISIBLE_DEVICES the same way on the target, or unset it',
  },
  LD_LIBRARY_PATH: {
    ruleId: 'env/ld-library-path',
    severity: 'warning',
    why: 'decides which shared libraries load first (another libcudart, libcudnn or libstdc++ than the packages expect)',
    hint: 'avoid LD_LIBRARY_PATH in production images, or set the same value on the target',
  },
  TZ: {
    ruleId: 'env/timezone',
    severity: 'warning',
    why: 'changes how naive timestamps are parsed and how dates are bucketed into days',
    hint: 'set TZ the same (UTC is a safe choice), or use timezone-aware timestamps',
  },
  PYTHONHASHSEED: {
    ruleId: 'env/pythonhashseed',
    severity: 'warning',
    why: 'changes the iteration order of sets of strings, and so any result that depends on it',
    hint: 'set PYTHONHASHSEED the same on the target when you need reproducible runs',
  },
  PYTHONPATH: {
    ruleId: 'env/pythonpath',
    severity: 'warning',
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
  ruleId: 'env/variable',
  severity: 'info',
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
      makeFinding({
        ruleId: rule.ruleId,
        severity: rule.severity,
        facet: 'env',
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
