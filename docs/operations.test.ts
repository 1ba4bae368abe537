/**
 * The list of operations the local endpoint serves, in docs/testing.md, is generated from the core's
 * operation registry (`OPERATIONS`): this test fails when the two differ, and `UPDATE_DOCS=1 pnpm exec
 * vitest run docs/operations.test.ts` rewrites the section.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPERATIONS, wireOperationNames } from '@cognito-recovery/core';
import { operationsOf } from '@cognito-recovery/server';
import { createMemoryRecovery } from '@cognito-recovery/adapters-memory';
import { describe, expect, it } from 'vitest';

const DOC = join(resolve(dirname(fileURLToPath(import.meta.url))), 'testing.md');
const START = "<!-- operations:start — generated from the core's operation registry (OPERATIONS); do not edit by hand -->";
const END = '<!-- operations:end -->';

function section(): string {
  const rows = wireOperationNames().map((name) => `| \`${name}\` | \`recovery.${OPERATIONS[name].method}\` | ${Object.keys(OPERATIONS[name].input).length} |`);
  const helpers = (Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[])
    .filter((name) => !OPERATIONS[name].wire)
    .map((name) => `\`recovery.${OPERATIONS[name].method}\``);
  return [
    START,
    `The endpoint serves these ${rows.length} Cognito operations (\`X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>\`); any other target answers \`UnknownOperationException\`. In-process, the same operations are methods of the \`Recovery\`.`,
    '',
    '| Operation | In-process | Input members |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `Not served over HTTP (the model's own helpers, in-process only): ${helpers.join(', ')}.`,
    END,
  ].join('\n');
}

describe('docs/testing.md lists every served operation', () => {
  it('the generated section matches the registry and the server serves exactly those operations', () => {
    const doc = readFileSync(DOC, 'utf8');
    const from = doc.indexOf(START);
    const to = doc.indexOf(END);
    expect(from).toBeGreaterThanOrEqual(0);
    expect(to).toBeGreaterThan(from);
    const expected = section();
    if (process.env['UPDATE_DOCS'] === '1') writeFileSync(DOC, doc.slice(0, from) + expected + doc.slice(to + END.length));
    else expect(doc.slice(from, to + END.length)).toBe(expected);
    expect(Object.keys(operationsOf(createMemoryRecovery())).sort()).toEqual([...wireOperationNames()].sort());
  });
});
