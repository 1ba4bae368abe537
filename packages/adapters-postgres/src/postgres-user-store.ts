import {
  portFailure,
  type Claim,
  type ClaimTaken,
  type CodeConsumption,
  type CodeNotConsumable,
  type PortFailure,
  type User,
  type UserGone,
  type UserPage,
  type UserStore,
  type VersionConflict,
} from '@cognito-recovery/core';
import { err, errAsync, ok, okAsync, ResultAsync, type Result } from 'neverthrow';
import { decodeJson, encodeJson } from '@cognito-recovery/core/rules';
import { keyBytesHex, toText, uniqueClaims } from './codec.js';
import type { SqlRow, SqlValue } from './executor.js';
import { backoff, executeAsync, sqlState, UNIQUE_VIOLATION } from './failure.js';
import type { PostgresStoreOptions } from './schema.js';
import { StoreStatements } from './store-statements.js';

const PORT = 'UserStore';
/** Runs of a write whose insert met a claim a concurrent writer had just taken (the next run names it). */
const CLAIM_RACE_RETRIES = 8;
/** What a run that met such a claim answers, instead of rows. */
const RACED = Symbol('raced');

/** The statements, for one schema. */
function statements(s: string) {
  const byClaims = `FROM unnest($2::text[]) WITH ORDINALITY AS c(claim, ord)
      JOIN ${s}.claims x ON x.pool_id = $1 AND x.claim = c.claim
      JOIN ${s}.users u ON u.pool_id = x.pool_id AND u.username = x.username`;
  return {
    findByClaim: `SELECT u.data FROM ${s}.claims x JOIN ${s}.users u ON u.pool_id = x.pool_id AND u.username = x.username
      WHERE x.pool_id = $1 AND x.claim = $2`,
    findFirstByClaims: `SELECT u.data ${byClaims} ORDER BY c.ord LIMIT 1`,
    create: `SELECT status, taken_claim, taken_owner FROM ${s}.create_user($1, $2, $3, $4, $5::text[])`,
    update: `SELECT status, taken_claim, taken_owner, outcome FROM ${s}.update_user($1, $2, $3, $4, $5::text[], $6, $7, decode($8, 'hex'))`,
    delete: `SELECT ${s}.delete_user($1, $2)`,
    deletePool: `SELECT ${s}.delete_pool_users($1)`,
    listFirst: `SELECT data, username FROM ${s}.users WHERE pool_id = $1 ORDER BY username LIMIT $2`,
    listAfter: `SELECT data, username FROM ${s}.users WHERE pool_id = $1 AND username > $3 ORDER BY username LIMIT $2`,
  };
}

type UpdateError = PortFailure | ClaimTaken | VersionConflict | UserGone | CodeNotConsumable;

/**
 * A {@link UserStore} on PostgreSQL: one row per user (`users`, the user as JSON text, its `version`
 * and its claims) and one row per claim (`claims`, primary key pool + claim, naming the owner), so a
 * claim is unique per pool by construction.
 *
 * - `findByClaim` and `findFirstByClaims` are one `SELECT` joining the claims to their owners (the
 *   first held claim, in the order given, for `findFirstByClaims`).
 * - `create`, `update`, `delete` and `deletePool` are each one call of a PL/pgSQL function that
 *   {@link migrate} installs: it checks, then writes the user and its claims, in one statement. Locks
 *   are taken in one order (the user row, then its code row, then claims in byte order), so
 *   concurrent writers queue rather than deadlock. `update` with `consume` also locks the code row
 *   it names (`consume.name`, default the username; kept by the {@link PostgresRecoveryCodeStore} of
 *   the same schema), classifies it and marks it used in that same statement: the password and the
 *   used code are written together or not at all, and of many concurrent consuming updates exactly
 *   one succeeds.
 * - A claim a concurrent writer inserts between the check and the insert fails the statement with a
 *   unique violation (nothing written); the call is run again and then answers `ClaimTaken`.
 * - `list` pages in byte order of the usernames (`COLLATE "C"`: code point order), one `SELECT`.
 *
 * @example
 * ```ts
 * const users = new PostgresUserStore({ db });
 * await users.create(user, ['username:alice', 'email:alice@example.com']);
 * await users.findByClaim(user.userPoolId, 'email:alice@example.com'); // ok(user): one SELECT
 * ```
 * @group Adapters
 */
export class PostgresUserStore implements UserStore {
  readonly #sql: StoreStatements<keyof ReturnType<typeof statements>>;

  /** @param options - the executor and the schema (those of the code store, whose codes `update` consumes). */
  constructor(options: PostgresStoreOptions) {
    this.#sql = new StoreStatements(PORT, options, statements);
  }

  /** The user holding `claim` (one `SELECT`), or `undefined`. */
  findByClaim(userPoolId: string, claim: Claim): ResultAsync<User | undefined, PortFailure> {
    return this.#sql.run('findByClaim', [userPoolId, claim]).map(firstUser);
  }

  /** The owner of the first of `claims`, in order, held in the pool (one `SELECT`), or `undefined`. */
  findFirstByClaims(userPoolId: string, claims: readonly Claim[]): ResultAsync<User | undefined, PortFailure> {
    if (claims.length === 0) return okAsync(undefined);
    return this.#sql.run('findFirstByClaims', [userPoolId, claims]).map(firstUser);
  }

  /** Creates the user and its claims in one statement; `ClaimTaken` names the first taken claim, in the order given, and its owner. */
  create(user: User, claims: readonly Claim[]): ResultAsync<User, PortFailure | ClaimTaken> {
    const params = [user.userPoolId, user.username, encodeJson(user), user.version, uniqueClaims(claims)];
    return new ResultAsync(this.#write('create', params, created, user));
  }

  /**
   * Replaces the user at `expectedVersion` and sets its claims to exactly `claims`, in one statement;
   * with `consume`, the code named `consume.name` (default: the username) is checked and marked used
   * in that same statement.
   */
  update(
    user: User,
    claims: readonly Claim[],
    expectedVersion: number,
    consume?: CodeConsumption,
  ): ResultAsync<User, PortFailure | ClaimTaken | VersionConflict | UserGone | CodeNotConsumable> {
    const updated: User = { ...user, version: expectedVersion + 1 };
    const params = [
      user.userPoolId,
      user.username,
      encodeJson(updated),
      expectedVersion,
      uniqueClaims(claims),
      consume === undefined ? null : consume.codeHmac,
      consume === undefined ? null : consume.now,
      keyBytesHex(consume?.name ?? user.username),
    ];
    return new ResultAsync(this.#write('update', params, wasUpdated, updated));
  }

  /** Deletes the user and its claims (one statement; no error when absent). */
  delete(userPoolId: string, username: string): ResultAsync<void, PortFailure> {
    return this.#sql.run('delete', [userPoolId, username]).map(() => undefined);
  }

  /**
   * Users of a pool in byte order of their usernames (code point order), `limit` at a time, after
   * `after`; one `SELECT` of `limit + 1` rows, `next` set only when more users follow. A `limit` that
   * is not a positive integer is a `PortFailure`.
   */
  list(userPoolId: string, limit: number, after?: string): ResultAsync<UserPage, PortFailure> {
    if (!Number.isSafeInteger(limit) || limit < 1) return errAsync(portFailure(PORT, 'list limit must be a positive integer'));
    const page =
      after === undefined ? this.#sql.run('listFirst', [userPoolId, limit + 1], 'list') : this.#sql.run('listAfter', [userPoolId, limit + 1, after], 'list');
    return page.map((rows) => {
      const users = rows.slice(0, limit).flatMap((row) => {
        const data = toText(row['data']);
        return data === undefined ? [] : [decodeJson(data) as User];
      });
      return rows.length > limit ? { users, next: users.at(-1)?.username } : { users };
    });
  }

  /** Deletes every user of the pool with their claims (one statement). */
  deletePool(userPoolId: string): ResultAsync<void, PortFailure> {
    return this.#sql.run('deletePool', [userPoolId]).map(() => undefined);
  }

  /**
   * Runs a write function, again when its insert met a claim taken concurrently (the function then
   * reports it), and answers what `outcome` makes of the status row it returned for `user`.
   */
  async #write<E>(
    name: 'create' | 'update',
    params: readonly SqlValue[],
    outcome: (row: SqlRow | undefined, user: User) => Result<User, E>,
    user: User,
  ): Promise<Result<User, E | PortFailure>> {
    const text = this.#sql.text[name];
    for (let attempt = 0; ; attempt++) {
      const result = await executeAsync(PORT, name, async (): Promise<readonly SqlRow[] | typeof RACED> => {
        try {
          return await this.#sql.db.query(text, params);
        } catch (error) {
          if (sqlState(error) === UNIQUE_VIOLATION && attempt < CLAIM_RACE_RETRIES) return RACED;
          throw error;
        }
      });
      if (result.isErr()) return err(result.error);
      if (result.value !== RACED) return outcome(result.value[0], user);
      await backoff(attempt);
    }
  }
}

function firstUser(rows: readonly SqlRow[]): User | undefined {
  const data = toText(rows[0]?.['data']);
  return data === undefined ? undefined : (decodeJson(data) as User);
}

/** What `create_user` answered for `user`. */
function created(row: SqlRow | undefined, user: User): Result<User, PortFailure | ClaimTaken> {
  switch (toText(row?.['status'])) {
    case 'ok':
      return ok(user);
    case 'taken':
      return err(claimTaken(row));
    case 'username_unclaimed':
      return err(portFailure(PORT, 'the username exists but was not among the claims'));
    case undefined:
    default:
      return err(portFailure(PORT, 'create answered an unknown status'));
  }
}

/** What `update_user` answered for `updated` (the user at its new version). */
function wasUpdated(row: SqlRow | undefined, updated: User): Result<User, UpdateError> {
  switch (toText(row?.['status'])) {
    case 'ok':
      return ok(updated);
    case 'gone':
      return err({ kind: 'UserGone' });
    case 'conflict':
      return err({ kind: 'VersionConflict' });
    case 'taken':
      return err(claimTaken(row));
    case 'not_consumable': {
      const outcome = toText(row?.['outcome']);
      if (outcome === 'mismatch' || outcome === 'expired' || outcome === 'none') return err({ kind: 'CodeNotConsumable', outcome });
      return err(portFailure(PORT, 'update answered an unknown code outcome'));
    }
    case undefined:
    default:
      return err(portFailure(PORT, 'update answered an unknown status'));
  }
}

function claimTaken(row: SqlRow | undefined): ClaimTaken {
  return { kind: 'ClaimTaken', claim: toText(row?.['taken_claim']) ?? '', owner: toText(row?.['taken_owner']) ?? '' };
}
