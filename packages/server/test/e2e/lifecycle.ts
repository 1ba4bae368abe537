/**
 * Shared set-up of the lifecycle end-to-end tests (`*.e2e.test.ts` in this folder and
 * `../browser/amplify-lifecycle.e2e.test.ts`): a local endpoint on a free loopback port serving a real
 * memory recovery with a cheap password hash, one pool created over the wire the way an app's
 * infrastructure would create it (email auto-verified, so SignUp sends a code and ConfirmSignUp makes
 * the email a recovery channel), one app client whose `ExplicitAuthFlows` allow every flow these
 * tests drive (the default list is SRP + refresh + custom only, D23), and the endpoint's helpers
 * (users created by an administrator, codes read from `/_local/outbox`, SDK sign-ins, SRP answers),
 * with ID and access tokens verified with `aws-jwt-verify` against the JWKS the endpoint serves.
 */
import {
  AdminCreateUserCommand,
  AdminResetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  type ExplicitAuthFlowsType,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { srpChallengeResponses, type SrpChallengeResponses } from '@cognito-recovery/core/testing';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { RunningServer } from '../../src/start-server.js';
import { startServer } from '../../src/start-server.js';
import { wellKnownOf } from '../../src/well-known.js';
import { fetchOutbox, realComposition, sdkClient, verifiedEmail, type RealComposition } from '../support.js';

/** The flows the lifecycle client allows (D23: refresh must be listed with the `ALLOW_*` values). */
export const LIFECYCLE_AUTH_FLOWS: ExplicitAuthFlowsType[] = [
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
];

/** Passwords of the lifecycle: each satisfies the default policy (8+, upper, lower, digit, symbol). */
export const PASSWORDS = {
  temporary: 'Temp-Passw0rd!',
  first: 'First-Passw0rd!',
  reset: 'Reset-Passw0rd!',
  again: 'Again-Passw0rd!',
} as const;

/** A running endpoint with the lifecycle pool and client. */
export interface LifecycleEndpoint {
  readonly composition: RealComposition;
  readonly server: RunningServer;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly poolId: string;
  readonly clientId: string;
  /** An AWS SDK v3 client of the endpoint (dummy credentials, one attempt). */
  readonly sdk: CognitoIdentityProviderClient;
  /** Every log line of the endpoint (`POST <Operation> <status> …`). */
  readonly log: string[];
  /** AdminCreateUser with a verified email and a temporary password, no invitation (the user is `FORCE_CHANGE_PASSWORD`). */
  adminCreateUser(username: string, email: string): Promise<void>;
  /** AdminResetUserPassword (the user becomes `RESET_REQUIRED`). */
  adminResetUserPassword(username: string): Promise<void>;
  /** How many messages the outbox holds for `username` (to tell a new code from an old one). */
  messageCount(username: string): Promise<number>;
  /**
   * The code of the newest message to `username`, read over HTTP from `/_local/outbox`; `after` = the
   * count of messages before the call that sent it (fails when no new message arrived).
   */
  latestCode(username: string, after: number): Promise<{ code: string; destination: string }>;
  /** USER_PASSWORD_AUTH through the SDK v3 (to check which password a user has, independently of the client under test). */
  passwordSignIn(username: string, password: string): Promise<InitiateAuthCommandOutput>;
  /**
   * The PASSWORD_VERIFIER ChallengeResponses (R18.10) to a USER_SRP_AUTH challenge whose `parameters`
   * answer the client's `{a, A}`: the proof over USER_ID_FOR_SRP (also sent as USERNAME) with `password`,
   * timed now by the wall clock.
   */
  passwordVerifierResponses(
    client: { readonly a: bigint; readonly A: string },
    parameters: Readonly<Record<string, string>>,
    password: string,
  ): SrpChallengeResponses;
  close(): Promise<void>;
}

/** Options of {@link startLifecycleEndpoint}. */
export interface LifecycleEndpointOptions {
  /** CORS origins of the endpoint (default: the server's, `http://localhost:*` and `http://127.0.0.1:*`). */
  readonly corsOrigins?: readonly string[];
}

/** Starts the endpoint and creates the pool and client over the wire. */
export async function startLifecycleEndpoint(options: LifecycleEndpointOptions = {}): Promise<LifecycleEndpoint> {
  const composition = realComposition();
  const log: string[] = [];
  const server = await startServer({
    port: 0,
    operations: composition.operations,
    inspection: composition.inspection,
    // D48: /<poolId>/.well-known/jwks.json and openid-configuration, tokens with Cognito's own issuer.
    wellKnown: wellKnownOf(composition.memory.ports),
    logger: (line) => log.push(line),
    ...(options.corsOrigins === undefined ? {} : { corsOrigins: options.corsOrigins }),
  });
  const sdk = sdkClient(server.url);
  try {
    const pool = await sdk.send(new CreateUserPoolCommand({ PoolName: 'lifecycle', AutoVerifiedAttributes: ['email'] }));
    const poolId = pool.UserPool?.Id ?? '';
    const client = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'lifecycle-app',
        ExplicitAuthFlows: LIFECYCLE_AUTH_FLOWS,
      }),
    );
    const clientId = client.UserPoolClient?.ClientId ?? '';
    const url = server.url;
    const messagesTo = async (username: string) => (await fetchOutbox(url)).filter((m) => m.userPoolId === poolId && m.username === username);
    return {
      composition,
      server,
      url,
      poolId,
      clientId,
      sdk,
      log,
      adminCreateUser: async (username, email) => {
        await sdk.send(
          new AdminCreateUserCommand({
            UserPoolId: poolId,
            Username: username,
            TemporaryPassword: PASSWORDS.temporary,
            MessageAction: 'SUPPRESS',
            UserAttributes: verifiedEmail(email),
          }),
        );
      },
      adminResetUserPassword: async (username) => {
        await sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: username }));
      },
      messageCount: async (username) => (await messagesTo(username)).length,
      latestCode: async (username, after) => {
        const messages = await messagesTo(username);
        const last = messages.at(-1);
        if (messages.length <= after || last === undefined) {
          throw new Error(`no new message to ${username} in the outbox (${messages.length} in all, ${after} before)`);
        }
        return { code: last.code, destination: last.destination };
      },
      passwordSignIn: (username, password) =>
        sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, PASSWORD: password } })),
      passwordVerifierResponses: (srpClient, parameters, password) => srpChallengeResponses(poolId, srpClient, parameters, password),
      close: async () => {
        sdk.destroy();
        await server.close();
      },
    };
  } catch (error) {
    sdk.destroy();
    await server.close();
    throw error;
  }
}

/** The endpoint's JWKS for the pool (D48), as an app that fetches it from the emulator would. */
export async function fetchJwks(endpoint: string, poolId: string): Promise<{ keys: Record<string, unknown>[] }> {
  const res = await fetch(`${endpoint}/${poolId}/.well-known/jwks.json`);
  if (res.status !== 200) throw new Error(`GET /${poolId}/.well-known/jwks.json answered ${res.status}`);
  return (await res.json()) as { keys: Record<string, unknown>[] };
}

/** The payloads of an ID and an access token that passed aws-jwt-verify. */
export interface VerifiedTokens {
  readonly id: JwtPayload;
  readonly access: JwtPayload;
}

/**
 * R21.11 R21.4 R21.6 R21.7 D34 D35: verifies both tokens with aws-jwt-verify's `CognitoJwtVerifier`
 * for this pool and client (default issuer, Cognito's own `https://cognito-idp.<region>.amazonaws.com/<poolId>`),
 * with the JWKS fetched from the local endpoint put in its cache (so it never goes to AWS).
 */
export async function verifyTokens(
  endpoint: { readonly url: string; readonly poolId: string; readonly clientId: string },
  tokens: { readonly idToken: string; readonly accessToken: string },
): Promise<VerifiedTokens> {
  const jwks = (await fetchJwks(endpoint.url, endpoint.poolId)) as unknown as Jwks;
  const idVerifier = CognitoJwtVerifier.create({ userPoolId: endpoint.poolId, tokenUse: 'id', clientId: endpoint.clientId });
  const accessVerifier = CognitoJwtVerifier.create({ userPoolId: endpoint.poolId, tokenUse: 'access', clientId: endpoint.clientId });
  idVerifier.cacheJwks(jwks);
  accessVerifier.cacheJwks(jwks);
  const id = await idVerifier.verify(tokens.idToken);
  const access = await accessVerifier.verify(tokens.accessToken);
  return { id, access };
}

/** The outcome of a call that may fail, as `{ name, message }` for a service error. */
export async function outcome(call: Promise<unknown>): Promise<{ readonly name: string; readonly message: string } | 'ok'> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown };
    return { name: String(e.name), message: String(e.message) };
  }
}

/** The expected claims shared by both tokens of one user of the lifecycle pool (R21.5–R21.7, D35). */
export function expectedClaims(endpoint: LifecycleEndpoint | { poolId: string; clientId: string }, username: string, email: string) {
  const iss = `https://cognito-idp.us-east-1.amazonaws.com/${endpoint.poolId}`;
  return {
    id: { iss, aud: endpoint.clientId, token_use: 'id', 'cognito:username': username, email, email_verified: true },
    access: { iss, client_id: endpoint.clientId, token_use: 'access', username, scope: 'aws.cognito.signin.user.admin' },
  };
}
