// The env facet: a real probe run with real secrets and hostile values in its environment.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from '../../../src/facets/env/parse.js';
import {
  isAllowedEnvName,
  looksSecret,
  ENV_ALLOWED_NAMES,
  ENV_ALLOWED_PREFIXES,
  ENV_DENIED_PREFIXES,
  ENV_SECRET_WORDS,
} from '../../../src/facets/env/allow-list.js';
import { redactHome } from '../../../src/facets/shared/redact-home.js';
import { runProbe, SHELLS, sectionOf, toolsOnlyPath } from '../../helpers/probe-shells.js';

const SECRETS: Record<string, string> = {
  CUDA_API_TOKEN: 'cuda-token-value-1',
  AWS_SECRET_ACCESS_KEY: 'aws-secret-value-2',
  HF_TOKEN: 'hf_token_value_3',
  PYTHON_KEYRING_PASSWORD: 'pw-value-4',
  TF_AUTH_HEADER: 'auth-value-5',
  OMP_PRIVATE_cred: 'priv-value-6',
  TORCH_SESSION_ID: 'session-value-7',
};

describe('env probe in a real capture run', () => {
  for (const shell of SHELLS) {
    it(`under ${shell.name}: keeps allow-listed values intact, never a secret`, async () => {
      const home = '/home/alice';
      const env: NodeJS.ProcessEnv = {
        PATH: `${home}/.local/bin:${toolsOnlyPath()}:/usr/bin`,
        HOME: home,
        OMP_NUM_THREADS: '4',
        CUDA_VISIBLE_DEVICES: '0,1',
        LANG: 'C.UTF-8',
        LD_LIBRARY_PATH: `${home}/cuda/lib64:/usr/local/cuda/lib64`,
        VIRTUAL_ENV: `${home}/proj/.venv`,
        // Hostile: section markers, a fake NAME= line, quotes, backslashes, $( ), non-ASCII.
        PYTHONPATH: `/a\n### vars\n@@envdiff-end env@@\nLANGUAGE=evil\n${home}/b`,
        XLA_FLAGS: `--xla_dump_to='/tmp/x y' "q" \\n $(touch /tmp/envdiff-pwned) \`id\` ü€`,
        TF_CPP_MIN_LOG_LEVEL: '',
        MKL_SERVICE_URL: 'https://bob:hunter2@mkl.example.org/x',
        EDITOR: 'vim', // not allow-listed
        USER: 'alice',
        ...SECRETS,
      };
      const { section, raw } = await runProbe('env', shell, { env });
      expect(existsSync('/tmp/envdiff-pwned')).toBe(false); // values are data, never evaluated
      for (const v of Object.values(SECRETS)) expect(raw).not.toContain(v);
      for (const v of Object.values(SECRETS)) expect(raw).not.toContain(Buffer.from(v).toString('hex'));
      const facet = parseEnv(section, { home });
      expect(facet.status, facet.reason).toBe('ok');
      expect(facet.vars).toEqual({
        CUDA_VISIBLE_DEVICES: '0,1',
        LANG: 'C.UTF-8',
        LD_LIBRARY_PATH: '~/cuda/lib64:/usr/local/cuda/lib64',
        MKL_SERVICE_URL: 'https://***@mkl.example.org/x',
        OMP_NUM_THREADS: '4',
        PATH: `~/.local/bin:${toolsOnlyPath()}:/usr/bin`,
        PYTHONPATH: '/a\n### vars\n@@envdiff-end env@@\nLANGUAGE=evil\n~/b',
        TF_CPP_MIN_LOG_LEVEL: '',
        VIRTUAL_ENV: '~/proj/.venv',
        XLA_FLAGS: env['XLA_FLAGS'],
      });
      expect(Object.keys(facet.vars!)).toEqual(Object.keys(facet.vars!).sort());
    });
  }

  for (const shell of SHELLS) {
    it(`under ${shell.name}: masks secret values of allowed names before they leave the target`, async () => {
      // Real shapes: a PyPI API token as an index password, a GitHub token as URL user, a Java
      // trust store password, S3A keys for Spark, a token in a query string.
      const leaks = ['pypi-AgEIcHlwaS5vcmc', 'ghp_abc123def', 'changeit', 'wJalrXUtnFEMI', 'AKIAIOSFODNN7', 'tok123'];
      const env: NodeJS.ProcessEnv = {
        PATH: toolsOnlyPath(),
        HOME: '/nonexistent',
        PIP_INDEX_URL: `https://__token__:${leaks[0]}@pypi.example.com/simple`,
        PIP_EXTRA_INDEX_URL: `https://${leaks[1]}@git.example.com/simple https://download.pytorch.org/whl/cu121`,
        JAVA_TOOL_OPTIONS: `-Djavax.net.ssl.trustStorePassword=${leaks[2]} -Xmx2g`,
        PYSPARK_SUBMIT_ARGS: `--conf spark.hadoop.fs.s3a.secret.key=${leaks[3]} --conf spark.hadoop.fs.s3a.access.key=${leaks[4]} pyspark-shell`,
        HF_ENDPOINT: `https://hf.example.com/?access_token=${leaks[5]}&revision=main`,
        // Values with = that hold no secret stay byte for byte, trailing newline included.
        XLA_FLAGS: '--xla_disable_hlo_passes=constant-folding --xla_gpu_autotune_level=2 ',
        PYTHONWARNINGS: 'ignore::DeprecationWarning\n',
      };
      const { section, raw } = await runProbe('env', shell, { env });
      for (const v of leaks) {
        expect(raw).not.toContain(v);
        expect(raw).not.toContain(Buffer.from(v).toString('hex'));
      }
      expect(parseEnv(section, {}).vars).toEqual({
        PATH: toolsOnlyPath(),
        PIP_INDEX_URL: 'https://***@pypi.example.com/simple',
        PIP_EXTRA_INDEX_URL: 'https://***@git.example.com/simple https://download.pytorch.org/whl/cu121',
        JAVA_TOOL_OPTIONS: '-Djavax.net.ssl.trustStorePassword=*** -Xmx2g',
        PYSPARK_SUBMIT_ARGS: '--conf spark.hadoop.fs.s3a.secret.key=*** --conf spark.hadoop.fs.s3a.access.key=*** pyspark-shell',
        HF_ENDPOINT: 'https://hf.example.com/?access_token=***&revision=main',
        XLA_FLAGS: env['XLA_FLAGS'],
        PYTHONWARNINGS: env['PYTHONWARNINGS'],
      });
    });
  }

  it('the parser masks secret values itself, for targets without sed', () => {
    const hex = (v: string) => Buffer.from(v).toString('hex');
    const text = `### vars\nhex PIP_INDEX_URL ${hex('https://ghp_abc@git.example.com/simple')}\nraw JAVA_TOOL_OPTIONS -Dhttp.proxyPassword=hunter2 -Xss4m`;
    expect(parseEnv(sectionOf('env', text), {}).vars).toEqual({
      JAVA_TOOL_OPTIONS: '-Dhttp.proxyPassword=*** -Xss4m',
      PIP_INDEX_URL: 'https://***@git.example.com/simple',
    });
  });

  it('the probe and allow-list.ts agree on every name', async () => {
    // Every listed name, a name under every prefix, every secret word inside an allowed name, and
    // near misses; the probe's choice must equal isAllowedEnvName's.
    const names = new Set<string>([
      ...ENV_ALLOWED_NAMES,
      ...ENV_ALLOWED_PREFIXES.map((p) => `${p}X`),
      ...ENV_SECRET_WORDS.flatMap((w) => [`CUDA_${w}`, `PYTHON${w.toLowerCase()}`, `${w}_PATH`]),
      'PATHX',
      'XPATH',
      'LANGX',
      'CUDA',
      'OMPX',
      'LC',
      'R_HOMEX',
      'EDITOR',
      'SHELL',
      'TOKENIZERS_PARALLELISM',
      ...ENV_DENIED_PREFIXES.map((p) => `${p}X`),
      'TF_CPP_MIN_LOG_LEVEL',
      'TF_ENABLE_ONEDNN_OPTS',
    ]);
    const env: NodeJS.ProcessEnv = { HOME: '/nonexistent' };
    for (const n of names) env[n] = 'v';
    env['PATH'] = toolsOnlyPath();
    const { section } = await runProbe('env', SHELLS[0], { env });
    const emitted = new Set(
      section.text
        .split('\n')
        .filter((l) => /^(hex|raw) /.test(l))
        .map((l) => l.split(' ')[1]!),
    );
    const expected = [...names].filter((n) => isAllowedEnvName(n)).sort();
    expect([...emitted].sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(40);
    // TensorFlow's switches stay; Terraform's variables (TF_VAR_db_host…) never leave the target.
    expect(emitted.has('TF_ENABLE_ONEDNN_OPTS')).toBe(true);
    expect([...emitted].filter((n) => n.startsWith('TF_VAR_') || n.startsWith('TF_CLI_'))).toEqual([]);
  });
});

describe('parseEnv and helpers', () => {
  it('dev machine capture: decodes hex values, writes $HOME as ~', () => {
    const text = readFileSync(new URL('../../../fixtures/env/debian-12-dev-shell/probe.txt', import.meta.url), 'utf8');
    const f = parseEnv(sectionOf('env', text), { home: '/root' });
    expect(f.status).toBe('ok');
    expect(f.vars).toMatchObject({ LANG: 'C.UTF-8', OPENBLAS_CORETYPE: 'Haswell', PYTHONDONTWRITEBYTECODE: '1' });
    expect(f.vars!['PATH']).toMatch(/^~\/\.cargo\/bin:/);
    expect(f.vars!['PATH']).not.toContain('/root');
  });

  it('drops secret-looking names even when the probe sent them', () => {
    const text = `### vars\nhex CUDA_API_TOKEN ${Buffer.from('leak').toString('hex')}\nraw OMP_NUM_THREADS 8\nraw EDITOR vim`;
    expect(parseEnv(sectionOf('env', text), {}).vars).toEqual({ OMP_NUM_THREADS: '8' });
  });

  it('looksSecret is case-insensitive', () => {
    expect(looksSecret('hf_token')).toBe(true);
    expect(looksSecret('OMP_NUM_THREADS')).toBe(false);
  });

  it('redacts $HOME only where it starts a path', () => {
    expect(redactHome('/home/al:/home/alice/bin:/home/alice', '/home/alice')).toBe('/home/al:~/bin:~');
    expect(redactHome('/home/alicex/bin', '/home/alice')).toBe('/home/alicex/bin');
    expect(redactHome('/usr/bin', '/')).toBe('/usr/bin');
  });

  it.each([
    ['no vars section', ''],
    ['only garbage lines', '### vars\nnot a var line\nhex BAD zz'],
  ])('%s → error with a reason', (_n, text) => {
    const f = parseEnv(sectionOf('env', text, 1), {});
    expect(f.status).toBe('error');
    expect(f.reason).toBeTruthy();
  });

  it('reads a probe capture from a target without od (raw lines)', () => {
    const f = parseEnv(sectionOf('env', '### vars\nraw LANG C.UTF-8\nraw TZ Europe/Berlin'), {});
    expect(f).toEqual({ status: 'ok', vars: { LANG: 'C.UTF-8', TZ: 'Europe/Berlin' } });
  });
});
