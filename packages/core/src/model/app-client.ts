/**
 * An app client of a user pool.
 *
 * @module
 */

/** `PreventUserExistenceErrors` (R8.1). @group Model */
export type PreventUserExistenceErrors = 'LEGACY' | 'ENABLED';

/** `ExplicitAuthFlowsType` (R16.3). @group Model */
export type ExplicitAuthFlow =
  | 'ALLOW_ADMIN_USER_PASSWORD_AUTH'
  | 'ALLOW_CUSTOM_AUTH'
  | 'ALLOW_USER_PASSWORD_AUTH'
  | 'ALLOW_USER_SRP_AUTH'
  | 'ALLOW_REFRESH_TOKEN_AUTH'
  | 'ALLOW_USER_AUTH'
  | 'ADMIN_NO_SRP_AUTH'
  | 'CUSTOM_AUTH_FLOW_ONLY'
  | 'USER_PASSWORD_AUTH';

/** A client's token lifetimes, in seconds (R21.8). @group Model */
export interface TokenValidity {
  /** Access token (default 3600). */
  readonly accessSeconds: number;
  /** ID token (default 3600). */
  readonly idSeconds: number;
  /** Refresh token (default 30 days). */
  readonly refreshSeconds: number;
}

/**
 * An app client.
 *
 * @group Model
 */
export interface AppClient {
  /** `ClientId`. */
  readonly clientId: string;
  /** `ClientName`. */
  readonly clientName: string;
  /** The pool it belongs to. */
  readonly userPoolId: string;
  /** `ClientSecret`, when generated (R2.5). */
  readonly clientSecret: string | undefined;
  /** R8.2: `LEGACY` when omitted through the API. */
  readonly preventUserExistenceErrors: PreventUserExistenceErrors;
  /**
   * `ExplicitAuthFlows` as stored and reported (R16.3, D23); `undefined` for clients stored before
   * sign-in existed, which behave as the default list.
   */
  readonly explicitAuthFlows?: readonly ExplicitAuthFlow[] | undefined;
  /** `ReadAttributes` (R21.6, R22.2); `undefined`: every attribute is readable. */
  readonly readAttributes?: readonly string[] | undefined;
  /** `WriteAttributes` (R23.3, D44); `undefined`: every attribute but `*_verified` is writable. */
  readonly writeAttributes?: readonly string[] | undefined;
  /** Token lifetimes in seconds, resolved from `*TokenValidity` and `TokenValidityUnits` (R21.8, D35). */
  readonly tokenValidity?: TokenValidity | undefined;
  /** `AuthSessionValidity` in minutes (R16.9, default 3). */
  readonly authSessionValidity?: number | undefined;
  /** `EnableTokenRevocation` (R22.5, D40; default true). */
  readonly enableTokenRevocation?: boolean | undefined;
  /** Epoch milliseconds. */
  readonly creationDate: number;
  /** Epoch milliseconds. */
  readonly lastModifiedDate: number;
}
