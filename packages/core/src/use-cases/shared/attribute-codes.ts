/**
 * Attribute updates and their verification codes, shared by UpdateUserAttributes (D44) and
 * AdminUpdateUserAttributes (D45): plan the update (`planAttributeUpdate`), write it (moving aliases
 * when an administrator verifies one, D46), revoke a recovery code whose address changed (D20), then
 * send one `verify:<attribute>` code per changed auto-verified email or phone through the one code
 * issuer (`CustomMessage_UpdateUserAttribute` / `CustomEmailSender_UpdateUserAttribute` /
 * `CustomSMSSender_UpdateUserAttribute`).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { Attributes, User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import { planAttributeUpdate, type AttributeError } from '../../rules/attributes.js';
import { claimTakenError, type ClaimError } from '../../rules/claim-conflicts.js';
import { attributeChannel, verifyPurposeOf } from '../../rules/verification-codes.js';
import type { CodeDeliveryDetails } from '../../wire/types.js';
import { updateMovingAliases } from './alias-moves.js';
import { codeIssuer, type CodeRequest, type IssueCodeError } from './issue-code.js';
import type { PortError } from './port-error.js';
import { changesDeliveryAddress, revokeRecoveryCode } from './revoke-code.js';
import type { TriggerOptions } from './run-trigger.js';
import type { UpdateRefusal } from './update-user.js';

/** The ports an attribute update uses. @internal */
export type AttributeUpdateDeps = Pick<Ports, 'users' | 'codes' | 'sender' | 'clock' | 'random' | 'secrets' | 'triggers' | 'encryptor'>;

/** What an attribute update answers: the user as stored and where each code went. @internal */
export interface AttributeUpdateResult {
  /** The user as stored. */
  readonly user: User;
  /** One entry per code sent (R24.3 `CodeDeliveryDetailsList`). */
  readonly deliveries: readonly CodeDeliveryDetails[];
}

/** Errors of an attribute update: the plan's, the store's refusals (to map), the issuer's. @internal */
export type AttributeUpdateError = AttributeError | UpdateRefusal | PortError | IssueCodeError;

/** Applies attribute updates; see {@link attributeUpdater}. @internal */
export type AttributeUpdater = (
  pool: UserPool,
  user: User,
  changes: Attributes,
  caller: Pick<CodeRequest, 'clientId' | 'clientMetadata'>,
  moveAliases: boolean,
) => Promise<Result<AttributeUpdateResult, AttributeUpdateError>>;

/**
 * Builds an {@link AttributeUpdater}. The write re-plans on every retry (version conflicts) from the
 * fresh user; with `moveAliases` an email/phone alias another user holds moves to this user (D46, the
 * administrator's `*_verified = "true"`). A code is sent only once the update is stored; the event's
 * `userAttributes` are the stored (current, not pending) values (D44). A delivery failure is answered
 * and the update stays.
 *
 * @internal
 */
export function attributeUpdater(deps: AttributeUpdateDeps, options: TriggerOptions = {}): AttributeUpdater {
  const issuer = codeIssuer(deps, options);
  return async (pool, user, changes, caller, moveAliases) => {
    let codes: ReturnType<typeof planAttributeUpdate> | undefined;
    const stored = await updateMovingAliases(
      deps,
      pool,
      user,
      (current) => {
        const plan = planAttributeUpdate(pool, current, changes);
        codes = plan;
        if (plan.isErr()) return err(plan.error);
        return ok({ ...current, attributes: plan.value.attributes, pendingAttributes: plan.value.pendingAttributes, updatedAt: deps.clock.now() });
      },
      moveAliases,
    );
    if (stored.isErr()) return err(stored.error);
    if (changesDeliveryAddress(user, stored.value)) {
      const revoked = await revokeRecoveryCode(deps, pool, stored.value.username); // D20: the address the code went to changed
      if (revoked.isErr()) return err(revoked.error);
    }
    const deliveries: CodeDeliveryDetails[] = [];
    const toSend = codes !== undefined && codes.isOk() ? codes.value.codes : [];
    for (const { attribute, value } of toSend) {
      const issued = await issuer.issue(pool, stored.value, attributeChannel(attribute, value), {
        ...caller,
        purpose: verifyPurposeOf(attribute),
        source: 'UpdateUserAttribute',
      });
      if (issued.isErr()) return err(issued.error);
      deliveries.push(issued.value);
    }
    return ok({ user: stored.value, deliveries });
  };
}

/**
 * How UpdateUserAttributes and AdminUpdateUserAttributes answer a store refusal of the update: the
 * user deleted meanwhile → `UserNotFoundException` `User does not exist.`; the new attributes claim
 * an alias or username attribute another user holds → `AliasExistsException` /
 * `UsernameExistsException` `An account with the given <attribute> already exists.`
 *
 * @internal
 */
export function attributeUpdateRefusal(pool: UserPool, refusal: UpdateRefusal): CognitoError<'UserNotFoundException'> | ClaimError {
  switch (refusal.kind) {
    case 'UserGone':
      return cognitoError('UserNotFoundException', messages.adminUserNotFound);
    case 'ClaimTaken':
      return claimTakenError(pool, refusal.claim, messages.usernameExists);
  }
}
