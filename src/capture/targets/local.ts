// The machine envdiff runs on: `sh -s` reads the probe bundle on stdin.
import { firstLine } from './stderr-lines.js';
import type { TargetDef, Transport } from './types.js';

export function localTransport(): Transport {
  return {
    kind: 'local',
    ref: 'localhost',
    command: { file: 'sh', args: ['-s'] },
    explainFailure: (code, stderr) => ({
      message: `the local probe shell failed (exit ${code ?? 'signal'}): ${firstLine(stderr)}`,
      hint: 'check that /bin/sh works on this machine',
    }),
  };
}

export const localTarget: TargetDef = {
  order: 10,
  prefixes: ['local'],
  kinds: ['local'],
  syntax: ['local'],
  parse: () => localTransport(),
};
