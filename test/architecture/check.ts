// The architecture rules, read with the TypeScript compiler API so that no import form escapes:
// static, `import type`, side-effect, `export … from`, dynamic `import()` (either quote), `require`,
// `import x = require()` and `import('…')` in type positions. Layers import downward only:
//
//   cli → app → (capture | compare | report | dockerfile) → rules → facets → (versioning | data) → core → generated
//
// Layers of one rank do not import each other. Inside facets/, a facet folder imports only
// itself, facets/shared/ and the facets' own type modules (types.ts, fingerprint.ts) — never
// another facet, nor the registry; facets/shared/ imports no facet. Pure layers (facets, rules,
// versioning, data, and core but for the modules that do I/O by design) use no `process`, no file
// system and start no process.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export const RANK: Readonly<Record<string, number>> = {
  cli: 8,
  app: 7,
  capture: 6,
  compare: 6,
  report: 6,
  dockerfile: 6,
  rules: 5,
  import: 5,
  facets: 4,
  versioning: 3,
  data: 3,
  core: 2,
  generated: 1,
};

const PURE_LAYERS = new Set(['facets', 'rules', 'import', 'versioning', 'data', 'core']);
/** core modules whose job is I/O: they may use the file system, processes and `process`. */
export const IMPURE_CORE = new Set(['core/run-process.ts', 'core/write-file-atomic.ts', 'core/version.ts', 'core/read-stdin.ts']);
/** facets/ modules every facet may import (types only matter there, but values are fine too). */
const FACET_TYPE_MODULES = new Set(['facets/types.ts', 'facets/fingerprint.ts']);
const FORBIDDEN_MODULES = /^(node:)?(fs|fs\/promises|child_process)$/;

export interface Violation {
  file: string;
  line: number;
  kind: 'upward' | 'sideways' | 'cross-facet' | 'impure' | 'unchecked' | 'unknown-layer';
  detail: string;
}

export interface ImportRef {
  specifier: string | undefined;
  line: number;
  form: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|js|mjs)$/.test(p) && !p.endsWith('.d.ts') ? [p] : [];
  });
}

/** Every module reference in a file, in every form the language has. */
export function importsOf(text: string, fileName = 'x.ts'): { imports: ImportRef[]; processUses: number[] } {
  const sf = ts.createSourceFile(
    fileName,
    text,
    ts.ScriptTarget.Latest,
    true,
    fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS,
  );
  const imports: ImportRef[] = [];
  const processUses: number[] = [];
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const literal = (n: ts.Node | undefined) => (n && (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) ? n.text : undefined);
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      imports.push({
        specifier: literal(node.moduleSpecifier),
        line: lineOf(node),
        form: node.importClause ? (node.importClause.isTypeOnly ? 'import type' : 'import') : 'side-effect import',
      });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      imports.push({ specifier: literal(node.moduleSpecifier), line: lineOf(node), form: 'export from' });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      imports.push({ specifier: literal(node.moduleReference.expression), line: lineOf(node), form: 'import = require' });
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) {
        imports.push({ specifier: literal(node.arguments[0]), line: lineOf(node), form: 'dynamic import' });
      } else if (ts.isIdentifier(callee) && callee.text === 'require' && node.arguments.length > 0) {
        imports.push({ specifier: literal(node.arguments[0]), line: lineOf(node), form: 'require' });
      }
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      imports.push({ specifier: ts.isLiteralTypeNode(arg) ? literal(arg.literal) : undefined, line: lineOf(node), form: 'import() type' });
    } else if (ts.isIdentifier(node) && node.text === 'process' && isFreeReference(node)) {
      processUses.push(lineOf(node));
    } else if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'process' &&
      ts.isIdentifier(node.expression) &&
      ['globalThis', 'global'].includes(node.expression.text)
    ) {
      processUses.push(lineOf(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports, processUses };
}

/** `process` read as the global, not a property name, a declaration or a type. */
function isFreeReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (
    (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p)) &&
    p.name === id
  )
    return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isFunctionDeclaration(p) || ts.isBindingElement(p)) && p.name === id)
    return false;
  if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p)) return false;
  if (ts.isQualifiedName(p) || ts.isTypeReferenceNode(p)) return false;
  return true;
}

/** `facets/os/rules.ts` → where it sits: its layer, and inside facets/ its folder. */
function place(rel: string): { layer: string; facet?: string; module: string } {
  const parts = rel.split('/');
  const layer = parts[0]!;
  if (layer === 'facets' && parts.length > 2) return { layer, facet: parts[1]!, module: rel };
  return { layer, module: rel };
}

/** Checks every source file under `src`; the same rules for the real tree and for planted ones. */
export function checkArchitecture(src: string): Violation[] {
  const violations: Violation[] = [];
  for (const file of sourceFiles(src)) {
    const rel = relative(src, file).split(sep).join('/');
    const from = place(rel);
    const add = (line: number, kind: Violation['kind'], detail: string) => violations.push({ file: rel, line, kind, detail });
    if (!(from.layer in RANK) || !rel.includes('/')) {
      add(1, 'unknown-layer', `${rel} is not in a known layer (${Object.keys(RANK).join(', ')})`);
      continue;
    }
    if (from.layer === 'generated') continue; // written by scripts/build-schemas.mjs
    const pure = PURE_LAYERS.has(from.layer) && !IMPURE_CORE.has(rel);
    const { imports, processUses } = importsOf(readFileSync(file, 'utf8'), file);
    if (pure) for (const line of processUses) add(line, 'impure', `${rel} reads the global process`);
    for (const imp of imports) {
      if (imp.specifier === undefined) {
        add(imp.line, 'unchecked', `${imp.form} with a computed specifier cannot be checked`);
        continue;
      }
      if (!imp.specifier.startsWith('.')) {
        if (pure && FORBIDDEN_MODULES.test(imp.specifier)) add(imp.line, 'impure', `${imp.form} of ${imp.specifier} in a pure layer`);
        continue;
      }
      const targetAbs = resolve(dirname(file), imp.specifier);
      const target = relative(src, targetAbs).split(sep).join('/').replace(/\.js$/, '.ts');
      if (target.startsWith('..')) {
        add(imp.line, 'unknown-layer', `${imp.form} of ${imp.specifier} leaves src/`);
        continue;
      }
      const to = place(target);
      if (pure && /(^|\/)run-process\.ts$/.test(target))
        add(imp.line, 'impure', `${imp.form} of ${imp.specifier}: pure layers start no process`);
      if (!(to.layer in RANK)) {
        add(imp.line, 'unknown-layer', `${imp.form} of ${imp.specifier}: not a known layer`);
        continue;
      }
      if (to.layer !== from.layer) {
        if (RANK[to.layer]! > RANK[from.layer]!) add(imp.line, 'upward', `${imp.form} of ${target} (${to.layer} is above ${from.layer})`);
        else if (RANK[to.layer] === RANK[from.layer])
          add(imp.line, 'sideways', `${imp.form} of ${target} (${from.layer} and ${to.layer} are one layer)`);
        continue;
      }
      if (from.layer !== 'facets') continue;
      // Inside facets/: a facet is its folder.
      if (from.facet !== undefined && from.facet !== 'shared') {
        if (to.facet !== undefined && to.facet !== from.facet && to.facet !== 'shared')
          add(imp.line, 'cross-facet', `facet ${from.facet} imports facet ${to.facet} (${target})`);
        if (to.facet === undefined && !FACET_TYPE_MODULES.has(target))
          add(
            imp.line,
            'cross-facet',
            `facet ${from.facet} imports ${target}: the registry derives from the facets, not the other way round`,
          );
      } else if (from.facet === 'shared') {
        if (to.facet !== undefined && to.facet !== 'shared')
          add(imp.line, 'cross-facet', `facets/shared imports facet ${to.facet} (${target})`);
        if (to.facet === undefined && !FACET_TYPE_MODULES.has(target)) add(imp.line, 'cross-facet', `facets/shared imports ${target}`);
      }
    }
  }
  return violations;
}
