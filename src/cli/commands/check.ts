import { failOnOption, formatOption, quietOption } from '../options.js';
import type { CommandSpec } from '../spec.js';
import { note, outputWidth } from '../terminal.js';

export const check: CommandSpec = {
  name: 'check',
  summary: 'check one fingerprint: will this environment work as installed?',
  description:
    "Inside one fingerprint: its lock files against the installed packages, and what the installed software needs against what the machine provides — each package's requirements (as pip check), wheel tags, NumPy 1/2 ABI, CPU instruction sets, the GPU stack (driver, compute capability, nvcc, cuDNN), R packages' R version, Spark's Scala and Java. Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 on bad input.",
  args: [
    { name: 'fingerprint', description: 'a fingerprint (with its lock files, when captured with --lock), or - for stdin', required: true },
  ],
  options: [failOnOption, formatOption, quietOption],
  examples: [
    ['envdiff check dev.json', 'does every installed package have what it needs here, and do the lock files lock what is installed?'],
    ['envdiff capture | envdiff check -', 'check this machine as it is now'],
    ['envdiff capture --lock uv.lock | envdiff check - --fail-on warning', 'capture and check in one pipe; fail on warnings too'],
  ],
  async run({ args, opts }) {
    const { runCheck } = await import('../../app/check.js');
    const result = await runCheck({
      fingerprintPath: args[0]!,
      failOn: opts['fail-on'] as string | undefined,
      format: opts['format'] as string | undefined,
      width: outputWidth(),
    });
    process.stdout.write(result.output);
    if (opts['format'] === 'github') {
      const { appendStepSummary } = await import('../../app/step-summary.js');
      const path = await appendStepSummary(result.report, result.failOn);
      if (path && opts['quiet'] !== true) note('wrote the Markdown report to the job summary ($GITHUB_STEP_SUMMARY)');
    }
    return result.exitCode;
  },
};
