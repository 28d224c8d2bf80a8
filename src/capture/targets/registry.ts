// THE list of targets: one line each. Adding a target is a file here exporting a TargetDef and
// one line below; the --target parser, its hints and the fingerprint schema's target.kind enum
// derive from these exports (./index.ts).
export { localTarget } from './local.js';
export { imageTarget } from './image.js';
export { containerTarget } from './container.js';
export { sshTarget } from './ssh.js';
export { k8sTarget } from './k8s.js';
export { slurmTarget } from './slurm.js';
export { staticTarget } from './static.js';
export { k8sJobTarget } from './k8s-job.js';
