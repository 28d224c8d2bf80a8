// `envdiff show FP` (and `capture` on a terminal): one screen about one fingerprint — what it is,
// then one line per facet, each shortened to the terminal's width. The JSON has the rest.
import type { FacetBase, Fingerprint } from '../facets/index.js';
import { visible } from './escape.js';
import { shortenMiddle, wrapText } from './text-layout.js';

// Paths are shortened in the middle to this many columns; the JSON has them whole.
const PATH_MAX = 48;
const path = (p: string | null | undefined): string | undefined => (p ? shortenMiddle(visible(p), PATH_MAX) : undefined);

// The packages ML code most often breaks on, shown by name when present (PEP 503 names).
const KEY_PYTHON_PACKAGES = [
  'torch',
  'tensorflow',
  'jax',
  'jaxlib',
  'numpy',
  'scipy',
  'pandas',
  'scikit-learn',
  'transformers',
  'xgboost',
  'lightgbm',
  'cupy',
  'onnxruntime',
  'pyspark',
];

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** A facet that is not ok says so, with its reason. */
function notOk(f: FacetBase | undefined): string | undefined {
  if (!f) return 'not in this fingerprint';
  if (f.status === 'ok') return undefined;
  return f.reason ? `${f.status}: ${f.reason}` : f.status;
}

function join(parts: (string | undefined | false | null)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join(', ');
}

export function renderSummary(fp: Fingerprint, opts: { width: number }): string {
  const f = fp.facets;
  const rows: [string, string][] = [];
  const os = f.os;
  rows.push([
    'os',
    notOk(os) ??
      join([
        os.distro?.prettyName ?? os.distro?.id ?? os.name,
        os.arch,
        os.libc?.version ? `${os.libc.family} ${os.libc.version}` : os.libc?.family,
        os.container?.inside
          ? `in a ${os.container.engine && os.container.engine !== 'unknown' ? `${os.container.engine} ` : ''}container`
          : undefined,
      ]),
  ]);
  rows.push(['kernel', notOk(f.kernel) ?? join([f.kernel.release])]);
  const cpu = f.cpu;
  rows.push([
    'cpu',
    notOk(cpu) ??
      join([
        cpu.model,
        cpu.logicalCores !== undefined ? count(cpu.logicalCores, 'core') : undefined,
        cpu.x86Level ? `x86-64-v${cpu.x86Level}` : undefined,
        cpu.memoryBytes ? `${gib(cpu.memoryBytes)} memory` : undefined,
      ]),
  ]);
  const gpu = f.gpu;
  rows.push([
    'gpu',
    notOk(gpu) ??
      join([
        gpu.driver ? `${gpu.driver.vendor} driver ${gpu.driver.version ?? ''}`.trim() : undefined,
        gpu.cudaDriverVersion ? `CUDA ${gpu.cudaDriverVersion}` : undefined,
        gpu.devices?.length
          ? gpu.devices.map((d) => `${d.name}${d.memoryMiB ? ` ${Math.round(d.memoryMiB / 1024)} GiB` : ''}`).join(' + ')
          : gpu.devicesError !== undefined
            ? `devices unknown (${gpu.devicesError})`
            : 'no devices',
        gpu.toolkit?.nvcc ? `nvcc ${gpu.toolkit.nvcc}` : undefined,
        gpu.cudnn ? `cuDNN ${gpu.cudnn}` : undefined,
      ]),
  ]);
  const py = f.python;
  const pyPackages = py.packages ?? [];
  rows.push([
    'python',
    notOk(py) ??
      join([
        `${py.implementation ?? 'Python'} ${py.version ?? ''}`.trim(),
        py.abi,
        py.virtualEnv ? `venv ${path(py.virtualEnv)}` : undefined,
        py.conda ? `conda ${path(py.conda.prefix) ?? `(${py.conda.packages.length} packages, prefix not known)`}` : undefined,
        count(pyPackages.length, 'package'),
        path(py.executable),
      ]),
  ]);
  const key = KEY_PYTHON_PACKAGES.flatMap((name) => pyPackages.filter((p) => p.name === name).map((p) => `${p.name} ${p.version}`));
  if (key.length > 0) rows.push(['', key.join(', ')]);
  rows.push([
    'r',
    notOk(f.r) ?? join([`R ${f.r.version ?? ''}`.trim(), count(f.r.packages?.length ?? 0, 'package'), path(f.r.executable)]),
  ]);
  const jvm = f.jvm;
  rows.push([
    'jvm',
    notOk(jvm) ??
      join([
        jvm.java ? `Java ${jvm.java.version}${jvm.java.vendor ? ` (${jvm.java.vendor})` : ''}` : 'no Java',
        jvm.scala ? `Scala ${jvm.scala.version}` : undefined,
        jvm.spark ? `Spark ${jvm.spark.version}` : undefined,
      ]),
  ]);
  rows.push(['system', notOk(f.system) ?? join([f.system.manager, count(f.system.packages?.length ?? 0, 'package')])]);
  const vars = Object.keys(f.env.vars ?? {});
  rows.push([
    'env',
    notOk(f.env) ?? (vars.length ? `${count(vars.length, 'variable')}: ${vars.join(', ')}` : 'no variables of interest set'),
  ]);
  const locks = f.lockfiles;
  rows.push([
    'lockfiles',
    notOk(locks) ??
      (locks.files ?? []).map((l) => `${l.path} (${l.status === 'ok' ? count(l.packages.length, 'package') : l.status})`).join(', '),
  ]);

  const width = Math.max(40, opts.width);
  const where = fp.target.kind === 'local' ? 'this machine' : `${fp.target.kind}:${visible(fp.target.ref)}`;
  const title = `${visible(fp.label)} — ${where}, captured ${fp.capturedAt} by envdiff ${visible(fp.tool.version)}`;
  const lines = wrapText(title, width, '  ');
  const indent = ' '.repeat(12);
  for (const [name, text] of rows) lines.push(...wrapText(`  ${name.padEnd(10)}${visible(text)}`, width, indent));
  return `${lines.join('\n')}\n`;
}
