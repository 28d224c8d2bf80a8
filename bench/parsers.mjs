#!/usr/bin/env node
// `node bench/parsers.mjs`: the start-up cost of candidate argument parsers, measured as envdiff
// pays it — a whole `node` process that loads the parser, declares two sub-commands with their
// options and parses `compare a.json b.json --format json --fail-on error` — against `node -e 0`.
// The candidates are installed at exact versions into a temporary folder from the npm registry;
// medians of BENCH_RUNS (default 31) interleaved runs. The result chose the parser (bench/parsers.md).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 31);
const CANDIDATES = {
  'node:util parseArgs': null,
  'commander@14.0.3': 'commander@14.0.3',
  'yargs@18.2.0': 'yargs@18.2.0',
  'cac@7.1.0': 'cac@7.1.0',
  'citty@0.2.2': 'citty@0.2.2',
};

const work = mkdtempSync(join(tmpdir(), 'envdiff-parsers-'));
writeFileSync(join(work, 'package.json'), '{"name":"parsers-bench","private":true,"type":"module"}');
const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--silent', ...Object.values(CANDIDATES).filter(Boolean)], {
  cwd: work,
  stdio: 'inherit',
});
if (install.status !== 0) throw new Error('npm install of the candidates failed');

const ARGV = "['compare', 'a.json', 'b.json', '--format', 'json', '--fail-on', 'error']";
const scripts = {
  'node:util parseArgs': `
import { parseArgs } from 'node:util';
const argv = ${ARGV};
const opts = argv[0] === 'compare'
  ? { format: { type: 'string' }, 'fail-on': { type: 'string' }, policy: { type: 'string' } }
  : { output: { type: 'string', short: 'o' }, label: { type: 'string' }, target: { type: 'string', multiple: true } };
const r = parseArgs({ args: argv.slice(1), options: opts, allowPositionals: true });
if (r.values.format !== 'json') process.exit(3);`,
  'commander@14.0.3': `
import { Command, Option } from 'commander';
let got;
const program = new Command('envdiff').exitOverride();
program.command('capture').option('-o, --output <file>').option('--label <name>').option('--target <t...>').action(() => {});
program.command('compare').argument('<baseline>').argument('<target>')
  .addOption(new Option('--format <f>').choices(['table', 'json']).default('table'))
  .addOption(new Option('--fail-on <level>').choices(['error', 'warning', 'info', 'never']))
  .option('--policy <file>').action((a, b, o) => { got = o; });
program.parse(${ARGV}, { from: 'user' });
if (got.format !== 'json') process.exit(3);`,
  'yargs@18.2.0': `
import yargs from 'yargs';
let got;
yargs(${ARGV}).scriptName('envdiff').strict()
  .command('capture', 'capture', (y) => y.option('output', { alias: 'o', type: 'string' }).option('label', { type: 'string' }).option('target', { type: 'array' }), () => {})
  .command('compare <baseline> <target>', 'compare', (y) => y.option('format', { choices: ['table', 'json'], default: 'table' })
    .option('fail-on', { choices: ['error', 'warning', 'info', 'never'] }).option('policy', { type: 'string' }), (a) => { got = a; })
  .parse();
if (got.format !== 'json') process.exit(3);`,
  'cac@7.1.0': `
import { cac } from 'cac';
let got;
const cli = cac('envdiff');
cli.command('capture').option('-o, --output <file>', '').option('--label <name>', '').option('--target <t>', '').action(() => {});
cli.command('compare <baseline> <target>').option('--format <f>', '', { default: 'table' }).option('--fail-on <level>', '').option('--policy <file>', '').action((a, b, o) => { got = o; });
cli.parse(['node', 'envdiff', ...${ARGV}]);
if (got.format !== 'json') process.exit(3);`,
  'citty@0.2.2': `
import { defineCommand, runMain } from 'citty';
let got;
const main = defineCommand({ meta: { name: 'envdiff' }, subCommands: {
  capture: defineCommand({ args: { output: { type: 'string', alias: 'o' }, label: { type: 'string' } }, run() {} }),
  compare: defineCommand({ args: { baseline: { type: 'positional' }, target: { type: 'positional' },
    format: { type: 'string', default: 'table' }, 'fail-on': { type: 'string' }, policy: { type: 'string' } }, run({ args }) { got = args; } }),
} });
await runMain(main, { rawArgs: ${ARGV} });
if (got.format !== 'json') process.exit(3);`,
};

function timeOnce(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('node', args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')}: exit ${r.status} ${r.stderr}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const files = Object.fromEntries(
  Object.entries(scripts).map(([name, text], i) => {
    const file = join(work, `cli-${i}.mjs`);
    writeFileSync(file, text);
    return [name, file];
  }),
);
const times = Object.fromEntries(['node -e 0', ...Object.keys(files)].map((k) => [k, []]));
for (const f of Object.values(files)) timeOnce([f]); // warm the file cache
for (let i = 0; i < RUNS; i++) {
  times['node -e 0'].push(timeOnce(['-e', '0']));
  for (const [name, f] of Object.entries(files)) times[name].push(timeOnce([f]));
}
const base = median(times['node -e 0']);
console.log(`parser start-up — medians of ${RUNS} runs, node ${process.version}; node -e 0: ${base.toFixed(1)} ms`);
for (const name of Object.keys(files)) {
  const m = median(times[name]);
  console.log(`${name.padEnd(22)} ${m.toFixed(1).padStart(6)} ms  +${(m - base).toFixed(1).padStart(5)} ms over node -e 0`);
}
