// Container targets: an image (`docker:IMAGE`, `podman:IMAGE`: a throwaway container from it) and
// a running container (`container:NAME`: exec into it). Both run `sh -s` and read the probe bundle
// on stdin, so the image needs nothing but a POSIX shell.
import type { Transport } from './types.js';
import type { Engine } from './engine.js';
import { firstLine, lastLine } from './stderr-lines.js';

export interface ImageOptions {
  /** Pull from the registry first (`--pull=always`); by default only local images are used. */
  pull?: boolean;
}

/**
 * `<engine> run --rm -i --network=none --pull=never --entrypoint sh IMAGE -s`.
 * --network=none: probes read local facts only, and image code gets no network while we look.
 * --pull=never by default: a capture must not silently fetch a different image than the one
 * the user has; --pull asks for the registry's current one (`always`, not `missing`, since a
 * stale local tag is exactly what the user wants to replace). --entrypoint sh: the image's own
 * entrypoint (a server, a training script) must not run.
 */
export function imageTransport(engine: Engine, image: string, opts: ImageOptions = {}): Transport {
  return {
    kind: engine,
    ref: image,
    command: {
      file: engine,
      args: ['run', '--rm', '-i', '--network=none', `--pull=${opts.pull ? 'always' : 'never'}`, '--entrypoint', 'sh', image, '-s'],
    },
    explainFailure: (code, stderr) => explainImageFailure(engine, image, code, stderr, opts.pull === true),
  };
}

/** `<engine> exec -i NAME sh -s`: the container's own user, environment and working directory. */
export function containerTransport(engine: Engine, name: string): Transport {
  return {
    kind: 'container',
    ref: name,
    command: { file: engine, args: ['exec', '-i', name, 'sh', '-s'] },
    explainFailure: (code, stderr) => explainContainerFailure(engine, name, code, stderr),
  };
}

type Explanation = { message: string; hint: string };

// Messages as podman 4.3 and docker 20–27 print them; both are matched, since `docker` may be
// podman-docker and either engine may sit behind DOCKER_HOST.
function explainEngineCommon(engine: Engine, what: string, code: number | null, stderr: string): Explanation | undefined {
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
      hint: 'envdiff needs /bin/sh on the target; capture an image that has one (scratch and distroless images do not)',
    };
  }
  return undefined;
}

export function explainImageFailure(engine: Engine, image: string, code: number | null, stderr: string, pulled: boolean): Explanation {
  const what = `${engine}:${image}`;
  const common = explainEngineCommon(engine, what, code, stderr);
  if (common) return common;
  // podman: "Error: IMAGE: image not known"; docker --pull=never: "No such image: IMAGE".
  if (!pulled && /image not known|No such image|Unable to find image|image not found/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the image is not present locally`,
      hint: `pull or build it first (${engine} pull ${image}), or pass --pull to let envdiff pull it`,
    };
  }
  if (pulled && /manifest unknown|not found|pull access denied|unauthorized|denied|requested access/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the image could not be pulled (${firstLine(stderr)})`,
      hint: `check the image name and tag, and log in to the registry (${engine} login) if it is private`,
    };
  }
  if (pulled && /dial tcp|connection refused|no such host|i\/o timeout|TLS handshake|pinging container registry/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the registry is not reachable (${lastLine(stderr)})`,
      hint: 'check the network, or capture a local image without --pull',
    };
  }
  if (/invalid reference format/i.test(stderr)) {
    return { message: `cannot capture ${what}: '${image}' is not a valid image reference`, hint: 'write it as NAME[:TAG] or NAME@sha256:DIGEST' };
  }
  return {
    message: `cannot capture ${what}: ${engine} run failed (exit ${code ?? 'signal'}): ${firstLine(stderr)}`,
    hint: `check that '${engine} run --rm -i --entrypoint sh ${image} -s' works`,
  };
}

export function explainContainerFailure(engine: Engine, name: string, code: number | null, stderr: string): Explanation {
  const what = `container:${name}`;
  const common = explainEngineCommon(engine, what, code, stderr);
  if (common) return common;
  // podman: `no container with name or ID "x" found`; docker: "No such container: x".
  if (/no container with name or ID|No such container/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: no container named '${name}' exists (${engine})`,
      hint: `list running containers with '${engine} ps'; to capture an image instead, use ${engine}:IMAGE`,
    };
  }
  // podman: "can only create exec sessions on running containers"; docker: "Container X is not running".
  if (/not running|can only create exec sessions on running containers|is paused|container state improper/i.test(stderr)) {
    return {
      message: `cannot capture ${what}: the container is not running`,
      hint: `start it first (${engine} start ${name}), or capture its image with ${engine}:IMAGE`,
    };
  }
  return {
    message: `cannot capture ${what}: ${engine} exec failed (exit ${code ?? 'signal'}): ${firstLine(stderr)}`,
    hint: `check that '${engine} exec -i ${name} sh -s' works`,
  };
}
