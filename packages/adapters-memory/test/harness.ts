/**
 * The one harness of the memory adapters' tests: `aHarness(options)` answers the memory ports (outbox,
 * clock, triggers, stores), every operation bound to them (optionally through wrapped ports: faults, a
 * failing invoker, a counting random source), a pool and client stored through the ports, and helpers
 * to add and read users. It is also the memory composition's `RecoveryFlow` (`delivered`, `advance`).
 */
import {
  cognitoError,
  createRecovery,
  claimOf,
  loginClaimsOf,
  type AppClient,
  type CognitoErrorName,
  type CreateUserPoolClientInput,
  type CreateUserPoolInput,
  type Ports,
  type Recovery,
  type User,
  type UserPool,
  type UserPoolClientType,
  type UserStore,
  type UserType,
} from '@cognito-recovery/core';
import { BUILT_USER_PASSWORD, UserBuilder, aClient, aPool, type RecoveryFlow } from '@cognito-recovery/core/testing';
import { err, type Result } from 'neverthrow';
import { createMemoryPorts, type MemoryPorts, type MemoryRecoveryOptions, type SentMessage } from '../src/index.js';

/** A fixed HMAC key, so tests can compute the stored form of a code. */
export const CODE_KEY = new Uint8Array(32).fill(7);

/** The AES key the tests own, which encrypts codes for the custom senders. */
export const ENCRYPTION_KEY = new Uint8Array(32).fill(42);

/** The password of a built user ({@link BUILT_USER_PASSWORD}), hashed when the harness stores it. */
export const OLD_PASSWORD = BUILT_USER_PASSWORD;

/** A new password that satisfies the default policy. */
export const NEW_PASSWORD = 'N3w-passw0rd!';

/** The temporary password of users made with {@link BareHarness.createUser}. */
export const TEMPORARY_PASSWORD = 'Corr3ct-Horse';

/** The token settings a client created without any reports (R16.4, D23). */
export const DEFAULT_CLIENT_TOKEN_SETTINGS = {
  AccessTokenValidity: 1,
  IdTokenValidity: 1,
  RefreshTokenValidity: 30,
  TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
  AuthSessionValidity: 3,
  EnableTokenRevocation: true,
} as const;

/** Options of {@link aHarness}; the memory options default to scrypt cost 1024, {@link CODE_KEY} and {@link ENCRYPTION_KEY}. */
export interface HarnessOptions extends MemoryRecoveryOptions {
  /** The pool stored with its client (default `aPool('emailFirst')`); `null`: none (the test creates pools through the operations). */
  readonly pool?: UserPool | null;
  /** Fields of the stored client over `aClient()` (its `userPoolId` is always the pool's). */
  readonly client?: Partial<AppClient>;
  /** Users stored after the pool: built users get their password hashed; `User`s are stored as they are. */
  readonly users?: readonly (User | UserBuilder)[];
  /** Replaces ports before the operations are bound to them (faults, a failing invoker, no invoker…). */
  readonly ports?: (ports: Ports) => Ports;
  /** Region of created pool ids and trigger events; default `us-east-1`. */
  readonly region?: string;
}

/** The memory ports with every operation bound to them: what {@link aHarness} answers without a pool. */
export interface BareHarness extends MemoryPorts, Recovery, RecoveryFlow {
  /** The operations, bound to {@link BareHarness.bound}. */
  readonly recovery: Recovery;
  /** The ports the operations are bound to (`ports`, unless `options.ports` replaced some). */
  readonly bound: Ports;
  /** Every message the outbox recorded, oldest first. */
  readonly delivered: () => readonly SentMessage[];
  /** Moves the manual clock forward; answers the new time. */
  readonly advance: (ms: number) => number;
  /** CreateUserPool (`PoolName: 'test'` and `input`); answers the pool id. */
  createPool(input?: Partial<CreateUserPoolInput>): Promise<string>;
  /** CreateUserPoolClient (`ClientName: 'web'` and `input`); answers the client. */
  createClient(userPoolId: string, input?: Partial<Omit<CreateUserPoolClientInput, 'UserPoolId'>>): Promise<UserPoolClientType>;
  /** AdminCreateUser with `attributes`, the temporary password {@link TEMPORARY_PASSWORD} and no invitation; answers the user. */
  createUser(userPoolId: string, username: string, attributes?: Readonly<Record<string, string>>): Promise<UserType>;
  /** The stored record of a canonical username, straight from the store. */
  storedUser(userPoolId: string, username: string): Promise<User | undefined>;
}

/** A {@link BareHarness} with one pool and client stored through the ports. */
export interface Harness extends BareHarness {
  /** The pool. */
  readonly pool: UserPool;
  /** The client. */
  readonly client: AppClient;
  /** ForgotPassword. */
  readonly forgot: Recovery['forgotPassword'];
  /** ConfirmForgotPassword. */
  readonly confirm: Recovery['confirmForgotPassword'];
  /** AdminResetUserPassword. */
  readonly adminReset: Recovery['adminResetUserPassword'];
  /** verifyUserPassword. */
  readonly verify: Recovery['verifyUserPassword'];
  /** Stores a user in the pool with its claims; a builder's password is hashed first. */
  addUser(user: UserBuilder | User): Promise<User>;
  /** Reads a user of the pool back by username (folded as the pool folds it). */
  userNamed(username: string): Promise<User | undefined>;
  /** Every user of the pool. */
  allUsers(): Promise<readonly User[]>;
}

/** Awaits a step that must succeed, and answers its value. */
export async function must<T, E>(result: PromiseLike<Result<T, E>>): Promise<T> {
  return (await result)._unsafeUnwrap();
}

/** The expected error result. */
export function failure(name: CognitoErrorName, message: string): Result<never, unknown> {
  return err(cognitoError(name, message));
}

/** A well-formed pool id that names no pool. */
export const MISSING_POOL = 'eu-west-1_Missing1';

/** The answer to an operation on {@link MISSING_POOL}. */
export const NO_SUCH_POOL = failure('ResourceNotFoundException', `User pool ${MISSING_POOL} does not exist.`);

/** The answer to a wrong confirmation or verification code. */
export const CODE_MISMATCH = failure('CodeMismatchException', 'Invalid verification code provided, please try again.');

/** The answer to an expired (or no longer current) confirmation or verification code. */
export const CODE_EXPIRED = failure('ExpiredCodeException', 'Invalid code provided, please request a code again.');

/** A six-digit code that is not `code`. */
export function otherCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}

/** The expected InvalidParameterException of one violated input constraint (R1.7): `detail` is its `Value … at '…' failed to satisfy constraint: …` text. */
export function oneViolation(detail: string): Result<never, unknown> {
  return failure('InvalidParameterException', `1 validation error detected: ${detail}`);
}

/** `[{Name, Value}]` from an object. */
export function attrs(values: Readonly<Record<string, string>>): { Name: string; Value: string }[] {
  return Object.entries(values).map(([Name, Value]) => ({ Name, Value }));
}

/** `users` with its `update` replaced; every other call goes to `users`. */
export function withUpdate(users: UserStore, update: UserStore['update']): UserStore {
  return {
    findByClaim: (p, c) => users.findByClaim(p, c),
    findFirstByClaims: (p, c) => users.findFirstByClaims(p, c),
    create: (u, c) => users.create(u, c),
    delete: (p, u) => users.delete(p, u),
    list: (p, l, a) => users.list(p, l, a),
    deletePool: (p) => users.deletePool(p),
    update,
  };
}

/** Builds the memory harness: without a pool (`pool: null`), or with one pool, its client and `users`. */
export function aHarness(options: HarnessOptions & { readonly pool: null }): Promise<BareHarness>;
export function aHarness(options?: HarnessOptions & { readonly pool?: UserPool }): Promise<Harness>;
export async function aHarness(options: HarnessOptions = {}): Promise<BareHarness | Harness> {
  const { pool: poolOption, client: clientOption, users = [], ports: replace, region, ...memoryOptions } = options;
  const memory = createMemoryPorts({ hasherCost: 1024, codeKey: CODE_KEY, codeEncryptionKey: ENCRYPTION_KEY, ...memoryOptions });
  const bound = replace === undefined ? memory.ports : replace(memory.ports);
  const recovery = createRecovery(bound, { region, triggerAttempts: memoryOptions.triggerAttempts });
  const bare: BareHarness = {
    ...memory,
    ...recovery,
    recovery,
    bound,
    delivered: () => memory.outbox.messages(),
    advance: (ms) => memory.clock.advanceBy(ms),
    async createPool(input = {}) {
      return (await must(recovery.createUserPool({ PoolName: 'test', ...input }))).UserPool.Id;
    },
    async createClient(userPoolId, input = {}) {
      return (await must(recovery.createUserPoolClient({ ClientName: 'web', ...input, UserPoolId: userPoolId }))).UserPoolClient;
    },
    async createUser(userPoolId, username, attributes = {}) {
      return (
        await must(
          recovery.adminCreateUser({
            UserPoolId: userPoolId,
            Username: username,
            UserAttributes: attrs(attributes),
            TemporaryPassword: TEMPORARY_PASSWORD,
            MessageAction: 'SUPPRESS',
          }),
        )
      ).User;
    },
    async storedUser(userPoolId, username) {
      return must(memory.stores.users.findByClaim(userPoolId, `u#${username}`));
    },
  };
  if (poolOption === null) return bare;

  const pool = poolOption ?? aPool('emailFirst');
  const client: AppClient = { ...aClient(), ...clientOption, userPoolId: pool.id };
  await must(bound.pools.putPool(pool));
  await must(bound.pools.putClient(client));
  const addUser = async (user: UserBuilder | User): Promise<User> => {
    let record: User;
    if (user instanceof UserBuilder) {
      const password = user.password;
      record = user.inPool(pool.id).build(password === undefined ? undefined : await must(bound.hasher.hash(password)));
    } else {
      record = user;
    }
    return must(bound.users.create(record, loginClaimsOf(pool, record.username, record.attributes)));
  };
  for (const user of users) await addUser(user);
  return {
    ...bare,
    pool,
    client,
    forgot: recovery.forgotPassword,
    confirm: recovery.confirmForgotPassword,
    adminReset: recovery.adminResetUserPassword,
    verify: recovery.verifyUserPassword,
    addUser,
    userNamed: async (username) => must(bound.users.findByClaim(pool.id, claimOf(pool, 'username', username))),
    allUsers: async () => (await must(bound.users.list(pool.id, 1000))).users,
  };
}

/** The memory harness without a pool; pools get `eu-west-1` ids. */
export function directory(): Promise<BareHarness> {
  return aHarness({ pool: null, region: 'eu-west-1' });
}
