/**
 * Writing a new user with its claims (`AdminCreateUser`, `SignUp`), moving a verified alias from its
 * previous owner when asked (R3.2).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import type { Claim } from '../../ports/user-store.js';
import { claimKindOf, claimTakenError, type ClaimError } from '../../rules/claim-conflicts.js';
import { loginClaimsOf, type ClaimKind } from '../../rules/login-resolution.js';
import type { PortError } from './port-error.js';
import { keptClaimsRefusal, updateUser, type UpdateRefusal } from './update-user.js';

/** Errors of {@link createUserRecord}. @internal */
export type CreateUserError = ClaimError | PortError | CognitoError<'UserNotFoundException'>;

/** A login claim of the new user that another user holds, with its kind. @internal */
export interface HeldClaim {
  /** The claim. */
  readonly claim: Claim;
  /** Its kind (`claimKindOf`). */
  readonly kind: ClaimKind;
}

/** Creates `user` with its login claims (`loginClaimsOf`); a claim another user holds is a {@link HeldClaim}. @internal */
export async function insertUser(deps: Pick<Ports, 'users'>, pool: UserPool, user: User): Promise<Result<User, HeldClaim | PortError>> {
  const created = await deps.users.create(user, loginClaimsOf(pool, user.username, user.attributes));
  if (created.isOk()) return ok(created.value);
  const failure = created.error;
  return err(failure.kind === 'PortFailure' ? fromPortFailure(failure) : { claim: failure.claim, kind: claimKindOf(pool, failure.claim) });
}

/** How many times an alias held by another user is moved before the conflict is answered (D12). @internal */
export const ALIAS_MOVES = 2;

/**
 * What to do with a login claim another user holds when a new user is written (see
 * {@link insertMovingAliases}): answer a user (one a concurrent call created), an error, or
 * `undefined` to write again (after the claim was moved).
 *
 * @internal
 */
export type HeldClaimAnswer<E> = (held: HeldClaim, movesLeft: number) => Promise<Result<User | undefined, E>>;

/**
 * Writes `user` with its claims; each claim another user holds is handed to `onHeld`, at most
 * {@link ALIAS_MOVES} + 1 times in all, which resolves it or answers for the write.
 *
 * @internal
 */
export async function insertMovingAliases<E>(
  deps: Pick<Ports, 'users'>,
  pool: UserPool,
  user: User,
  onHeld: HeldClaimAnswer<E>,
): Promise<Result<User, E | PortError | CognitoError<'InternalErrorException'>>> {
  for (let movesLeft = ALIAS_MOVES; ; movesLeft--) {
    const created = await insertUser(deps, pool, user);
    if (created.isOk()) return ok(created.value);
    if (!('claim' in created.error)) return err(created.error);
    const answered = await onHeld(created.error, movesLeft);
    if (answered.isErr()) return err(answered.error);
    if (answered.value !== undefined) return ok(answered.value);
    if (movesLeft === 0) return err(cognitoError('InternalErrorException', messages.internal)); // onHeld was told no moves were left
  }
}

/**
 * Moves a verified email or phone alias away from the user who holds `held.claim` (R3.2: the last user
 * to verify an alias owns it): that user's `<attr>_verified` becomes `"false"`, with the clock's time
 * as its `updatedAt` when `touch` is set. Nobody holding it any more is fine; what the store refuses
 * comes back as its value for the caller to map.
 *
 * @internal
 */
export async function unverifyAliasHolder(
  deps: Pick<Ports, 'users' | 'clock'>,
  pool: UserPool,
  held: HeldClaim & { readonly kind: 'email' | 'phone_number' },
  touch: boolean,
): Promise<Result<undefined, UpdateRefusal | PortError>> {
  const owner = await deps.users.findByClaim(pool.id, held.claim);
  if (owner.isErr()) return err(fromPortFailure(owner.error));
  if (owner.value === undefined) return ok(undefined);
  const verified = `${held.kind}_verified`;
  const moved = await updateUser(deps, pool, owner.value, (current) => {
    const attributes = { ...current.attributes, [verified]: 'false' };
    return ok(touch ? { ...current, attributes, updatedAt: deps.clock.now() } : { ...current, attributes });
  });
  return moved.isErr() ? err(moved.error) : ok(undefined);
}

/**
 * Writes a new user with its claims. A verified email or phone alias held by someone else moves to the
 * new user when `forceAliasCreation` is set: the previous owner's `<attr>_verified` becomes `"false"`
 * (R3.2: the last user to verify an alias owns it), with the clock's time as its `updatedAt`; otherwise
 * the conflict is `AliasExistsException` ({@link claimTakenError}, `usernameTaken` for the username).
 * A refused move answers as {@link keptClaimsRefusal} says (a previous owner deleted meanwhile is
 * `UserNotFoundException` `User does not exist.`); without `forceAliasCreation` nothing moves, so
 * that answer cannot occur.
 *
 * @internal
 */
export function createUserRecord(
  deps: Pick<Ports, 'users' | 'clock'>,
  pool: UserPool,
  user: User,
  forceAliasCreation: false,
  usernameTaken: string,
): Promise<Result<User, ClaimError | PortError>>;
export function createUserRecord(
  deps: Pick<Ports, 'users' | 'clock'>,
  pool: UserPool,
  user: User,
  forceAliasCreation: boolean,
  usernameTaken: string,
): Promise<Result<User, CreateUserError>>;
export async function createUserRecord(
  deps: Pick<Ports, 'users' | 'clock'>,
  pool: UserPool,
  user: User,
  forceAliasCreation: boolean,
  usernameTaken: string,
): Promise<Result<User, CreateUserError>> {
  return insertMovingAliases(deps, pool, user, async (held, movesLeft): Promise<Result<undefined, CreateUserError>> => {
    const { kind } = held;
    if (!forceAliasCreation || movesLeft === 0 || !((kind === 'email' || kind === 'phone_number') && pool.aliasAttributes.includes(kind))) {
      return err(claimTakenError(pool, held.claim, usernameTaken));
    }
    const moved = await unverifyAliasHolder(deps, pool, { claim: held.claim, kind }, true);
    return moved.isErr() ? err('kind' in moved.error ? keptClaimsRefusal(moved.error) : moved.error) : ok(undefined); // the owner's claims only shrink
  });
}
