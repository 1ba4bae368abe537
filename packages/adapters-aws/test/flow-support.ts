import { loginClaimsOf, type User, type UserPool } from '@cognito-recovery/core';

export { createAwsRecovery, routingMessageSender } from '../src/index.js';

/** The claims the core gives a user of `pool`. */
export function loginClaims(pool: UserPool, user: User): string[] {
  return loginClaimsOf(pool, user.username, user.attributes);
}
