// Package URLs, as CycloneDX `components[].purl` and SPDX `externalRefs[referenceType=purl]` carry
// them. Parsed by the algorithm of the purl specification ("How to parse a purl string"):
// https://github.com/package-url/purl-spec/blob/master/PURL-SPECIFICATION.rst
//   pkg:pypi/torch@2.3.1
//   pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12.5
//   pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&epoch=1&distro=centos-7.6.1810
//   pkg:conda/numpy@1.26.4?build=py311h64a7726_0&channel=conda-forge&subdir=linux-64
export interface Purl {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers: Record<string, string>;
  subpath?: string;
}

function decode(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** undefined when the string is not a purl the spec can read. */
export function parsePurl(input: string): Purl | undefined {
  let rest = input.trim();
  const hash = rest.lastIndexOf('#');
  let subpath: string | undefined;
  if (hash >= 0) {
    subpath = rest.slice(hash + 1).replace(/^\/+|\/+$/g, '') || undefined;
    rest = rest.slice(0, hash);
  }
  const qualifiers: Record<string, string> = {};
  const q = rest.lastIndexOf('?');
  if (q >= 0) {
    for (const pair of rest.slice(q + 1).split('&')) {
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const value = decode(pair.slice(eq + 1));
      if (value) qualifiers[pair.slice(0, eq).toLowerCase()] = value;
    }
    rest = rest.slice(0, q);
  }
  const colon = rest.indexOf(':');
  if (colon < 0 || rest.slice(0, colon).toLowerCase() !== 'pkg') return undefined;
  rest = rest.slice(colon + 1).replace(/^\/+|\/+$/g, '');
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const type = rest.slice(0, slash).toLowerCase();
  rest = rest.slice(slash + 1);
  let version: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    version = decode(rest.slice(at + 1));
    if (version === undefined) return undefined;
    rest = rest.slice(0, at);
  }
  const segments = rest.split('/').filter(Boolean);
  const rawName = segments.pop();
  if (!rawName) return undefined;
  const name = decode(rawName);
  const namespaceParts = segments.map(decode);
  if (name === undefined || namespaceParts.some((s) => s === undefined)) return undefined;
  return {
    type,
    ...(namespaceParts.length ? { namespace: namespaceParts.join('/') } : {}),
    name,
    ...(version ? { version } : {}),
    qualifiers,
    ...(subpath ? { subpath } : {}),
  };
}
