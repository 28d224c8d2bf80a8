// The fingerprint and findings shapes of ../shared/DESIGN.md, as types.
// schemas/fingerprint.schema.json is the normative form; keep the two in step.

export type FacetStatus = 'ok' | 'absent' | 'error';

/** Every facet carries its status; `reason` says why when it is not ok. */
export interface FacetBase {
  status: FacetStatus;
  reason?: string;
}

export type FacetId =
  | 'os'
  | 'kernel'
  | 'cpu'
  | 'gpu'
  | 'python'
  | 'r'
  | 'jvm'
  | 'system'
  | 'env'
  | 'lockfiles';

export interface OsFacet extends FacetBase {
  name?: 'linux' | 'darwin' | 'windows' | string;
  arch?: string;
  distro?: { id: string; versionId?: string; prettyName?: string; idLike: string[]; codename?: string };
  libc?: { family: 'glibc' | 'musl' | 'darwin' | 'unknown'; version?: string };
  container?: { inside: boolean; engine?: 'docker' | 'podman' | 'kubernetes' | 'containerd' | 'lxc' | 'unknown' };
}

export interface KernelFacet extends FacetBase {
  release?: string;
  version?: string;
}

export interface CpuFacet extends FacetBase {
  model?: string;
  vendor?: string;
  logicalCores?: number;
  flags?: string[];
  x86Level?: 1 | 2 | 3 | 4;
  memoryBytes?: number;
}

export interface GpuDevice {
  index: number;
  name: string;
  memoryMiB?: number;
  computeCapability?: string;
  migMode?: string;
}

export interface GpuFacet extends FacetBase {
  driver?: { vendor: 'nvidia' | 'apple' | string; version?: string };
  cudaDriverVersion?: string;
  devices?: GpuDevice[];
  toolkit?: { nvcc?: string };
  cudnn?: string;
}

export interface PythonPackage {
  name: string; // PEP 503 normalized
  version: string;
  installer?: string;
  tags?: string[];
  /** From direct_url.json: editable installs, local paths, VCS URLs. */
  directUrl?: { url: string; editable?: boolean; vcs?: string };
}

export interface CondaPackage {
  name: string;
  version: string;
  build?: string;
  channel?: string;
}

export interface PythonFacet extends FacetBase {
  executable?: string;
  version?: string;
  implementation?: string; // CPython, PyPy, ...
  abi?: string; // cp311, cp37m, cp27mu, pp73 ...
  platform?: string; // sysconfig.get_platform(), e.g. linux-x86_64
  virtualEnv?: string | null;
  conda?: { prefix: string; packages: CondaPackage[] } | null;
  packages?: PythonPackage[];
}

export interface RPackage {
  name: string;
  version: string;
  repository?: string; // CRAN, Bioconductor, GitHub, base, local, ...
}

export interface RFacet extends FacetBase {
  executable?: string;
  version?: string;
  platform?: string;
  /** The renv project library put first on .libPaths() (an renv.lock in the capture's directory). */
  renvLibrary?: string;
  packages?: RPackage[];
}

export interface JvmFacet extends FacetBase {
  java?: { version: string; vendor?: string; home?: string } | null;
  scala?: { version: string } | null;
  spark?: { version: string; scalaBinaryVersion?: string } | null;
}

export interface SystemPackage {
  name: string;
  version: string;
  arch?: string;
  /** true when the user asked for it (apt-mark showmanual), not pulled in as a dependency. */
  manual?: boolean;
  /** Debian priority: required/important packages come with every base image. */
  priority?: string;
}

export interface SystemFacet extends FacetBase {
  manager?: 'dpkg' | 'rpm' | 'apk' | 'brew';
  packages?: SystemPackage[];
}

export interface EnvFacet extends FacetBase {
  vars?: Record<string, string>;
}

export type Ecosystem = 'pypi' | 'conda' | 'cran' | 'maven' | 'npm' | 'deb' | 'unknown';

export interface LockedPackage {
  name: string;
  version?: string; // exact pin when there is one
  specifier?: string; // range as written (>=1.2,<2) when not an exact pin
  ecosystem: Ecosystem;
  /** Conda build string (py311h64a7726_0). */
  build?: string;
  /** Conda subdir (linux-64, osx-arm64) for multi-platform locks; other platforms are not checked. */
  platform?: string;
  /** PEP 508 environment marker as written; the package may not apply to every machine. */
  marker?: string;
  /** Dependency group / configuration / scope (dev, tests, testRuntimeClasspath, provided). */
  group?: string;
  /** Where it comes from when not an index: VCS or file URL, local path. */
  source?: string;
}

export interface LockfileEntry {
  path: string;
  kind: string; // requirements, poetry.lock, pipfile.lock, uv.lock, pdm.lock, conda-env, conda-explicit, conda-lock, renv.lock, sbt, gradle.lockfile, pom.xml
  sha256: string;
  status: FacetStatus;
  reason?: string;
  packages: LockedPackage[];
  problems?: { line: number; message: string }[];
  /** Facts the lock states besides packages: requiresPython, rVersion, scalaVersion, sbtVersion, platform. */
  meta?: Record<string, string>;
}

export interface LockfilesFacet extends FacetBase {
  files?: LockfileEntry[];
}

export interface Facets {
  os: OsFacet;
  kernel: KernelFacet;
  cpu: CpuFacet;
  gpu: GpuFacet;
  python: PythonFacet;
  r: RFacet;
  jvm: JvmFacet;
  system: SystemFacet;
  env: EnvFacet;
  lockfiles: LockfilesFacet;
}

export type TargetKind = 'local' | 'docker' | 'podman' | 'container' | 'ssh' | 'k8s';

export interface Fingerprint {
  schemaVersion: 1;
  tool: { name: 'envdiff'; version: string };
  capturedAt: string;
  label: string;
  target: { kind: TargetKind; ref: string };
  facets: Facets;
}

export type Severity = 'error' | 'warning' | 'info';

/** `--fail-on`: the lowest severity that makes `compare` exit 1; `never` always exits 0. */
export type FailOn = Severity | 'never';

export interface Finding {
  ruleId: string; // <facet>/<kebab-name>
  severity: Severity;
  facet: FacetId | 'fingerprint';
  subject: string;
  baseline: string | null;
  target: string | null;
  message: string;
  hint: string;
  /** Set when a policy changed this finding's severity. */
  override?: { from: Severity; by: string };
}

export interface Report {
  baseline: { label: string };
  target: { label: string };
  summary: Record<Severity, number>;
  findings: Finding[];
  /** Findings a policy suppressed: shown, never silently dropped. */
  suppressed?: { ruleId: string; subject: string; severity?: Severity; by: string }[];
}
