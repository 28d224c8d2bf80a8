// Root causes and their consequences, declared once as data and applied by the engine once, after
// every rule ran (src/compare/engine.ts). A comparison of Python 3.11 with 2.7 finds 101 missing
// packages, two packages at other major versions and one python/major-version: the last one is the
// whole story, and the other 103 only follow from it. Each link below says which rules explain
// which, and when; a consequence gets `causedBy` naming its cause, keeps its own severity, and
// every report shows it under that cause (orderWithCauses, src/core/findings.ts).
//
// Hints follow the cause: one runnable step for all of its consequences ("use Python 3.11 on the
// target first, then install the baseline's packages with it"), never 101 pins, and never a pin
// the target may be unable to install (the fingerprint does not record which versions of a
// package support another interpreter, so under a Python change no version is proposed).
import { sortFindings, type Finding, type RuleDef } from '../core/findings.js';
import { normalizePypiName } from '../core/names.js';
import { platformOnlyRule } from '../data/platform-only-python.js';
import { CPU_RULES } from '../facets/cpu/rules.js';
import { GPU_RULES } from '../facets/gpu/rules.js';
import { FACETS, type CompareContext, type Fingerprint } from '../facets/index.js';
import { LOCKFILES_RULES } from '../facets/lockfiles/rules.js';
import { OS_RULES } from '../facets/os/rules.js';
import { PYTHON_RULES } from '../facets/python/rules.js';
import { packageSetRules } from '../facets/shared/package-sets.js';
import { CUDA_STACK_RULES } from './cross-facet/cuda-stack.js';
import { ISA_RULES } from './cross-facet/isa-needs.js';
import { WHEEL_RULES } from './cross-facet/wheels-vs-libc.js';
import { isCudaBuildPackage } from './cuda-build.js';
import { facetStatusRules } from './facet-status.js';

export interface CauseLink {
  /** What the link is about, for docs and tests. */
  name: string;
  /** The rules whose findings explain, most telling first: a consequence goes under the first one present. */
  causes: readonly RuleDef[];
  /** The rules whose findings they may explain. */
  consequences: readonly RuleDef[];
  /** When and why, one sentence (docs/rules/). */
  why: string;
  /** Does this cause explain this finding? Default: always. */
  applies?(consequence: Finding, cause: Finding, ctx: CompareContext): boolean;
  /** The cause's hint once it explains others: one runnable step for all of them. Default: its own. */
  causeHint?(cause: Finding, consequences: readonly Finding[], ctx: CompareContext): string;
  /** A consequence's hint under this cause. Default: its own. */
  consequenceHint?(consequence: Finding, cause: Finding): string;
}

const PYTHON_PACKAGE_RULES = packageSetRules('python');
const LOCK_PIN_RULES = [LOCKFILES_RULES['pin-added'], LOCKFILES_RULES['pin-removed'], LOCKFILES_RULES['pin-changed']];
const GPU_STATUS = facetStatusRules(FACETS.find((f) => f.id === 'gpu') ?? { id: 'gpu', absentOnTarget: 'error' });

/** The requirements file `envdiff dockerfile` writes beside the Dockerfile (src/facets/shared/dockerfile-part.ts). */
const REINSTALL = 'pip install --no-deps -r envdiff-requirements.txt';
const REINSTALL_FROM = '`envdiff dockerfile` writes that file from the baseline fingerprint';

// The order matters: a package missing after a Python change is explained by the interpreter
// even when the architecture differs too.
export const CAUSE_LINKS: readonly CauseLink[] = [
  {
    name: 'python interpreter',
    causes: [PYTHON_RULES.implementation, PYTHON_RULES['major-version'], PYTHON_RULES['minor-version'], PYTHON_RULES.abi],
    consequences: [...PYTHON_PACKAGE_RULES, ...LOCK_PIN_RULES],
    why: 'another interpreter has its own site-packages, and wheels are built per implementation, version and ABI: every Python package difference, and every pin of a PyPI lock file resolved for it, follows from the interpreter',
    applies: (f, _cause, ctx) => f.facet === 'python' || lockedEcosystem(ctx, f.subject) === 'pypi',
    causeHint: (cause, consequences) => {
      const { step, example } = useInterpreter(cause);
      const then = consequences.some((c) => c.facet === 'python')
        ? `then install the baseline's packages with it in one step: ${REINSTALL} (${REINSTALL_FROM})`
        : 'then lock again with it';
      return `${step} first${example}, ${then}`;
    },
    consequenceHint: (f, cause) => {
      const because = `follows from ${cause.ruleId} (${cause.baseline ?? '—'} → ${cause.target ?? '—'})`;
      const { step } = useInterpreter(cause);
      return f.facet === 'python'
        ? `${because}: ${step} first, then install the baseline's packages with it (${REINSTALL}); no pin is proposed, as the baseline's versions may not support ${targetInterpreter(cause)}`
        : `${because}: a lock file resolved for another Python pins other versions; ${step} first, then deploy from one lock file`;
    },
  },
  {
    name: 'platform and architecture',
    causes: [OS_RULES.platform, OS_RULES.arch, OS_RULES['libc-family']],
    consequences: [...PYTHON_PACKAGE_RULES, WHEEL_RULES['wheel-libc-mismatch']],
    why: 'compiled wheels are built per operating system, architecture and C library (PEP 425 platform tags), and some packages exist on one OS only: differences of such packages follow from the platform',
    applies: (f, cause, ctx) =>
      f.ruleId === WHEEL_RULES['wheel-libc-mismatch'].id ? cause.ruleId === OS_RULES['libc-family'].id : isPlatformBound(ctx, f.subject),
    consequenceHint: (f, cause) =>
      f.facet === 'python'
        ? `follows from ${cause.ruleId} (${cause.baseline ?? '—'} → ${cause.target ?? '—'}): ${f.subject} is built per platform; install the target's own build of it there, not a pin of the baseline's`
        : f.hint,
  },
  {
    name: 'C library version',
    causes: [OS_RULES['libc-version']],
    consequences: [WHEEL_RULES['glibc-too-old-for-wheels']],
    why: 'a manylinux_X_Y wheel needs glibc ≥ X.Y (PEP 600): wheels beyond the target’s C library follow from its older version',
  },
  {
    name: 'no GPU on the target',
    causes: [GPU_STATUS.absentOnTarget, CUDA_STACK_RULES['cuda-build-without-gpu']],
    consequences: [CUDA_STACK_RULES['cuda-build-without-gpu'], ...PYTHON_PACKAGE_RULES],
    why: 'CUDA builds (torch +cu121, nvidia-*-cu12 wheels) need a GPU: their failures, and their differences on a target without one, follow from the missing GPU',
    applies: (f) =>
      f.facet !== 'python' || isCudaBuildPackage(f.subject, f.baseline ?? '') || isCudaBuildPackage(f.subject, f.target ?? ''),
    causeHint: () =>
      'run the target on a GPU node (a container there needs the NVIDIA runtime: docker run --gpus all …), or install CPU builds on the target instead (PyTorch: pip install torch --index-url https://download.pytorch.org/whl/cpu)',
    consequenceHint: (f, cause) =>
      f.facet === 'python'
        ? `follows from ${cause.ruleId}: a CUDA build needs a GPU; run the target on a GPU node, or keep CPU builds there`
        : f.hint,
  },
  {
    name: 'NVIDIA driver',
    causes: [CUDA_STACK_RULES['driver-too-old'], CUDA_STACK_RULES['driver-minor-compat']],
    consequences: [GPU_RULES['driver-version']],
    why: 'the driver difference itself is shown under the finding that says what it breaks (a driver too old for the CUDA build in use)',
  },
  {
    name: 'CPU instruction sets',
    causes: [CPU_RULES['missing-isa'], CPU_RULES['x86-level']],
    consequences: [ISA_RULES['isa-required-by-package']],
    why: 'a package that needs AVX and friends crashes with "Illegal instruction" because the target CPU lacks them',
  },
];

/**
 * Sets `causedBy` on every finding a link explains, and the hints that follow (see CAUSE_LINKS).
 * Pure, deterministic, and it never drops or reorders a finding; the engine orders them afterwards.
 */
export function linkCauses(findings: readonly Finding[], ctx: CompareContext, links: readonly CauseLink[] = CAUSE_LINKS): Finding[] {
  // Each rule's findings in the one order, so that "the first cause present" never depends on
  // the order the rules returned them in.
  const byRule = new Map<string, Finding[]>();
  for (const f of sortFindings(findings)) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const causeOf = new Map<Finding, { cause: Finding; link: CauseLink }>();
  for (const f of findings) {
    if (f.causedBy) continue; // a rule that knows better already said
    const found = findCause(f, byRule, ctx, links);
    if (found) causeOf.set(f, found);
  }
  const explained = new Map<Finding, { link: CauseLink; consequences: Finding[] }>();
  for (const [f, { cause, link }] of causeOf) {
    const entry = explained.get(cause);
    if (entry) entry.consequences.push(f);
    else explained.set(cause, { link, consequences: [f] });
  }
  return findings.map((f) => {
    let out = f;
    const asCause = explained.get(f);
    if (asCause?.link.causeHint) out = { ...out, hint: asCause.link.causeHint(f, asCause.consequences, ctx) };
    const asConsequence = causeOf.get(f);
    if (asConsequence) {
      const { cause, link } = asConsequence;
      out = {
        ...out,
        causedBy: { ruleId: cause.ruleId, subject: cause.subject },
        ...(link.consequenceHint ? { hint: link.consequenceHint(f, cause) } : {}),
      };
    }
    return out;
  });
}

function findCause(
  f: Finding,
  byRule: ReadonlyMap<string, readonly Finding[]>,
  ctx: CompareContext,
  links: readonly CauseLink[],
): { cause: Finding; link: CauseLink } | undefined {
  for (const link of links) {
    if (!link.consequences.some((r) => r.id === f.ruleId)) continue;
    for (const rule of link.causes) {
      if (rule.id === f.ruleId) continue; // a rule never explains its own findings
      for (const cause of byRule.get(rule.id) ?? []) {
        if (!link.applies || link.applies(f, cause, ctx)) return { cause, link };
      }
    }
  }
  return undefined;
}

/** "use Python 3.11 on the target" and " (e.g. …)", from the finding of an interpreter rule. */
function useInterpreter(cause: Finding): { step: string; example: string } {
  const want = cause.baseline ?? 'the baseline’s interpreter';
  if (cause.ruleId === PYTHON_RULES['major-version'].id || cause.ruleId === PYTHON_RULES['minor-version'].id) {
    const minor = want.split('.').slice(0, 2).join('.');
    return { step: `use Python ${minor} on the target`, example: ` (e.g. python:${minor}-slim or uv python install ${minor})` };
  }
  if (cause.ruleId === PYTHON_RULES.abi.id)
    return { step: `use a ${want} interpreter on the target`, example: ' (not a free-threaded or debug build)' };
  return { step: `use ${want} on the target`, example: '' };
}

/** "Python 2.7.18", "PyPy", "cp27mu": what the target runs, from the finding of an interpreter rule. */
function targetInterpreter(cause: Finding): string {
  const target = cause.target ?? 'the target’s interpreter';
  return cause.ruleId === PYTHON_RULES['major-version'].id || cause.ruleId === PYTHON_RULES['minor-version'].id
    ? `Python ${target}`
    : target;
}

/** A package whose build depends on the platform: a wheel with a platform tag, or one that exists on one OS only. */
function isPlatformBound(ctx: CompareContext, name: string): boolean {
  return platformOnlyRule(name) !== undefined || compiledPackages(ctx).has(name);
}

// Per comparison, the names of the installed wheels with a platform tag (not `…-any`, PEP 425),
// on either side: looked up once per package finding, so built once.
const COMPILED = new WeakMap<CompareContext, ReadonlySet<string>>();

function compiledPackages(ctx: CompareContext): ReadonlySet<string> {
  let names = COMPILED.get(ctx);
  if (names === undefined) {
    const found = new Set<string>();
    for (const fp of [ctx.baseline, ctx.target]) {
      for (const p of pythonPackages(fp)) if ((p.tags ?? []).some((tag) => !tag.endsWith('-any'))) found.add(p.name);
    }
    names = found;
    COMPILED.set(ctx, names);
  }
  return names;
}

function pythonPackages(fp: Fingerprint): readonly { name: string; version: string; tags?: string[] }[] {
  const python = fp.facets.python;
  return python?.status === 'ok' ? (python.packages ?? []) : [];
}

/** The ecosystem of the package a lock file finding names (`requirements.txt: numpy`), if either side locks it. */
function lockedEcosystem(ctx: CompareContext, subject: string): string | undefined {
  const cut = subject.lastIndexOf(': ');
  if (cut < 0) return undefined;
  const path = subject.slice(0, cut);
  const name = normalizePypiName(subject.slice(cut + 2));
  for (const fp of [ctx.baseline, ctx.target]) {
    const locks = fp.facets.lockfiles;
    if (locks?.status !== 'ok') continue;
    for (const file of locks.files ?? []) {
      if (file.path !== path) continue;
      const p = file.packages.find((x) => (x.ecosystem === 'pypi' ? normalizePypiName(x.name) : x.name) === name);
      if (p) return p.ecosystem;
    }
  }
  return undefined;
}
