// Environment variables that belong in the image: locale, time zone and captured variables that
// change behaviour (thread counts, hash seeds, framework switches). Left out, each with why:
// device selection (CUDA_VISIBLE_DEVICES: the GPUs of a container are chosen at `run` time),
// values that are host paths (LD_LIBRARY_PATH=~/…, PYTHONPATH, JAVA_HOME: the image sets its own
// paths), and anything secret-looking (the capture never records those values anyway).
import { hasControlChars, printable } from '../../core/text.js';
import type { Fingerprint } from '../fingerprint.js';
import { quote, wrapComment, type AptNeed, type Block, type DockerfilePart, type Omission } from '../shared/dockerfile-part.js';
import { hasMaskedSecret } from './parse.js';

const RUNTIME_ONLY: Readonly<Record<string, string>> = {
  CUDA_VISIBLE_DEVICES: 'GPU selection is made when the container runs (--gpus / -e)',
  NVIDIA_VISIBLE_DEVICES: 'GPU selection is made when the container runs (--gpus / -e)',
  ROCR_VISIBLE_DEVICES: 'GPU selection is made when the container runs',
  HIP_VISIBLE_DEVICES: 'GPU selection is made when the container runs',
  VIRTUAL_ENV: 'the image sets its own environment',
  CONDA_PREFIX: 'the image sets its own environment',
  CONDA_DEFAULT_ENV: 'the image sets its own environment',
  PATH: 'the image sets its own paths',
  HOME: 'the image user has its own home',
  PWD: 'working directory of the capture',
  DISPLAY: 'host display',
};

const SECRET = /(TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|API_?KEY|ACCESS_KEY|PRIVATE)/i;

export interface EnvPlan {
  block: Block;
  needs: AptNeed[];
  vars: Record<string, string>;
}

/** A locale name that needs generating (anything but C, POSIX and C.UTF-8). */
function localeToGenerate(value: string): { name: string; charmap: string } | undefined {
  const m = /^([a-z]{2,3}_[A-Z]{2}(?:@[a-z]+)?)\.(UTF-8|utf8)$/.exec(value);
  return m ? { name: m[1]!, charmap: 'UTF-8' } : undefined;
}

export function envPlan(fp: Fingerprint, omissions: Omission[]): EnvPlan {
  const captured = fp.facets.env.status === 'ok' ? (fp.facets.env.vars ?? {}) : {};
  const vars: Record<string, string> = {};
  const left: string[] = [];
  for (const name of Object.keys(captured).sort()) {
    const value = captured[name]!;
    let why: string | undefined = RUNTIME_ONLY[name];
    if (!why && SECRET.test(name)) why = 'secret-looking name';
    // The capture masked a credential inside the value: `***` is not what the source had.
    if (!why && hasMaskedSecret(value)) why = 'holds a credential the capture masked; pass it at build or run time';
    if (!why && /^(\/|~)|:\/|\$HOME|^[A-Za-z]:\\/.test(value)) why = 'a path on the source machine';
    // An ENV line cannot hold a newline (it would end the instruction and start another one).
    if (!why && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) why = 'not a variable name';
    if (!why && hasControlChars(value)) why = 'control characters in the value, which an ENV line cannot hold';
    if (why) {
      left.push(`${printable(name)} (${why})`);
      omissions.push({ facet: 'env', subject: printable(name), why });
      continue;
    }
    vars[name] = value;
  }
  const comments = ['# Environment captured on the source that changes behaviour.'];
  const needs: AptNeed[] = [];
  const lines: string[] = [];
  if (!vars['LANG'] && !vars['LC_ALL']) {
    if (fp.facets.env.status === 'ok') {
      // Reproduce the C locale as captured; Python ≥ 3.7 coerces it to UTF-8 (PEP 538).
      comments.push('# The source set no LANG (C locale): none is set here either.');
    } else {
      vars['LANG'] = 'C.UTF-8';
      comments.push('# The source environment was not captured: C.UTF-8 keeps Python and R I/O in UTF-8 without generating a locale.');
    }
  }
  const toGenerate = new Map<string, { name: string; charmap: string }>();
  for (const [k, v] of Object.entries(vars)) {
    if (k === 'LANG' || k === 'LANGUAGE' || k.startsWith('LC_')) {
      const loc = localeToGenerate(v);
      if (loc) toGenerate.set(`${loc.name}.${loc.charmap}`, loc);
    }
  }
  if (toGenerate.size > 0) {
    needs.push({ name: 'locales', why: 'to generate the source locale' });
    lines.push(
      `RUN ${[...toGenerate.values()]
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((l) => `localedef -i ${l.name.replace(/@.*/, '')} -c -f ${l.charmap} ${l.name}.${l.charmap}`)
        .join(' && ')}`,
    );
  }
  if (vars['TZ'] && !/^(UTC|Etc\/UTC|GMT)$/.test(vars['TZ'])) needs.push({ name: 'tzdata', why: `zone data for TZ=${vars['TZ']}` });
  if (!vars['TZ']) comments.push('# The source set no TZ: the image keeps its base image’s zone (UTC).');
  if (left.length) comments.push(...wrapComment(`Left out: ${left.join(', ')}.`));
  const names = Object.keys(vars).sort();
  if (names.length === 0) return { block: { comments, lines }, needs, vars };
  lines.push(names.map((n, i) => `${i === 0 ? 'ENV ' : '    '}${n}=${quote(vars[n]!)}`).join(' \\\n'));
  return { block: { comments, lines }, needs, vars };
}

/** The environment part: locale, time zone and the captured variables that change behaviour. */
export const envDockerfile: DockerfilePart = {
  order: 10,
  build: ({ fp, omissions }) => {
    const plan = envPlan(fp, omissions);
    return { blocks: [plan.block], needs: plan.needs };
  },
};
