import { EnvdiffError } from '../../core/errors.js';
import { failOnOption, formatOption, quietOption } from '../options.js';
import type { CommandSpec } from '../spec.js';
import { note, outputWidth } from '../terminal.js';

export const compare: CommandSpec = {
  name: 'compare',
  summary: 'report what will break between a baseline fingerprint and a target, graded by severity',
  description:
    'Exit 0 when no finding is at or above --fail-on, 1 when one is (drift), 2 on bad input.\n\n' +
    'With several targets (or a directory of fingerprints) it is a fleet compare: each target against the ' +
    "baseline, targets with identical findings grouped; the exit code is the worst target's (docs/FLEET.md).\n\n" +
    'With --accept FILE the findings are written to FILE as policy ignore entries (a baseline of ' +
    'accepted drift) and the exit is 0; later runs with --policy FILE report only new drift.',
  args: [
    {
      name: 'baseline',
      description:
        'the fingerprint that works (a file written by capture, or - for stdin), or an MLflow model folder: can the target load it?',
      required: true,
    },
    {
      name: 'target',
      description: 'the fingerprint to check against it (or - for stdin); several, or a directory, for a fleet',
      required: true,
      variadic: true,
    },
  ],
  options: [
    { name: 'policy', value: 'FILE', description: 'YAML or JSON policy: ignore findings, change severities, set failOn (- for stdin)' },
    failOnOption,
    formatOption,
    { name: 'accept', value: 'FILE', description: 'write the findings into FILE as ignore entries (created, or added to) and exit 0' },
    quietOption,
  ],
  examples: [
    ['envdiff compare dev.json qa.json', 'what will break on qa, as a table; exit 1 on any error finding'],
    ['envdiff compare dev.json qa.json --format markdown > drift.md', 'a report for a pull-request comment'],
    ['envdiff compare golden.json fleet/ --format html > fleet.html', 'a fleet: every fingerprint in fleet/ against golden.json, grouped'],
    ['envdiff compare model/ qa.json', 'can qa load this MLflow model? (Python minor, flavor libraries, requirements)'],
    [
      'envdiff compare dev.json qa.json --policy envdiff.yml --accept envdiff.yml',
      'accept the drift seen today; later runs fail only on new drift',
    ],
  ],
  async run({ args, opts }) {
    const [baselinePath, ...targetPaths] = args as [string, ...string[]];
    const { isFleet } = await import('../../app/fleet-compare.js');
    if (await isFleet(targetPaths)) return runFleet(baselinePath, targetPaths, opts);
    const targetPath = targetPaths[0]!;
    const fromStdin = [baselinePath, targetPath, opts['policy']].filter((p) => p === '-').length;
    if (fromStdin > 1) throw new EnvdiffError('compare: only one file can come from stdin (-)', 'give the others as files');
    const quiet = opts['quiet'] === true;
    const { runCompare } = await import('../../app/compare.js');
    const result = await runCompare({
      baselinePath,
      targetPath,
      ...reportOptions(opts),
    });
    process.stdout.write(result.output);
    if (!quiet) for (const line of result.messages) note(line);
    if (opts['format'] === 'github') {
      const { appendStepSummary } = await import('../../app/step-summary.js');
      const path = await appendStepSummary(result.report, result.failOn);
      if (path && !quiet) note(`wrote the Markdown report to the job summary ($GITHUB_STEP_SUMMARY)`);
    }
    const acceptFile = opts['accept'] as string | undefined;
    if (acceptFile !== undefined) {
      const { acceptFindings } = await import('../../app/accept.js');
      const { added, kept } = await acceptFindings(result.report.findings, acceptFile);
      if (!quiet) {
        note(
          `accepted ${added} finding${added === 1 ? '' : 's'} into ${acceptFile} (${kept} already there); fill in each reason, then compare with --policy ${acceptFile}`,
        );
      }
      return 0;
    }
    return result.exitCode;
  },
};

async function runFleet(baselinePath: string, targetPaths: string[], opts: Record<string, unknown>): Promise<0 | 1> {
  if (opts['accept'] !== undefined) {
    throw new EnvdiffError(
      'compare: --accept takes one target, not a fleet',
      'accept drift per target: envdiff compare BASELINE TARGET --accept FILE',
    );
  }
  const { runFleetCompare } = await import('../../app/fleet-compare.js');
  const result = await runFleetCompare({
    baselinePath,
    targetPaths,
    ...reportOptions(opts),
  });
  process.stdout.write(result.output);
  if (opts['quiet'] !== true) for (const line of result.messages) note(line);
  return result.exitCode;
}

/** What a two-way and a fleet compare read alike from the command line: policy, fail-on, format, width. */
function reportOptions(opts: Record<string, unknown>) {
  return {
    policyPath: opts['policy'] as string | undefined,
    failOn: opts['fail-on'] as string | undefined,
    format: opts['format'] as string | undefined,
    width: outputWidth(),
  };
}
