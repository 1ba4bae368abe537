/**
 * Writing a new user with its claims (`AdminCreateUser`, `SignUp`), moving a verified alias from its
 * previous owner when asked (R3.2).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import { fromPortFailure, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import type { Claim } from '../../ports/user-store.js';
import { claimKindOf, claimTakenError, type ClaimError } from '../../rules/claim-conflicts.js';
import { loginClaimsOf, type ClaimKind } from '../../rules/login-resolution.js';
import type { PortError } from './port-error.js';
import { keptClaimsRefusal, updateUser } from './update-user.js';

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

/** How many times an alias held by another user is moved before the conflict is answered. */
const ALIAS_MOVES = 2;

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
  for (let movesLeft = ALIAS_MOVES; ; movesLeft--) {
    const created = await insertUser(deps, pool, user);
    if (created.isOk()) return ok(created.value);
    const failure = created.error;
    if (!('claim' in failure)) return err(failure);
    const { kind } = failure;
    const movable = (kind === 'email' || kind === 'phone_number') && pool.aliasAttributes.includes(kind);
    if (!forceAliasCreation || !movable || movesLeft === 0) return err(claimTakenError(pool, failure.claim, usernameTaken));
    const owner = await deps.users.findByClaim(pool.id, failure.claim);
    if (owner.isErr()) return err(fromPortFailure(owner.error));
    if (owner.value === undefined) continue;
    const moved = await updateUser(deps, pool, owner.value, (current) =>
      ok({ ...current, attributes: { ...current.attributes, [`${kind}_verified`]: 'false' }, updatedAt: deps.clock.now() }),
    );
    if (moved.isErr()) return err('kind' in moved.error ? keptClaimsRefusal(moved.error) : moved.error); // the owner's claims only shrink
  }
}
