/**
 * `VerifyUserAttribute`: the signed-in user redeems an attribute verification code (R24.2, D46).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../errors.js';
import type { OperationOptions } from '../operations.js';
import type { Attributes, User } from '../model/user.js';
import type { Ports } from '../ports/index.js';
import { codeHmacer } from '../rules/codes.js';
import { SHAPES, type InputMembers } from '../rules/input-constraints.js';
import { VERIFICATION_LIMITS, codeName, codeSubject, verifyPurposeOf, type ContactAttribute } from '../rules/verification-codes.js';
import { ACCESS_TOKEN_INPUT, type AccessTokenInput } from './access-token-request.js';
import { updateMovingAliases, verificationConflict } from './shared/alias-moves.js';
import { ATTRIBUTE_NAME_SHAPE } from './get-user-attribute-verification-code.js';
import { operation, type EmptyOutput } from './shared/operation.js';
import type { AccessTokenRequestError, CodeCheckError } from './shared/request-errors.js';
import { changesDeliveryAddress, revokeRecoveryCode } from './shared/revoke-code.js';
import { authorizeAccessToken, type TokenDeps } from './shared/tokens.js';
import { updateUser } from './shared/update-user.js';

/** `VerifyUserAttributeRequest` (R24.2). @group Use cases */
export interface VerifyUserAttributeInput extends AccessTokenInput {
  /** `email` or `phone_number`. */
  readonly AttributeName: string;
  /** The code the user received. */
  readonly Code: string;
}

/** Every error VerifyUserAttribute can answer with (R22.1, R24.2, §27). @group Use cases */
export type VerifyUserAttributeError = AccessTokenRequestError | CodeCheckError | CognitoError<'AliasExistsException'>;

/** The ports VerifyUserAttribute uses. @group Use cases */
export type VerifyUserAttributeDeps = TokenDeps & Pick<Ports, 'codes'>;

/** The model's input members (R24.2). @internal */
export const VERIFY_USER_ATTRIBUTE_INPUT = {
  ...ACCESS_TOKEN_INPUT,
  AttributeName: { shape: ATTRIBUTE_NAME_SHAPE, required: true },
  Code: { shape: SHAPES.confirmationCode, required: true },
} as const satisfies InputMembers<VerifyUserAttributeInput>;

const codeMismatch = (): CognitoError<'CodeMismatchException'> => cognitoError('CodeMismatchException', messages.codeMismatch);
const codeExpired = (): CognitoError<'ExpiredCodeException'> => cognitoError('ExpiredCodeException', messages.codeExpired);

/** `attributes` without `name`. */
function withoutKey(attributes: Attributes | undefined, name: string): Attributes {
  return Object.fromEntries(Object.entries(attributes ?? {}).filter(([key]) => key !== name));
}

/** The user after a verified code for `value`: the pending value promoted (R24.5), or the current value verified. */
function verifiedCopy(current: User, attribute: ContactAttribute, value: string, now: number): Result<User, CognitoError<'CodeMismatchException'>> {
  const flag = `${attribute}_verified`;
  const pending = current.pendingAttributes?.[attribute];
  if (pending === value) {
    const rest = withoutKey(current.pendingAttributes, attribute);
    return ok({
      ...current,
      attributes: { ...current.attributes, [attribute]: value, [flag]: 'true' },
      pendingAttributes: Object.keys(rest).length === 0 ? undefined : rest,
      updatedAt: now,
    });
  }
  if (current.attributes[attribute] === value) return ok({ ...current, attributes: { ...current.attributes, [flag]: 'true' }, updatedAt: now });
  return err(codeMismatch()); // the value changed since the code was checked: superseded (D33)
}

/**
 * Builds the `VerifyUserAttribute` operation (R24.2). The access token is checked as R22.1 says; then
 * `AttributeName` must be `email` or `phone_number` with a value (or a pending value), else
 * `InvalidParameterException` `Invalid attribute name or attribute has no value.`.
 *
 * - **Attempts (R25.3).** 15 calls per user and attribute per hour, counted before the code is
 *   compared (`attemptAndVerify`) → `LimitExceededException`.
 * - **Code (D33).** The user's `verify:<attribute>` code, bound to the value it went to: the pending
 *   value while one is held (R24.5), else the current value (a GetUserAttributeVerificationCode code
 *   sent to the original during a pending update verifies the original). Wrong, superseded (newer
 *   code, changed or replaced value) or used → `CodeMismatchException` `Invalid verification code
 *   provided, please try again.`; expired (24 h) or none → `ExpiredCodeException` `Invalid code
 *   provided, please request a code again.` — and an expired pending value is dropped (D44). Sign-up
 *   and recovery codes never verify an attribute.
 * - **Success.** One atomic write consumes the code and sets `<attribute>_verified = "true"`, promoting
 *   a pending value (which then becomes the sign-in alias and recovery channel, R24.8). A value that
 *   is another user's verified alias → `AliasExistsException` `An account with the email already
 *   exists.` (D46, nothing changes). A recovery code sent to the replaced address dies (D20). No
 *   trigger runs.
 *
 * @example
 * ```ts
 * const verify = verifyUserAttribute(ports, { region: 'us-east-1' });
 * await verify({ AccessToken, AttributeName: 'email', Code: '123456' }); // ok({})
 * ```
 * @group Use cases
 */
export function verifyUserAttribute(deps: VerifyUserAttributeDeps, options: OperationOptions) {
  const hmac = codeHmacer(deps.secrets.codeKey);
  const limit = { max: VERIFICATION_LIMITS.verifyAttempts, windowMs: VERIFICATION_LIMITS.windowSeconds * 1000 };
  return operation(VERIFY_USER_ATTRIBUTE_INPUT, async (request: VerifyUserAttributeInput): Promise<Result<EmptyOutput, VerifyUserAttributeError>> => {
    const authorized = await authorizeAccessToken(deps, request.AccessToken, options);
    if (authorized.isErr()) return err(authorized.error);
    const { pool, user } = authorized.value;
    const attribute = request.AttributeName;
    if (attribute !== 'email' && attribute !== 'phone_number') return err(cognitoError('InvalidParameterException', messages.invalidVerificationAttribute));
    const current = user.attributes[attribute];
    const pending = user.pendingAttributes?.[attribute];
    const target = pending ?? current;
    if (target === undefined || target === '') return err(cognitoError('InvalidParameterException', messages.invalidVerificationAttribute));

    const purpose = verifyPurposeOf(attribute);
    const name = codeName(user.username, purpose);
    const now = deps.clock.now();
    let value = target;
    let codeHmac = hmac(codeSubject(request.Code, purpose, attribute, value));
    const verdict = await deps.codes.attemptAndVerify(pool.id, name, codeHmac, now, limit);
    if (verdict.isErr()) return err(fromPortFailure(verdict.error));
    if (!verdict.value.allowed) return err(cognitoError('LimitExceededException', messages.limitExceeded));
    let outcome = verdict.value.outcome;
    if (outcome === 'mismatch' && pending !== undefined && current !== undefined && current !== '') {
      // D43: during a pending update a code may have gone to the original value; the attempt is already counted.
      const original = hmac(codeSubject(request.Code, purpose, attribute, current));
      const again = await deps.codes.verify(pool.id, name, original, now);
      if (again.isErr()) return err(fromPortFailure(again.error));
      if (again.value === 'valid') [outcome, value, codeHmac] = ['valid', current, original];
    }
    switch (outcome) {
      case 'valid':
        break;
      case 'mismatch':
        return err(codeMismatch());
      case 'expired':
      case 'none': {
        if (pending !== undefined) {
          // D44: the pending value is dropped once its code expired.
          const dropped = await updateUser(deps, pool, user, (fresh) => {
            const rest = withoutKey(fresh.pendingAttributes, attribute);
            return ok({ ...fresh, pendingAttributes: Object.keys(rest).length === 0 ? undefined : rest });
          });
          if (dropped.isErr() && !('kind' in dropped.error)) return err(dropped.error);
        }
        return err(codeExpired());
      }
    }

    const stored = await updateMovingAliases(deps, pool, user, (fresh) => verifiedCopy(fresh, attribute, value, now), false, { codeHmac, now, name });
    if (stored.isErr()) {
      const failure = stored.error;
      if (!('kind' in failure)) return err(failure);
      switch (failure.kind) {
        case 'CodeNotConsumable':
          return err(codeMismatch()); // used or replaced meanwhile
        case 'UserGone':
          return err(cognitoError('UserNotFoundException', messages.adminUserNotFound));
        case 'ClaimTaken':
          return err(verificationConflict(pool, failure)); // D46
      }
    }
    if (changesDeliveryAddress(user, stored.value)) {
      const revoked = await revokeRecoveryCode(deps, pool, stored.value.username); // D20: the pending value replaced the address
      if (revoked.isErr()) return err(revoked.error);
    }
    return ok({});
  });
}
