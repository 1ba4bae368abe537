// The types of soak-load.mjs, for packages/server/test/soak.test.ts (and the scripts' type check).
import type { Recovery } from '@cognito-recovery/core';

/** What the load saw. */
export interface SoakReport {
  readonly requests: number;
  readonly byStatus: Record<string, number>;
  readonly transportErrors: Record<string, number>;
  readonly perSecond: number;
}

/** One request body per operation of the mix. */
export type Mix = readonly (() => { readonly operation: string; readonly body: unknown })[];

/**
 * Creates the soak's pool on `recovery`, its app client and `users` users with a verified email;
 * returns the operation mix, whose usernames cycle over those users and `unknown` more that do not exist.
 */
export function seedSoak(recovery: Pick<Recovery, 'createUserPool' | 'createUserPoolClient' | 'adminCreateUser'>, users: number, unknown: number): Promise<Mix>;

/** Runs `connections` keep-alive loops against `port` for `durationMs`. */
export function runLoad(port: number, mix: Mix, connections: number, durationMs: number): Promise<SoakReport>;

/** Sends request headers one byte every `intervalMs`; resolves with what the server answered and when it hung up. */
export function slowloris(port: number, intervalMs: number): Promise<{ answer: string; closedAfterMs: number }>;

/** Sends a body of `bytes` (declared, or chunked when `declared` is false); resolves with the status line. */
export function oversized(port: number, bytes: number, declared: boolean): Promise<string>;
