// Policy files (`compare --policy FILE`): ignore findings, change severities, set failOn.
// Validated by schemas/policy.schema.json (JSON Schema 2020-12). Example: fixtures/policy/.
//
//   failOn: warning                      # error | warning | info | never; --fail-on wins over it
//   ignore:                              # first matching entry suppresses the finding
//     - rule: "system/*"                 #   glob over rule ids
//       reason: the base image owns system packages
//     - subject: pip                     #   glob over subjects (package, variable, facet)
//   severity:                            # last matching entry wins (later entries refine earlier ones)
//     - rule: "python/package-patch"
//       to: warning
//     - { rule: "python/*", subject: "torch*", to: error, reason: CUDA builds }
//
// An entry with both `rule` and `subject` matches findings that satisfy both. Globs are matched by
// src/compare/glob.ts in linear time (`*` also crosses `/`: rule ids and lock file subjects contain
// slashes); a glob too long or with too many `{a,b}` alternatives is refused when the file is read.
// Nothing a policy does is silent: suppressed findings land in Report.suppressed and changed
// ones carry Finding.override, with the entry and its reason.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { EnvdiffError } from '../core/errors.js';
import { jsonErrorWithoutInput } from '../core/text.js';
import { readStdin, STDIN_PATH } from '../core/read-stdin.js';
import type { FailOn, Finding, Report, Severity } from '../core/findings.js';
import { orderWithCauses } from '../core/findings.js';
import { RULES } from '../rules/catalog.js';
import { compileGlob, GlobError } from './glob.js';

export interface PolicyMatch {
  rule?: string;
  subject?: string;
  reason?: string;
}

export interface SeverityOverride extends PolicyMatch {
  to: Severity;
}

export interface Policy {
  /** The file name as the user gave it: every override names it. */
  source: string;
  failOn?: FailOn;
  ignore: PolicyMatch[];
  severity: SeverityOverride[];
}

export type Suppressed = NonNullable<Report['suppressed']>;

const POLICY_HINT =
  'a policy has failOn, ignore[] and severity[]; each entry names rule and/or subject globs, an optional reason, and severity entries a `to`';

export async function loadPolicy(path: string): Promise<Policy> {
  if (path === STDIN_PATH)
    return parsePolicy(await readStdin('a policy', 'cat envdiff.yml | envdiff compare dev.json qa.json --policy -'), 'stdin');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EnvdiffError(`${path}: policy file not found`, 'check the --policy path');
    if (code === 'EISDIR') throw new EnvdiffError(`${path}: is a directory, not a policy file`, 'give the policy file itself');
    throw new EnvdiffError(`${path}: cannot read the policy file (${code ?? String(err)})`, 'check its permissions');
  }
  return parsePolicy(text, path);
}

/** Parses and validates policy text; `source` is the name errors and overrides refer to. */
export async function parsePolicy(text: string, source: string): Promise<Policy> {
  const data = await parsePolicyText(text.replace(/^\uFEFF/, ''), source);
  if (data === null || data === undefined) {
    throw new EnvdiffError(`${source}: the policy is empty`, POLICY_HINT);
  }
  const problem = await validatePolicy(data);
  if (problem) throw new EnvdiffError(`${source}: ${problem}`, POLICY_HINT);
  const raw = data as { failOn?: FailOn; ignore?: PolicyMatch[]; severity?: SeverityOverride[] };
  for (const [list, entries] of [
    ['ignore', raw.ignore ?? []],
    ['severity', raw.severity ?? []],
  ] as const) {
    entries.forEach((entry, i) => {
      for (const key of ['rule', 'subject'] as const) {
        const glob = entry[key];
        if (glob === undefined) continue;
        try {
          compileGlob(glob);
        } catch (err) {
          if (err instanceof GlobError) throw new EnvdiffError(`${source}: /${list}/${i}/${key}: ${err.message}`, POLICY_HINT);
          throw err;
        }
      }
    });
  }
  return {
    source,
    ...(raw.failOn !== undefined ? { failOn: raw.failOn } : {}),
    ignore: raw.ignore ?? [],
    severity: raw.severity ?? [],
  };
}

async function parsePolicyText(text: string, source: string): Promise<unknown> {
  if (extname(source).toLowerCase() === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new EnvdiffError(`${source}: not valid JSON (${oneLine(jsonErrorWithoutInput((err as Error).message))})`, POLICY_HINT);
    }
  }
  // YAML 1.2 reads JSON too, so any other extension goes through the YAML parser.
  const { parse, YAMLParseError } = await import('yaml');
  try {
    return parse(text) as unknown;
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
      const what = oneLine(err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '');
      throw new EnvdiffError(`${source}: invalid YAML${where}: ${what}`, POLICY_HINT);
    }
    throw err;
  }
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
  parentSchema?: { properties?: Record<string, unknown> };
}
/** Null when valid, else ONE line naming the offending key. */
async function validatePolicy(data: unknown): Promise<string | null> {
  // Compiled from schemas/policy.schema.json at build time (scripts/build-schemas.mjs).
  const { default: validate } = await import('../generated/policy-validator.js');
  if (validate(data)) return null;
  return describeAjvErrors((validate.errors ?? []) as unknown as AjvError[]);
}

// Leaf problems (a misspelt key, a bad value) say more than the anyOf/required noise around them.
const PRIORITY: Readonly<Record<string, number>> = { additionalProperties: 0, enum: 1, type: 2, minLength: 3, required: 4, anyOf: 5 };

export function describeAjvErrors(errors: readonly AjvError[]): string {
  if (errors.length === 0) return 'is not valid';
  const sorted = [...errors].sort((a, b) => (PRIORITY[a.keyword] ?? 4) - (PRIORITY[b.keyword] ?? 4));
  const e = sorted[0]!;
  const at = e.instancePath || '/';
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params['additionalProperty']);
      const allowed = Object.keys(e.parentSchema?.properties ?? {}).filter((k) => k !== '$schema');
      return `${e.instancePath}/${key} is not allowed (allowed: ${allowed.join(', ')})`;
    }
    case 'enum': {
      const values = (e.params['allowedValues'] as unknown[]).map(String).join(', ');
      return `${at} must be one of: ${values}`;
    }
    case 'type':
      return `${at} must be ${String(e.params['type'])}`;
    case 'minLength':
      return `${at} must not be empty`;
    case 'required': {
      // The required checks inside anyOf: the entry names neither rule nor subject.
      const inAnyOf = errors.some((x) => x.keyword === 'anyOf' && x.instancePath === e.instancePath);
      if (inAnyOf && e.params['missingProperty'] !== 'to') return `${at} needs rule or subject (or both)`;
      return `${e.instancePath}/${String(e.params['missingProperty'])} is required`;
    }
    case 'anyOf':
      return `${at} needs rule or subject (or both)`;
    default:
      return `${at} ${e.message ?? 'is not valid'}`;
  }
}

type Matcher = (f: Finding) => boolean;

function compileMatch(m: PolicyMatch): Matcher {
  const rule = m.rule !== undefined ? compileGlob(m.rule) : undefined;
  const subject = m.subject !== undefined ? compileGlob(m.subject) : undefined;
  return (f) => (rule ? rule(f.ruleId) : true) && (subject ? subject(f.subject) : true);
}

function describeEntry(source: string, list: 'ignore' | 'severity', index: number, m: PolicyMatch): string {
  return `${source} ${list}[${index}]${m.reason ? `: ${m.reason}` : ''}`;
}

/** Applies a policy; the findings come back sorted again, since severities may have moved. */
export function applyPolicy(findings: readonly Finding[], policy: Policy): { findings: Finding[]; suppressed: Suppressed } {
  const ignore = policy.ignore.map(compileMatch);
  const severity = policy.severity.map(compileMatch);
  const kept: Finding[] = [];
  const suppressed: Suppressed = [];
  for (const f of findings) {
    const ig = ignore.findIndex((match) => match(f));
    if (ig >= 0) {
      const by = describeEntry(policy.source, 'ignore', ig, policy.ignore[ig]!);
      suppressed.push({ ruleId: f.ruleId, subject: f.subject, severity: f.severity, by });
      continue;
    }
    let sv = -1;
    for (let i = severity.length - 1; i >= 0; i--) {
      if (severity[i]!(f)) {
        sv = i;
        break;
      }
    }
    const entry = sv >= 0 ? policy.severity[sv]! : undefined;
    if (entry && entry.to !== f.severity) {
      kept.push({
        ...f,
        severity: entry.to,
        override: { from: f.severity, by: describeEntry(policy.source, 'severity', sv, entry) },
      });
    } else {
      kept.push(f);
    }
  }
  return { findings: orderWithCauses(kept), suppressed };
}

function describeMatch(entry: PolicyMatch): string {
  return [
    entry.rule !== undefined ? `rule ${JSON.stringify(entry.rule)}` : '',
    entry.subject !== undefined ? `subject ${JSON.stringify(entry.subject)}` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * Policy entries that matched none of the findings: a misspelt rule id (`pyhton/*`) would
 * otherwise ignore nothing in silence. Measured on the findings before the policy, so a severity
 * entry shadowed by an ignore entry still counts as matching. An entry whose rule glob names no
 * rule of the catalog (src/rules/catalog.ts) says so: it can never match anything. One line each,
 * for stderr; `ruleIds` defaults to the catalog's.
 */
export function unmatchedEntries(
  findings: readonly Finding[],
  policy: Policy,
  ruleIds: readonly string[] = RULES.map((r) => r.id),
): string[] {
  const lines: string[] = [];
  const check = (list: 'ignore' | 'severity', entries: readonly PolicyMatch[]): void => {
    entries.forEach((entry, i) => {
      const match = compileMatch(entry);
      if (findings.some(match)) return;
      const what = `${policy.source} ${list}[${i}] (${describeMatch(entry)}) matched no finding`;
      const rule = entry.rule === undefined ? undefined : compileGlob(entry.rule);
      if (rule && !ruleIds.some((id) => rule(id))) {
        lines.push(
          `${what}: it names no rule envdiff has; check it for a typo (rule ids look like python/package-missing, docs/rules/ lists them all)`,
        );
      } else {
        lines.push(`${what} in this comparison; if that is unexpected, check it for a typo (rule ids look like python/package-missing)`);
      }
    });
  };
  check('ignore', policy.ignore);
  check('severity', policy.severity);
  return lines;
}
