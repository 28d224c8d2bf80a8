// GitHub Actions job summaries: Markdown appended to the file named by $GITHUB_STEP_SUMMARY is
// shown on the run's summary page (https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands#adding-a-job-summary).
// `--format github` writes its annotations to stdout and, when the variable is set, the Markdown
// report there as well.
import { appendFileSync } from 'node:fs';
import { EnvdiffError } from '../core/errors.js';
import type { FailOn, Report } from '../core/findings.js';
import { renderReport } from '../report/index.js';

/** Appends the Markdown report to $GITHUB_STEP_SUMMARY; returns the path, or undefined when unset. */
export async function appendStepSummary(report: Report, failOn: FailOn, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const path = env['GITHUB_STEP_SUMMARY'];
  if (!path) return undefined;
  const markdown = await renderReport('markdown', report, { failOn, color: false });
  try {
    appendFileSync(path, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
  } catch (err) {
    throw new EnvdiffError(
      `cannot append the job summary to GITHUB_STEP_SUMMARY=${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      'unset GITHUB_STEP_SUMMARY outside GitHub Actions, or make the file writable',
    );
  }
  return path;
}
