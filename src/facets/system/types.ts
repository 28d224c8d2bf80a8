// The system facet: the OS package manager's installed packages, and where apt got them from.
import type { FacetBase } from '../types.js';

/**
 * Where apt finds the installed version of a package (from `apt-cache policy`):
 * - `archive`: a configured source offers this exact version (its URI, dist and component);
 * - `superseded`: no source offers this version any more, but one offers a newer one of the same
 *   package (a security or point-release update replaced it): the source is that one;
 * - `local`: no configured source offers this version or a newer one (a `.deb` installed by hand,
 *   or a vendor repository that was removed since).
 */
export interface PackageOrigin {
  kind: 'archive' | 'superseded' | 'local';
  /** The source's URI, credentials masked (`https://***@host/…`). */
  uri?: string;
  /** The dist as the source line names it (`bookworm-security`, `cloud-sdk-bookworm`, `./` for a flat repository). */
  dist?: string;
  component?: string;
  /** The Release file's Origin field (`Debian`, `Google LLC`). */
  origin?: string;
  /** The newest version the sources offer, when newer than this one (apt's candidate: what `apt-get install` would take). */
  newer?: string;
  /** For `superseded`: when dpkg unpacked it (ISO 8601 UTC), a moment its version was in the archive. */
  installedAt?: string;
}

export interface SystemPackage {
  name: string;
  version: string;
  arch?: string;
  /** true when the user asked for it (apt-mark showmanual), not pulled in as a dependency. */
  manual?: boolean;
  /** Debian priority: required/important packages come with every base image. */
  priority?: string;
  origin?: PackageOrigin;
}

/**
 * One package source, credentials masked: an apt one-line `deb` entry or deb822 stanza; an apk
 * repository line (`types: ['apk']`, its `@tag` as the one suite); a yum/dnf .repo section
 * (`types: ['rpm-md']`, its id as the one suite, `gpgkey` as `signedBy`).
 */
export interface AptSource {
  /** The file it is in. */
  file: string;
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
  /** The keyring file (`Signed-By`, `[signed-by=…]`); an inline key block is recorded as `inline`. */
  signedBy?: string;
  architectures?: string[];
}

/** The Release file of one apt index apt last fetched: which state of the archive the lists are. */
export interface AptRelease {
  uri: string;
  dist: string;
  origin?: string;
  label?: string;
  suite?: string;
  codename?: string;
  version?: string;
  /** The Release file's Date, ISO 8601 UTC. */
  date?: string;
}

export interface SystemFacet extends FacetBase {
  manager?: 'dpkg' | 'rpm' | 'apk' | 'brew';
  packages?: SystemPackage[];
  /** The package manager's configured sources (apt; rpm repositories and apk repository lines where at hand). */
  sources?: AptSource[];
  /** apt: the Release files its package lists came from. */
  releases?: AptRelease[];
}
