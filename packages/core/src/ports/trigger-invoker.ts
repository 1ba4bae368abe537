import type { ResultAsync } from 'neverthrow';

/**
 * The trigger names of this flow, as they appear in error messages (D16).
 *
 * @group Ports
 */
export type TriggerName =
  | 'CustomMessage'
  | 'UserMigration'
  | 'CustomEmailSender'
  | 'CustomSMSSender'
  | 'PostConfirmation'
  | 'PreSignUp'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'PreTokenGeneration';

/**
 * Why a trigger produced no usable answer: the function threw (`FunctionError`), could not be invoked
 * (`InvocationFailed`) or did not answer in time (`Timeout`).
 *
 * @group Ports
 */
export type TriggerFailure =
  { readonly kind: 'FunctionError'; readonly message: string } | { readonly kind: 'InvocationFailed'; readonly reason: string } | { readonly kind: 'Timeout' };

/**
 * A request to run one trigger.
 *
 * @group Ports
 */
export interface TriggerInvocation {
  /** The pool. */
  readonly userPoolId: string;
  /** Which trigger. */
  readonly trigger: TriggerName;
  /** The function reference configured in the pool's `LambdaConfig`. */
  readonly functionRef: string;
  /** The event (§9). */
  readonly event: unknown;
  /** Milliseconds before `Timeout`. */
  readonly timeoutMs: number;
}

/**
 * Runs a configured Lambda trigger. Its contract (`describeTriggerInvokerContract`): the function runs
 * with (a copy of) the event and its output is the answer; a function that throws is a
 * `FunctionError` with the error's message; one that does not answer within `timeoutMs` is a
 * `Timeout`, answered by then; an unknown function or any failure to invoke is an `InvocationFailed`
 * whose reason names no secret (the AWS invoker gives the exception name only). `invoke` never
 * throws and never rejects: every outcome resolves to a Result.
 *
 * @group Ports
 */
export interface TriggerInvoker {
  /** Invokes the function and returns what it returned (unvalidated). */
  invoke(invocation: TriggerInvocation): ResultAsync<unknown, TriggerFailure>;
}
