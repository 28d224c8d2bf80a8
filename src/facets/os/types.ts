// The os facet: operating system, architecture, distribution, C library, container.
import type { FacetBase } from '../types.js';

export interface OsFacet extends FacetBase {
  /** `uname -s` in lower case: linux, darwin, windows (Git Bash, MSYS), or what another system says. */
  name?: string;
  arch?: string;
  distro?: { id: string; versionId?: string; prettyName?: string; idLike: string[]; codename?: string };
  libc?: { family: 'glibc' | 'musl' | 'darwin' | 'unknown'; version?: string };
  container?: { inside: boolean; engine?: 'docker' | 'podman' | 'kubernetes' | 'containerd' | 'lxc' | 'unknown' };
}
