/**
 * Helpers of the sign-in tests: a harness whose client enables every flow, password and SRP sign-in
 * calls, and a tokens check.
 */
import { loginClaimsOf, type AppClient, type ExplicitAuthFlow, type UserPool, type UserStatus } from '@cognito-recovery/core';
import {
  aPool,
  srpChallengeResponses,
  srpClientStart,
  type SrpChallengeOptions,
  type SrpChallengeResponses,
  type UserBuilder,
} from '@cognito-recovery/core/testing';
import { expect } from 'vitest';
import { aHarness, must, type Harness } from './harness.js';

/** Every modern flow, as a client that signs in every way has them. */
export const ALL_FLOWS: readonly ExplicitAuthFlow[] = [
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

/** A harness over `pool` (default `emailFirst`) whose client enables {@link ALL_FLOWS}, with `users` stored (hash only, no SRP verifier). */
export async function signInHarness(options: { pool?: UserPool; client?: Partial<AppClient>; users?: readonly UserBuilder[] } = {}): Promise<Harness> {
  return aHarness({ pool: options.pool ?? aPool('emailFirst'), client: { explicitAuthFlows: ALL_FLOWS, ...options.client }, users: options.users ?? [] });
}

/** USER_PASSWORD_AUTH through InitiateAuth. */
export function passwordSignIn(h: Harness, username: string, password: string, extra: Readonly<Record<string, string>> = {}) {
  return h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: username, PASSWORD: password, ...extra } });
}

/** Gives a stored user its password through AdminSetUserPassword (hash and SRP verifier), keeping `status` when given. */
export async function withPassword(h: Harness, username: string, password: string, permanent = true): Promise<void> {
  await must(h.adminSetUserPassword({ UserPoolId: h.pool.id, Username: username, Password: password, Permanent: permanent }));
}

/**
 * The PASSWORD_VERIFIER ChallengeResponses to a USER_SRP_AUTH challenge whose `parameters` answer the
 * client's `{a, A}`, signed with `password` as `userIdForSrp` (default the challenge's USER_ID_FOR_SRP,
 * also sent as USERNAME) at `date` (default the harness clock's now).
 */
export function srpAnswer(
  h: Harness,
  client: { readonly a: bigint; readonly A: string },
  parameters: Readonly<Record<string, string>>,
  password: string,
  options: SrpChallengeOptions = {},
): SrpChallengeResponses {
  return srpChallengeResponses(h.pool.id, client, parameters, password, { userIdForSrp: options.userIdForSrp, date: options.date ?? new Date(h.clock.now()) });
}

/** USER_SRP_AUTH initiate, then the PASSWORD_VERIFIER answer computed with `password`. */
export async function srpSignIn(h: Harness, username: string, password: string, options: { readonly admin?: boolean } = {}) {
  const { a, A } = srpClientStart();
  const init = options.admin
    ? await h.adminInitiateAuth({
        UserPoolId: h.pool.id,
        ClientId: h.client.clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: username, SRP_A: A },
      })
    : await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: username, SRP_A: A } });
  const challenge = init._unsafeUnwrap();
  const ChallengeResponses = srpAnswer(h, { a, A }, challenge.ChallengeParameters, password);
  const respond = () =>
    options.admin
      ? h.adminRespondToAuthChallenge({ UserPoolId: h.pool.id, ClientId: h.client.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses })
      : h.respondToAuthChallenge({ ClientId: h.client.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses });
  return { challenge, ChallengeResponses, respond };
}

/** Asserts a final sign-in result: empty ChallengeParameters, Bearer tokens, no challenge. */
export function expectTokens(value: {
  ChallengeName?: string;
  ChallengeParameters: Readonly<Record<string, string>>;
  AuthenticationResult?: { TokenType: string; IdToken: string; AccessToken: string; RefreshToken?: string };
}): void {
  expect(value.ChallengeName).toBeUndefined();
  expect(value.ChallengeParameters).toEqual({});
  expect(value.AuthenticationResult?.TokenType).toBe('Bearer');
  expect(value.AuthenticationResult?.IdToken.split('.')).toHaveLength(3);
  expect(value.AuthenticationResult?.AccessToken.split('.')).toHaveLength(3);
  expect(value.AuthenticationResult?.RefreshToken).toBeTypeOf('string');
}

/** The claims of a JWS, unverified. */
export function claimsOf(token: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from((token ?? '').split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** Sets a stored user's status straight in the store (claims kept). */
export async function setStatus(h: Harness, username: string, status: UserStatus): Promise<void> {
  const user = await h.userNamed(username);
  if (user === undefined) throw new Error(`no user ${username}`);
  await must(h.bound.users.update({ ...user, status }, loginClaimsOf(h.pool, user.username, user.attributes), user.version));
}
