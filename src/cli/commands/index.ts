// Every command, in the order `envdiff --help` lists them. A new command is a file beside this
// one and a line here; its options, help, examples and completion come from its declaration.
import type { CommandSpec } from '../spec.js';
import { capture } from './capture.js';
import { compare } from './compare.js';
import { check } from './check.js';
import { show } from './show.js';
import { dockerfile } from './dockerfile.js';
import { completion } from './completion.js';
import { importCommand } from './import.js';
import { sbom } from './sbom.js';
import { k8sManifest } from './k8s-manifest.js';

export const COMMANDS: readonly CommandSpec[] = [capture, compare, check, show, dockerfile, importCommand, sbom, k8sManifest, completion];
