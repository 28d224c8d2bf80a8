// Which container engine runs `container:NAME` targets when the user did not say (--engine).
// Here (and on many CI runners) `docker` is only a client with no engine behind it, so being on
// PATH is not enough: docker is chosen only when its engine looks reachable (DOCKER_HOST, a docker
// context, or the default socket); otherwise podman, which needs no daemon, is preferred.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { homedir } from 'node:os';
import { EnvdiffError } from '../core/errors.js';

export type Engine = 'docker' | 'podman';

export const ENGINES: readonly Engine[] = ['docker', 'podman'];

/** The full path of an executable named NAME on env.PATH, or undefined. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      if (!statSync(file).isFile()) continue;
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/**
 * Whether a docker client would find an engine, judged without running it (a dead socket makes
 * `docker version` wait for seconds). DOCKER_HOST over tcp/ssh and named contexts are trusted.
 */
export function dockerEngineLikelyReachable(env: NodeJS.ProcessEnv = process.env): boolean {
  const host = env.DOCKER_HOST;
  if (host) return host.startsWith('unix://') ? existsSync(host.slice('unix://'.length)) : true;
  if (env.DOCKER_CONTEXT && env.DOCKER_CONTEXT !== 'default') return true;
  try {
    const dir = env.DOCKER_CONFIG ?? join(env.HOME ?? homedir(), '.docker');
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { currentContext?: string };
    if (config.currentContext && config.currentContext !== 'default') return true;
  } catch {
    /* no client config: the default socket decides */
  }
  return existsSync('/var/run/docker.sock');
}

/** The engine to use: the one asked for (checked on PATH), else podman or docker as described above. */
export function resolveEngine(requested: Engine | undefined, env: NodeJS.ProcessEnv = process.env): Engine {
  if (requested) {
    if (!findOnPath(requested, env)) {
      const other: Engine = requested === 'docker' ? 'podman' : 'docker';
      throw new EnvdiffError(
        `the container engine '${requested}' is not installed (not on PATH)`,
        findOnPath(other, env) ? `install ${requested}, or use --engine ${other}` : `install ${requested} or ${other}`,
      );
    }
    return requested;
  }
  const docker = findOnPath('docker', env) !== undefined;
  const podman = findOnPath('podman', env) !== undefined;
  if (docker && podman) return dockerEngineLikelyReachable(env) ? 'docker' : 'podman';
  if (podman) return 'podman';
  if (docker) return 'docker';
  throw new EnvdiffError(
    'no container engine found: neither docker nor podman is on PATH',
    'install podman or docker, or capture another target (local, ssh:HOST, k8s:POD)',
  );
}
