import type { Transport } from './types.js';

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

export function firstLine(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l.length > 0);
  return line ? line.slice(0, 300) : 'no message';
}
