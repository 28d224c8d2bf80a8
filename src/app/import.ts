// `envdiff import FILE…`: a fingerprint from reports other tools wrote (PyTorch's collect_env, R's
// sessionInfo(), pip and conda lists, nvidia-smi -q -x, CycloneDX and SPDX SBOMs). The kind of each
// file is told from its content (src/import/detect.ts), never its name; a file no kind claims, or
// one that claims but cannot be read, stops the import with one line and no output. The fingerprint
// records where it came from (`sources`: kind and sha256 of each file) and, for every facet no
// report speaks about, "could not tell" (status error): an import never claims a fact it was not given.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EnvdiffError } from '../core/errors.js';
import { checkFingerprint } from '../core/fingerprint-schema.js';
import { readStdin, STDIN_PATH } from '../core/read-stdin.js';
import { printable } from '../core/text.js';
import { TOOL_VERSION } from '../core/version.js';
import { writeFileAtomic } from '../core/write-file-atomic.js';
import { FACETS, type FacetBase, type Facets, type Fingerprint } from '../facets/index.js';
import { IMPORT_PARSERS, importText, type ImportKind, type ImportResult } from '../import/index.js';
import { isFailure } from '../import/types.js';
import { mergeImportedFacets } from '../import/merge.js';
import { decodeBytes } from '../import/text.js';

export interface ImportCommandOptions {
  files: string[];
  output?: string;
  label?: string;
  now?: () => Date;
}

export interface ImportedSource {
  kind: ImportKind;
  sha256: string;
  /** The file's base name as given (`-` for stdin). */
  file: string;
  /** Facts the report gives that no facet has a field for (torch version, CUDA torch was built with …). */
  meta?: Record<string, string>;
}

export interface ImportCommandResult {
  output: string;
  written?: string;
  fingerprint: Fingerprint;
  /** Lines the parsers could not read, one per file that had any: for stderr. */
  notes: string[];
}

const KINDS_HINT = `envdiff import reads ${IMPORT_PARSERS.map((p) => p.title).join(', ')}`;

async function readInput(path: string): Promise<Buffer> {
  if (path === STDIN_PATH) return Buffer.from(await readStdin('a report', 'pip freeze | envdiff import -'), 'utf8');
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new EnvdiffError(`import: ${printable(path)}: no such file`, 'check the path');
    if (code === 'EISDIR') throw new EnvdiffError(`import: ${printable(path)}: is a directory, not a report`, KINDS_HINT);
    throw new EnvdiffError(`import: ${printable(path)}: cannot read the file (${code ?? String(err)})`, 'check its permissions');
  }
}

export async function runImport(opts: ImportCommandOptions): Promise<ImportCommandResult> {
  if (opts.files.length === 0)
    throw new EnvdiffError('import: no file given', 'name one or more reports, e.g. envdiff import collect_env.txt');
  if (opts.files.filter((f) => f === STDIN_PATH).length > 1) {
    throw new EnvdiffError('import: - (stdin) is named more than once', 'pipe one report in and name the others as files');
  }
  const sources: ImportedSource[] = [];
  const results: { file: string; result: ImportResult }[] = [];
  const notes: string[] = [];
  for (const file of opts.files) {
    const bytes = await readInput(file);
    const shown = printable(file);
    if (bytes.length === 0) throw new EnvdiffError(`import: ${shown}: the file is empty`, KINDS_HINT);
    const outcome = importText(decodeBytes(bytes));
    if (outcome === undefined) throw new EnvdiffError(`import: ${shown}: not a report envdiff can import`, KINDS_HINT);
    if (isFailure(outcome)) throw new EnvdiffError(`import: ${shown}: ${printable(outcome.error)}`, 'check that the file is whole');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    sources.push({
      kind: outcome.kind,
      sha256,
      file: file === STDIN_PATH ? STDIN_PATH : basename(file),
      ...(Object.keys(outcome.meta).length ? { meta: outcome.meta } : {}),
    });
    results.push({ file, result: outcome });
    if (outcome.problems.length > 0) {
      const p = outcome.problems[0]!;
      const more = outcome.problems.length > 1 ? ` (and ${outcome.problems.length - 1} more)` : '';
      notes.push(`${shown}: skipped what could not be read: ${p.line ? `line ${p.line}: ` : ''}${printable(p.message)}${more}`);
    }
  }
  const merged = mergeImportedFacets(results.map((r) => ({ file: r.file, facets: r.result.facets })));
  if ('conflict' in merged) {
    const c = merged.conflict;
    const at = c.path ? `${c.facet} ${c.path}` : c.facet;
    throw new EnvdiffError(
      `import: ${printable(c.first.file)} and ${printable(c.second.file)} disagree on ${at}: ` +
        `${printable(JSON.stringify(c.first.value))} vs ${printable(JSON.stringify(c.second.value))}`,
      'import reports of one environment together; import the others into their own fingerprints',
    );
  }
  const kinds = [...new Set(sources.map((s) => s.kind))].join(', ');
  const facets: Record<string, FacetBase> = {};
  const given = merged.facets as Record<string, FacetBase | undefined>;
  for (const f of FACETS) {
    if (given[f.id]) facets[f.id] = given[f.id]!;
    else if (f.id === 'lockfiles') facets[f.id] = { status: 'absent', reason: 'an import records no lock files' };
    else facets[f.id] = { status: 'error', reason: `not in the imported report${sources.length > 1 ? 's' : ''} (${kinds})` };
  }
  const fingerprint = {
    schemaVersion: 1,
    tool: { name: 'envdiff', version: TOOL_VERSION },
    capturedAt: (opts.now ?? (() => new Date()))().toISOString(),
    label: opts.label ?? defaultLabel(opts.files),
    target: { kind: 'import', ref: opts.files.map((f) => (f === STDIN_PATH ? f : basename(f))).join(' ') },
    sources,
    facets: facets as unknown as Facets,
  } as Fingerprint;
  const problems = checkFingerprint(fingerprint);
  if (problems.length > 0) {
    const p = problems[0]!;
    throw new EnvdiffError(
      `import: the reports give a fingerprint that breaks its schema at ${p.path}: ${p.message}`,
      'please report this',
    );
  }
  const text = JSON.stringify(fingerprint, null, 2) + '\n';
  if (opts.output) {
    try {
      writeFileAtomic(opts.output, text);
    } catch (err) {
      throw new EnvdiffError(
        `cannot write ${printable(opts.output)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        'check that the directory exists and is writable',
      );
    }
    return { output: '', written: opts.output, fingerprint, notes };
  }
  return { output: text, fingerprint, notes };
}

function defaultLabel(files: string[]): string {
  const first = files[0]!;
  if (first === STDIN_PATH) return 'import';
  return (
    basename(first)
      .replace(/\.[^.]*$/, '')
      .slice(0, 200) || 'import'
  );
}
