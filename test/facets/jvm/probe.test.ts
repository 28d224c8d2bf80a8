// The jvm facet against the real OpenJDK 17 and Debian scala 2.11.12 here; Spark homes are
// built in a temp dir (no Spark distribution is installed on this machine).
import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runProcess } from '../../../src/core/run-process.js';
import { parseJvm } from '../../../src/facets/jvm/parse.js';
import { runProbe, SHELLS, sectionOf, toolsOnlyPath } from '../../helpers/probe-shells.js';

const HAVE_JAVA = existsSync('/usr/bin/java');
const HAVE_SCALA = existsSync('/usr/bin/scala');

/** What the JVM itself says: `java -XshowSettings:properties -version` (slow, the reference). */
async function javaSays(java = 'java'): Promise<{ version: string; vendor: string }> {
  const r = await runProcess(java, ['-XshowSettings:properties', '-version'], { timeoutMs: 60_000 });
  const get = (k: string) => new RegExp(`^\\s*${k.replace('.', '\\.')} = (.*)$`, 'm').exec(r.stderr)?.[1]?.trim() ?? '';
  return { version: get('java.version'), vendor: get('java.vendor') };
}

describe.skipIf(!HAVE_JAVA)('jvm probe with the real JDK', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'envdiff-jvm-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const shell of SHELLS) {
    it(`under ${shell.name}: java from the release file agrees with the JVM; scala from the jar`, async () => {
      const env = { ...process.env };
      delete env['JAVA_HOME'];
      delete env['SPARK_HOME'];
      const { section } = await runProbe('jvm', shell, { env });
      const facet = parseJvm(section, {});
      expect(facet.status, facet.reason).toBe('ok');
      const ref = await javaSays();
      expect(facet.java).toMatchObject({ version: ref.version, vendor: ref.vendor });
      expect(facet.java!.home).toBe(dirname(dirname(realpathSync('/usr/bin/java'))));
      expect(section.text).toContain('### java-release'); // no JVM started for Java…
      if (HAVE_SCALA) expect(facet.scala).toEqual({ version: '2.11.12' });
      expect(facet.spark).toBeNull();
      // …nor for Scala: the slow fallbacks (java -XshowSettings, scala -version) did not run.
      expect(section.text).not.toContain('### java-properties');
      if (HAVE_SCALA) expect(section.text).not.toContain('### scala-version');
    });
  }

  it('agrees with `scala -version` (the slow way)', async () => {
    if (!HAVE_SCALA) return;
    const r = await runProcess('scala', ['-version'], { timeoutMs: 60_000 });
    const banner = /version (\S+)/.exec(r.stdout + r.stderr)?.[1];
    const { section } = await runProbe('jvm', SHELLS[0]);
    expect(parseJvm(section, {}).scala?.version).toBe(banner);
  });

  it('falls back to -XshowSettings when JAVA_HOME has no release file', async () => {
    const jdk = dirname(dirname(realpathSync('/usr/bin/java')));
    const home = join(dir, 'jdk-without-release');
    mkdirSync(join(home, 'bin'), { recursive: true });
    symlinkSync(join(jdk, 'bin', 'java'), join(home, 'bin', 'java'));
    const { section } = await runProbe('jvm', SHELLS[1], { env: { ...process.env, JAVA_HOME: home } });
    expect(section.text).toContain('### java-properties');
    expect(section.text).not.toMatch(/user\.(name|home)/); // the JVM lists them; the probe must not
    const facet = parseJvm(section, {});
    const ref = await javaSays();
    expect(facet.java).toMatchObject({ version: ref.version, vendor: ref.vendor, home: jdk });
  });

  it('reads Spark from $SPARK_HOME: RELEASE for the version, the spark-core jar for Scala', async () => {
    // Synthetic Spark home; the RELEASE line is the real one Spark 3.5.1 ships (written by
    // dev/make-distribution.sh, quoted in public project notes).
    const spark = join(dir, 'spark-3.5.1-bin-hadoop3');
    mkdirSync(join(spark, 'jars'), { recursive: true });
    writeFileSync(
      join(spark, 'RELEASE'),
      'Spark 3.5.1 (git revision fd86f85e181) built for Hadoop 3.3.4\nBuild flags: -B -Pmesos -Pyarn -Pkubernetes -Psparkr -Pscala-2.12 -Phadoop-3 -Phive -Phive-thriftserver\n',
    );
    writeFileSync(join(spark, 'jars', 'spark-core_2.12-3.5.1.jar'), '');
    const { section } = await runProbe('jvm', SHELLS[0], { env: { ...process.env, SPARK_HOME: spark } });
    expect(parseJvm(section, {}).spark).toEqual({ version: '3.5.1', scalaBinaryVersion: '2.12' });
  });

  it('finds a pip-installed pyspark through the resolved spark-submit', async () => {
    const pyspark = join(dir, 'site-packages', 'pyspark');
    mkdirSync(join(pyspark, 'bin'), { recursive: true });
    mkdirSync(join(pyspark, 'jars'));
    writeFileSync(join(pyspark, 'bin', 'spark-submit'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
    writeFileSync(join(pyspark, 'jars', 'spark-core_2.13-4.0.0.jar'), '');
    const bin = join(dir, 'venv-bin');
    mkdirSync(bin);
    symlinkSync(join(pyspark, 'bin', 'spark-submit'), join(bin, 'spark-submit'));
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env['PATH']}` };
    delete env['SPARK_HOME'];
    const { section } = await runProbe('jvm', SHELLS[0], { env });
    expect(parseJvm(section, {}).spark).toEqual({ version: '4.0.0', scalaBinaryVersion: '2.13' });
  });

  it('without java on PATH: java null, Scala still found in /usr/share/java', async () => {
    const { section } = await runProbe('jvm', SHELLS[1], { env: { PATH: toolsOnlyPath() } });
    const facet = parseJvm(section, {});
    expect(facet.java).toBeNull();
    if (HAVE_SCALA) expect(facet).toMatchObject({ status: 'ok', scala: { version: '2.11.12' } });
  });
});

describe('parseJvm on fixtures and real output lines', () => {
  it('Debian 12 OpenJDK 17 + scala 2.11.12', () => {
    const text = readFileSync(new URL('../../../fixtures/jvm/debian-12-openjdk-17-scala-2.11/probe.txt', import.meta.url), 'utf8');
    expect(parseJvm(sectionOf('jvm', text), {})).toEqual({
      status: 'ok',
      java: { version: '17.0.15', vendor: 'Debian', home: '/usr/lib/jvm/java-17-openjdk-amd64' },
      scala: { version: '2.11.12' },
      spark: null,
    });
  });

  it('reads the banners of the slow fallbacks', () => {
    // Lines as printed here by `scala -version` and `java -XshowSettings:properties -version`,
    // and by `spark-submit --version` (Spark 3.x banner, SPARK-17686 added the Scala line).
    const text = [
      '### java-properties',
      'home=/usr/lib/jvm/java-17-openjdk-amd64',
      '    java.runtime.version = 17.0.15+6-Debian-1deb12u1',
      '    java.vendor = Debian',
      '    java.version = 17.0.15',
      '### scala-version',
      'Scala code runner version 2.11.12 -- Copyright 2002-2017, LAMP/EPFL',
      '### spark-submit',
      '      /___/ .__/\\_,_/_/ /_/\\_\\   version 3.5.0',
      'Using Scala version 2.12.18, OpenJDK 64-Bit Server VM, 17.0.15',
    ].join('\n');
    expect(parseJvm(sectionOf('jvm', text), {})).toEqual({
      status: 'ok',
      java: { version: '17.0.15', vendor: 'Debian', home: '/usr/lib/jvm/java-17-openjdk-amd64' },
      scala: { version: '2.11.12' },
      spark: { version: '3.5.0', scalaBinaryVersion: '2.12' },
    });
  });

  it('prefers Scala 3 over the 2.13 library it ships with', () => {
    const text = '### scala-jars\n/opt/scala3/lib/scala-library-2.13.12.jar\n/opt/scala3/lib/scala3-library_3-3.3.1.jar';
    expect(parseJvm(sectionOf('jvm', text), {}).scala).toEqual({ version: '3.3.1' });
  });

  it('absent on empty output; error when something was found but said no version', () => {
    expect(parseJvm(sectionOf('jvm', ''), {}).status).toBe('absent');
    const f = parseJvm(sectionOf('jvm', '### java-properties\nhome=/opt/jdk\n', 0, 'Error occurred during initialization of VM'), {});
    expect(f.status).toBe('error');
    expect(f.reason).toContain('initialization of VM');
  });
});
