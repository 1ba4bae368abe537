/**
 * `UserMigration_ForgotPassword` (§9.2, D12, R8.6): a `Username` that resolves to nobody is offered to
 * the pool's migration trigger, and the user it answers is created before the flow goes on.
 *
 * @module
 * @internal
 */
import { err, errAsync, ok, okAsync, type Result, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import { NO_PASSWORD_HISTORY, type User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { loginClaimsOf } from '../../rules/login-resolution.js';
import { readUserMigrationAnswer, triggerMessages, userMigrationEvent, type TriggerCaller, type TriggerError, type UserMigrationAnswer } from '../../rules/trigger-events.js';
import { claimKindOf } from './admin-context.js';
import { findUser } from './find-user.js';
import { checkWritableAttributes, isEmailShaped, isPhoneShaped } from './new-user.js';
import { triggerRunner, type TriggerOptions } from './run-trigger.js';
import { updateUser } from './update-user.js';

/** The ports a migration uses. @internal */
export type MigrateUserDeps = Pick<Ports, 'users' | 'clock' | 'random' | 'triggers'>;

/** Errors of a migration. @internal */
export type MigrateUserError = TriggerError | CognitoError<'InternalErrorException' | 'TooManyRequestsException'>;

/** `UserLambdaValidationException` `UserMigration failed with error <reason>.` (D12). */
function migrationFailed(reason: string): CognitoError<'UserLambdaValidationException'> {
  return cognitoError('UserLambdaValidationException', triggerMessages.failed('UserMigration', reason));
}

/**
 * The user a migration answer describes (D12), before anything is written: attributes checked as an
 * administrator's would be, a new `sub`, status `RESET_REQUIRED` unless the function says `CONFIRMED`,
 * no password, SMS MFA only with a phone number. The username is the input in plain pools; in
 * username-attribute pools (R3.3), and in alias pools when the input is a phone number or an email the
 * pool uses as alias (R3.2), the username is the new `sub` and the input is the attribute's value.
 * Every refusal is `UserLambdaValidationException` `UserMigration failed with error <reason>.`
 *
 * @internal
 */
export function planMigratedUser(pool: UserPool, input: string, answer: UserMigrationAnswer, sub: string, now: number): Result<User, CognitoError<'UserLambdaValidationException'>> {
  const checked = checkWritableAttributes(answer.userAttributes);
  if (checked.isErr()) return err(migrationFailed(checked.error.message));
  const kinds = pool.usernameAttributes.length > 0 ? pool.usernameAttributes : pool.aliasAttributes;
  const kind = kinds.includes('email') && isEmailShaped(input) ? 'email' : kinds.includes('phone_number') && isPhoneShaped(input) ? 'phone_number' : undefined;
  if (pool.usernameAttributes.length > 0 && kind === undefined) return err(migrationFailed('Username should be either an email or a phone number'));
  const attributes: Record<string, string> = kind === undefined ? { ...answer.userAttributes, sub } : { ...answer.userAttributes, [kind]: input, sub };
  const phone = attributes['phone_number'];
  if (answer.enableSMSMFA && (phone === undefined || phone === '')) return err(migrationFailed('SMS MFA cannot be enabled for a user without a phone_number'));
  return ok({
    userPoolId: pool.id,
    username: kind === undefined ? input : sub,
    sub,
    attributes,
    status: answer.finalUserStatus,
    enabled: true,
    passwordHash: undefined,
    passwordHistory: NO_PASSWORD_HISTORY,
    mfa: { smsMfaEnabled: answer.enableSMSMFA, emailMfaEnabled: false },
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
}

/**
 * Runs the pool's `UserMigration` trigger for an input that resolved to nobody (§9.2, D12) and creates
 * the user it answers. Answers `undefined` when the pool has no such trigger or the function answered
 * no user (R8.6: the caller then treats the input as nobody). The user is written in one `create`
 * (never half-created); an email or phone alias another user holds is moved when the function sets
 * `forceAliasCreation` (the previous owner's `<attr>_verified` becomes `"false"`), else the call fails
 * with `UserMigration failed with error An account with the <attr> already exists.` When a concurrent
 * call created the same user first, that user is answered.
 *
 * @internal
 */
export function userMigrator(deps: MigrateUserDeps, options: TriggerOptions = {}): (pool: UserPool, caller: Omit<TriggerCaller, 'pool'>, input: string) => ResultAsync<User | undefined, MigrateUserError> {
  const runTrigger = triggerRunner(deps, options);

  const create = (pool: UserPool, user: User, input: string, forceAliasCreation: boolean, movesLeft: number): ResultAsync<User, MigrateUserError> =>
    deps.users.create(user, loginClaimsOf(pool, user.username, user.attributes)).orElse((failure): ResultAsync<User, MigrateUserError> => {
      if (failure.kind === 'PortFailure') return errAsync(fromPortFailure(failure));
      const kind = claimKindOf(pool, failure.claim);
      switch (kind) {
        case 'username':
        case 'sub':
          // A concurrent call migrated the same input first: go on with that user.
          return findUser(deps, pool, input).andThen((found) => (found === undefined ? errAsync(cognitoError('InternalErrorException', messages.internal)) : okAsync(found)));
        case 'email':
        case 'phone_number':
          if (forceAliasCreation && movesLeft > 0 && pool.aliasAttributes.includes(kind)) {
            return deps.users
              .findByClaim(pool.id, failure.claim)
              .mapErr(fromPortFailure)
              .andThen((owner) =>
                owner === undefined ? okAsync(undefined) : updateUser(deps, pool, owner, (current) => ({ ...current, attributes: { ...current.attributes, [`${kind}_verified`]: 'false' } })),
              )
              .andThen(() => create(pool, user, input, forceAliasCreation, movesLeft - 1));
          }
          return errAsync(migrationFailed(`An account with the ${kind} already exists`));
        case 'preferred_username':
          return errAsync(migrationFailed(`An account with the ${kind} already exists`));
      }
    });

  return (pool, caller, input) => {
    const functionRef = pool.lambdaConfig.userMigration;
    if (functionRef === undefined) return okAsync(undefined);
    return runTrigger(pool, 'UserMigration', functionRef, userMigrationEvent({ ...caller, pool }, input)).andThen((output) => {
      const answer = readUserMigrationAnswer(output);
      if (answer.isErr()) return errAsync(answer.error);
      if (answer.value === undefined) return okAsync(undefined); // R8.6: no user
      const planned = planMigratedUser(pool, input, answer.value, deps.random.uuid(), deps.clock.now());
      if (planned.isErr()) return errAsync(planned.error);
      return create(pool, planned.value, input, answer.value.forceAliasCreation, 2);
    });
  };
}
