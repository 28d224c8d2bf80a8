// Every real sample under fixtures/import/<kind>/<scenario>/ (and the GPU facet's
// fixtures/gpu/nvidia-smi-xml-*/) is detected as its kind, by content, by exactly one parser, and
// parses to the expected.json beside it. Every other file in fixtures/ is detected as nothing,
// except the few listed in CROSS_KIND that really are one of these formats.
// Regenerate expected.json with ENVDIFF_UPDATE_GOLDEN=1, then read the diff against the sample.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const addFormats = (addFormatsModule as unknown as { default: (a: Ajv2020) => void }).default;
import { describe, expect, it } from 'vitest';
import { IMPORT_PARSERS, detectImportKind, importBytes } from '../../src/import/index.js';
import { decodeBytes, makeInput } from '../../src/import/text.js';
import type { ImportKind } from '../../src/import/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'fixtures');
const UPDATE = process.env['ENVDIFF_UPDATE_GOLDEN'] === '1';
const KINDS = new Set<string>(IMPORT_PARSERS.map((p) => p.kind));

/** Fixtures of other facets that genuinely are one of the import formats (same content, other use). */
const CROSS_KIND: Readonly<Record<string, ImportKind>> = {
  // a real `conda env export` and a real conda-lock explicit render, kept as lock-file samples
  'lockfiles/conda-env/export-with-pip/environment.yml': 'conda-env-export',
  'lockfiles/conda-explicit/conda-lock-linux-64/conda-linux-64.lock': 'conda-explicit',
  'lockfiles/conda-explicit/zlib-linux-64/conda-linux-64.lock': 'conda-explicit',
  'lockfiles/conda-explicit/zlib-osx-64/conda-osx-64.lock': 'conda-explicit',
  // MLflow's conda.yaml with only exact pins reads the same as an export of those pins
  'lockfiles/mlflow/pytorch-mlflow-1.8-alexnet/conda.yaml': 'conda-env-export',
  // files of nothing but `name==version` lines: pip freeze output by content (pip-freeze.ts)
  'lockfiles/mlflow/sklearn-mlflow-2.13-signature/requirements.txt': 'pip-freeze',
  'lockfiles/mlflow/sklearn-mlflow-2.18-random-forest/requirements.txt': 'pip-freeze',
  'dockerfile/linux-cpu-debian-12/golden/envdiff-requirements.txt': 'pip-freeze',
  'dockerfile/macos-intel-laptop/golden/envdiff-requirements.txt': 'pip-freeze',
  'dockerfile/debian-12-apt-origins/golden/envdiff-requirements.txt': 'pip-freeze',
};

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

interface Sample {
  dir: string;
  file: string;
  kind: ImportKind;
  /** expected.json; in fixtures/gpu/ that name is the gpu facet's, so the import result is expected-import.json. */
  expected: string;
}
const EXPECTED_FILES = new Set(['SOURCE.md', 'expected.json', 'expected-import.json']);

function samples(): Sample[] {
  const out: Sample[] = [];
  const importDir = join(FIXTURES, 'import');
  for (const kind of readdirSync(importDir)) {
    for (const scenario of readdirSync(join(importDir, kind))) {
      const dir = join(importDir, kind, scenario);
      out.push(...sampleIn(dir, kind as ImportKind, 'expected.json'));
    }
  }
  for (const scenario of readdirSync(join(FIXTURES, 'gpu')).filter((s) => s.startsWith('nvidia-smi-xml-'))) {
    out.push(...sampleIn(join(FIXTURES, 'gpu', scenario), 'nvidia-smi-xml', 'expected-import.json'));
  }
  return out;
}

function sampleIn(dir: string, kind: ImportKind, expected: string): Sample[] {
  const files = readdirSync(dir).filter((f) => !EXPECTED_FILES.has(f));
  return files.map((f) => ({ dir, file: join(dir, f), kind, expected: join(dir, expected) }));
}

const ALL = samples();
const rel = (p: string) => relative(FIXTURES, p);

// The fingerprint schema's facet definitions, to check every imported facet against the contract.
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'fingerprint.schema.json'), 'utf8')) as { $id: string };
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(schema);
const facetValidator = (facet: string) => ajv.getSchema(`${schema.$id}#/$defs/${facet}`)!;

describe('import samples', () => {
  it('are laid out as fixtures/import/<kind>/<scenario>/ (and fixtures/gpu/nvidia-smi-xml-*/) with one sample, a SOURCE.md naming its sha256, and a known kind', () => {
    expect(ALL.length).toBeGreaterThanOrEqual(60);
    for (const s of ALL) {
      expect(KINDS.has(s.kind), s.file).toBe(true);
      expect(
        readdirSync(s.dir).filter((f) => !EXPECTED_FILES.has(f)),
        s.dir,
      ).toHaveLength(1);
      const source = readFileSync(join(s.dir, 'SOURCE.md'), 'utf8');
      const sha = createHash('sha256').update(readFileSync(s.file)).digest('hex');
      expect(source, `${rel(s.dir)}/SOURCE.md must give the sample's sha256`).toContain(sha);
    }
    const perKind = new Map<string, number>();
    for (const s of ALL) perKind.set(s.kind, (perKind.get(s.kind) ?? 0) + 1);
    for (const k of KINDS) expect(perKind.get(k) ?? 0, k).toBeGreaterThanOrEqual(3);
  });

  it.each(ALL.map((s) => [rel(s.file), s] as const))('%s: detected as its kind, by exactly one parser', (_, s) => {
    const text = decodeBytes(readFileSync(s.file));
    expect(detectImportKind(text)).toBe(s.kind);
    const input = makeInput(text);
    expect(IMPORT_PARSERS.filter((p) => p.detect(input)).map((p) => p.kind)).toEqual([s.kind]);
  });

  it.each(ALL.map((s) => [rel(s.file), s] as const))('%s: parses to expected.json, facets valid per the fingerprint schema', (_, s) => {
    const outcome = importBytes(readFileSync(s.file));
    expect(outcome).toBeDefined();
    expect('error' in outcome!, JSON.stringify(outcome)).toBe(false);
    const expectedPath = s.expected;
    const actual = `${JSON.stringify(outcome, null, 2)}\n`;
    if (UPDATE || !existsSync(expectedPath)) writeFileSync(expectedPath, actual);
    expect(actual).toBe(readFileSync(expectedPath, 'utf8'));
    for (const [facet, value] of Object.entries((outcome as { facets: Record<string, unknown> }).facets)) {
      // MIG instances included: the gpu schema fragment names them.
      const validate = facetValidator(facet);
      expect(validate(value), `${facet}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
    }
  });
});

describe('every other fixture', () => {
  const sampleFiles = new Set(ALL.map((s) => s.file));
  const others = walk(FIXTURES).filter((f) => !sampleFiles.has(f) && !/(^|\/)(SOURCE\.md|expected\.json|expected-import\.json)$/.test(f));

  it('covers the repository fixtures (lock files, os-release files, probe outputs …)', () => {
    expect(others.length).toBeGreaterThan(80);
    for (const path of Object.keys(CROSS_KIND)) expect(others.map(rel), path).toContain(path);
  });

  it.each(others.map((f) => [rel(f), f] as const))('%s: is no import kind unless listed as one', (path, file) => {
    expect(detectImportKind(decodeBytes(readFileSync(file)))).toBe(CROSS_KIND[path]);
  });
});
