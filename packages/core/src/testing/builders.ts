/**
 * Builders of pools, clients and users for tests: sensible Cognito defaults, changed field by field.
 *
 * @module
 */
import type { AppClient } from '../model/app-client.js';
import { DEFAULT_LIMITS, DEFAULT_PASSWORD_POLICY, type RecoveryMechanism, type UserPool } from '../model/user-pool.js';
import type { User, UserStatus } from '../model/user.js';

/**
 * A pool with Cognito's defaults (legacy recovery, case-sensitive, email and SMS configured), changed
 * by `overrides`.
 *
 * @example
 * ```ts
 * const pool = aPool({ aliasAttributes: ['email'], recoveryMechanisms: emailFirst });
 * ```
 * @group Testing
 */
export function aPool(overrides: Partial<UserPool> = {}): UserPool {
  return {
    id: 'us-east-1_TestPool1',
    name: 'test-pool',
    region: 'us-east-1',
    aliasAttributes: [],
    usernameAttributes: [],
    caseSensitive: true,
    recoveryMechanisms: undefined,
    autoVerifiedAttributes: ['email'],
    passwordPolicy: DEFAULT_PASSWORD_POLICY,
    verificationMessage: {},
    emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' },
    smsConfiguration: { snsCallerArn: 'arn:aws:iam::000000000000:role/sns' },
    lambdaConfig: {},
    limits: DEFAULT_LIMITS,
    mfaConfiguration: 'OFF',
    simulationSecret: 'test-simulation-secret',
    creationDate: 0,
    lastModifiedDate: 0,
    ...overrides,
  };
}

/** `verified_email` first, `verified_phone_number` second. @group Testing */
export const EMAIL_FIRST: readonly RecoveryMechanism[] = [
  { priority: 1, name: 'verified_email' },
  { priority: 2, name: 'verified_phone_number' },
];

/** `verified_phone_number` first, `verified_email` second. @group Testing */
export const PHONE_FIRST: readonly RecoveryMechanism[] = [
  { priority: 1, name: 'verified_phone_number' },
  { priority: 2, name: 'verified_email' },
];

/** `admin_only`. @group Testing */
export const ADMIN_ONLY: readonly RecoveryMechanism[] = [{ priority: 1, name: 'admin_only' }];

/**
 * An app client of {@link aPool}'s pool, LEGACY and without secret unless `overrides` say otherwise.
 *
 * @group Testing
 */
export function aClient(overrides: Partial<AppClient> = {}): AppClient {
  return {
    clientId: 'testclient1',
    clientName: 'test-client',
    userPoolId: 'us-east-1_TestPool1',
    clientSecret: undefined,
    preventUserExistenceErrors: 'LEGACY',
    creationDate: 0,
    lastModifiedDate: 0,
    ...overrides,
  };
}

/**
 * A fluent builder of users: `aUser('alice').withVerifiedEmail('a@example.com').build()`.
 *
 * @group Testing
 */
export class UserBuilder {
  #user: User;

  /** Starts a CONFIRMED, enabled user without contact attributes. */
  constructor(username: string, userPoolId: string) {
    const sub = `sub-${username}`;
    this.#user = {
      userPoolId,
      username,
      sub,
      attributes: { sub },
      status: 'CONFIRMED',
      enabled: true,
      passwordHash: undefined,
      passwordHistory: [],
      mfa: { smsMfaEnabled: false, emailMfaEnabled: false },
      createdAt: 0,
      updatedAt: 0,
      version: 1,
    };
  }

  /** Sets attributes. */
  with(attributes: Readonly<Record<string, string>>): this {
    this.#user = { ...this.#user, attributes: { ...this.#user.attributes, ...attributes } };
    return this;
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

  /** Any other field. */
  withFields(fields: Partial<User>): this {
    this.#user = { ...this.#user, ...fields };
    return this;
  }

  /** The user. */
  build(): User {
    return this.#user;
  }
}

/**
 * Starts a {@link UserBuilder} for `username` in {@link aPool}'s pool (or `userPoolId`).
 *
 * @group Testing
 */
export function aUser(username: string, userPoolId = 'us-east-1_TestPool1'): UserBuilder {
  return new UserBuilder(username, userPoolId);
}
