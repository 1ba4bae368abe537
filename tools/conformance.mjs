#!/usr/bin/env node
// Keeps docs/conformance.md true: fills its "Tests" column from the names of the tests that actually
// ran (vitest's JSON report), and with --check fails when a rule marked done/partial has no test citing
// it, or when the file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const check = process.argv.includes('--check');
const reportPath = process.argv.find((a) => a.endsWith('.json')) ?? '.vitest-results.json';
const docPath = new URL('../docs/conformance.md', import.meta.url);
const root = new URL('..', import.meta.url).pathname;

const report = JSON.parse(readFileSync(reportPath, 'utf8'));
/** @type {Map<string, Set<string>>} */
const citations = new Map();
const ID = /(?<![\w.])(R\d+\.\d+(?:\.\d+)?|D\d+|§\d+(?:\.\d+)?)(?![\w]|\.\d)/g;
for (const file of report.testResults ?? []) {
  const where = relative(root, file.name);
  for (const test of file.assertionResults ?? []) {
    if (test.status !== 'passed') continue;
    const name = [...(test.ancestorTitles ?? []), test.title].join(' › ');
    for (const match of name.matchAll(ID)) {
      const id = match[1];
      if (!citations.has(id)) citations.set(id, new Set());
      citations.get(id).add(where);
    }
  }
}

const doc = readFileSync(docPath, 'utf8');
const problems = [];
const rows = doc.split('\n').map((line) => {
  const cells = line.split('|');
  if (cells.length < 7) return line;
  const id = cells[1].trim();
  if (!/^(R\d|D\d|§\d)/.test(id)) return line;
  const status = cells[3].trim();
  const files = [...(citations.get(id) ?? [])].sort();
  let count = 0;
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (test.status !== 'passed') continue;
      const name = [...(test.ancestorTitles ?? []), test.title].join(' › ');
      if ([...name.matchAll(ID)].some((m) => m[1] === id)) count++;
    }
  }
  if ((status === 'done' || status === 'partial') && count === 0) problems.push(`${id} is "${status}" but no passing test cites it`);
  const tests = count === 0 ? '—' : `${count} in ${files.map((f) => `\`${f.replace(/^packages\//, '')}\``).join(', ')}`;
  cells[4] = ` ${tests} `;
  return cells.join('|');
});
const updated = rows.join('\n');
if (check) {
  // Counts move with every added test: a stale Tests column is worth a warning, a rule marked done
  // without a passing test that cites it is a failure.
  if (updated !== doc) console.warn('conformance: the Tests column of docs/conformance.md is out of date: run `pnpm conformance`');
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`conformance: ${citations.size} ids cited by passing tests; every rule marked done or partial has one`);
} else {
  writeFileSync(docPath, updated);
  console.log(`conformance: wrote docs/conformance.md (${citations.size} ids cited)`);
  if (problems.length > 0) console.error(problems.join('\n'));
}
