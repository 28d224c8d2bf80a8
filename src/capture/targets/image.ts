// Image targets (`docker:IMAGE`, `podman:IMAGE`): a throwaway container from the image runs `sh -s`
// and reads the probe bundle on stdin, so the image needs nothing but a POSIX shell.
import { EnvdiffError } from '../../core/errors.js';
import { explainEngineCommon, type Engine, type Explanation } from './engine.js';
import { firstLine, lastLine } from './stderr-lines.js';
import { checkPart, requireRest, requireTool } from './syntax.js';
import type { TargetDef, Transport } from './types.js';

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
    return {
      message: `cannot capture ${what}: '${image}' is not a valid image reference`,
      hint: 'write it as NAME[:TAG] or NAME@sha256:DIGEST',
    };
  }
  return {
    message: `cannot capture ${what}: ${engine} run failed (exit ${code ?? 'signal'}): ${firstLine(stderr)}`,
    hint: `check that '${engine} run --rm -i --entrypoint sh ${image} -s' works`,
  };
}

// OCI distribution reference characters: name components [a-z0-9._-] joined by '/', an optional
// registry host[:port], ':TAG' ([A-Za-z0-9_.-]) and '@sha256:HEX'. Upper case is let through
// here so that the engine, not envdiff, says what exactly is wrong with such a name.
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/;

export const imageTarget: TargetDef = {
  order: 20,
  prefixes: ['docker', 'podman'],
  kinds: ['docker', 'podman'],
  syntax: ['docker:IMAGE', 'podman:IMAGE'],
  parse(t) {
    const engine = t.prefix as Engine;
    const image = requireRest(t, 'IMAGE');
    checkPart(t, 'image name', image, IMAGE_REF, 'letters, digits and . _ - / : @, starting with a letter or digit');
    if (t.opts.engine && t.opts.engine !== engine) {
      throw new EnvdiffError(
        `--engine ${t.opts.engine} contradicts the target '${t.spec}'`,
        `write ${t.opts.engine}:${image} to capture the image with ${t.opts.engine}; --engine only chooses the engine for container:NAME`,
      );
    }
    requireTool(
      engine,
      t.spec,
      t.env,
      engine === 'docker'
        ? 'install Docker, or capture the image with podman:IMAGE'
        : 'install podman (apt-get install podman), or use docker:IMAGE',
    );
    return imageTransport(engine, image, { pull: t.opts.pull });
  },
};
