// Bytes to text the way the tools that write these reports encode them, and small helpers the
// parsers share. Windows PowerShell 5 redirects (`conda env export > env.yml`) as UTF-16 LE with a
// byte-order mark; Notepad and .NET tools write a UTF-8 BOM; pasted issue text has CRLF.
import { maskSecrets } from '../core/secrets.js';
import type { OsFacet } from '../facets/os/types.js';
import type { ImportInput } from './types.js';

export function decodeBytes(bytes: Uint8Array): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  return new TextDecoder('utf-8').decode(bytes);
}

/** Lines without their ends (LF or CRLF); a final newline does not make an extra line. */
export function lines(text: string): string[] {
  const all = text.split(/\r?\n/);
  if (all.length > 1 && all[all.length - 1] === '') all.pop();
  return all;
}

export function makeInput(text: string): ImportInput {
  let parsed: { value: unknown } | undefined;
  return {
    text,
    json() {
      if (!parsed) {
        const t = text.trim();
        if (!t.startsWith('{') && !t.startsWith('[')) parsed = { value: undefined };
        else {
          try {
            parsed = { value: JSON.parse(t) as unknown };
          } catch {
            parsed = { value: undefined };
          }
        }
      }
      return parsed.value;
    },
  };
}

/**
 * Credentials a report may carry never reach a fingerprint: the one masking rule of
 * src/core/secrets.ts (URL user-info up to the last `@`, secret-looking `name=value` pairs, GPU
 * UUIDs), the same as the env facet's and the lock files'.
 */
export function maskCredentials(value: string): string {
  return maskSecrets(value);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** `uname -s` / platform.system() spellings to the fingerprint's os.name. */
export function osNameOf(system: string): string | undefined {
  const s = system.toLowerCase();
  if (s.startsWith('linux')) return 'linux';
  if (s.startsWith('darwin') || s.startsWith('mac') || s.startsWith('osx')) return 'darwin';
  if (s.startsWith('win') || s.startsWith('microsoft')) return 'windows';
  return undefined;
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A distribution's display name (`Ubuntu 22.04.4 LTS`) → os-release ids, for the distros whose name says which. */
const DISTROS: readonly { test: RegExp; id: string; version?: RegExp }[] = [
  { test: /^Ubuntu\b/, id: 'ubuntu', version: /\b(\d+\.\d+)/ },
  { test: /^Debian\b/, id: 'debian', version: /\b(\d+)\b/ },
  { test: /^Fedora\b/, id: 'fedora', version: /\b(\d+)\b/ },
  { test: /^CentOS\b/, id: 'centos', version: /\b(\d+)\b/ },
  { test: /^Rocky Linux\b/, id: 'rocky', version: /\b(\d+(?:\.\d+)?)/ },
  { test: /^AlmaLinux\b/, id: 'almalinux', version: /\b(\d+(?:\.\d+)?)/ },
  { test: /^Red Hat Enterprise Linux\b/, id: 'rhel', version: /\b(\d+(?:\.\d+)?)/ },
  { test: /^Amazon Linux\b/, id: 'amzn', version: /\b(\d+)\b/ },
  { test: /^Arch Linux\b/, id: 'arch' },
  { test: /^Alpine Linux\b/, id: 'alpine', version: /\b(\d+\.\d+(?:\.\d+)?)/ },
];

export function linuxDistroFromName(pretty: string): OsFacet['distro'] | undefined {
  const d = DISTROS.find((x) => x.test.test(pretty));
  if (!d) return undefined;
  const v = d.version?.exec(pretty)?.[1];
  return { id: d.id, ...(v ? { versionId: v } : {}), prettyName: pretty, idLike: [] };
}

/**
 * A home directory written `~`, as the capture writes it (`/home/ana/…`, `/Users/ana/…`,
 * `C:\Users\ana\…`), also inside `file://` URLs (`git+file:///home/ana/repo` → `git+file://~/repo`):
 * a report does not say its $HOME, so the usual home roots are matched. User names stay out.
 */
export function tildeHome(path: string): string {
  return path
    .replace(/^((?:[a-z]+\+)?file:\/\/)(?:\/(?:home|Users)\/[^/]+|\/[A-Za-z]:\/Users\/[^/]+)(?=\/|$)/i, '$1~')
    .replace(/^\/(?:home|Users)\/[^/]+(?=\/|$)/, '~')
    .replace(/^[A-Za-z]:\\Users\\[^\\]+(?=\\|$)/i, '~');
}

/** Credentials masked and the home directory written `~`: what a URL from a report may keep. */
export function safeUrl(url: string): string {
  return tildeHome(maskCredentials(url));
}
