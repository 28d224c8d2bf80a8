import { quietOption } from '../options.js';
import type { CommandSpec } from '../spec.js';
import { note } from '../terminal.js';

export const importCommand: CommandSpec = {
  name: 'import',
  summary: 'make a fingerprint from reports other tools wrote (collect_env, sessionInfo, pip/conda lists, nvidia-smi, SBOMs)',
  description:
    "Reads PyTorch's collect_env output, R's sessionInfo(), pip freeze, pip list --format=json, pip inspect, " +
    'conda list --explicit, conda env export, nvidia-smi -q -x, and CycloneDX 1.4–1.6 or SPDX 2.3 JSON SBOMs. ' +
    "Each file's kind is told from its content, never its name. Several files of one environment make one fingerprint " +
    '(a collect_env report and a pip freeze); reports that disagree on a fact are refused. The fingerprint records each ' +
    "file's kind and sha256 under `sources`; facets no report speaks about are recorded as could-not-tell (status error).\n\n" +
    'Exit 0 written, 2 a file that is no kind envdiff reads, unreadable, or in conflict with another.',
  args: [{ name: 'files', description: 'the reports (or - for stdin)', required: true, variadic: true }],
  options: [
    { name: 'output', short: 'o', value: 'FILE', description: 'write the fingerprint to FILE (atomically) instead of stdout' },
    {
      name: 'label',
      value: 'NAME',
      description: 'name of this environment in reports',
      defaultText: 'the first file name',
      complete: 'none',
    },
    quietOption,
  ],
  examples: [
    ['envdiff import collect_env.txt -o bug.json', "the environment of a bug report, from PyTorch's collect_env output"],
    ['envdiff import collect_env.txt freeze.txt -o bug.json', 'the same, with the full package list from pip freeze'],
    ['envdiff import collect_env.txt | envdiff compare - qa.json', 'compare a pasted report with a capture'],
  ],
  async run({ args, opts }) {
    const { runImport } = await import('../../app/import.js');
    const result = await runImport({
      files: args,
      output: opts['output'] as string | undefined,
      label: opts['label'] as string | undefined,
    });
    if (result.output) process.stdout.write(result.output);
    const quiet = opts['quiet'] === true;
    if (!quiet) for (const line of result.notes) note(`warning: ${line}`);
    if (result.written && !quiet) note(`wrote ${result.written}`);
    return 0;
  },
};
