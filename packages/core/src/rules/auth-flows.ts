/**
 * Which `AuthFlow` an operation accepts and which ones an app client enables (§16, D22, D23), and
 * the parameters each flow needs (R16.8, D47).
 *
 * @module
 */
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, messages, type CognitoError } from '../errors.js';
import type { AppClient, ExplicitAuthFlow } from '../model/app-client.js';
import type { UserPool } from '../model/user-pool.js';
import type { Claim } from '../ports/user-store.js';
import { candidateClaims, claimOf } from './login-resolution.js';

/** `AuthFlowType` (R16.1). @group Rules */
export type AuthFlow =
  | 'USER_SRP_AUTH'
  | 'REFRESH_TOKEN_AUTH'
  | 'REFRESH_TOKEN'
  | 'CUSTOM_AUTH'
  | 'ADMIN_NO_SRP_AUTH'
  | 'USER_PASSWORD_AUTH'
  | 'ADMIN_USER_PASSWORD_AUTH'
  | 'USER_AUTH';

/** Every `AuthFlowType` value, in the model's order (R16.1). @group Rules */
export const AUTH_FLOWS: readonly AuthFlow[] = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
];

/** Every `ExplicitAuthFlowsType` value (R16.3), in the model's order. @group Rules */
export const EXPLICIT_AUTH_FLOWS: readonly ExplicitAuthFlow[] = [
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
];

/** D23: what a client created without `ExplicitAuthFlows` gets and reports (R16.4). @group Rules */
export const DEFAULT_EXPLICIT_AUTH_FLOWS: readonly ExplicitAuthFlow[] = Object.freeze(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH']);

/**
 * The kind of sign-in a flow starts: the password flows (`USER_PASSWORD_AUTH`,
 * `ADMIN_USER_PASSWORD_AUTH` / `ADMIN_NO_SRP_AUTH`), SRP, or refresh.
 *
 * @group Rules
 */
export type SignInKind = 'password' | 'srp' | 'refresh';

/** The operation that starts a sign-in. @group Rules */
export type InitiatingOperation = 'InitiateAuth' | 'AdminInitiateAuth';

/** The refusals of {@link gateAuthFlow}. @group Rules */
export type AuthFlowError = CognitoError<'InvalidParameterException' | 'UnsupportedOperationException'>;

const LEGACY_VALUES: ReadonlySet<ExplicitAuthFlow> = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);

/**
 * D23: checks an `ExplicitAuthFlows` list given to CreateUserPoolClient and answers the list stored:
 * absent → {@link DEFAULT_EXPLICIT_AUTH_FLOWS}; legacy and `ALLOW_*` values mixed →
 * `"ExplicitAuthFlows can not have both legacy and ALLOW_ prefixed values."`; an `ALLOW_*` list without
 * `ALLOW_REFRESH_TOKEN_AUTH` → `"REFRESH_TOKEN_AUTH should always be allowed."` (R16.5). Duplicates are
 * dropped, the order kept. An empty list is stored empty (refresh only, D23).
 *
 * @example
 * ```ts
 * explicitAuthFlowsOf(undefined); // ok(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'])
 * explicitAuthFlowsOf(['ALLOW_USER_PASSWORD_AUTH']); // err: REFRESH_TOKEN_AUTH should always be allowed.
 * ```
 * @group Rules
 */
export function explicitAuthFlowsOf(
  flows: readonly ExplicitAuthFlow[] | undefined,
): Result<readonly ExplicitAuthFlow[], CognitoError<'InvalidParameterException'>> {
  if (flows === undefined) return ok(DEFAULT_EXPLICIT_AUTH_FLOWS);
  const unique = [...new Set(flows)];
  const legacy = unique.some((f) => LEGACY_VALUES.has(f));
  const allow = unique.some((f) => !LEGACY_VALUES.has(f));
  if (legacy && allow) return err(cognitoError('InvalidParameterException', messages.authFlowsMixed));
  if (allow && !unique.includes('ALLOW_REFRESH_TOKEN_AUTH')) return err(cognitoError('InvalidParameterException', messages.refreshAlwaysAllowed));
  return ok(unique);
}

/** The flows a client's list enables (D23), as the `ALLOW_*` names of the modern values. */
function enabledFlows(client: Pick<AppClient, 'explicitAuthFlows'>): ReadonlySet<ExplicitAuthFlow> {
  const list = client.explicitAuthFlows ?? DEFAULT_EXPLICIT_AUTH_FLOWS;
  const legacy = list.length > 0 && list.every((f) => LEGACY_VALUES.has(f));
  if (!legacy) return new Set(list.length === 0 ? ['ALLOW_REFRESH_TOKEN_AUTH'] : list);
  // D23, legacy lists: refresh always; CUSTOM_AUTH_FLOW_ONLY is custom and refresh only; otherwise
  // SRP always, plus the password flows the list names.
  if (list.includes('CUSTOM_AUTH_FLOW_ONLY')) return new Set(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_CUSTOM_AUTH']);
  const enabled = new Set<ExplicitAuthFlow>(['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH']);
  if (list.includes('USER_PASSWORD_AUTH')) enabled.add('ALLOW_USER_PASSWORD_AUTH');
  if (list.includes('ADMIN_NO_SRP_AUTH')) enabled.add('ALLOW_ADMIN_USER_PASSWORD_AUTH');
  return enabled;
}

const invalid = (message: string): CognitoError<'InvalidParameterException'> => cognitoError('InvalidParameterException', message);

/**
 * D25 steps 3–4, D22: whether `operation` accepts `flow` (wrong operation →
 * `"Initiate Auth method not supported."`; `USER_AUTH` → `UnsupportedOperationException`), then
 * whether the client enables it (the per-flow messages of D22). Answers the kind of sign-in. A
 * `CUSTOM_AUTH` the client enables is `UnsupportedOperationException` (custom challenges are not
 * modelled).
 *
 * @example
 * ```ts
 * gateAuthFlow('InitiateAuth', 'USER_PASSWORD_AUTH', aClient()); // err: USER_PASSWORD_AUTH flow not enabled for this client
 * ```
 * @group Rules
 */
export function gateAuthFlow(operation: InitiatingOperation, flow: AuthFlow, client: Pick<AppClient, 'explicitAuthFlows'>): Result<SignInKind, AuthFlowError> {
  const admin = operation === 'AdminInitiateAuth';
  const enabled = enabledFlows(client);
  switch (flow) {
    case 'USER_AUTH':
      return err(cognitoError('UnsupportedOperationException', messages.userAuthUnsupported));
    case 'ADMIN_USER_PASSWORD_AUTH':
    case 'ADMIN_NO_SRP_AUTH':
      if (!admin) return err(invalid(messages.initiateAuthMethodNotSupported));
      return enabled.has('ALLOW_ADMIN_USER_PASSWORD_AUTH') ? ok('password') : err(invalid(messages.adminAuthFlowNotEnabled));
    case 'USER_PASSWORD_AUTH':
      if (admin) return err(invalid(messages.initiateAuthMethodNotSupported));
      return enabled.has('ALLOW_USER_PASSWORD_AUTH') ? ok('password') : err(invalid(messages.flowNotEnabled('USER_PASSWORD_AUTH')));
    case 'USER_SRP_AUTH':
      return enabled.has('ALLOW_USER_SRP_AUTH') ? ok('srp') : err(invalid(messages.srpNotEnabled));
    case 'REFRESH_TOKEN_AUTH':
    case 'REFRESH_TOKEN':
      return enabled.has('ALLOW_REFRESH_TOKEN_AUTH') ? ok('refresh') : err(invalid(messages.flowNotEnabled('REFRESH_TOKEN_AUTH')));
    case 'CUSTOM_AUTH':
      return enabled.has('ALLOW_CUSTOM_AUTH')
        ? err(cognitoError('UnsupportedOperationException', messages.customAuthUnsupported))
        : err(invalid(messages.flowNotEnabled('CUSTOM_AUTH')));
  }
}

/** D47: the parameters each kind of sign-in needs in `AuthParameters`, in the order they are reported. @group Rules */
export const REQUIRED_AUTH_PARAMETERS: Readonly<Record<SignInKind, readonly string[]>> = {
  password: ['USERNAME', 'PASSWORD'],
  srp: ['USERNAME', 'SRP_A'],
  refresh: ['REFRESH_TOKEN'],
};

/** D47: the challenge responses each answered challenge needs, in the order they are reported. @group Rules */
export const REQUIRED_CHALLENGE_RESPONSES = {
  NEW_PASSWORD_REQUIRED: ['USERNAME', 'NEW_PASSWORD'],
  PASSWORD_VERIFIER: ['USERNAME', 'PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

/**
 * D47, R16.8: the first of `names` that `parameters` lacks (absent or empty) as
 * `InvalidParameterException` `"Missing required parameter <NAME>"`; the present values otherwise.
 *
 * @example
 * ```ts
 * requireParameters({ USERNAME: '' }, ['USERNAME', 'PASSWORD']); // err: Missing required parameter USERNAME
 * ```
 * @group Rules
 */
export function requireParameters<const N extends string>(
  parameters: Readonly<Record<string, string>> | undefined,
  names: readonly N[],
): Result<Readonly<Record<N, string>>, CognitoError<'InvalidParameterException'>> {
  const values = {} as Record<N, string>;
  for (const name of names) {
    const value = parameters?.[name];
    if (value === undefined || value === '') return err(invalid(messages.missingParameter(name)));
    values[name] = value;
  }
  return ok(values);
}

/**
 * R15.5, D50: the claims a sign-in `USERNAME` is tried as: those of the recovery operations (username,
 * username attribute, verified alias; §3) but not `sub`. In username-attribute pools the opaque
 * username is still accepted (it is a username, even when it equals the sub).
 *
 * @example
 * ```ts
 * signInClaims(pool, 'sub-alice'); // ['u#sub-alice']: no 's#' claim
 * ```
 * @group Rules
 */
export function signInClaims(pool: Pick<UserPool, 'caseSensitive' | 'aliasAttributes' | 'usernameAttributes'>, input: string): Claim[] {
  const sub = claimOf(pool, 'sub', input);
  return candidateClaims(pool, input).filter((claim) => claim !== sub);
}
