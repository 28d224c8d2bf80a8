// The official schemas vendored under schemas/vendor/ compile as their SOURCE.md says, and the
// real SBOM samples validate against the schema of the version they declare — so the schemas are
// the ones those tools write to, and the samples are what the specifications allow.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { draft07, readJson, VENDOR } from '../helpers/vendored-schemas.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const json = readJson;

function cycloneDx(version: string) {
  const ajv = draft07();
  const dir = join(VENDOR, `cyclonedx-${version}`);
  ajv.addSchema(json(join(dir, 'spdx.schema.json')));
  ajv.addSchema(json(join(dir, 'jsf-0.82.schema.json')));
  return ajv.compile(json(join(dir, `bom-${version}.schema.json`)));
}

const samples = (kind: string, file: string) =>
  readdirSync(join(ROOT, 'fixtures', 'import', kind)).map((s) => [s, join(ROOT, 'fixtures', 'import', kind, s, file)] as const);

describe('vendored CycloneDX schemas', () => {
  const validators = new Map(['1.4', '1.5', '1.6'].map((v) => [v, cycloneDx(v)]));

  it.each(samples('cyclonedx', 'bom.json'))('%s validates against the schema of its specVersion', (_, file) => {
    const bom = json(file);
    const validate = validators.get(String(bom['specVersion']));
    expect(validate, `no vendored schema for ${String(bom['specVersion'])}`).toBeDefined();
    expect(validate!(bom), JSON.stringify(validate!.errors?.slice(0, 3))).toBe(true);
  });

  it('rejects a BOM that breaks the schema (synthetic: a component without a name)', () => {
    expect(validators.get('1.6')!({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library' }] })).toBe(false);
  });
});

function valueAt(doc: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((cur, key) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined), doc);
}

describe('vendored SPDX 2.3 schema', () => {
  const validate = draft07().compile(json(join(VENDOR, 'spdx-2.3', 'spdx-schema.json')));

  // SPDX 2.3's text spells the purpose `OPERATING-SYSTEM` (spdx-spec v2.3 chapters/package-information.md,
  // "Primary Package Purpose"), its JSON schema `OPERATING_SYSTEM`; Trivy writes the text's form. That
  // one disagreement is the only error allowed; spdx.ts reads both spellings.
  it.each(samples('spdx', 'spdx.json'))('%s validates (but for the spec/schema spelling of OPERATING-SYSTEM)', (_, file) => {
    const doc = json(file);
    const valid = validate(doc);
    const others = (validate.errors ?? []).filter(
      (e) =>
        !(e.keyword === 'enum' && /\/primaryPackagePurpose$/.test(e.instancePath) && valueAt(doc, e.instancePath) === 'OPERATING-SYSTEM'),
    );
    expect(valid || others.length === 0, JSON.stringify(others.slice(0, 3))).toBe(true);
  });

  it('rejects a document without its required fields (synthetic)', () => {
    expect(validate({ spdxVersion: 'SPDX-2.3' })).toBe(false);
  });
});

describe('vendored Kubernetes 1.30 schemas', () => {
  // `$schema` there is the draft-04 id ajv does not load; the documents use nothing draft-04-only.
  const compile = (name: string) => {
    const { $schema: _, ...schema } = json(join(VENDOR, 'kubernetes-1.30.0', `${name}.json`));
    return draft07().compile(schema);
  };

  it('batch/v1 Job: a minimal Job validates, a misspelt field does not (strict schema)', () => {
    const validate = compile('job-batch-v1');
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'envdiff' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'debian:12' }] } } },
    };
    expect(validate(job), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...job, spec: { ...job.spec, backofLimit: 1 } })).toBe(false);
  });

  it('apps/v1 DaemonSet: a minimal DaemonSet validates, a Job kind does not', () => {
    const validate = compile('daemonset-apps-v1');
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'envdiff' },
      spec: {
        selector: { matchLabels: { app: 'envdiff' } },
        template: { metadata: { labels: { app: 'envdiff' } }, spec: { containers: [{ name: 'c', image: 'debian:12' }] } },
      },
    };
    expect(validate(ds), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(validate({ ...ds, kind: 'Job' })).toBe(false);
  });
});
