/**
 * The client side of `USER_SRP_AUTH` (§18) for tests and flow suites: what
 * `amazon-cognito-identity-js` and Amplify compute, without a browser library. Start with
 * {@link srpClientStart} (send `A` as `AuthParameters.SRP_A`), answer the `PASSWORD_VERIFIER`
 * challenge with {@link srpClientRespond}.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { RandomSource } from '../ports/random-source.js';
import { SRP_K, SRP_MONTHS, SRP_N, SRP_WEEKDAYS, bigToBytes, bytesToBig, hex, powG, srpClaimSignature, srpHkdf, srpModPow, srpU, srpX } from '../rules/srp.js';

/** Two digits, zero-padded. */
const two = (n: number): string => String(n).padStart(2, '0');

/**
 * R18.9: `date` as a TIMESTAMP, `EEE MMM d HH:mm:ss 'UTC' yyyy` in UTC with English names and the day
 * of month not padded (what `DateHelper.getNowString` of amazon-cognito-identity-js sends).
 *
 * @example
 * ```ts
 * srpTimestamp(new Date(Date.UTC(2026, 7, 1, 9, 5, 7))); // 'Sat Aug 1 09:05:07 UTC 2026'
 * ```
 */
export function srpTimestamp(date: Date): string {
  const weekday = SRP_WEEKDAYS[date.getUTCDay()] ?? '';
  const month = SRP_MONTHS[date.getUTCMonth()] ?? '';
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  return `${weekday} ${month} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}

/** The client's secret `a` and its public `A = hex(g^a mod N)` (R18.3). */
export interface SrpClientStart {
  /** The secret exponent: 128 random bytes as a positive integer. Pass it to {@link srpClientRespond}. */
  readonly a: bigint;
  /** `hex(g^a mod N)`, lowercase, not padded: `AuthParameters.SRP_A`. */
  readonly A: string;
}

/**
 * R18.3: draws `a` (128 bytes, from `random` or else `crypto.randomBytes`) and computes `SRP_A`.
 *
 * @example
 * ```ts
 * const { a, A } = srpClientStart();
 * const init = await recovery.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId, AuthParameters: { USERNAME: 'alice', SRP_A: A } });
 * ```
 */
export function srpClientStart(random?: RandomSource): SrpClientStart {
  for (;;) {
    const bytes = random === undefined ? randomBytes(128) : random.bytes(128);
    const A = powG(bytes);
    if (A % SRP_N !== 0n) return { a: bytesToBig(bytes), A: hex(A) };
  }
}

/** What {@link srpClientRespond} needs: the challenge parameters as received, and the password. */
export interface SrpClientRespondInput {
  /** The pool id (its part after `_` is the SRP pool name, R18.2). */
  readonly userPoolId: string;
  /** `ChallengeParameters.USER_ID_FOR_SRP` (the canonical username, not the typed input). */
  readonly userIdForSrp: string;
  /** The password the user typed. */
  readonly password: string;
  /** `a` from {@link srpClientStart}. */
  readonly a: bigint;
  /** `SRP_A` from {@link srpClientStart}; recomputed from `a` when omitted (one exponentiation). */
  readonly A?: string | undefined;
  /** `ChallengeParameters.SRP_B` (hex). */
  readonly SRP_B: string;
  /** `ChallengeParameters.SALT` (hex). */
  readonly SALT: string;
  /** `ChallengeParameters.SECRET_BLOCK` (base64), signed and sent back unchanged. */
  readonly SECRET_BLOCK: string;
  /** The client's clock for TIMESTAMP; now when omitted. */
  readonly date?: Date | undefined;
}

/** The computed `ChallengeResponses` of a `PASSWORD_VERIFIER` answer (R18.10). */
export interface SrpClientResponse {
  /** R18.9, from `date`. */
  readonly TIMESTAMP: string;
  /** R18.10: base64 of the HMAC under the client's key `K`. */
  readonly PASSWORD_CLAIM_SIGNATURE: string;
}

/**
 * R18.6–R18.10, the client side: `x` from the salt and password, `u = H(padHex(A) || padHex(B))`,
 * `S = (B − k·g^x)^(a + u·x) mod N`, `K` by HKDF, and the claim signature over
 * `poolName ‖ USER_ID_FOR_SRP ‖ SECRET_BLOCK ‖ TIMESTAMP`. Send it with `USERNAME = USER_ID_FOR_SRP`
 * and `PASSWORD_CLAIM_SECRET_BLOCK = SECRET_BLOCK`. Throws, as the client libraries do, when
 * `B mod N = 0` or `u = 0` (a broken server).
 *
 * @example
 * ```ts
 * const p = init.value.ChallengeParameters;
 * const { TIMESTAMP, PASSWORD_CLAIM_SIGNATURE } = srpClientRespond({ userPoolId, userIdForSrp: p.USER_ID_FOR_SRP, password, a, A,
 *   SRP_B: p.SRP_B, SALT: p.SALT, SECRET_BLOCK: p.SECRET_BLOCK });
 * ```
 */
export function srpClientRespond(input: SrpClientRespondInput): SrpClientResponse {
  const { userPoolId, userIdForSrp, password, a, SRP_B, SALT, SECRET_BLOCK } = input;
  const B = BigInt(`0x${SRP_B}`);
  if (B % SRP_N === 0n) throw new Error('B cannot be zero.');
  const A = input.A === undefined ? powG(bigToBytes(a)) : BigInt(`0x${input.A}`);
  const u = srpU(A, B);
  if (u === 0n) throw new Error('U cannot be zero.');
  const xBytes = srpX(userPoolId, userIdForSrp, password, SALT);
  const x = bytesToBig(xBytes);
  const base = (((B - SRP_K * powG(xBytes)) % SRP_N) + SRP_N) % SRP_N;
  const S = srpModPow(base, bigToBytes(a + u * x));
  const K = srpHkdf(u, S);
  const TIMESTAMP = srpTimestamp(input.date ?? new Date());
  return { TIMESTAMP, PASSWORD_CLAIM_SIGNATURE: srpClaimSignature(K, userPoolId, userIdForSrp, SECRET_BLOCK, TIMESTAMP) };
}

/**
 * The `PASSWORD_VERIFIER` `ChallengeResponses` (R18.10): `USERNAME` is the USER_ID_FOR_SRP signed,
 * `PASSWORD_CLAIM_SECRET_BLOCK` the challenge's SECRET_BLOCK sent back, then {@link SrpClientResponse}.
 */
export type SrpChallengeResponses = Readonly<Record<'USERNAME' | 'PASSWORD_CLAIM_SECRET_BLOCK' | keyof SrpClientResponse, string>>;

/** The optional inputs of {@link srpChallengeResponses}. */
export interface SrpChallengeOptions {
  /** The USER_ID_FOR_SRP to sign and send as USERNAME (default the challenge's `USER_ID_FOR_SRP`). */
  readonly userIdForSrp?: string | undefined;
  /** The client's clock for TIMESTAMP; now when omitted. */
  readonly date?: Date | undefined;
}

/**
 * R18.6–R18.10: answers a `USER_SRP_AUTH` challenge whose `parameters` (`ChallengeParameters`, a
 * missing one read as empty) answer the client's `{a, A}` from {@link srpClientStart}, with `password`:
 * the whole `ChallengeResponses` of `RespondToAuthChallenge` `PASSWORD_VERIFIER`.
 *
 * @example
 * ```ts
 * const client = srpClientStart();
 * const init = await recovery.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId, AuthParameters: { USERNAME: 'alice', SRP_A: client.A } });
 * const ChallengeResponses = srpChallengeResponses(userPoolId, client, init._unsafeUnwrap().ChallengeParameters, password);
 * await recovery.respondToAuthChallenge({ ClientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses });
 * ```
 */
export function srpChallengeResponses(
  userPoolId: string,
  client: SrpClientStart,
  parameters: Readonly<Record<string, string>>,
  password: string,
  options: SrpChallengeOptions = {},
): SrpChallengeResponses {
  const userIdForSrp = options.userIdForSrp ?? parameters['USER_ID_FOR_SRP'] ?? '';
  const secretBlock = parameters['SECRET_BLOCK'] ?? '';
  const answer = srpClientRespond({
    userPoolId,
    userIdForSrp,
    password,
    a: client.a,
    A: client.A,
    SRP_B: parameters['SRP_B'] ?? '',
    SALT: parameters['SALT'] ?? '',
    SECRET_BLOCK: secretBlock,
    date: options.date,
  });
  return { USERNAME: userIdForSrp, PASSWORD_CLAIM_SECRET_BLOCK: secretBlock, ...answer };
}
