import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrationStatements, SCHEMA_VERSION } from '../src/schema.js';

/**
 * The SHA-256 of each released migration's statements (for the default schema, joined with `\n;\n`),
 * as the databases that ran them received them: a released migration must never change.
 */
const RELEASED: Readonly<Record<number, { readonly statements: number; readonly sha256: string }>> = {
  1: { statements: 11, sha256: '3bc489225ae8cdf67c8116c40e0f36fcbbbd4dd0adf3caa63704415b923bfff6' },
  2: { statements: 4, sha256: '5f0f2f83ac0c328331c40c82e2978d483095e0340c9334151e06a685318a0672' },
};

describe('the migration history', () => {
  it.each(Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1))('keeps the SQL of version %i as released', (version) => {
    const statements = migrationStatements(version, '"cognito_recovery"');
    expect({ statements: statements.length, sha256: createHash('sha256').update(statements.join('\n;\n')).digest('hex') }).toEqual(RELEASED[version]);
  });
});
