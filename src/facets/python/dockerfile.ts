// Python: the interpreter the plan chose, then every package of the capture pinned `name==version`
// in a requirements file beside the Dockerfile, installed with `pip install --no-deps` over the
// whole closure so that nothing is resolved at build time and the result matches the capture.
// PyTorch local versions (+cu121, +cpu) come from their own index (src/data/accelerator-labels.ts).
import { printable } from '../../core/text.js';
import { pytorchIndexLabel, PYTORCH_PACKAGES } from '../../data/accelerator-labels.js';
import { pytorchIndexUrl } from '../../data/base-images.js';
import { platformOnlyRule } from '../../data/platform-only-python.js';
import type { Fingerprint } from '../fingerprint.js';
import {
  byName,
  DEFAULT_FILE_NAMES,
  IN_IMAGE_DIR,
  minorOf,
  runChain,
  wrapComment,
  type AptNeed,
  type BasePlan,
  type Block,
  type DockerfileOptions,
  type DockerfilePart,
  type Omission,
  type SideFile,
} from '../shared/dockerfile-part.js';
import { UNSAFE_WHY, isCondaChannel, isCondaWord, isPep440Version, isPypiName, isRequirementUrl } from '../shared/dockerfile-safe.js';
import type { PythonPackage } from './types.js';

/** Installer tooling: the venv brings its own; pinned in a step of their own, before the rest. */
export const INSTALLER_TOOLS = ['pip', 'setuptools', 'wheel'] as const;

export const VENV = '/opt/venv';
export const CONDA_PREFIX = '/opt/conda';

export interface PythonPlan {
  /** Before the system packages: nothing. After them: these blocks. */
  blocks: Block[];
  needs: AptNeed[];
  files: SideFile[];
  kept?: { python: number };
}

type Mode = 'venv' | 'system' | 'conda';

/** Packages pip must not reinstall (or cannot), and why. */
function exclusion(p: PythonPackage, fp: Fingerprint, mode: Mode): string | undefined {
  const rule = platformOnlyRule(p.name);
  if (rule) return `${rule.why}`;
  if (p.directUrl?.editable) return `editable install from ${printable(p.directUrl.url)}`;
  if (p.directUrl?.url.startsWith('file:')) return `installed from a local path ${printable(p.directUrl.url)}`;
  if (p.directUrl?.vcs) return `installed from ${printable(p.directUrl.vcs)} ${printable(p.directUrl.url)} (the commit is not captured)`;
  if (mode === 'conda' && p.installer === 'conda') return 'conda';
  if (mode === 'system' && (p.installer === undefined || p.installer === 'debian')) return 'apt';
  if (p.version === '') return 'no version recorded';
  if (!isPypiName(p.name) || !isPep440Version(p.version) || (p.directUrl && !isRequirementUrl(p.directUrl.url))) return UNSAFE_WHY;
  void fp;
  return undefined;
}

function isUrl(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
}

/** Index options shared by the requirements file and the installer-tooling step. */
function indexOptions(
  opts: DockerfileOptions,
  torchLabels: readonly string[],
): { options: string[]; copies: { from: string; to: string }[] } {
  const options: string[] = [];
  const copies: { from: string; to: string }[] = [];
  if (opts.pipIndexUrl) options.push(`--index-url ${opts.pipIndexUrl}`);
  for (const label of torchLabels) options.push(`--extra-index-url ${pytorchIndexUrl(label)}`);
  for (const url of opts.pipExtraIndexUrls ?? []) options.push(`--extra-index-url ${url}`);
  (opts.pipFindLinks ?? []).forEach((link, i) => {
    if (isUrl(link)) {
      options.push(`--find-links ${link}`);
    } else {
      const to = `${IN_IMAGE_DIR}/find-links/${i + 1}/`;
      copies.push({ from: link.replace(/\/*$/, '/'), to });
      options.push(`--find-links ${to}`);
    }
  });
  if (opts.pipNoIndex) options.push('--no-index');
  return { options, copies };
}

export function pythonPlan(fp: Fingerprint, plan: BasePlan, opts: DockerfileOptions, omissions: Omission[]): PythonPlan {
  const py = fp.facets.python;
  if (py.status !== 'ok' || plan.python === 'none') return { blocks: [], needs: [], files: [] };
  const names = { ...DEFAULT_FILE_NAMES, ...opts.fileNames };
  const minor = minorOf(py.version) ?? '3';
  const mode: Mode = plan.python === 'conda' ? 'conda' : plan.python === 'apt' && !py.virtualEnv ? 'system' : 'venv';
  const blocks: Block[] = [];
  const needs: AptNeed[] = [];
  const files: SideFile[] = [];

  // 1. The interpreter.
  let interpreter = 'python3';
  if (plan.python === 'apt') {
    interpreter = `python${minor}`;
    needs.push({ name: `python${minor}`, why: `Python ${minor}` });
    // The `python3` command itself comes from the unversioned package (when that is the source's python3).
    const sys = fp.facets.system;
    if (sys.status === 'ok' && (sys.packages ?? []).some((p) => p.name === 'python3' && p.version.startsWith(`${py.version}-`))) {
      needs.push({ name: 'python3', why: '`python3` on PATH' });
    }
    if (mode === 'venv') needs.push({ name: `python${minor}-venv`, why: 'venv' });
  } else if (plan.python === 'deadsnakes') {
    interpreter = `python${minor}`;
    blocks.push({
      comments: [
        `# Python ${minor} is not this Ubuntu release's python3: it comes from the deadsnakes PPA`,
        `# (https://launchpad.net/~deadsnakes/+archive/ubuntu/ppa), whose patch level may differ from ${printable(py.version ?? '')}.`,
      ],
      lines: runChain([
        'apt-get update',
        'apt-get install -y --no-install-recommends software-properties-common gpg-agent',
        'add-apt-repository -y ppa:deadsnakes/ppa',
        `apt-get install -y --no-install-recommends python${minor} python${minor}-venv`,
        'rm -rf /var/lib/apt/lists/*',
      ]),
    });
  }

  // 2. What pip installs.
  const torchLabels = [
    ...new Set(
      (py.packages ?? [])
        .filter((p) => PYTORCH_PACKAGES.has(p.name))
        .map((p) => pytorchIndexLabel(p.version))
        .filter((l): l is string => l !== undefined),
    ),
  ].sort();
  const { options, copies } = indexOptions(opts, torchLabels);
  const tools: PythonPackage[] = [];
  const reqs: string[] = [];
  const leftOut: string[] = [];
  const fromApt: string[] = [];
  const fromConda: string[] = [];
  for (const p of [...(py.packages ?? [])].sort(byName)) {
    const why = exclusion(p, fp, mode);
    if (why === 'apt') {
      fromApt.push(p.name);
      continue;
    }
    if (why === 'conda') {
      fromConda.push(p.name);
      continue;
    }
    if (why) {
      leftOut.push(`${p.name} ${p.version} (${why})`);
      omissions.push({ facet: 'python', subject: p.name, why });
      continue;
    }
    if (mode === 'venv' && (INSTALLER_TOOLS as readonly string[]).includes(p.name)) {
      tools.push(p);
      continue;
    }
    reqs.push(p.directUrl && !p.directUrl.vcs ? `${p.name} @ ${p.directUrl.url}` : `${p.name}==${p.version}`);
  }

  let conda = 0;
  if (mode === 'conda') {
    const spec = condaSpec(fp, omissions);
    conda = spec.count;
    files.push({ kind: 'conda', path: names.conda, content: spec.content });
    blocks.push({
      comments: [
        `# The conda environment (${spec.count} packages) at the exact versions and builds of the source`,
        '# (`conda list --export` format). Build strings are per platform: a Linux build of the same',
        '# version replaces a macOS one (conda#7311).',
      ],
      lines: [
        `COPY ${names.conda} ${IN_IMAGE_DIR}/`,
        ...runChain([
          `micromamba install --yes --name base ${spec.channels.map((c) => `--channel ${c}`).join(' ')} --file ${IN_IMAGE_DIR}/${names.conda}`.replace(
            / {2,}/g,
            ' ',
          ),
          'micromamba clean --all --yes',
        ]),
        `ENV PATH=${CONDA_PREFIX}/bin:$PATH`,
      ],
    });
  }

  if (mode === 'venv') {
    blocks.push({
      comments: [`# A virtual environment keeps the image's packages apart from the interpreter's own.`],
      lines: [`RUN ${interpreter} -m venv ${VENV}`, `ENV VIRTUAL_ENV=${VENV} \\\n    PATH=${VENV}/bin:$PATH`],
    });
  }

  if (reqs.length === 0 && tools.length === 0) {
    if (leftOut.length) blocks.push({ comments: wrapComment(`Python packages left out: ${leftOut.join('; ')}.`), lines: [] });
    return { blocks, needs, files, kept: { python: mode === 'conda' ? conda : 0 } };
  }

  const pip = mode === 'system' ? `${interpreter} -m pip` : mode === 'conda' ? `${CONDA_PREFIX}/bin/python -m pip` : 'python -m pip';
  if (mode === 'system') needs.push({ name: 'python3-pip', why: 'pip for the packages not from apt' });
  // Debian 12+ and Ubuntu 23.04+ mark the system Python externally managed (PEP 668).
  const pep668 =
    mode === 'system' &&
    plan.distro !== null &&
    (plan.distro.id === 'debian' ? Number(plan.distro.versionId) >= 12 : Number(plan.distro.versionId) >= 23.04);
  const reqHeader = [
    `# Generated by envdiff from fingerprint ${printable(fp.label)}. Every package of the capture, exact versions,`,
    '# installed with: pip install --no-deps -r <this file> (nothing is resolved at build time).',
    ...options,
  ];
  files.push({ kind: 'requirements', path: names.requirements, content: [...reqHeader, ...reqs].join('\n') + '\n' });

  const comments: string[] = [
    `# Python ${printable(py.version ?? '')}: ${reqs.length} packages pinned in ${names.requirements}, installed without dependency resolution.`,
  ];
  if (fromApt.length) comments.push(...wrapComment(`From apt, not pip (Debian's python3-* packages): ${fromApt.join(', ')}.`));
  if (fromConda.length) comments.push(...wrapComment(`From the conda spec: ${fromConda.length} packages.`));
  if (leftOut.length) comments.push(...wrapComment(`Left out: ${leftOut.join('; ')}.`));
  const lines: string[] = [];
  lines.push(`COPY ${names.requirements} ${IN_IMAGE_DIR}/`);
  for (const c of copies) lines.push(`COPY ${c.from} ${c.to}`);
  const cmds: string[] = [];
  if (tools.length) {
    // The installer first, at the source's versions, so the main install runs with the same pip.
    cmds.push(`${pip} install --no-deps ${[...options, ...tools.map((t) => `${t.name}==${t.version}`)].join(' ')}`);
  }
  if (reqs.length)
    cmds.push(`${pip} install --no-deps${pep668 ? ' --break-system-packages' : ''} --requirement ${IN_IMAGE_DIR}/${names.requirements}`);
  lines.push(...runChain(cmds));
  blocks.push({ comments, lines });
  return { blocks, needs, files, kept: { python: reqs.length + tools.length + (mode === 'conda' ? conda : 0) } };
}

function condaSpec(fp: Fingerprint, omissions: Omission[]): { content: string; channels: string[]; count: number } {
  const conda = fp.facets.python.conda;
  const sameOs = fp.facets.os.name === 'linux';
  const pkgs = (conda?.packages ?? [])
    .filter((p) => {
      if (p.channel === 'pypi') return false;
      const safe =
        isCondaWord(p.name) &&
        isCondaWord(p.version) &&
        (p.build === undefined || isCondaWord(p.build)) &&
        (p.channel === undefined || isCondaChannel(p.channel));
      if (!safe) omissions.push({ facet: 'python', subject: `conda:${printable(p.name)}`, why: UNSAFE_WHY });
      return safe;
    })
    .sort(byName);
  const freq = new Map<string, number>();
  for (const p of pkgs) if (p.channel) freq.set(p.channel, (freq.get(p.channel) ?? 0) + 1);
  const channels = [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
  const lines = [
    `# Generated by envdiff from fingerprint ${printable(fp.label)}: conda packages at exact version and build.`,
    ...(sameOs ? [] : ['# Build strings left out: they name builds for the source OS, not Linux (conda#7311).']),
    ...pkgs.map((p) => (p.build && sameOs ? `${p.name}=${p.version}=${p.build}` : `${p.name}=${p.version}`)),
  ];
  return { content: lines.join('\n') + '\n', channels, count: pkgs.length };
}

/** The Python part: interpreter, venv or conda environment, every package pinned. */
export const pythonDockerfile: DockerfilePart = {
  order: 20,
  build: ({ fp, plan, opts, omissions }) => pythonPlan(fp, plan, opts, omissions),
};
