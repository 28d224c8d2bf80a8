// Which container engine runs `container:NAME` targets when the user did not say (--engine).
// Here (and on many CI runners) `docker` is only a client with no engine behind it, so being on
// PATH is not enough: docker is chosen only when its engine looks reachable (DOCKER_HOST, a docker
// context, or the default socket); otherwise podman, which needs no daemon, is preferred.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { homedir } from 'node:os';
import { EnvdiffError } from '../../core/errors.js';
import { firstLine } from './stderr-lines.js';

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

export type Explanation = { message: string; hint: string };

// Messages as podman 4.3 and docker 20–27 print them; both are matched, since `docker` may be
// podman-docker and either engine may sit behind DOCKER_HOST.
export function explainEngineCommon(engine: Engine, what: string, code: number | null, stderr: string): Explanation | undefined {
  if (/Cannot connect to the Docker daemon|docker daemon is not running|dockerd.*not running/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the Docker engine is not reachable (${firstLine(stderr)})`,
      hint: 'start the Docker daemon (or set DOCKER_HOST), or use podman: podman:IMAGE / --engine podman',
    };
  }
  if (/permission denied.*docker\.sock|docker\.sock.*permission denied/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: no permission to use the Docker engine socket`,
      hint: 'add your user to the docker group (then log in again), or use podman',
    };
  }
  if (/cannot connect to Podman|unable to connect to Podman/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the podman service is not reachable (${firstLine(stderr)})`,
      hint: 'check CONTAINER_HOST / the podman system connection, or run podman locally',
    };
  }
  // `sh` missing in the image: "exec: \"sh\": executable file not found in $PATH" (runc, crun,
  // containerd all say it this way); engines exit 127 for it.
  if (/"sh": executable file not found|exec: "?sh"?: .*no such file|sh: (not found|No such file)/i.test(stderr) || code === 127) {
    return {
      message: `cannot capture ${what}: it has no POSIX shell ('sh' not found in the container's PATH)`,
      hint: 'running the probes needs /bin/sh in it (scratch and distroless images have none); read the image without running it: --target image:IMAGE',
    };
  }
  return undefined;
}
