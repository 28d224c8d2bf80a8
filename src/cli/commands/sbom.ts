import type { CommandSpec } from '../spec.js';

export const sbom: CommandSpec = {
  name: 'sbom',
  summary: 'write the software a fingerprint records as a CycloneDX or SPDX SBOM',
  description:
    'CycloneDX 1.6 JSON or SPDX 2.3 JSON on stdout: the OS, the system packages (deb, rpm, apk), Python and conda ' +
    'packages, R packages, the interpreters, the JVM pieces and the GPU driver, each package with its package URL. ' +
    'The same fingerprint gives the same bytes. Exit 0, 2 on bad input.',
  args: [{ name: 'fingerprint', description: 'a fingerprint file (or - for stdin)', required: true }],
  options: [{ name: 'format', value: 'FORMAT', description: 'the SBOM format', choices: ['cyclonedx', 'spdx'], defaultText: 'cyclonedx' }],
  examples: [
    ['envdiff sbom qa.json --format cyclonedx > qa.cdx.json', 'a CycloneDX SBOM of what qa.json records'],
    ['envdiff capture --target image:my/app:1 | envdiff sbom - --format spdx', 'an SPDX SBOM of a local image, nothing from it run'],
  ],
  async run({ args, opts }) {
    const { runSbom } = await import('../../app/sbom.js');
    process.stdout.write(await runSbom({ fingerprintPath: args[0]!, format: (opts['format'] as string | undefined) ?? 'cyclonedx' }));
    return 0;
  },
};
