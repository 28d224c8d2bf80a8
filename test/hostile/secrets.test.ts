// Secrets never land in a fingerprint (issue #10): the one masking rule of src/core/secrets.ts,
// the same rule in sed on the target (probes/env.sh) under dash and busybox, the env probe run for
// real with credentials in its environment, lock files with tokens read from disk, and the
// python facet's direct_url.json URLs. Every case here leaked before (the tokens are SYNTHETIC).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hasMaskedSecret, maskSecrets } from '../../src/core/secrets.js';
import { runProcess } from '../../src/core/run-process.js';
import { captureLockfiles } from '../../src/capture/lockfiles.js';
import { parseEnv } from '../../src/facets/env/parse.js';
import { parsePython } from '../../src/facets/python/parse.js';
import { runProbe, SHELLS, sectionOf, toolsOnlyPath } from '../helpers/probe-shells.js';
import { RUNS } from './arbitraries.js';

const UUID = '8e6f1a2b-1234-5678-9abc-def012345678';

/** [value, what it must become]. */
const CASES: [string, string][] = [
  ['--extra-index-url https://__token__:SECRET1@pypi.example/simple', '--extra-index-url https://***@pypi.example/simple'],
  ['-i https://user:SECRET2@host.example/simple', '-i https://***@host.example/simple'],
  ['pkg @ git+https://user:SECRET3@github.com/org/repo.git', 'pkg @ git+https://***@github.com/org/repo.git'],
  // A password holding `@`: the user-info runs to the LAST `@` before the host.
  ['https://user:p@ss123SECRET4@host.example/x', 'https://***@host.example/x'],
  ['https://TOKEN5SECRET@host.example', 'https://***@host.example'],
  ['-Dmy.pwd=SECRET6 -Dfile.encoding=UTF-8', '-Dmy.pwd=*** -Dfile.encoding=UTF-8'],
  ['-Djavax.net.ssl.keyStorePassword=SECRET7', '-Djavax.net.ssl.keyStorePassword=***'],
  ['https://h.example/simple?access_token=SECRET8&x=1', 'https://h.example/simple?access_token=***&x=1'],
  [`GPU-${UUID}`, 'GPU-***'],
  [`0,GPU-${UUID},MIG-GPU-${UUID}/1/0,MIG-${UUID}`, '0,GPU-***,MIG-***,MIG-***'],
  // Kept: no credential in them.
  ['https://download.pytorch.org/whl/cu121', 'https://download.pytorch.org/whl/cu121'],
  ['--xla_gpu_autotune_level=2 --xla_dump_to=/tmp/x', '--xla_gpu_autotune_level=2 --xla_dump_to=/tmp/x'],
  ['0,1', '0,1'],
];

describe('the masking rule', () => {
  it.each(CASES)('%j', (value, masked) => {
    expect(maskSecrets(value)).toBe(masked);
    expect(maskSecrets(masked)).toBe(masked); // idempotent
    expect(hasMaskedSecret(masked)).toBe(masked !== value);
  });

  it('property: a credential of any characters in a URL never survives, whatever it holds (`@`, `:`, `%`)', () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 40 })
          .filter((s) => !/[/?#\s"'<>`\\]/.test(s) && !/[\u0085\u00a0\u2000-\u200a\u2028\u2029\u3000]/.test(s)),
        (secret) => {
          const masked = maskSecrets(`--index-url https://user:${secret}@host.example/simple`);
          expect(masked).toBe('--index-url https://***@host.example/simple');
        },
      ),
      RUNS,
    );
  });

  it('is linear: a hostile 1 MB value is masked at once', () => {
    const big = `${'https://'.repeat(50_000)}${'a@'.repeat(200_000)}${'x=1&'.repeat(50_000)}`;
    expect(maskSecrets(big).length).toBeGreaterThan(0);
  });
});

describe('the same rule in sed on the target (probes/env.sh)', () => {
  const probe = readFileSync(fileURLToPath(new URL('../../probes/env.sh', import.meta.url)), 'utf8');
  const fn = /^redact_values\(\) \{\n[\s\S]*?\n\}\n/m.exec(probe)![0];
  for (const shell of SHELLS) {
    it(`under ${shell.name}: agrees with maskSecrets on every case`, async () => {
      const script = `${fn}\n${CASES.map(([v]) => `printf '%s' '${v.replace(/'/g, `'\\''`)}' | redact_values; echo`).join('\n')}\n`;
      const r = await runProcess(shell.file, [...shell.args], { input: script, env: { PATH: toolsOnlyPath() } });
      expect(r.stdout.split('\n').slice(0, CASES.length)).toEqual(CASES.map(([, masked]) => masked));
    });
  }
});

describe('the same URL rule in sed for apt/yum/apk sources (probes/system.sh)', () => {
  const probe = readFileSync(fileURLToPath(new URL('../../probes/system.sh', import.meta.url)), 'utf8');
  const fn = /^mask_userinfo\(\) \{.*\}$/m.exec(probe)![0];
  const urlCases = CASES.filter(([v, masked]) => v.includes('://') && !v.includes('=') && !masked.includes('GPU-'));
  for (const shell of SHELLS) {
    it(`under ${shell.name}: agrees with maskSecrets on every URL case (a password holding @ included)`, async () => {
      expect(urlCases.some(([v]) => v.includes('p@ss'))).toBe(true);
      const script = `${fn}\n${urlCases.map(([v]) => `printf '%s\\n' '${v.replace(/'/g, `'\\''`)}' | mask_userinfo`).join('\n')}\n`;
      const r = await runProcess(shell.file, [...shell.args], { input: script, env: { PATH: toolsOnlyPath() } });
      expect(r.stdout.split('\n').slice(0, urlCases.length)).toEqual(urlCases.map(([, masked]) => masked));
    });
  }
});

describe('a real env probe run with credentials in its environment', () => {
  for (const shell of SHELLS) {
    it(`under ${shell.name}: no secret, no GPU UUID leaves the target`, async () => {
      const env: NodeJS.ProcessEnv = {
        PATH: toolsOnlyPath(),
        HOME: '/home/alice',
        JAVA_TOOL_OPTIONS: '-Dmy.pwd=SECRET6 -Xmx2g',
        CUDA_VISIBLE_DEVICES: `GPU-${UUID}`,
        NVIDIA_VISIBLE_DEVICES: `MIG-GPU-${UUID}/1/0`,
        PIP_INDEX_URL: 'https://user:p@ss123SECRET4@host.example/simple',
      };
      const { section, raw } = await runProbe('env', shell, { env });
      for (const leak of ['SECRET', UUID, 'ss123']) {
        expect(raw).not.toContain(leak);
        expect(raw).not.toContain(Buffer.from(leak).toString('hex'));
      }
      const facet = parseEnv(section, {});
      expect(facet.vars).toMatchObject({
        JAVA_TOOL_OPTIONS: '-Dmy.pwd=*** -Xmx2g',
        CUDA_VISIBLE_DEVICES: 'GPU-***',
        NVIDIA_VISIBLE_DEVICES: 'MIG-***',
        PIP_INDEX_URL: 'https://***@host.example/simple',
      });
    });
  }
});

describe('lock files with credentials, read from disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'envdiff-hostile-locks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keep no token anywhere in their entries', async () => {
    writeFileSync(
      join(dir, 'requirements.txt'),
      [
        '--extra-index-url https://__token__:SECRET1@pypi.example/simple',
        '-i https://user:SECRET2@host.example/simple',
        'pkg @ git+https://user:SECRET3@github.com/org/repo.git',
        '-e git+https://user:SECRET9@github.com/org/editable.git#egg=editable',
        'numpy==1.26.4',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dir, 'environment.yml'),
      [
        'name: x',
        'dependencies:',
        '  - python=3.11',
        '  - pip',
        '  - pip:',
        '    - --index-url https://user:SECRET10@host.example/simple',
        '    - torch==2.2.0',
        '',
      ].join('\n'),
    );
    const facet = await captureLockfiles({ cwd: dir });
    const text = JSON.stringify(facet);
    expect(facet.files?.map((f) => f.path)).toEqual(['environment.yml', 'requirements.txt']);
    expect(text).not.toMatch(/SECRET/);
    expect(text).toContain('numpy');
  });
});

describe("the python facet's direct_url.json URLs", () => {
  it('are masked by the parser whatever the probe sent', () => {
    const json = JSON.stringify({
      version: '3.11.7',
      implementation: 'CPython',
      executable: '/usr/bin/python3',
      packages: [{ name: 'pkg', version: '1.0', directUrl: { url: 'https://user:SECRET11@host.example/pkg-1.0.whl' } }],
    });
    const facet = parsePython(sectionOf('python', `### json\n${json}\n`), {});
    expect(JSON.stringify(facet)).not.toContain('SECRET');
    expect(facet.packages?.[0]?.directUrl?.url).toBe('https://***@host.example/pkg-1.0.whl');
  });
});
