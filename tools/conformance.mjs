#!/usr/bin/env node
// Keeps docs/conformance.md true. For every row (one rule R…, decision D… or section §… of docs/spec.md)
// it writes:
//   - the Id cell, as a link to the id's anchor in docs/spec.md;
//   - "Tests": the test declarations whose own title cites the id, read from the test sources (a describe
//     counts once for the tests inside it; an `it.each` counts once, plus once per row of a table written
//     in place whose values put further ids in the title; a test defined in a helper module counts once
//     per suite that imports it). Being read from the sources, the column does not depend on which
//     optional tools (chromium, boto3, moto) are installed;
//   - "Implemented in": the source files (packages/*/src, without tests and src/testing/) whose comments
//     cite the id.
// The vitest JSON report (`.vitest-results.json`, or the .json path given) is used only to check that
// every id marked done or partial has at least one passing test citing it and none failing.
//
//   node tools/conformance.mjs            rewrites docs/conformance.md (`pnpm conformance`)
//   node tools/conformance.mjs --check    fails when the file is out of date, an id has no anchor in
//                                         docs/spec.md, an R/D anchor of docs/spec.md has no row, or an
//                                         id marked done/partial is not proved by the report (CI)
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DOC = join(ROOT, 'docs/conformance.md');
const SPEC = join(ROOT, 'docs/spec.md');
const args = process.argv.slice(2);
const check = args.includes('--check');
const reportArg = args.find((a) => a.endsWith('.json'));
const reportPath = reportArg === undefined ? join(ROOT, '.vitest-results.json') : resolve(reportArg);

/** An id: R1.7, R9.0.1, D14, §9.1 — not a version number (1.2.3) nor part of a longer token. */
const ID = /(?<![\w.])(R\d+\.\d+(?:\.\d+)?|D\d+|§\d+(?:\.\d+)?)(?![\w]|\.\d)/g;
const idsIn = (text) => [...new Set([...text.matchAll(ID)].map((m) => m[1]))];
/** The anchor of an id in docs/spec.md: `R1.7`, `D14`, `sec-9.1` for §9.1. */
const anchorOf = (id) => (id.startsWith('§') ? `sec-${id.slice(1)}` : id);
const posix = (path) => relative(ROOT, path).split('\\').join('/');
/** How the columns name a file: relative to packages/ (core/src/…), else to the root (examples/…). */
const shown = (path) => `\`${posix(path).replace(/^packages\//, '')}\``;
const byPath = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** Every .ts file under `dir` (no node_modules, dist or dot folders), sorted. */
function walk(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out.sort(byPath);
}

const packages = readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => join(ROOT, 'packages', e.name))
  .sort(byPath);
const parsed = new Map();
const parse = (path) => {
  if (!parsed.has(path)) parsed.set(path, ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return parsed.get(path);
};

// ---------------------------------------------------------------------------------------------------
// Tests: declarations in the test sources.

const isTestSource = (path) => {
  const p = posix(path);
  return p.endsWith('.test.ts') || /^packages\/[^/]+\/test\//.test(p) || /^packages\/[^/]+\/src\/testing\//.test(p) || /^examples\/(.+\/)?test\//.test(p);
};
const testSources = [
  ...packages.flatMap((pkg) => [...walk(join(pkg, 'src')), ...walk(join(pkg, 'test'))]),
  ...walk(join(ROOT, 'examples')),
  ...walk(join(ROOT, 'docs')).filter((p) => !posix(p).startsWith('docs/api/')),
].filter(isTestSource);
/** What vitest runs (vitest.config.ts `include`). */
const suites = testSources.filter((p) => p.endsWith('.test.ts'));

/** The text of a title made of literals only; interpolations become a separator an id cannot span. */
function literalText(node) {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('\u0000');
  if (ts.isParenthesizedExpression(node)) return literalText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalText(node.left);
    const right = literalText(node.right);
    return left === undefined && right === undefined ? undefined : `${left ?? ''}\u0000${right ?? ''}`;
  }
  return undefined;
}

/** `it`, `test.skipIf(c)`, `describe.each(t)`, `it.each\`…\``: the base name and the modifiers. */
function calleeChain(expression) {
  const modifiers = [];
  let node = expression;
  for (;;) {
    if (ts.isIdentifier(node)) return { base: node.text, modifiers };
    if (ts.isPropertyAccessExpression(node)) {
      modifiers.push(node.name.text);
      node = node.expression;
    } else if (ts.isCallExpression(node)) node = node.expression;
    else if (ts.isTaggedTemplateExpression(node)) node = node.tag;
    else return undefined;
  }
}

const SUITE_FNS = new Set(['describe', 'suite']);
const TEST_FNS = new Set(['it', 'test']);
/** Declarations that never run. */
const NEVER_RUN = new Set(['skip', 'todo']);

const unwrap = (node) =>
  ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isParenthesizedExpression(node) || ts.isTypeAssertionExpression(node)
    ? unwrap(node.expression)
    : node;
/** vitest's printf placeholders (`%%` is a literal percent sign). */
const PRINTF = /%[sdifjoOp#%]/g;

/**
 * The titles of the rows of `it.each([...])(title)` / `describe.each([...])(title)` when the table is
 * written in place: `%s`-style placeholders take the elements of an array row in order, `$name` the
 * properties of an object row; values that are not literals stay unknown.
 */
function rowTitles(call, title) {
  const each = ts.isCallExpression(call.expression) && ts.isPropertyAccessExpression(call.expression.expression) ? call.expression : undefined;
  if (each === undefined || !['each', 'for'].includes(each.expression.name.text)) return [];
  const table = each.arguments[0] === undefined ? undefined : unwrap(each.arguments[0]);
  if (table === undefined || !ts.isArrayLiteralExpression(table)) return [];
  return table.elements.map((element) => {
    const row = unwrap(element);
    const values = ts.isArrayLiteralExpression(row) ? row.elements.map(unwrap) : [row];
    let next = 0;
    const positional = title.replace(PRINTF, (p) =>
      p === '%%' ? '%' : p === '%#' ? '\u0000' : ((values[next] !== undefined ? literalText(values[next++]) : undefined) ?? '\u0000'),
    );
    return positional.replace(/\$([A-Za-z_]\w*)/g, (_, name) => {
      if (!ts.isObjectLiteralExpression(row)) return '\u0000';
      const property = row.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText() === name);
      return (property && ts.isPropertyAssignment(property) && literalText(unwrap(property.initializer))) ?? '\u0000';
    });
  });
}

/**
 * The citations declared in one file: one entry per describe/test whose own title cites ids that no
 * enclosing describe already cites; for an `each` over a table written in place, also one entry per
 * row whose values cite further ids.
 */
function declaredCitations(path) {
  const found = [];
  const visit = (node, inherited) => {
    if (ts.isCallExpression(node)) {
      const chain = calleeChain(node.expression);
      const first = node.arguments[0];
      const title = first === undefined ? undefined : literalText(first);
      if (chain !== undefined && (SUITE_FNS.has(chain.base) || TEST_FNS.has(chain.base)) && title !== undefined) {
        if (chain.modifiers.some((m) => NEVER_RUN.has(m))) return;
        const ids = idsIn(title);
        const own = ids.filter((id) => !inherited.has(id));
        if (own.length > 0) found.push(own);
        const all = new Set([...inherited, ...ids]);
        for (const row of rowTitles(node, title)) {
          const more = idsIn(row).filter((id) => !all.has(id));
          if (more.length > 0) found.push(more);
          if (SUITE_FNS.has(chain.base)) for (const id of more) all.add(id);
        }
        const inside = SUITE_FNS.has(chain.base) ? all : inherited;
        visit(node.expression, inherited);
        for (const arg of node.arguments) visit(arg, inside);
        return;
      }
    }
    ts.forEachChild(node, (child) => visit(child, inherited));
  };
  visit(parse(path), new Set());
  return found;
}

/** The test sources a file imports (relative specifiers, `.js` → `.ts`). */
function localImports(path) {
  const out = [];
  for (const statement of parse(path).statements) {
    const spec = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) continue;
    out.push(resolve(dirname(path), spec.text.replace(/\.js$/, '.ts')));
  }
  return out;
}

/** For a helper module, the suites that import it (directly or through other helpers). */
const sources = new Set(testSources);
const importers = new Map();
for (const suite of suites) {
  const seen = new Set();
  const queue = localImports(suite);
  while (queue.length > 0) {
    const next = queue.shift();
    if (seen.has(next) || !sources.has(next)) continue;
    seen.add(next);
    if (!importers.has(next)) importers.set(next, new Set());
    importers.get(next).add(suite);
    queue.push(...localImports(next));
  }
}

/** @type {Map<string, { count: number, files: Set<string> }>} */
const tests = new Map();
let testSites = 0;
for (const path of testSources) {
  const declared = declaredCitations(path);
  if (declared.length === 0) continue;
  const runIn = path.endsWith('.test.ts') ? [path] : [...(importers.get(path) ?? [path])];
  for (const ids of declared) {
    for (const suite of runIn) {
      testSites++;
      for (const id of ids) {
        if (!tests.has(id)) tests.set(id, { count: 0, files: new Set() });
        tests.get(id).count++;
        tests.get(id).files.add(suite);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Implemented in: ids in the comments of the sources.

/** The comments of a file: its text with every token blanked out (JSDoc is trivia, so it stays). */
function commentText(path) {
  const source = parse(path);
  const chars = source.text.split('');
  const blank = (node) => {
    if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode) return;
    const children = node.getChildren(source);
    if (children.length === 0) {
      for (let i = node.getStart(source); i < node.end; i++) chars[i] = ' ';
      return;
    }
    for (const child of children) blank(child);
  };
  blank(source);
  return chars.join('');
}

/** @type {Map<string, Set<string>>} */
const implemented = new Map();
for (const path of packages.flatMap((pkg) => walk(join(pkg, 'src')))) {
  if (path.endsWith('.test.ts') || /^packages\/[^/]+\/src\/testing\//.test(posix(path))) continue;
  for (const id of idsIn(commentText(path))) {
    if (!implemented.has(id)) implemented.set(id, new Set());
    implemented.get(id).add(path);
  }
}

// ---------------------------------------------------------------------------------------------------
// The report: which citing tests passed, failed or were skipped.

const report = existsSync(reportPath) ? JSON.parse(readFileSync(reportPath, 'utf8')) : undefined;
/** @type {Map<string, { passed: number, failed: number, skipped: number }>} */
const ran = new Map();
const reported = new Set();
let reportedTests = 0;
for (const file of report?.testResults ?? []) {
  reported.add(resolve(ROOT, file.name));
  for (const test of file.assertionResults ?? []) {
    reportedTests++;
    const name = [...(test.ancestorTitles ?? []), test.title].join(' › ');
    const outcome = test.status === 'passed' ? 'passed' : test.status === 'failed' ? 'failed' : 'skipped';
    for (const id of idsIn(name)) {
      if (!ran.has(id)) ran.set(id, { passed: 0, failed: 0, skipped: 0 });
      ran.get(id)[outcome]++;
    }
  }
}
/** A report of part of the suites (e.g. `vitest run packages/core`) proves only what it ran. */
const missingSuites = suites.filter((s) => !reported.has(s));
const fullReport = report !== undefined && missingSuites.length === 0;

// ---------------------------------------------------------------------------------------------------
// The document.

const COLUMNS = ['Id', 'Rule', 'Status', 'Tests', 'Implemented in', 'Notes'];
const STATUSES = new Set(['done', 'partial', 'not yet']);
const spec = existsSync(SPEC) ? readFileSync(SPEC, 'utf8') : '';
const anchors = new Set([...spec.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
const cellsOf = (line) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
const lineOf = (cells) => `| ${cells.join(' | ')} |`;
const list = (files) => [...files].sort(byPath).map(shown).join(', ');

const doc = readFileSync(DOC, 'utf8');
const problems = [];
const rows = new Map();
const statusCount = { done: 0, partial: 0, 'not yet': 0 };
let notRun = 0;
let header;
const lines = doc.split('\n').map((line) => {
  if (!line.startsWith('|')) {
    header = undefined;
    return line;
  }
  const cells = cellsOf(line);
  if (cells[0] === 'Id' && cells.includes('Status')) {
    header = cells;
    return lineOf(COLUMNS);
  }
  if (header === undefined) return line;
  if (cells.every((c) => /^:?-+:?$/.test(c))) return lineOf(COLUMNS.map(() => '---'));
  const cell = (name) => cells[header.indexOf(name)] ?? '';
  const id = idsIn(cell('Id'))[0];
  if (id === undefined) {
    problems.push(`conformance.md: a row without an id: ${line}`);
    return line;
  }
  if (rows.has(id)) problems.push(`${id}: two rows`);
  rows.set(id, true);
  if (!anchors.has(anchorOf(id))) problems.push(`${id}: no anchor <a id="${anchorOf(id)}"></a> in docs/spec.md`);
  const status = cell('Status');
  if (!STATUSES.has(status)) problems.push(`${id}: status "${status}" is not done, partial or not yet`);
  else statusCount[status]++;

  const cited = tests.get(id);
  if (status === 'done' || status === 'partial') {
    const outcome = ran.get(id) ?? { passed: 0, failed: 0, skipped: 0 };
    if (cited === undefined) problems.push(`${id} is "${status}" but no test cites it`);
    else if (outcome.failed > 0) problems.push(`${id} is "${status}" but ${outcome.failed} citing test(s) failed`);
    else if (report !== undefined && outcome.passed === 0) {
      if (fullReport || outcome.skipped > 0) problems.push(`${id} is "${status}" but no citing test passed (${outcome.skipped} skipped)`);
      else notRun++;
    }
  }
  const testsCell = cited === undefined ? '—' : `${cited.count} in ${list(cited.files)}`;
  const codeCell = implemented.has(id) ? list(implemented.get(id)) : '—';
  return lineOf([`[${id}](spec.md#${anchorOf(id)})`, cell('Rule'), status, testsCell, codeCell, cell('Notes')]);
});
for (const anchor of anchors) {
  if (/^(R\d|D\d)/.test(anchor) && !rows.has(anchor)) problems.push(`${anchor}: anchor in docs/spec.md but no row in docs/conformance.md`);
}
if (report === undefined && check) problems.push(`no vitest report at ${posix(reportPath)}: run the tests first (pnpm test:unit)`);
const updated = lines.join('\n');
if (check && updated !== doc) problems.push('docs/conformance.md is out of date: run `pnpm conformance`');

const proof =
  report === undefined
    ? 'no test report'
    : `report of ${reportedTests} tests${fullReport ? '' : ` from ${suites.length - missingSuites.length} of ${suites.length} suites, ${notRun} done/partial ids not run`}`;
const summary = `conformance: ${rows.size} ids (${statusCount.done} done, ${statusCount.partial} partial, ${statusCount['not yet']} not yet); ${tests.size} ids cited by ${testSites} test declarations, ${implemented.size} in source comments; ${proof}`;
if (!check) writeFileSync(DOC, updated);
if (problems.length > 0) {
  console.error(problems.join('\n'));
  console.error(`${summary}; ${problems.length} problem(s)`);
  if (check) process.exit(1);
} else {
  console.log(`${summary}${check ? '; docs/conformance.md is up to date' : '; wrote docs/conformance.md'}`);
}
