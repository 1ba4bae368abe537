/**
 * Shared setup of the trigger tests: memory ports with a fixed code key and code-encryption key, one
 * pool and client, alice, and the use cases bound with trigger options.
 */
import { buildClient, CommitmentPolicy } from '@aws-crypto/client-node';
import { claimOf, loginClaimsOf, type AppClient, type Ports, type TriggerOptions, type User, type UserPool } from '@cognito-recovery/core';
import { adminResetUserPassword } from '../../core/src/use-cases/admin-reset-user-password.js';
import { confirmForgotPassword } from '../../core/src/use-cases/confirm-forgot-password.js';
import { forgotPassword } from '../../core/src/use-cases/forgot-password.js';
import { verifyUserPassword } from '../../core/src/use-cases/verify-user-password.js';
import { createMemoryPorts, type MemoryPorts } from '../src/create-memory-recovery.js';
import { rawAesKeyring } from '../src/raw-aes-code-encryptor.js';
import { aClient, aPool, CODE_KEY, type PoolOverrides, type UserBuilder } from './builders.js';

/** Function references of the triggers, as a pool's LambdaConfig holds them. */
export const FN = {
  customMessage: 'arn:aws:lambda:us-east-1:123456789012:function:custom-message',
  userMigration: 'arn:aws:lambda:us-east-1:123456789012:function:user-migration',
  customEmailSender: 'arn:aws:lambda:us-east-1:123456789012:function:custom-email-sender',
  customSmsSender: 'arn:aws:lambda:us-east-1:123456789012:function:custom-sms-sender',
  postConfirmation: 'arn:aws:lambda:us-east-1:123456789012:function:post-confirmation',
  kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
} as const;

/** The AES key the tests own, which encrypts codes for the custom senders. */
export const ENCRYPTION_KEY = new Uint8Array(32).fill(42);

/** The keyring a Cognito-style handler decrypts with (the encryptor's defaults). */
export const KEYRING = rawAesKeyring(ENCRYPTION_KEY, 'cognito-recovery', 'code-key');

const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);

/** Decrypts a custom sender's `request.code` exactly as a handler written for Cognito does. */
export async function decryptCode(code: string): Promise<{ readonly plaintext: string; readonly context: Readonly<Record<string, string>> }> {
  const { plaintext, messageHeader } = await decrypt(KEYRING, Buffer.from(code, 'base64'));
  return { plaintext: plaintext.toString('utf8'), context: messageHeader.encryptionContext };
}

/** A new password that satisfies the default policy. */
export const NEW_PASSWORD = 'N3w-passw0rd!';

/** The trigger harness. */
export interface TriggerHarness extends MemoryPorts {
  /** The ports the use cases are bound to. */
  readonly bound: Ports;
  /** The pool. */
  readonly pool: UserPool;
  /** The client. */
  readonly client: AppClient;
  /** ForgotPassword. */
  readonly forgot: ReturnType<typeof forgotPassword>;
  /** ConfirmForgotPassword. */
  readonly confirm: ReturnType<typeof confirmForgotPassword>;
  /** AdminResetUserPassword. */
  readonly adminReset: ReturnType<typeof adminResetUserPassword>;
  /** verifyUserPassword. */
  readonly verify: ReturnType<typeof verifyUserPassword>;
  /** Hashes the builder's password and creates the user with its claims. */
  addUser(builder: UserBuilder): Promise<User>;
  /** Reads a user back by username. */
  userNamed(username: string): Promise<User | undefined>;
  /** Every user of the pool. */
  allUsers(): Promise<readonly User[]>;
}

/** Options of {@link triggerHarness}. */
export interface TriggerHarnessOptions extends TriggerOptions {
  /** Replaces ports (a failing invoker, no invoker…). */
  readonly ports?: (ports: Ports) => Ports;
  /** `PreventUserExistenceErrors` of the client; default LEGACY. */
  readonly existence?: 'LEGACY' | 'ENABLED';
}

/** Builds a {@link TriggerHarness} around a pool built from `overrides`. */
export async function triggerHarness(overrides: PoolOverrides = {}, options: TriggerHarnessOptions = {}): Promise<TriggerHarness> {
  const memory = createMemoryPorts({ hasherCost: 1024, codeKey: CODE_KEY, codeEncryptionKey: ENCRYPTION_KEY });
  const ports = options.ports === undefined ? memory.ports : options.ports(memory.ports);
  const pool = aPool(overrides);
  const client = aClient({ userPoolId: pool.id, preventUserExistenceErrors: options.existence ?? 'LEGACY' });
  (await ports.pools.putPool(pool))._unsafeUnwrap();
  (await ports.pools.putClient(client))._unsafeUnwrap();
  const triggerOptions: TriggerOptions = { triggerAttempts: options.triggerAttempts };
  return {
    ...memory,
    bound: ports,
    pool,
    client,
    forgot: forgotPassword(ports, triggerOptions),
    confirm: confirmForgotPassword(ports, triggerOptions),
    adminReset: adminResetUserPassword(ports, triggerOptions),
    verify: verifyUserPassword(ports),
    async addUser(builder) {
      const password = builder.password;
      const hash = password === undefined ? undefined : (await ports.hasher.hash(password))._unsafeUnwrap();
      const user = builder.inPool(pool.id).build(hash);
      return (await ports.users.create(user, loginClaimsOf(pool, user.username, user.attributes)))._unsafeUnwrap();
    },
    async userNamed(username) {
      return (await ports.users.findByClaim(pool.id, claimOf(pool, 'username', username)))._unsafeUnwrap();
    },
    async allUsers() {
      return (await ports.users.list(pool.id, 1000))._unsafeUnwrap().users;
    },
  };
}

/** A handler that records the events it gets and answers them unchanged (or as `answer` makes them). */
export function recorder<E>(answer: (event: E) => unknown = (event) => event): { readonly events: E[]; readonly handler: (event: E) => Promise<unknown> } {
  const events: E[] = [];
  return {
    events,
    handler: (event: E) => {
      events.push(structuredClone(event));
      return Promise.resolve(answer(event));
    },
  };
}

/** A handler that never answers (for timeouts). */
export function never(): Promise<unknown> {
  return new Promise(() => undefined);
}
