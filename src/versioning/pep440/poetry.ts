// Poetry's version constraints (`python = "^3.9"` in pyproject.toml, `python-versions` in
// poetry.lock) as PEP 440 specifier sets, so that they are evaluated as Poetry defines them
// (https://python-poetry.org/docs/dependency-specification/#version-constraints) and never read as
// text:
//   ^1.2.3 → >=1.2.3,<2.0.0   ^0.2.3 → >=0.2.3,<0.3.0   ^0.0.3 → >=0.0.3,<0.0.4   ^0 → >=0,<1
//   ~1.2.3 → >=1.2.3,<1.3.0   ~1.2 → >=1.2,<1.3          ~1 → >=1,<2
//   1.2.*  → ==1.2.*           *  → any                   1.2.3 → ==1.2.3
//   ">= 1.2, < 1.5" and ">=1.2 <1.5" (AND)                 "^2.7 || ^3.6" (OR)
// An OR has no PEP 440 spelling: the result is a list of specifier sets, any one of which admits
// a version (poetry-core's `parse_constraint` splits the same way: `||`, then `,` or spaces).

/** `release` of a dotted numeric version, or undefined when it is not one. */
function numeric(v: string): number[] | undefined {
  return /^\d+(\.\d+)*$/.test(v) ? v.split('.').map(Number) : undefined;
}

function bump(release: readonly number[], index: number): string {
  const out = release.slice(0, index + 1);
  out[index] = (out[index] ?? 0) + 1;
  return out.join('.');
}

/** One constraint (no `,` and no `||`) as PEP 440 clauses; undefined when Poetry would not read it. */
function single(raw: string): string[] | undefined {
  const c = raw.trim();
  if (c === '' || c === '*' || /^[xX]$/.test(c)) return [];
  const caret = /^\^\s*v?(\d+(?:\.\d+)*)$/.exec(c);
  if (caret) {
    const r = numeric(caret[1]!)!;
    // The first non-zero component is the breaking one; all zeros: the last given component.
    let i = r.findIndex((n) => n !== 0);
    if (i < 0) i = r.length - 1;
    return [`>=${caret[1]}`, `<${bump(r, i)}`];
  }
  const tilde = /^~(?!=)\s*v?(\d+(?:\.\d+)*)$/.exec(c);
  if (tilde) {
    const r = numeric(tilde[1]!)!;
    return [`>=${tilde[1]}`, `<${bump(r, r.length === 1 ? 0 : 1)}`];
  }
  const wildcard = /^(?:==)?\s*v?(\d+(?:\.\d+)*)\.[*xX]$/.exec(c);
  if (wildcard) return [`==${wildcard[1]}.*`];
  const op = /^(~=|===|==|!=|<=|>=|<|>|=)?\s*v?([0-9][0-9A-Za-z.+!_-]*)$/.exec(c);
  if (op) {
    const operator = op[1] === undefined || op[1] === '=' ? '==' : op[1];
    return [`${operator}${op[2]}`];
  }
  return undefined;
}

/**
 * A Poetry constraint as PEP 440 specifier sets (any one admits a version; `''` admits every
 * version), or undefined when it is not one Poetry reads.
 */
export function poetryConstraintToPep440(constraint: string): string[] | undefined {
  const alternatives: string[] = [];
  for (const orPart of constraint.trim().split(/\s*\|\|?\s*/)) {
    // `,` or whitespace joins, but not the space after an operator (`>= 1.2`).
    const ands = orPart
      .replace(/(\^|~=|~|===|==|!=|<=|>=|<|>|=)\s+/g, '$1')
      .split(/\s*,\s*|\s+/)
      .filter(Boolean);
    const clauses: string[] = [];
    for (const part of ands.length ? ands : ['*']) {
      const converted = single(part);
      if (converted === undefined) return undefined;
      clauses.push(...converted);
    }
    alternatives.push(clauses.join(','));
  }
  return alternatives;
}
