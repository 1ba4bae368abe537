/**
 * Verifying an email or phone number another user holds as a verified alias (D46): the update either
 * answers the conflict, or moves the alias — the previous owner's `<attribute>_verified` becomes
 * `"false"` (R3.2: the last user to verify an alias owns it) — and writes again.
 *
 * @module
 * @internal
 */
import { err, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../../errors.js';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import type { Ports } from '../../ports/index.js';
import type { ClaimTaken, CodeConsumption, CodeNotConsumable } from '../../ports/user-store.js';
import { claimKindOf } from '../../rules/claim-conflicts.js';
import { loginClaimsOf } from '../../rules/login-resolution.js';
import type { PortError } from './port-error.js';
import { updateUser, type UpdateRefusal } from './update-user.js';

/** How many aliases one write may move before the conflict is answered. */
const ALIAS_MOVES = 2;

/** Whether a contested claim is an email or phone alias of the pool, the kind {@link updateMovingAliases} may move. @internal */
export function movableAlias(pool: UserPool, claim: ClaimTaken): 'email' | 'phone_number' | undefined {
  const kind = claimKindOf(pool, claim.claim);
  return (kind === 'email' || kind === 'phone_number') && pool.aliasAttributes.includes(kind) ? kind : undefined;
}

/**
 * {@link updateUser}, and with `force` an email or phone alias another user holds is moved to this user
 * (the previous owner's flag becomes `"false"`, with the clock's time as its `updatedAt`) and the write
 * retried, at most twice. Without `force`, or for any other claim, the `ClaimTaken` comes back for the
 * caller to map (`AliasExistsException` with the wording of its rule). With `consume`, every write
 * consumes that code (the store refuses the claim before it looks at the code, so nothing is used by
 * a refused write). A previous owner deleted or changed meanwhile is simply retried.
 *
 * @internal
 */
export function updateMovingAliases<E>(
  deps: Pick<Ports, 'users' | 'clock'>,
  pool: UserPool,
  user: User,
  change: (current: User) => Result<User, E>,
  force: boolean,
): Promise<Result<User, E | UpdateRefusal | PortError>>;
export function updateMovingAliases<E>(
  deps: Pick<Ports, 'users' | 'clock'>,
  pool: UserPool,
  user: User,
  change: (current: User) => Result<User, E>,
  force: boolean,
  consume: CodeConsumption,
): Promise<Result<User, E | UpdateRefusal | CodeNotConsumable | PortError>>;
export async function updateMovingAliases<E>(
  deps: Pick<Ports, 'users' | 'clock'>,
  pool: UserPool,
  user: User,
  change: (current: User) => Result<User, E>,
  force: boolean,
  consume?: CodeConsumption,
): Promise<Result<User, E | UpdateRefusal | CodeNotConsumable | PortError>> {
  for (let movesLeft = ALIAS_MOVES; ; movesLeft--) {
    const stored = consume === undefined ? await updateUser(deps, pool, user, change) : await updateUser(deps, pool, user, change, consume);
    if (stored.isOk() || !force || movesLeft === 0) return stored;
    const failure = stored.error;
    if (typeof failure !== 'object' || failure === null || !('kind' in failure) || failure.kind !== 'ClaimTaken') return stored;
    const kind = movableAlias(pool, failure);
    if (kind === undefined) return stored;
    const owner = await deps.users.findByClaim(pool.id, failure.claim);
    if (owner.isErr()) return err(fromPortFailure(owner.error));
    if (owner.value === undefined || owner.value.username === user.username) continue;
    // One write at the version just read: a failing store is answered; the owner gone or changed
    // meanwhile (a concurrent move, say) is retried, and once the moves are spent the conflict is
    // answered (losing a race for an alias is AliasExists, never an internal error).
    const previous = owner.value;
    const unverified: User = { ...previous, attributes: { ...previous.attributes, [`${kind}_verified`]: 'false' }, updatedAt: deps.clock.now() };
    const moved = await deps.users.update(unverified, loginClaimsOf(pool, unverified.username, unverified.attributes), previous.version);
    if (moved.isErr() && moved.error.kind === 'PortFailure') return err(fromPortFailure(moved.error));
  }
}

/**
 * D37, D46: the answer when verifying an attribute would take a claim another user holds:
 * `AliasExistsException` `An account with the <attribute> already exists.` (the attribute the claim is
 * for: `email`, `phone_number`, or `preferred_username`/`username` when the write contests one).
 *
 * @internal
 */
export function verificationConflict(pool: UserPool, claim: ClaimTaken): CognitoError<'AliasExistsException'> {
  const kind = claimKindOf(pool, claim.claim);
  return cognitoError('AliasExistsException', messages.aliasExistsAtVerification(kind === 'sub' ? 'username' : kind));
}
