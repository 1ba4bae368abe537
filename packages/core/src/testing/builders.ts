/**
 * Builders of pools, clients and users for tests: sensible Cognito defaults, changed field by field,
 * and named pool presets for the shapes tests use most.
 *
 * @module
 */
// From the package entry, whose names are stable, rather than from internal paths.
import {
  DEFAULT_LIMITS,
  DEFAULT_PASSWORD_POLICY,
  type AccountRecoverySettingType,
  type AppClient,
  type Attributes,
  type PasswordPolicy,
  type RecoveryLimits,
  type RecoveryMechanism,
  type User,
  type UserPool,
  type UserStatus,
} from '../index.js';
import { bareUser } from './contracts/fixtures.js';

/** 2024-01-01T00:00:00Z, where a test's manual clock starts: the dates of built pools, clients and users. */
const T0 = Date.UTC(2024, 0, 1);

/** `verified_email` first, `verified_phone_number` second. @example `aPool({ recoveryMechanisms: EMAIL_FIRST })` @group Testing */
export const EMAIL_FIRST: readonly RecoveryMechanism[] = [
  { priority: 1, name: 'verified_email' },
  { priority: 2, name: 'verified_phone_number' },
];

/** `verified_phone_number` first, `verified_email` second. @example `aPool({ recoveryMechanisms: PHONE_FIRST })` @group Testing */
export const PHONE_FIRST: readonly RecoveryMechanism[] = [
  { priority: 1, name: 'verified_phone_number' },
  { priority: 2, name: 'verified_email' },
];

/**
 * {@link EMAIL_FIRST} as `CreateUserPool` takes it, for tests that create their pools through the operations.
 *
 * @example `recovery.createUserPool({ PoolName: 'app', AccountRecoverySetting: EMAIL_FIRST_SETTING })`
 * @group Testing
 */
export const EMAIL_FIRST_SETTING: AccountRecoverySettingType = {
  RecoveryMechanisms: EMAIL_FIRST.map(({ priority, name }) => ({ Priority: priority, Name: name })),
};

/** `admin_only`. @example `aPool({ recoveryMechanisms: ADMIN_ONLY })` @group Testing */
export const ADMIN_ONLY: readonly RecoveryMechanism[] = [{ priority: 1, name: 'admin_only' }];

/**
 * Changes to a built pool: any field of {@link UserPool}; `limits` and `passwordPolicy` are merged
 * over the preset's (so `{ limits: { failedConfirmAttempts: 2 } }` keeps the other limits).
 *
 * @example
 * ```ts
 * const pool = aPool({ limits: { codeValiditySeconds: 60 }, passwordPolicy: { passwordHistorySize: 2 } });
 * ```
 * @group Testing
 */
export type PoolOverrides = Partial<Omit<UserPool, 'limits' | 'passwordPolicy'>> & {
  /** Limits merged over the preset's ({@link DEFAULT_LIMITS}). */
  readonly limits?: Partial<RecoveryLimits> | undefined;
  /** Policy fields merged over the preset's ({@link DEFAULT_PASSWORD_POLICY}). */
  readonly passwordPolicy?: Partial<PasswordPolicy> | undefined;
};

/**
 * The named pool shapes of {@link aPool}:
 * - `cognitoDefaults`: what `CreateUserPool` gives without options: no aliases, case-sensitive, no
 *   `AccountRecoverySetting` (the legacy choice, R5.4), email and SMS configured;
 * - `emailFirst`: email alias, case-insensitive, `verified_email` then `verified_phone_number`;
 * - `phoneFirst`: as `emailFirst` with the phone first;
 * - `adminOnly`: as `emailFirst` with `admin_only` recovery;
 * - `emailAsUsername`: email as username attribute (R3.3), case-insensitive, `verified_email` first.
 *
 * @example
 * ```ts
 * expect(aPool('emailFirst').aliasAttributes).toEqual(['email']);
 * ```
 * @group Testing
 */
export const POOL_PRESETS = {
  cognitoDefaults: {},
  emailFirst: { aliasAttributes: ['email'], caseSensitive: false, recoveryMechanisms: EMAIL_FIRST },
  phoneFirst: { aliasAttributes: ['email'], caseSensitive: false, recoveryMechanisms: PHONE_FIRST },
  adminOnly: { aliasAttributes: ['email'], caseSensitive: false, recoveryMechanisms: ADMIN_ONLY },
  emailAsUsername: { usernameAttributes: ['email'], caseSensitive: false, recoveryMechanisms: EMAIL_FIRST },
} as const satisfies Readonly<Record<string, PoolOverrides>>;

/** The name of a {@link POOL_PRESETS} entry. @example `const preset: PoolPreset = 'emailFirst';` @group Testing */
export type PoolPreset = keyof typeof POOL_PRESETS;

/**
 * A pool `us-east-1_TestPool1` built from a preset (default `cognitoDefaults`: legacy recovery,
 * case-sensitive, no aliases, email and SMS configured), changed by `overrides`.
 *
 * @example
 * ```ts
 * const legacy = aPool();
 * const pool = aPool('emailFirst', { limits: { failedConfirmAttempts: 2 } });
 * const phone = aPool({ aliasAttributes: ['phone_number'], recoveryMechanisms: PHONE_FIRST });
 * ```
 * @group Testing
 */
export function aPool(overrides?: PoolOverrides): UserPool;
/** A pool built from the named {@link POOL_PRESETS} entry, changed by `overrides`. */
export function aPool(preset: PoolPreset, overrides?: PoolOverrides): UserPool;
export function aPool(presetOrOverrides: PoolPreset | PoolOverrides = 'cognitoDefaults', maybeOverrides: PoolOverrides = {}): UserPool {
  const preset: PoolOverrides = typeof presetOrOverrides === 'string' ? POOL_PRESETS[presetOrOverrides] : {};
  const overrides = typeof presetOrOverrides === 'string' ? maybeOverrides : presetOrOverrides;
  const { limits, passwordPolicy, ...rest } = { ...preset, ...overrides };
  return {
    id: 'us-east-1_TestPool1',
    name: 'test-pool',
    region: 'us-east-1',
    aliasAttributes: [],
    usernameAttributes: [],
    caseSensitive: true,
    recoveryMechanisms: undefined,
    autoVerifiedAttributes: ['email'],
    verificationMessage: {},
    emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' },
    smsConfiguration: { snsCallerArn: 'arn:aws:iam::123456789012:role/sns' },
    lambdaConfig: {},
    mfaConfiguration: 'OFF',
    simulationSecret: 'test-simulation-secret',
    creationDate: T0,
    lastModifiedDate: T0,
    ...rest,
    limits: { ...DEFAULT_LIMITS, ...limits },
    passwordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...passwordPolicy },
  };
}

/**
 * An app client `testclient1` of {@link aPool}'s pool, LEGACY and without secret unless `overrides`
 * say otherwise.
 *
 * @example
 * ```ts
 * const client = aClient({ userPoolId: pool.id, preventUserExistenceErrors: 'ENABLED' });
 * ```
 * @group Testing
 */
export function aClient(overrides: Partial<AppClient> = {}): AppClient {
  return {
    clientId: 'testclient1',
    clientName: 'test-client',
    userPoolId: 'us-east-1_TestPool1',
    clientSecret: undefined,
    preventUserExistenceErrors: 'LEGACY',
    creationDate: T0,
    lastModifiedDate: T0,
    ...overrides,
  };
}

/**
 * The plain password a built user has until {@link UserBuilder.withPassword} says otherwise; a harness
 * hashes it when it stores the user (`build()` alone leaves `passwordHash` unset).
 *
 * @example
 * ```ts
 * expect(aUser().password).toBe(BUILT_USER_PASSWORD);
 * ```
 * @group Testing
 */
export const BUILT_USER_PASSWORD = 'Old-passw0rd';

/**
 * A fluent builder of users: `aUser('alice').withVerifiedEmail('a@example.com').build()`.
 *
 * @example
 * ```ts
 * const bob = new UserBuilder('bob', pool.id).withVerifiedPhone('+15555550100').build();
 * ```
 * @group Testing
 */
export class UserBuilder {
  #user: User;
  #password: string | undefined = BUILT_USER_PASSWORD;

  /** Starts a CONFIRMED, enabled user without contact attributes, in `userPoolId`. */
  constructor(username: string, userPoolId: string) {
    this.#user = bareUser(userPoolId, username);
  }

  /** Renames the user (and its sub, `sub-<username>`). */
  named(username: string): this {
    const sub = `sub-${username}`;
    this.#user = { ...this.#user, username, sub, attributes: { ...this.#user.attributes, sub } };
    return this;
  }

  /** Moves the user to another pool. */
  inPool(userPoolId: string): this {
    this.#user = { ...this.#user, userPoolId };
    return this;
  }

  /** Sets attributes. */
  with(attributes: Attributes): this {
    this.#user = { ...this.#user, attributes: { ...this.#user.attributes, ...attributes } };
    return this;
  }

  /** Sets attributes (the same as {@link UserBuilder.with}). */
  withAttributes(attributes: Attributes): this {
    return this.with(attributes);
  }

  /** A verified email. */
  withVerifiedEmail(email: string): this {
    return this.with({ email, email_verified: 'true' });
  }

  /** An unverified email. */
  withUnverifiedEmail(email: string): this {
    return this.with({ email, email_verified: 'false' });
  }

  /** A verified phone. */
  withVerifiedPhone(phone: string): this {
    return this.with({ phone_number: phone, phone_number_verified: 'true' });
  }

  /** An unverified phone. */
  withUnverifiedPhone(phone: string): this {
    return this.with({ phone_number: phone, phone_number_verified: 'false' });
  }

  /** A status. */
  withStatus(status: UserStatus): this {
    this.#user = { ...this.#user, status };
    return this;
  }

  /** Disabled. */
  disabled(): this {
    this.#user = { ...this.#user, enabled: false };
    return this;
  }

  /** MFA flags. */
  withMfa(mfa: { readonly sms?: boolean; readonly email?: boolean }): this {
    this.#user = { ...this.#user, mfa: { smsMfaEnabled: mfa.sms === true, emailMfaEnabled: mfa.email === true } };
    return this;
  }

  /** The plain password a harness hashes when it stores the user (`undefined`: no password). */
  withPassword(password: string | undefined): this {
    this.#password = password;
    return this;
  }

  /** The plain password to hash ({@link BUILT_USER_PASSWORD} unless set). */
  get password(): string | undefined {
    return this.#password;
  }

  /** Any other field. */
  withFields(fields: Partial<User>): this {
    this.#user = { ...this.#user, ...fields };
    return this;
  }

  /** The user; with `passwordHash` given (a harness hashes {@link UserBuilder.password}), that hash. */
  build(passwordHash?: string): User {
    return passwordHash === undefined ? this.#user : { ...this.#user, passwordHash };
  }
}

/**
 * Starts a {@link UserBuilder} for `username` (default `alice`) in {@link aPool}'s pool (or
 * `userPoolId`).
 *
 * @example
 * ```ts
 * const alice = aUser().withVerifiedEmail('alice@example.com').build();
 * const bob = aUser('bob', pool.id).withVerifiedPhone('+15555550100').disabled().build();
 * ```
 * @group Testing
 */
export function aUser(username = 'alice', userPoolId = 'us-east-1_TestPool1'): UserBuilder {
  return new UserBuilder(username, userPoolId);
}
