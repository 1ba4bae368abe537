/**
 * `UserMigration_ForgotPassword` (§9.2, D12, R8.6) and `UserMigration_Authentication` (R17.4, R19.8):
 * a `Username` that resolves to nobody is offered to the pool's migration trigger, and the user it
 * answers is created before the flow goes on.
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import type { TriggerCaller } from '../../rules/triggers/common.js';
import type { TriggerError } from '../../rules/triggers/failures.js';
import {
  migratedAliasTaken,
  planMigratedUser,
  readUserMigrationAnswer,
  userMigrationAuthenticationEvent,
  userMigrationEvent,
} from '../../rules/triggers/user-migration.js';
import { findUser } from './find-user.js';
import { insertMovingAliases, unverifyAliasHolder } from './new-user.js';
import type { PortError } from './port-error.js';
import { triggerRunner, type TriggerOptions } from './run-trigger.js';
import type { PasswordCredentials } from './set-password.js';

/** The ports a migration uses. @internal */
export type MigrateUserDeps = Pick<Ports, 'users' | 'clock' | 'random' | 'triggers'>;

/** Errors of a migration. @internal */
export type MigrateUserError = TriggerError | PortError;

/**
 * A sign-in's migration (`UserMigration_Authentication`): the password the user signed in with, sent
 * to the function, and how to turn it into the migrated user's credentials (R18.15: hash and SRP
 * verifier, for the user's canonical username).
 *
 * @internal
 */
export interface MigrationSignIn {
  /** The password of the sign-in. */
  readonly password: string;
  /** The credentials of `password` for the migrated user's canonical username. */
  readonly credentials: (username: string) => Promise<Result<PasswordCredentials, PortError>>;
}

/**
 * Runs the pool's `UserMigration` trigger for an input that resolved to nobody (§9.2, D12) and creates
 * the user it answers. Answers `undefined` when the pool has no such trigger or the function answered
 * no user (R8.6: the caller then treats the input as nobody). The user is written in one `create`
 * (never half-created); an email or phone alias another user holds is moved when the function sets
 * `forceAliasCreation` (the previous owner's `<attr>_verified` becomes `"false"`), else the call fails
 * with `UserMigration failed with error An account with the <attr> already exists.` When a concurrent
 * call created the same user first, that user is answered. With `signIn` the trigger source is
 * `UserMigration_Authentication`, the event carries the password, and the user is created with that
 * password set (R19.8: the policy is not enforced on migrated passwords).
 *
 * @internal
 */
export function userMigrator(
  deps: MigrateUserDeps,
  options: TriggerOptions = {},
): (pool: UserPool, caller: Omit<TriggerCaller, 'pool'>, input: string, signIn?: MigrationSignIn) => Promise<Result<User | undefined, MigrateUserError>> {
  const runTrigger = triggerRunner(deps, options);

  const create = (pool: UserPool, user: User, input: string, forceAliasCreation: boolean): Promise<Result<User, MigrateUserError>> =>
    insertMovingAliases(deps, pool, user, async (held, movesLeft): Promise<Result<User | undefined, MigrateUserError>> => {
      const { kind } = held;
      switch (kind) {
        case 'username':
        case 'sub': {
          // A concurrent call migrated the same input first: go on with that user.
          const found = await findUser(deps, pool, input);
          if (found.isErr()) return err(found.error);
          return found.value === undefined ? err(cognitoError('InternalErrorException', messages.internal)) : ok(found.value);
        }
        case 'email':
        case 'phone_number': {
          if (!forceAliasCreation || movesLeft === 0 || !pool.aliasAttributes.includes(kind)) return err(migratedAliasTaken(kind));
          // The previous owner loses the alias, without a new updatedAt; an owner deleted meanwhile had nothing to move.
          const moved = await unverifyAliasHolder(deps, pool, { claim: held.claim, kind }, false);
          if (moved.isOk() || ('kind' in moved.error && moved.error.kind === 'UserGone')) return ok(undefined);
          // Its claims only shrink, so a taken claim means the store contradicts itself.
          return err('kind' in moved.error ? cognitoError('InternalErrorException', messages.internal) : moved.error);
        }
        case 'preferred_username':
          return err(migratedAliasTaken(kind));
      }
    });

  return async (pool, caller, input, signIn) => {
    const functionRef = pool.lambdaConfig.userMigration;
    if (functionRef === undefined) return ok(undefined);
    const event =
      signIn === undefined ? userMigrationEvent({ ...caller, pool }, input) : userMigrationAuthenticationEvent({ ...caller, pool }, input, signIn.password);
    const output = await runTrigger(pool, 'UserMigration', functionRef, event);
    if (output.isErr()) return err(output.error);
    const answer = readUserMigrationAnswer(output.value);
    if (answer.isErr()) return err(answer.error);
    if (answer.value === undefined) return ok(undefined); // R8.6: no user
    const planned = planMigratedUser(pool, input, answer.value, deps.random.uuid(), deps.clock.now());
    if (planned.isErr()) return err(planned.error);
    if (signIn === undefined) return create(pool, planned.value, input, answer.value.forceAliasCreation);
    const credentials = await signIn.credentials(planned.value.username);
    if (credentials.isErr()) return err(credentials.error);
    return create(pool, { ...planned.value, ...credentials.value }, input, answer.value.forceAliasCreation);
  };
}
