// `--target` syntax (DESIGN.md "Command line") → a Transport. Every part the user writes ends up
// as one argv element, never in a shell; still, each part is checked against what its kind allows,
// so a name like `-v`, `x;rm -rf ~` or `$(id)` is refused here with a clear line rather than
// reaching an engine, ssh or kubectl that might read it as an option.
import { EnvdiffError } from '../core/errors.js';
import { localTransport } from './local.js';
import type { Transport } from './types.js';
import { findOnPath, resolveEngine, type Engine } from './engine.js';
import { containerTransport, imageTransport } from './container.js';
import { sshTransport, type SshOptions, type SshTarget } from './ssh.js';
import { k8sTransport, type K8sTarget } from './k8s.js';

export interface ParseTargetOptions {
  /** `--engine`: which engine runs `container:NAME` (default: detected, see engine.ts). */
  engine?: Engine;
  /** `--pull`: let `docker:`/`podman:` pull the image (default: local images only). */
  pull?: boolean;
  /** `--context`: the kubeconfig context for `k8s:` targets. */
  context?: string;
  sshOptions?: SshOptions;
  /** Where to look for docker/podman/ssh/kubectl (PATH) and docker settings; default process.env. */
  env?: NodeJS.ProcessEnv;
}

const SYNTAX_HINT = 'use local, docker:IMAGE, podman:IMAGE, container:NAME, ssh:[USER@]HOST[:PORT] or k8s:[NAMESPACE/]POD[:CONTAINER]';

// OCI distribution reference characters: name components [a-z0-9._-] joined by '/', an optional
// registry host[:port], ':TAG' ([A-Za-z0-9_.-]) and '@sha256:HEX'. Upper case is let through
// here so that the engine, not envdiff, says what exactly is wrong with such a name.
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;
// Docker/podman container names ([a-zA-Z0-9][a-zA-Z0-9_.-]*) and IDs (hex) alike.
const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
// Host names and ssh_config Host aliases; IPv6 literals are taken in brackets, [::1].
const HOST_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const IPV6 = /^[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?$/;
// POSIX portable user names (plus what AD/LDAP setups add: a dot, a trailing $ is excluded).
const USER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
// Kubernetes: namespaces and container names are DNS-1123 labels, pod names DNS-1123 subdomains.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export function parseTarget(spec: string, opts: ParseTargetOptions = {}): Transport {
  const env = opts.env ?? process.env;
  if (spec === 'local') return localTransport();
  const colon = spec.indexOf(':');
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const rest = colon < 0 ? '' : spec.slice(colon + 1);
  switch (kind) {
    case 'docker':
    case 'podman': {
      const image = requireRest(spec, kind, rest, 'IMAGE');
      checkPart(spec, 'image name', image, IMAGE_REF, 'letters, digits and . _ - / : @, starting with a letter or digit');
      if (opts.engine && opts.engine !== kind) {
        throw new EnvdiffError(
          `--engine ${opts.engine} contradicts the target '${spec}'`,
          `write ${opts.engine}:${image} to capture the image with ${opts.engine}; --engine only chooses the engine for container:NAME`,
        );
      }
      requireTool(kind, spec, env, kind === 'docker' ? 'install Docker, or capture the image with podman:IMAGE' : 'install podman (apt-get install podman), or use docker:IMAGE');
      return imageTransport(kind, image, { pull: opts.pull });
    }
    case 'container': {
      const name = requireRest(spec, kind, rest, 'NAME');
      checkPart(spec, 'container name', name, CONTAINER_NAME, 'letters, digits and _ . -, starting with a letter or digit');
      return containerTransport(resolveEngine(opts.engine, env), name);
    }
    case 'ssh': {
      const target = parseSshTarget(spec, requireRest(spec, kind, rest, '[USER@]HOST[:PORT]'));
      requireTool('ssh', spec, env, 'install an OpenSSH client (apt-get install openssh-client)');
      return sshTransport(target, opts.sshOptions);
    }
    case 'k8s': {
      const target = parseK8sTarget(spec, requireRest(spec, kind, rest, '[NAMESPACE/]POD[:CONTAINER]'));
      if (opts.context !== undefined) checkFree(spec, 'kubeconfig context', opts.context);
      requireTool('kubectl', spec, env, 'install kubectl and configure access to the cluster (a kubeconfig context)');
      return k8sTransport(target, { context: opts.context });
    }
    default:
      throw new EnvdiffError(`unknown target '${printable(spec)}'`, SYNTAX_HINT);
  }
}

export function parseSshTarget(spec: string, rest: string): SshTarget {
  let user: string | undefined;
  let hostPort = rest;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    user = rest.slice(0, at);
    hostPort = rest.slice(at + 1);
    checkPart(spec, 'ssh user name', user, USER_NAME, 'letters, digits and _ . -, not starting with -');
  }
  let host: string;
  let portText: string | undefined;
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    if (close < 0) throw bad(spec, 'an IPv6 address needs its closing bracket', 'write ssh:[::1]:2222');
    host = hostPort.slice(1, close);
    const after = hostPort.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) throw bad(spec, `unexpected '${printable(after)}' after the IPv6 address`, 'write ssh:[ADDRESS]:PORT');
    portText = after === '' ? undefined : after.slice(1);
    checkPart(spec, 'IPv6 literal', host, IPV6, 'hex digits and colons');
  } else {
    const parts = hostPort.split(':');
    if (parts.length > 2) throw bad(spec, 'too many colons in the host', 'write IPv6 addresses in brackets: ssh:[::1]:22');
    host = parts[0] ?? '';
    portText = parts[1];
    if (host === '') throw bad(spec, 'the host name is missing', 'write ssh:[USER@]HOST[:PORT]');
    checkPart(spec, 'host name', host, HOST_NAME, 'letters, digits and _ . -, not starting with -');
  }
  let port: number | undefined;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535)) throw bad(spec, `'${printable(portText)}' is not a port number`, 'a port is a number from 1 to 65535');
  }
  return { host, user, port };
}

export function parseK8sTarget(spec: string, rest: string): K8sTarget {
  let namespace: string | undefined;
  let podPart = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    namespace = rest.slice(0, slash);
    podPart = rest.slice(slash + 1);
    checkPart(spec, 'namespace', namespace, DNS_LABEL, 'lower-case letters, digits and -, starting and ending with a letter or digit');
  }
  const colon = podPart.indexOf(':');
  const pod = colon < 0 ? podPart : podPart.slice(0, colon);
  const container = colon < 0 ? undefined : podPart.slice(colon + 1);
  if (pod === '') throw bad(spec, 'the pod name is missing', 'write k8s:[NAMESPACE/]POD[:CONTAINER]');
  checkPart(spec, 'pod name', pod, DNS_SUBDOMAIN, 'lower-case letters, digits, - and ., starting and ending with a letter or digit');
  if (container !== undefined) {
    checkPart(spec, 'container name', container, DNS_LABEL, 'lower-case letters, digits and -, starting and ending with a letter or digit');
  }
  return { pod, namespace, container };
}

function requireRest(spec: string, kind: string, rest: string, what: string): string {
  if (rest === '') throw new EnvdiffError(`the target '${printable(spec)}' names no ${what}`, `write ${kind}:${what}`);
  return rest;
}

function checkPart(spec: string, what: string, value: string, pattern: RegExp, allowed: string): void {
  if (value === '') throw bad(spec, `the ${what} is empty`, SYNTAX_HINT);
  if (value.startsWith('-')) {
    throw bad(spec, `the ${what} '${printable(value)}' starts with '-' and would be read as an option`, `${what}s are made of ${allowed}`);
  }
  if (!pattern.test(value)) throw bad(spec, `'${printable(value)}' is not a valid ${what}`, `${what}s are made of ${allowed}`);
}

/** Free-form names (kubeconfig contexts hold ':', '/', '@'): only options and control characters are refused. */
function checkFree(spec: string, what: string, value: string): void {
  if (value === '' || value.startsWith('-') || /[\u0000-\u001f\u007f]/.test(value)) {
    throw bad(spec, `'${printable(value)}' is not a usable ${what}`, `name the ${what} as 'kubectl config get-contexts' lists it`);
  }
}

function requireTool(tool: string, spec: string, env: NodeJS.ProcessEnv, hint: string): void {
  if (!findOnPath(tool, env)) throw new EnvdiffError(`cannot capture ${printable(spec)}: '${tool}' is not installed (not on PATH)`, hint);
}

function bad(spec: string, why: string, hint: string): EnvdiffError {
  return new EnvdiffError(`invalid target '${printable(spec)}': ${why}`, hint);
}

/** Keeps the one-line promise of error messages even for targets with newlines or escapes. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).slice(0, 200);
}
