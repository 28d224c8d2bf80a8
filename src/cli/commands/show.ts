import type { CommandSpec } from '../spec.js';
import { outputWidth } from '../terminal.js';

export const show: CommandSpec = {
  name: 'show',
  summary: 'print a one-screen summary of a fingerprint',
  args: [{ name: 'fingerprint', description: 'a fingerprint file (or - for stdin)', required: true }],
  options: [],
  examples: [
    ['envdiff show qa.json', 'what qa.json holds: OS, CPU, GPU, Python and its key packages, R, Java, system packages'],
    ['envdiff capture --target podman:my/image:1 | envdiff show -', 'look inside an image without saving its fingerprint'],
  ],
  async run({ args }) {
    const [{ loadFingerprint }, { renderSummary }] = await Promise.all([
      import('../../app/load-fingerprint.js'),
      import('../../report/summary.js'),
    ]);
    const fp = await loadFingerprint(args[0]!);
    process.stdout.write(renderSummary(fp, { width: outputWidth() }));
    return 0;
  },
};
