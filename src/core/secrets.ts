// The one masking rule for secrets inside values that envdiff records (env values, lock file
// lines, package URLs, imported reports). Fingerprints are committed to git and pasted into PR
// comments, so a credential must be masked before anything is written:
//   - the user-info of a URL, up to the LAST `@` before the host (RFC 3986 §3.2: the authority
//     ends at the first `/`, `?` or `#`; a password may itself hold `@`, and
//     `https://u:p@ss@host` must not keep `ss`);
//   - the value of a `key=value` pair whose key looks secret (`-Djavax.net.ssl.keyStorePassword=…`,
//     `-Dmy.pwd=…`, `?access_token=…`, `spark.hadoop.fs.s3a.secret.key=…`);
//   - GPU and MIG UUIDs (`GPU-8e6f…`, `MIG-GPU-…/1/0`, `MIG-5c3f…`), which identify one machine
//     (https://docs.nvidia.com/deploy/nvidia-smi/index.html, CUDA_VISIBLE_DEVICES accepts them).
// probes/env.sh applies the same rules with sed on the target; test/hostile/secrets.test.ts
// checks the two agree. Every scan is linear: a hostile 1 MB line costs linear time.

/** What a masked part is replaced with. */
export const MASK = '***';

/** Keys of `key=value` pairs whose value is a secret (case-insensitive, anywhere in the key). */
const SECRET_PAIR_KEY = /passw|passphrase|pwd|secret|token|credential|auth|api[_.-]*key|access[_.-]*key|private[_.-]*key/i;

/** Does a `key=value` key (or an option name) look like it holds a secret? */
export function looksSecretKey(key: string): boolean {
  return SECRET_PAIR_KEY.test(key);
}

/** Characters that end a URL's authority (RFC 3986 §3.2) or the URL itself in running text. */
const AUTHORITY_END = new Set(['/', '?', '#', ' ', '\t', '\n', '\r', '\v', '\f', '"', "'", '<', '>', '`', '\\']);

/** `scheme://user:pass@host/…` → `scheme://***@host/…`, the user-info taken up to the last `@` of the authority. */
export function maskUrlCredentials(value: string): string {
  if (!value.includes('://')) return value;
  let out = '';
  let i = 0;
  for (;;) {
    const at = value.indexOf('://', i);
    if (at < 0) break;
    const start = at + 3;
    let end = start;
    let lastAt = -1;
    while (end < value.length && !AUTHORITY_END.has(value[end]!) && !isUnicodeSpace(value.charCodeAt(end))) {
      if (value[end] === '@') lastAt = end;
      end++;
    }
    out += value.slice(i, start);
    // Already masked (`***@host`) stays as it is, so that masking twice gives the same text.
    out += lastAt > start ? `${MASK}${value.slice(lastAt, end)}` : value.slice(start, end);
    i = end;
  }
  return out + value.slice(i);
}

function isUnicodeSpace(c: number): boolean {
  return c === 0x85 || c === 0xa0 || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a) || c === 0x3000;
}

/** Separators of `key=value` pairs in option strings, query strings and lists. */
const PAIR_SEPARATORS = /([\s&;,'"?]+)/;

/** `key=value` pairs whose key looks secret get their value masked: `-Dmy.pwd=x` → `-Dmy.pwd=***`. */
export function maskSecretPairs(value: string): string {
  if (!value.includes('=')) return value;
  return value
    .split(PAIR_SEPARATORS)
    .map((token) => {
      const eq = token.indexOf('=');
      return eq > 0 && eq < token.length - 1 && looksSecretKey(token.slice(0, eq)) ? `${token.slice(0, eq + 1)}${MASK}` : token;
    })
    .join('');
}

// NVIDIA's UUIDs: GPU-<8-4-4-4-12 hex>, MIG-GPU-<uuid>/<gi>/<ci> (R450–R465) and MIG-<uuid> (R470+).
const GPU_UUID = /\b(GPU|MIG)-(?:GPU-)?[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}(?:\/[0-9]+\/[0-9]+)?/g;

/** GPU and MIG UUIDs → `GPU-***`, `MIG-***`: they name one physical device. */
export function maskGpuUuids(value: string): string {
  if (!value.includes('GPU-') && !value.includes('MIG-')) return value;
  return value.replace(GPU_UUID, `$1-${MASK}`);
}

/** Every masking rule: URL credentials, secret `key=value` pairs, GPU UUIDs. Idempotent. */
export function maskSecrets(value: string): string {
  return maskGpuUuids(maskSecretPairs(maskUrlCredentials(value)));
}

/** Did masking change part of this value? Then it is not the value the source had. */
export function hasMaskedSecret(value: string): boolean {
  return /:\/\/\*\*\*@|=\*\*\*(?=$|[\s&;,'"?])|\b(?:GPU|MIG)-\*\*\*/.test(value);
}

/** Every string inside a JSON-like value masked (object keys stay): for lock file entries and packages. */
export function maskSecretsDeep<T>(value: T): T {
  // Iterative: a deeply nested value must not overflow the stack.
  if (typeof value === 'string') return maskSecrets(value) as T;
  if (typeof value !== 'object' || value === null) return value;
  const root: unknown = Array.isArray(value) ? [...value] : { ...value };
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown> | unknown[];
    const keys = Array.isArray(node) ? node.keys() : Object.keys(node).values();
    for (const k of keys) {
      const rec = node as Record<string | number, unknown>;
      const v = rec[k];
      if (typeof v === 'string') rec[k] = maskSecrets(v);
      else if (typeof v === 'object' && v !== null) {
        const copy: unknown = Array.isArray(v) ? [...(v as unknown[])] : { ...v };
        rec[k] = copy;
        stack.push(copy);
      }
    }
  }
  return root as T;
}
