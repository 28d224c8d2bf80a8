import type { Transport } from './types.js';
import { firstLine } from './stderr-lines.js';

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
