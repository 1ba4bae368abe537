/**
 * The `PostConfirmation` trigger after a confirmation (R26.6, §9.4, D17).
 *
 * @module
 * @internal
 */
import { err, ok, type Result } from 'neverthrow';
import type { UserPool } from '../../model/user-pool.js';
import type { User } from '../../model/user.js';
import { postConfirmationEvent, type PostConfirmationSource } from '../../rules/triggers/post-confirmation.js';
import type { TriggerCaller } from '../../rules/triggers/common.js';
import type { RunTriggerError, TriggerRunner } from './run-trigger.js';

/**
 * Runs the pool's `PostConfirmation` trigger, if any, as `PostConfirmation_<source>` with the
 * confirmed user's attributes and `cognito:user_status` and the caller's `ClientMetadata`; its answer
 * is not read. Its failure is answered; what was confirmed stays.
 *
 * @internal
 */
export async function runPostConfirmation(
  runTrigger: TriggerRunner,
  pool: Pick<UserPool, 'id' | 'region' | 'limits' | 'lambdaConfig'>,
  caller: Omit<TriggerCaller, 'pool'>,
  user: Pick<User, 'username' | 'sub' | 'attributes' | 'status'>,
  source: PostConfirmationSource,
): Promise<Result<void, RunTriggerError>> {
  const postConfirmation = pool.lambdaConfig.postConfirmation;
  if (postConfirmation === undefined) return ok(undefined);
  const event = postConfirmationEvent({ pool, ...caller }, user, source);
  const ran = await runTrigger(pool, 'PostConfirmation', postConfirmation, event);
  return ran.isErr() ? err(ran.error) : ok(undefined);
}
