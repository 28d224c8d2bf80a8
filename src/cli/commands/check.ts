import { failOnOption, formatOption, quietOption } from '../options.js';
import type { CommandSpec } from '../spec.js';
import { note, outputWidth } from '../terminal.js';

export const check: CommandSpec = {
  name: 'check',
  summary: "check one fingerprint's lock files against the packages installed beside them",
  description: 'Exit 0 when no finding is at or above --fail-on, 1 when one is, 2 on bad input.',
  args: [{ name: 'fingerprint', description: 'a fingerprint captured with its lock files (or - for stdin)', required: true }],
  options: [failOnOption, formatOption, quietOption],
  examples: [
    ['envdiff check dev.json', 'is what requirements.txt / poetry.lock / renv.lock lock what is installed?'],
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
