// `npm run new:facet -- NAME`: a working facet from scripts/facet-template/ (knip's plugin
// template is the model). It writes the facet's folder, its probe, two synthetic fixtures and its
// tests, adds ONE line to src/facets/registry.ts, then builds and regenerates the rules pages (docs/rules/) (a
// generated file) so that `npm test` passes. What it writes:
//   src/facets/NAME/{index,types,parse,rules}.ts + schema.json   probes/NAME.sh
//   fixtures/NAME/synthetic-{present,absent}/                      test/facets/NAME/{probe,rules}.test.ts
// The template facet reads where the NAME command is and its `--version`; edit it from there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const template = join(root, 'scripts', 'facet-template');

function fail(message) {
  process.stderr.write(`new:facet: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2).filter((a) => a !== '--');
const build = !args.includes('--no-build');
const id = args.find((a) => !a.startsWith('--'));
if (!id) fail('name the facet: npm run new:facet -- NAME (lower-case letters, digits and -)');
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id))
  fail(`'${id}' is not a facet name: use lower-case letters, digits and single hyphens, starting with a letter`);
if (id === 'shared' || existsSync(join(root, 'src', 'facets', id)) || existsSync(join(root, 'probes', `${id}.sh`))) {
  fail(`a facet or folder named '${id}' already exists`);
}

const camel = id.replace(/-(.)/g, (_m, c) => c.toUpperCase());
const pascal = camel[0].toUpperCase() + camel.slice(1);
const constant = id.toUpperCase().replace(/-/g, '_');

// The new facet goes last in the fingerprint: after the highest order of the registered facets.
const orders = readdirSync(join(root, 'src', 'facets'))
  .map((d) => join(root, 'src', 'facets', d, 'index.ts'))
  .filter((f) => existsSync(f))
  .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\s*order: (\d+),$/gm)].map((m) => Number(m[1])));
const order = Math.max(0, ...orders) + 10;

const fill = (text) =>
  text
    .replaceAll('__CONST__', constant)
    .replaceAll('__Id__', pascal)
    .replaceAll('__id__', camel)
    .replaceAll('__ID__', id)
    .replaceAll('__ORDER__', String(order));

const written = [];
function write(path, text) {
  const abs = join(root, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  written.push(path);
}
const fromTemplate = (name) => fill(readFileSync(join(template, name), 'utf8'));

for (const file of ['index.ts', 'types.ts', 'parse.ts', 'rules.ts', 'schema.json']) write(`src/facets/${id}/${file}`, fromTemplate(file));
write(`probes/${id}.sh`, fromTemplate('probe.sh'));
write(`test/facets/${id}/probe.test.ts`, fromTemplate('probe.test.ts'));
write(`test/facets/${id}/rules.test.ts`, fromTemplate('rules.test.ts'));
const source = fromTemplate('SOURCE.md');
write(`fixtures/${id}/synthetic-present/SOURCE.md`, source);
write(`fixtures/${id}/synthetic-present/path`, `/usr/local/bin/${id}\n`);
write(`fixtures/${id}/synthetic-present/version`, `${id} 1.2.3\n`);
write(
  `fixtures/${id}/synthetic-present/expected.json`,
  `${JSON.stringify({ status: 'ok', path: `/usr/local/bin/${id}`, version: `${id} 1.2.3` }, null, 2)}\n`,
);
write(`fixtures/${id}/synthetic-absent/SOURCE.md`, source);
write(`fixtures/${id}/synthetic-absent/absent`, '');
write(
  `fixtures/${id}/synthetic-absent/expected.json`,
  `${JSON.stringify({ status: 'absent', reason: `${id} not found on PATH` }, null, 2)}\n`,
);

// The one existing line: the facet's entry, after the last one.
const registry = join(root, 'src', 'facets', 'registry.ts');
const lines = readFileSync(registry, 'utf8').split('\n');
const last = lines.map((l) => l.startsWith('export ')).lastIndexOf(true);
lines.splice(last + 1, 0, `export { ${camel}Facet } from './${id}/index.js';`);
writeFileSync(registry, lines.join('\n'));

// The template is formatted for its placeholders; format what was written for the real name.
const prettier = join(root, 'node_modules', '.bin', 'prettier');
if (existsSync(prettier)) {
  execFileSync(prettier, ['--write', '--log-level', 'warn', ...written.filter((f) => /\.(ts|json)$/.test(f))], {
    cwd: root,
    stdio: 'inherit',
  });
}

process.stdout.write(`new:facet: wrote ${written.length} files for facet '${id}' and its line in ${relative(root, registry)}\n`);
for (const f of written) process.stdout.write(`  ${f}\n`);
if (build) {
  // The schema and the probe list are built from the registry; docs/rules/<id>.md lists the new rules.
  execFileSync('npm', ['run', '--silent', 'docs:rules'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  process.stdout.write('new:facet: built, and wrote docs/rules/\n');
}
process.stdout.write(
  `next: edit probes/${id}.sh and src/facets/${id}/, replace the synthetic fixtures with a real capture, then npm test\n`,
);
