// `envdiff compare … --accept FILE`: today's findings become `ignore` entries of a policy file, each
// with a reason to fill in — a baseline of accepted drift, as linters keep baseline files
// (e.g. ESLint's suppressions file, PHPStan's --generate-baseline). Compare with
// `--policy FILE` afterwards and only new drift is reported. An existing FILE is kept as it is
// (comments too) and only entries it lacks are added; the file is replaced atomically.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { EnvdiffError } from '../core/errors.js';
import type { Finding } from '../core/findings.js';
import { checkOutputPath, writeFileAtomic } from '../core/write-file-atomic.js';

export const REASON_PLACEHOLDER = 'TODO: why this difference is acceptable';

interface Entry {
  rule: string;
  subject: string;
  reason: string;
}

/** A subject as a policy glob that matches only itself (src/compare/glob.ts). */
export function literalGlob(s: string): string {
  return s.replace(/[\\*?[\]{}()!+@|]/g, (c) => `\\${c}`);
}

export function entriesFor(findings: readonly Finding[]): Entry[] {
  const seen = new Set<string>();
  const out: Entry[] = [];
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.subject}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ rule: literalGlob(f.ruleId), subject: literalGlob(f.subject), reason: REASON_PLACEHOLDER });
  }
  return out;
}

/** Writes the findings into FILE as ignore entries; returns how many entries were added. */
export async function acceptFindings(findings: readonly Finding[], file: string): Promise<{ added: number; kept: number }> {
  checkOutputPath(file, [], '--accept');
  let existing: string | undefined;
  try {
    existing = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EISDIR')
      throw new EnvdiffError(`--accept ${file} is a directory`, 'name the policy file to write, e.g. --accept envdiff-baseline.yml');
    if (code !== 'ENOENT') throw new EnvdiffError(`cannot read ${file} (${code ?? String(err)})`, 'check the --accept path');
  }
  if (existing !== undefined && existing.trim() !== '') {
    // The file must be a valid policy already: it is about to be used as one.
    const { parsePolicy } = await import('../compare/policy.js');
    await parsePolicy(existing, file);
  }
  const wanted = entriesFor(findings);
  const json = extname(file).toLowerCase() === '.json';
  const { text, added, kept } = json ? mergeJson(existing, wanted) : await mergeYaml(existing, wanted);
  try {
    writeFileAtomic(file, text);
  } catch (err) {
    throw new EnvdiffError(
      `cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      'check that the directory exists and is writable',
    );
  }
  return { added, kept };
}

const sameEntry = (a: { rule?: unknown; subject?: unknown }, b: Entry): boolean => a.rule === b.rule && a.subject === b.subject;

function mergeJson(existing: string | undefined, wanted: Entry[]): { text: string; added: number; kept: number } {
  const policy = (existing?.trim() ? JSON.parse(existing.replace(/^\uFEFF/, '')) : {}) as {
    ignore?: { rule?: unknown; subject?: unknown }[];
  };
  const ignore = policy.ignore ?? [];
  const fresh = wanted.filter((w) => !ignore.some((e) => sameEntry(e, w)));
  policy.ignore = [...ignore, ...fresh];
  return { text: `${JSON.stringify(policy, null, 2)}\n`, added: fresh.length, kept: ignore.length };
}

const HEADER = [
  ' envdiff policy: drift accepted with `envdiff compare … --accept FILE`.',
  ' Use it with `envdiff compare BASELINE TARGET --policy FILE`: only drift not listed here is reported.',
  ' Replace each TODO with the reason the difference is acceptable; delete an entry to be told again.',
].join('\n');

async function mergeYaml(existing: string | undefined, wanted: Entry[]): Promise<{ text: string; added: number; kept: number }> {
  const { parseDocument, YAMLSeq } = await import('yaml');
  const doc = parseDocument(existing?.trim() ? existing : '{}');
  if (!existing?.trim()) doc.commentBefore = HEADER;
  let seq = doc.get('ignore', true);
  if (!(seq instanceof YAMLSeq)) {
    seq = new YAMLSeq();
    doc.set('ignore', seq);
  }
  const list = seq as InstanceType<typeof YAMLSeq>;
  const current = (list.toJSON() as { rule?: unknown; subject?: unknown }[]) ?? [];
  const fresh = wanted.filter((w) => !current.some((e) => sameEntry(e, w)));
  for (const entry of fresh) list.add(doc.createNode(entry));
  // A document that was `{}` prints as flow style; block style reads better in a review.
  if (!existing?.trim() && doc.contents && 'flow' in doc.contents) (doc.contents as { flow?: boolean }).flow = false;
  return { text: doc.toString({ lineWidth: 0 }), added: fresh.length, kept: current.length };
}
