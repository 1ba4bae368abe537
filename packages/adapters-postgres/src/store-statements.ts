/**
 * What every PostgreSQL store holds: its statements, written for its schema, and the executor they
 * run on.
 *
 * @module
 */
import type { PortFailure } from '@cognito-recovery/core';
import type { ResultAsync } from 'neverthrow';
import type { SqlExecutor, SqlRow, SqlValue } from './executor.js';
import { execute } from './failure.js';
import { schemaIdentifier, type PostgresStoreOptions } from './schema.js';

/**
 * A store's statements for the schema of its {@link PostgresStoreOptions} (checked and quoted once, at
 * construction), run on its executor as its port: each {@link StoreStatements.run} is one statement,
 * retried when transient, and fails as a `PortFailure` of the port.
 *
 * @internal
 */
export class StoreStatements<Name extends string> {
  /** The executor (for a store's own loops). */
  readonly db: SqlExecutor;
  /** The statements' text. */
  readonly text: Readonly<Record<Name, string>>;
  readonly #port: string;

  /** @throws TypeError when the schema name is invalid (see `schemaIdentifier`). */
  constructor(port: string, options: PostgresStoreOptions, statements: (s: string) => Readonly<Record<Name, string>>) {
    this.db = options.db;
    this.text = statements(schemaIdentifier(options.schema));
    this.#port = port;
  }

  /** Runs the statement `name` with `params`; a failure names `action` (default: the statement's name). */
  run(name: Name, params?: readonly SqlValue[], action: string = name): ResultAsync<readonly SqlRow[], PortFailure> {
    const text = this.text[name];
    return execute(this.#port, action, () => this.db.query(text, params));
  }
}
