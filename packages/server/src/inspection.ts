/**
 * The local inspection routes (`/_local/*`): what a test or a developer reads back from, and resets on,
 * a local server. Not a Cognito API: real Cognito has no outbox (D21).
 *
 * @module
 */

/**
 * What `POST /_local/reset?scope=…` clears:
 *
 * - `outbox`: the delivered messages (and a pending `failNext`);
 * - `limits`: the ForgotPassword request windows and the ConfirmForgotPassword attempt windows (D9);
 * - `codes`: every outstanding recovery code (also the hidden-name codes of simulated answers, §8);
 * - `all` (the default): all three. Pools, app clients and users stay; restart the server to get the
 *   configuration's users back as they were.
 *
 * @example
 * ```ts
 * await fetch(`${endpoint}/_local/reset?scope=limits`, { method: 'POST' }); // a sixth ForgotPassword is allowed again
 * ```
 * @group Server
 */
export type ResetScope = 'outbox' | 'limits' | 'codes' | 'all';

/**
 * Every {@link ResetScope}, `all` last.
 *
 * @example
 * ```ts
 * RESET_SCOPES.includes('codes'); // true
 * ```
 * @group Server
 */
export const RESET_SCOPES: readonly ResetScope[] = ['outbox', 'limits', 'codes', 'all'];

/**
 * The server's clock as `GET /_local/clock` shows it and `POST /_local/clock` moves it.
 *
 * @example
 * ```ts
 * const clock: InspectionClock = { mode: 'manual', now: () => manual.now(), advanceBy: (ms) => manual.advanceBy(ms), set: (ms) => { manual.set(ms); } };
 * ```
 * @group Server
 */
export interface InspectionClock {
  /** `manual`: time moves only through `POST /_local/clock`; `real`: it follows the system time. */
  readonly mode: 'real' | 'manual';
  /** The current time, epoch milliseconds. */
  now(): number;
  /** Moves the clock forward by `ms` (only called when `mode` is `manual`). */
  advanceBy(ms: number): void;
  /** Sets the clock to `ms` epoch milliseconds (only called when `mode` is `manual`). */
  set(ms: number): void;
}

/**
 * One user as the console lists it.
 *
 * @group Server
 */
export interface UserView {
  /** The canonical username. */
  readonly username: string;
  /** `UserStatus`. */
  readonly status: string;
  /** `Enabled`. */
  readonly enabled: boolean;
  /** Every attribute but `sub`, with whether it is verified (`email_verified`, `phone_number_verified`). */
  readonly attributes: readonly { readonly name: string; readonly value: string; readonly verified?: boolean | undefined }[];
}

/**
 * One app client as the banner and the console show it. `secret` is shown on purpose: it comes from a
 * local configuration (or was generated for it) and is needed to compute a `SecretHash`.
 *
 * @group Server
 */
export interface ClientView {
  /** `ClientId`. */
  readonly id: string;
  /** `ClientName`. */
  readonly name: string;
  /** `ClientSecret`, when the client has one. */
  readonly secret: string | undefined;
  /** `PreventUserExistenceErrors`. */
  readonly preventUserExistenceErrors: string;
}

/**
 * One pool as the banner and the console show it.
 *
 * @group Server
 */
export interface PoolView {
  /** `Id`, e.g. `us-east-1_Example1`. */
  readonly id: string;
  /** `PoolName`. */
  readonly name: string;
  /** Its app clients, oldest first. */
  readonly clients: readonly ClientView[];
  /** Its users, in username order. */
  readonly users: readonly UserView[];
}

/**
 * What the local server holds, for the start banner and the console page (`GET /_local/directory`).
 *
 * @example
 * ```ts
 * const { pools } = await memoryInspection(recovery).directory?.() ?? { pools: [] };
 * for (const pool of pools) console.log(pool.id, pool.clients.map((c) => c.id));
 * ```
 * @group Server
 */
export interface DirectoryView {
  /** Every pool, oldest first. */
  readonly pools: readonly PoolView[];
}

/**
 * What the `/_local/*` routes read, reset and move; usually {@link memoryInspection} of the memory
 * adapters. Only `messages` and `clear` are required: without `reset`, `POST /_local/reset` clears the
 * outbox (scopes `outbox` and `all`) and refuses the others; without `clock`, the clock routes answer
 * that there is none; without `directory`, the console lists no pools.
 *
 * @example
 * ```ts
 * const inspection: Inspection = { messages: () => outbox.messages(), clear: () => { outbox.clear(); } };
 * ```
 * @group Server
 */
export interface Inspection {
  /** Every message delivered so far, oldest first (served by `GET /_local/outbox`). */
  messages(): readonly unknown[];
  /** Forgets every recorded message. */
  clear(): void;
  /** Clears what the scope names (`POST /_local/reset`); a promise when the state is in a database. */
  reset?(scope: ResetScope): void | Promise<void>;
  /** The clock, for `GET`/`POST /_local/clock`. */
  readonly clock?: InspectionClock | undefined;
  /** Pools, app clients and users, for the banner and `GET /_local/`. */
  directory?(): Promise<DirectoryView>;
}
