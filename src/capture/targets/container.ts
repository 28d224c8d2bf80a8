// Running containers (`container:NAME`): `exec -i NAME sh -s` with the container's own user,
// environment and working directory; the probe bundle arrives on stdin.
import { explainEngineCommon, resolveEngine, type Engine, type Explanation } from './engine.js';
import { firstLine } from './stderr-lines.js';
import { checkPart, requireRest } from './syntax.js';
import type { TargetDef, Transport } from './types.js';

/** `<engine> exec -i NAME sh -s`: the container's own user, environment and working directory. */
export function containerTransport(engine: Engine, name: string): Transport {
  return {
    kind: 'container',
    ref: name,
    command: { file: engine, args: ['exec', '-i', name, 'sh', '-s'] },
    explainFailure: (code, stderr) => explainContainerFailure(engine, name, code, stderr),
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

// Docker/podman container names ([a-zA-Z0-9][a-zA-Z0-9_.-]*) and IDs (hex) alike.
const CONTAINER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export const containerTarget: TargetDef = {
  order: 30,
  prefixes: ['container'],
  kinds: ['container'],
  syntax: ['container:NAME'],
  parse(t) {
    const name = requireRest(t, 'NAME');
    checkPart(t, 'container name', name, CONTAINER_NAME, 'letters, digits and _ . -, starting with a letter or digit');
    return containerTransport(resolveEngine(t.opts.engine, t.env), name);
  },
};
