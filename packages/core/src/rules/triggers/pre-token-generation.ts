/**
 * Pre token generation, V1 (R26.9): the `TokenGeneration_<source>` event and what its
 * `claimsOverrideDetails` answer may change in the tokens.
 *
 * @module
 */
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { err, ok, type Result } from 'neverthrow';
import type { CognitoError } from '../../errors.js';
import type { User } from '../../model/user.js';
import type { JwtClaims } from '../../ports/token-signer.js';
import { recordAt } from './answers.js';
import { attributesOf, commonFields, isRecord, metadataOf, type TriggerCaller } from './common.js';
import { unrecognizableOutput } from './failures.js';

/** The trigger sources this model raises (R26.1, R26.9). @group Triggers */
export type TokenGenerationSource = 'TokenGeneration_Authentication' | 'TokenGeneration_NewPasswordChallenge' | 'TokenGeneration_RefreshTokens';

/** The V1 pre token generation event (R26.9). @group Triggers */
export type PreTokenGenerationEvent = PreTokenGenerationTriggerEvent;

/**
 * R26.9: the claims a trigger can neither add, override nor suppress; the group claims, changed only
 * through `groupOverrideDetails`, are kept out of the other two lists as well.
 *
 * @group Triggers
 */
export const PROTECTED_CLAIMS: ReadonlySet<string> = new Set([
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'cognito:username',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'sub',
  'token_use',
  'cognito:groups',
  'cognito:roles',
  'cognito:preferred_role',
  'event_id',
]);

/**
 * What a V1 answer changes (R26.9): claims added to or replaced in the ID token, claims removed from
 * it, and the groups of both tokens.
 *
 * @group Triggers
 */
export interface ClaimsOverride {
  /** `claimsToAddOrOverride`, protected claims left out. */
  readonly claimsToAddOrOverride: Readonly<Record<string, string | number | boolean>>;
  /** `claimsToSuppress`, protected claims left out. */
  readonly claimsToSuppress: readonly string[];
  /** `groupOverrideDetails`, when the answer has one. */
  readonly groupOverride?:
    | {
        readonly groupsToOverride?: readonly string[] | undefined;
        readonly iamRolesToOverride?: readonly string[] | undefined;
        readonly preferredRole?: string | undefined;
      }
    | undefined;
}

/** No change: what a function that answers no `claimsOverrideDetails` leaves. @group Triggers */
export const NO_CLAIMS_OVERRIDE: ClaimsOverride = Object.freeze({ claimsToAddOrOverride: {}, claimsToSuppress: [] });

/**
 * The V1 event (R26.9): the user's attributes (`sub` and `cognito:user_status` included, R26.2), an
 * empty `groupConfiguration` (the model has no groups), the caller's `ClientMetadata` when sent, and an
 * empty answer.
 *
 * @example
 * ```ts
 * preTokenGenerationEvent({ pool, clientId, clientMetadata }, user, 'TokenGeneration_Authentication').triggerSource;
 * ```
 * @group Triggers
 */
export function preTokenGenerationEvent(
  caller: TriggerCaller,
  user: Pick<User, 'username' | 'sub' | 'attributes' | 'status'>,
  source: TokenGenerationSource,
): PreTokenGenerationEvent {
  return {
    ...commonFields(caller, source, user.username),
    request: {
      userAttributes: { ...attributesOf(user), 'cognito:user_status': user.status },
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
      ...metadataOf(caller),
    },
    response: { claimsOverrideDetails: {} },
  };
}

const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Where a pre token generation function's output holds its claims override. */
const CLAIMS_OVERRIDE_PATH = ['response', 'claimsOverrideDetails'] as const;

/**
 * Reads a function's answer (R26.9): `response.claimsOverrideDetails` absent or `null` changes nothing;
 * a malformed one (claims other than strings, numbers or booleans, a suppression list that is not
 * strings, group details of the wrong types) is `InvalidLambdaResponseException` `"Unrecognizable
 * lambda output"`. Protected claims are dropped from both lists: they stay as issued.
 *
 * @group Triggers
 */
export function readClaimsOverride(output: unknown): Result<ClaimsOverride, CognitoError<'InvalidLambdaResponseException'>> {
  if (!isRecord(output)) return err(unrecognizableOutput());
  const found = recordAt(output, CLAIMS_OVERRIDE_PATH);
  if (found.isErr()) return err(found.error);
  const details = found.value;
  if (details === undefined) return ok(NO_CLAIMS_OVERRIDE);

  const add: Record<string, string | number | boolean> = {};
  const rawAdd = details['claimsToAddOrOverride'];
  if (rawAdd !== undefined && rawAdd !== null) {
    if (!isRecord(rawAdd)) return err(unrecognizableOutput());
    for (const [name, value] of Object.entries(rawAdd)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return err(unrecognizableOutput());
      if (!PROTECTED_CLAIMS.has(name)) add[name] = value;
    }
  }
  const rawSuppress = details['claimsToSuppress'];
  if (rawSuppress !== undefined && rawSuppress !== null && !isStringArray(rawSuppress)) return err(unrecognizableOutput());
  const suppress = (rawSuppress ?? []).filter((name) => !PROTECTED_CLAIMS.has(name));

  const rawGroups = details['groupOverrideDetails'];
  if (rawGroups === undefined || rawGroups === null) return ok({ claimsToAddOrOverride: add, claimsToSuppress: suppress });
  if (!isRecord(rawGroups)) return err(unrecognizableOutput());
  const { groupsToOverride, iamRolesToOverride, preferredRole } = rawGroups;
  const optionalList = (value: unknown): boolean => value === undefined || value === null || isStringArray(value);
  if (!optionalList(groupsToOverride) || !optionalList(iamRolesToOverride)) return err(unrecognizableOutput());
  if (preferredRole !== undefined && preferredRole !== null && typeof preferredRole !== 'string') return err(unrecognizableOutput());
  return ok({
    claimsToAddOrOverride: add,
    claimsToSuppress: suppress,
    groupOverride: {
      groupsToOverride: isStringArray(groupsToOverride) ? groupsToOverride : undefined,
      iamRolesToOverride: isStringArray(iamRolesToOverride) ? iamRolesToOverride : undefined,
      preferredRole: typeof preferredRole === 'string' ? preferredRole : undefined,
    },
  });
}

/**
 * Applies an answer to the ID token's claims (V1 changes the ID token only, R26.9): suppressions, then
 * additions and overrides, then `cognito:roles` / `cognito:preferred_role` from the group details.
 * (`cognito:groups` of both tokens is set by the caller from {@link ClaimsOverride.groupOverride}.)
 *
 * @group Triggers
 */
export function applyIdTokenOverride(claims: JwtClaims, override: ClaimsOverride): JwtClaims {
  const suppressed = new Set(override.claimsToSuppress);
  const next: Record<string, unknown> = Object.fromEntries(Object.entries(claims).filter(([name]) => !suppressed.has(name)));
  Object.assign(next, override.claimsToAddOrOverride);
  const roles = override.groupOverride?.iamRolesToOverride;
  if (roles !== undefined && roles.length > 0) next['cognito:roles'] = [...roles];
  const preferred = override.groupOverride?.preferredRole;
  if (preferred !== undefined) next['cognito:preferred_role'] = preferred;
  return next;
}
