/**
 * Builders for the use-case tests: pools, clients and users written straight through the ports, and a
 * small harness binding the use cases under test to the memory adapters.
 */
import {
  DEFAULT_LIMITS,
  DEFAULT_PASSWORD_POLICY,
  claimOf,
  loginClaimsOf,
  type AppClient,
  type Attributes,
  type PasswordPolicy,
  type RecoveryLimits,
  type User,
  type UserPool,
  type UserStatus,
} from '@cognito-recovery/core';
import { adminResetUserPassword } from '../../core/src/use-cases/admin-reset-user-password.js';
import { confirmForgotPassword } from '../../core/src/use-cases/confirm-forgot-password.js';
import { forgotPassword } from '../../core/src/use-cases/forgot-password.js';
import { verifyUserPassword } from '../../core/src/use-cases/verify-user-password.js';
import { createMemoryPorts, type MemoryPorts } from '../src/create-memory-recovery.js';

const T0 = Date.UTC(2024, 0, 1);

/** Pool overrides; `limits` and `passwordPolicy` merge over Cognito's defaults. */
export type PoolOverrides = Partial<Omit<UserPool, 'limits' | 'passwordPolicy'>> & {
  readonly limits?: Partial<RecoveryLimits>;
  readonly passwordPolicy?: Partial<PasswordPolicy>;
};

/** A pool with email as alias, case-insensitive, email then phone recovery, Cognito's defaults. */
export function aPool(overrides: PoolOverrides = {}): UserPool {
  const { limits, passwordPolicy, ...rest } = overrides;
  return {
    id: 'us-east-1_TestPool1',
    name: 'test pool',
    region: 'us-east-1',
    aliasAttributes: ['email'],
    usernameAttributes: [],
    caseSensitive: false,
    recoveryMechanisms: [
      { priority: 1, name: 'verified_email' },
      { priority: 2, name: 'verified_phone_number' },
    ],
    autoVerifiedAttributes: ['email'],
    verificationMessage: {},
    emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' },
    smsConfiguration: { snsCallerArn: 'arn:aws:iam::123456789012:role/sns' },
    lambdaConfig: {},
    mfaConfiguration: 'OFF',
    simulationSecret: 'simulation-secret',
    creationDate: T0,
    lastModifiedDate: T0,
    ...rest,
    limits: { ...DEFAULT_LIMITS, ...limits },
    passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...passwordPolicy },
  };
}

/** An app client of {@link aPool} without secret, `LEGACY` existence errors. */
export function aClient(overrides: Partial<AppClient> = {}): AppClient {
  return {
    clientId: 'testclient1',
    clientName: 'test client',
    userPoolId: 'us-east-1_TestPool1',
    clientSecret: undefined,
    preventUserExistenceErrors: 'LEGACY',
    creationDate: T0,
    lastModifiedDate: T0,
    ...overrides,
  };
}

/** Builds a {@link User}; the password is hashed when the user is stored ({@link Harness.addUser}). */
export class UserBuilder {
  #username = 'alice';
  #poolId = 'us-east-1_TestPool1';
  #attributes: Record<string, string> = { sub: 'sub-alice' };
  #status: UserStatus = 'CONFIRMED';
  #enabled = true;
  #password: string | undefined = 'Old-passw0rd';

  /** The canonical username (and a matching sub). */
  named(username: string): this {
    this.#username = username;
    this.#attributes['sub'] = `sub-${username}`;
    return this;
  }

  /** The pool. */
  inPool(poolId: string): this {
    this.#poolId = poolId;
    return this;
  }

  /** A verified email. */
  withVerifiedEmail(email: string): this {
    this.#attributes['email'] = email;
    this.#attributes['email_verified'] = 'true';
    return this;
  }

  /** A verified phone number. */
  withVerifiedPhone(phone: string): this {
    this.#attributes['phone_number'] = phone;
    this.#attributes['phone_number_verified'] = 'true';
    return this;
  }

  /** Extra attributes. */
  withAttributes(attributes: Attributes): this {
    Object.assign(this.#attributes, attributes);
    return this;
  }

  /** The status. */
  withStatus(status: UserStatus): this {
    this.#status = status;
    return this;
  }

  /** `Enabled = false`. */
  disabled(): this {
    this.#enabled = false;
    return this;
  }

  /** The plain password (`undefined`: no password). */
  withPassword(password: string | undefined): this {
    this.#password = password;
    return this;
  }

  /** The plain password to hash. */
  get password(): string | undefined {
    return this.#password;
  }

  /** The user, with `passwordHash`. */
  build(passwordHash: string | undefined): User {
    return {
      userPoolId: this.#poolId,
      username: this.#username,
      sub: this.#attributes['sub'] ?? `sub-${this.#username}`,
      attributes: { ...this.#attributes },
      status: this.#status,
      enabled: this.#enabled,
      passwordHash,
      passwordHistory: [],
      mfa: { smsMfaEnabled: false, emailMfaEnabled: false },
      createdAt: T0,
      updatedAt: T0,
      version: 1,
    };
  }
}

/** A user named `alice`, `CONFIRMED`, enabled, password `Old-passw0rd`, no channel yet. */
export function aUser(): UserBuilder {
  return new UserBuilder();
}

/** A fixed HMAC key, so tests can compute the stored form of a code. */
export const CODE_KEY = new Uint8Array(32).fill(7);

/** The memory ports with one pool and client, and the use cases under test bound to them. */
export interface Harness extends MemoryPorts {
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
}

/** Builds a {@link Harness}: memory ports (scrypt cost 1024), the pool and client stored. */
export async function harness(pool: UserPool = aPool(), client: AppClient = aClient({ userPoolId: pool.id })): Promise<Harness> {
  const memory = createMemoryPorts({ hasherCost: 1024, codeKey: CODE_KEY });
  const { ports } = memory;
  (await ports.pools.putPool(pool))._unsafeUnwrap();
  (await ports.pools.putClient(client))._unsafeUnwrap();
  return {
    ...memory,
    pool,
    client,
    forgot: forgotPassword(ports),
    confirm: confirmForgotPassword(ports),
    adminReset: adminResetUserPassword(ports),
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
  };
}
