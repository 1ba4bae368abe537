/**
 * What every trigger event of the recovery flow shares (R9.0.2, R9.0.3, R2.3): the version, the caller
 * context, the pool, the user's attributes and the caller's `ClientMetadata`.
 *
 * The event types are those of `@types/aws-lambda` (types only: nothing of it is imported at run time).
 *
 * @module
 */
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';

/** R9.0.2: the `version` of every event (a string, as the reference says). @group Triggers */
export const TRIGGER_EVENT_VERSION = '1';

/** R9.0.2: `callerContext.awsSdkVersion` of calls whose SDK is unknown, as Cognito sends it. @group Triggers */
export const CALLER_SDK_VERSION = 'aws-sdk-unknown-unknown';

/**
 * `callerContext.clientId` of events raised by administrator operations, which have no app client
 * (`AdminResetUserPassword`); the value Cognito sends for admin calls.
 *
 * @group Triggers
 */
export const ADMIN_CLIENT_ID = 'CLIENT_ID_NOT_APPLICABLE';

/** A string-to-string map, as trigger events carry attributes and client metadata. @group Triggers */
export type StringMap = Record<string, string>;

/**
 * The member of `E`, a union of `@types/aws-lambda` trigger events, whose `triggerSource` is
 * `<Trigger>_<Source>`.
 *
 * @example
 * ```ts
 * type SignUpMessage = TriggerSourceEvent<CustomMessageTriggerEvent, 'CustomMessage', 'SignUp'>; // CustomMessageSignUpTriggerEvent
 * ```
 * @group Triggers
 */
export type TriggerSourceEvent<E extends { triggerSource: string }, Trigger extends string, Source extends string> = Extract<
  E,
  { triggerSource: `${Trigger}_${Source}` }
>;

/**
 * Who raised an event: the pool (its id and region), the app client (or {@link ADMIN_CLIENT_ID}) and the
 * caller's `ClientMetadata`, passed through unchanged and never stored (R2.3).
 *
 * @group Triggers
 */
export interface TriggerCaller {
  /** The pool. */
  readonly pool: Pick<UserPool, 'id' | 'region'>;
  /** `callerContext.clientId`. */
  readonly clientId: string;
  /** The operation's `ClientMetadata`, if sent. */
  readonly clientMetadata?: Readonly<Record<string, string>> | undefined;
}

/** The fields every event shares. @internal */
export interface CommonFields<T extends string> {
  /** {@link TRIGGER_EVENT_VERSION}. */
  version: string;
  /** `<Trigger>_<Source>`. */
  triggerSource: T;
  /** The pool's region. */
  region: string;
  /** The pool. */
  userPoolId: string;
  /** The user (or the input, for a migration). */
  userName: string;
  /** The SDK and the app client. */
  callerContext: { awsSdkVersion: string; clientId: string };
}

/** R9.0.2: the fields every event shares. @internal */
export function commonFields<T extends string>(caller: TriggerCaller, triggerSource: T, userName: string): CommonFields<T> {
  return {
    version: TRIGGER_EVENT_VERSION,
    triggerSource,
    region: caller.pool.region,
    userPoolId: caller.pool.id,
    userName,
    callerContext: { awsSdkVersion: CALLER_SDK_VERSION, clientId: caller.clientId },
  };
}

/** R2.3: `clientMetadata` only when the caller sent it, as a copy of what it sent. @internal */
export function metadataOf(caller: TriggerCaller): { clientMetadata?: StringMap } {
  return caller.clientMetadata === undefined ? {} : { clientMetadata: { ...caller.clientMetadata } };
}

/** R9.0.3: the user's attributes as strings, `sub` included. @internal */
export function attributesOf(user: Pick<User, 'sub' | 'attributes'>): StringMap {
  return { ...user.attributes, sub: user.sub };
}

/** A JSON object (not `null`, not an array): what a function's output must be to be read. @internal */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
