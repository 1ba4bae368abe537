/**
 * Minimal values the contract suites store; not exported from the package.
 *
 * @internal
 * @module
 */
import type { AppClient } from '../../model/app-client.js';
import type { User } from '../../model/user.js';
import { DEFAULT_LIMITS, DEFAULT_PASSWORD_POLICY, type UserPool } from '../../model/user-pool.js';
import type { OutgoingMessage } from '../../ports/message-sender.js';

const T0 = Date.UTC(2024, 0, 1);

/** @internal */
export function poolFixture(id: string, overrides: Partial<UserPool> = {}): UserPool {
  return {
    id,
    name: `pool ${id}`,
    region: id.split('_')[0] ?? 'us-east-1',
    aliasAttributes: ['email'],
    usernameAttributes: [],
    caseSensitive: false,
    recoveryMechanisms: [{ priority: 1, name: 'verified_email' }],
    autoVerifiedAttributes: ['email'],
    passwordPolicy: DEFAULT_PASSWORD_POLICY,
    verificationMessage: {},
    emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' },
    smsConfiguration: undefined,
    lambdaConfig: {},
    limits: DEFAULT_LIMITS,
    mfaConfiguration: 'OFF',
    simulationSecret: `secret-${id}`,
    creationDate: T0,
    lastModifiedDate: T0,
    ...overrides,
  };
}

/** @internal */
export function clientFixture(clientId: string, userPoolId: string, overrides: Partial<AppClient> = {}): AppClient {
  return {
    clientId,
    clientName: `client ${clientId}`,
    userPoolId,
    clientSecret: undefined,
    preventUserExistenceErrors: 'ENABLED',
    creationDate: T0,
    lastModifiedDate: T0,
    ...overrides,
  };
}

/** A `CONFIRMED`, enabled user with no attribute but its sub (`sub-<username>`) and no password, dated 2024-01-01, version 1. @internal */
export function bareUser(userPoolId: string, username: string): User {
  const sub = `sub-${username}`;
  return {
    userPoolId,
    username,
    sub,
    attributes: { sub },
    status: 'CONFIRMED',
    enabled: true,
    passwordHash: undefined,
    passwordHistory: [],
    mfa: { smsMfaEnabled: false, emailMfaEnabled: false },
    createdAt: T0,
    updatedAt: T0,
    version: 1,
  };
}

/** @internal */
export function userFixture(userPoolId: string, username: string, overrides: Partial<User> = {}): User {
  const user = bareUser(userPoolId, username);
  return { ...user, attributes: { ...user.attributes, email: `${username}@example.com`, email_verified: 'true' }, ...overrides };
}

/**
 * An outgoing code message for a sender test: alice's reset code 123456, by email from Cognito's
 * default account or by SMS through an SNS caller role; `overrides` replaces any field.
 *
 * @example
 * ```ts
 * await sender.send(messageFixture('SMS', { destination: '+15555550123' }));
 * ```
 */
export function messageFixture(medium: 'EMAIL' | 'SMS', overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    userPoolId: 'us-east-1_Contract',
    username: 'alice',
    medium,
    destination: medium === 'EMAIL' ? 'alice@example.com' : '+15555550100',
    subject: medium === 'EMAIL' ? 'Your verification code' : undefined,
    body: 'Your password reset code is 123456',
    code: '123456',
    emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' },
    smsConfiguration: medium === 'SMS' ? { snsCallerArn: 'arn:aws:iam::123456789012:role/sns', externalId: 'ext' } : undefined,
    ...overrides,
  };
}
