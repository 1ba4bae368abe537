/**
 * An app client of a user pool.
 *
 * @module
 */

/** `PreventUserExistenceErrors` (R8.1). @group Model */
export type PreventUserExistenceErrors = 'LEGACY' | 'ENABLED';

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
  /** Epoch milliseconds. */
  readonly creationDate: number;
  /** Epoch milliseconds. */
  readonly lastModifiedDate: number;
}
