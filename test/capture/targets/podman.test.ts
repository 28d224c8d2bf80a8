// Real podman: capture a debootstrapped Debian image (`podman:IMAGE`) and a running container of
// it (`container:NAME`), check the facts against what the image holds (asked independently with
// podman run), compare with a capture of this machine, and check each failure's explanation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureFingerprint } from '../../../src/capture/capture.js';
import { compareFingerprints } from '../../../src/compare/engine.js';
import { parseTarget } from '../../../src/capture/targets/parse-target.js';
import { localTransport } from '../../../src/capture/targets/local.js';
import { EnvdiffError } from '../../../src/core/errors.js';
import type { Fingerprint } from '../../../src/facets/index.js';
import {
  ensureDebianPythonImage,
  ensureNoShellImage,
  podman,
  podmanWorks,
  removeContainer,
  runInImage,
  startContainer,
} from '../../support/podman.js';

const HAS_PODMAN = podmanWorks();
const CONTAINER = `envdiff-test-targets-${process.pid}`;
const STOPPED = `envdiff-test-stopped-${process.pid}`;

async function captureError(spec: string, opts: Parameters<typeof parseTarget>[1] = {}): Promise<EnvdiffError> {
  try {
    await captureFingerprint({ transport: parseTarget(spec, opts), timeoutMs: 60_000 });
  } catch (err) {
    expect(err).toBeInstanceOf(EnvdiffError);
    const e = err as EnvdiffError;
    expect(e.exitCode).toBe(2);
    expect(e.toLine().trim().split('\n')).toHaveLength(1);
    return e;
  }
  throw new Error(`capturing ${spec} succeeded`);
}

describe.skipIf(!HAS_PODMAN)('podman targets (real podman; run .ci/setup-podman.sh first)', () => {
  let image: string;
  let fromImage: Fingerprint;
  let fromContainer: Fingerprint;

  beforeAll(async () => {
    image = await ensureDebianPythonImage();
    await startContainer(image, CONTAINER);
    fromImage = await captureFingerprint({ transport: parseTarget(`podman:${image}`) });
    fromContainer = await captureFingerprint({ transport: parseTarget(`container:${CONTAINER}`, { engine: 'podman' }) });
  });
  afterAll(async () => {
    await removeContainer(CONTAINER);
    await removeContainer(STOPPED);
  });

  it('records the target as the user named it', () => {
    expect(fromImage.target).toEqual({ kind: 'podman', ref: image });
    expect(fromImage.label).toBe(`podman:${image}`);
    expect(fromContainer.target).toEqual({ kind: 'container', ref: CONTAINER });
  });

  it('sees the inside of a podman container', () => {
    expect(fromImage.facets.os.container).toEqual({ inside: true, engine: 'podman' });
    expect(fromContainer.facets.os.container).toEqual({ inside: true, engine: 'podman' });
  });

  it('reads the os-release the image holds', async () => {
    const osRelease = await runInImage(image, ['cat', '/etc/os-release']);
    const field = (k: string) => new RegExp(`^${k}="?([^"\\n]*)"?$`, 'm').exec(osRelease)?.[1];
    expect(fromImage.facets.os.distro).toMatchObject({ id: field('ID'), versionId: field('VERSION_ID'), prettyName: field('PRETTY_NAME') });
    expect(field('ID')).toBe('debian');
  });

  it("reads the image's python and its Debian-packaged libraries", async () => {
    const asked = JSON.parse(
      await runInImage(image, [
        'python3',
        '-c',
        'import json, platform, numpy, yaml, six; print(json.dumps({"python": platform.python_version(), "numpy": numpy.__version__, "pyyaml": yaml.__version__, "six": six.__version__}))',
      ]),
    ) as Record<string, string>;
    const py = fromImage.facets.python;
    expect(py.status).toBe('ok');
    expect(py.version).toBe(asked.python);
    const versions = Object.fromEntries((py.packages ?? []).map((p) => [p.name, p.version]));
    expect(versions).toMatchObject({ numpy: asked.numpy, pyyaml: asked.pyyaml, six: asked.six });
  });

  it('lists exactly the dpkg packages the image has', async () => {
    const listed = (await runInImage(image, ['dpkg-query', '-W', '-f', '${db:Status-Abbrev} ${Package} ${Version}\\n']))
      .split('\n')
      .filter((l) => l.startsWith('ii '))
      .map((l) => l.split(/\s+/).slice(1, 3).join(' '))
      .sort();
    const captured = (fromImage.facets.system.packages ?? []).map((p) => `${p.name} ${p.version}`).sort();
    expect(fromImage.facets.system.manager).toBe('dpkg');
    expect(captured).toEqual(listed);
    expect(captured.some((p) => p.startsWith('python3-numpy '))).toBe(true);
  });

  it('an image and a container of it give the same facts', () => {
    for (const facet of ['os', 'python', 'system', 'kernel'] as const) {
      expect(fromContainer.facets[facet], facet).toEqual(fromImage.facets[facet]);
    }
    const errors = compareFingerprints(fromImage, fromContainer).filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);
  });

  describe('compared with this machine', () => {
    let local: Fingerprint;
    let image2: Fingerprint;
    beforeAll(async () => {
      // The same interpreter path on both sides (Debian's python3), so the comparison is about
      // the environments, not about which python a PATH finds first.
      local = await captureFingerprint({ transport: localTransport(), python: '/usr/bin/python3' });
      image2 = await captureFingerprint({ transport: parseTarget(`podman:${image}`), python: '/usr/bin/python3' });
    });

    it('reports what this machine has and the image lacks', () => {
      const ids = compareFingerprints(local, image2).map((f) => f.ruleId);
      // Rscript and java are on this machine, not in the minimal image.
      if (local.facets.r.status === 'ok') expect(ids).toContain('r/absent-on-target');
      if (local.facets.jvm.status === 'ok') expect(ids).toContain('jvm/absent-on-target');
      expect(ids.filter((id) => id.startsWith('os/') || id.startsWith('kernel/'))).toEqual([]);
    });

    it("reports numpy, which the image's python has and this machine's lacks", () => {
      const localHasNumpy = (local.facets.python.packages ?? []).some((p) => p.name === 'numpy');
      expect(localHasNumpy).toBe(false); // Debian's python3 on the test machine has no numpy
      const findings = compareFingerprints(image2, local);
      // Needs the package-set rules (src/facets/shared/package-sets.ts).
      expect(findings.some((f) => f.facet === 'python' && f.subject.includes('numpy'))).toBe(true);
    });
  });

  describe('failures say what is wrong and what to do', () => {
    it('image not present', async () => {
      const e = await captureError('podman:localhost/envdiff-test/not-built:0');
      expect(e.message).toMatch(/the image is not present locally/);
      expect(e.hint).toMatch(/podman pull localhost\/envdiff-test\/not-built:0|--pull/);
    });

    it('a target without sh', async () => {
      const e = await captureError(`podman:${await ensureNoShellImage()}`);
      expect(e.message).toMatch(/no POSIX shell/);
      expect(e.hint).toMatch(/\/bin\/sh/);
    });

    it('container not running', async () => {
      await removeContainer(STOPPED);
      await podman(['create', '--name', STOPPED, image, 'true']);
      const e = await captureError(`container:${STOPPED}`, { engine: 'podman' });
      expect(e.message).toMatch(/the container is not running/);
      expect(e.hint).toMatch(new RegExp(`podman start ${STOPPED}`));
    });

    it('no such container', async () => {
      const e = await captureError('container:envdiff-no-such-container', { engine: 'podman' });
      expect(e.message).toMatch(/no container named 'envdiff-no-such-container'/);
    });
  });
});
