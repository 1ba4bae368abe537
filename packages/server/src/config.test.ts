import { describe, expect, it } from 'vitest';
import type { ConfigIssue } from './config.js';
import { formatConfigIssues, parseConfig, parseConfigText } from './config.js';

const pool = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'local', ...extra });
const withPool = (extra: Record<string, unknown> = {}): unknown => ({ pools: [pool(extra)] });

describe('parseConfig', () => {
  it('reads a full configuration into a typed object, resolving trigger paths against the file folder', () => {
    const result = parseConfig(
      {
        pools: [
          {
            name: 'local',
            id: 'us-east-1_Local1',
            aliasAttributes: ['email', 'preferred_username'],
            caseSensitive: false,
            accountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }, { Priority: 2, Name: 'verified_phone_number' }] },
            passwordPolicy: { MinimumLength: 10, RequireSymbols: false },
            smsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms' },
            emailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
            verificationMessageTemplate: { EmailSubject: 'Reset', EmailMessage: 'Code {####}', SmsMessage: 'Code {####}' },
            triggers: { CustomMessage: './triggers/custom-message.mjs', PostConfirmation: '/abs/post.mjs' },
            clients: [{ name: 'web', id: 'webclient1', preventUserExistenceErrors: 'ENABLED' }, { name: 'backend', generateSecret: true }],
            users: [{ username: 'alice', password: 'Passw0rd!', attributes: { email: 'alice@example.com', email_verified: 'true' }, status: 'CONFIRMED', enabled: true }],
          },
        ],
      },
      { baseDir: '/etc/cognito' },
    );
    expect(result.isOk()).toBe(true);
    const config = result._unsafeUnwrap();
    expect(config.pools[0]?.triggers).toEqual({
      CustomMessage: '/etc/cognito/triggers/custom-message.mjs',
      UserMigration: undefined,
      PostConfirmation: '/abs/post.mjs',
      CustomEmailSender: undefined,
      CustomSMSSender: undefined,
    });
    expect(config.pools[0]?.clients.map((c) => c.name)).toEqual(['web', 'backend']);
    expect(config.pools[0]?.users[0]?.attributes).toEqual({ email: 'alice@example.com', email_verified: 'true' });
    expect(config.pools[0]?.accountRecoverySetting?.RecoveryMechanisms).toHaveLength(2);
  });

  it('defaults clients and users to empty lists', () => {
    expect(parseConfig(withPool()).map((c) => c.pools[0])._unsafeUnwrap()).toMatchObject({ name: 'local', clients: [], users: [] });
  });

  it.each<[string, unknown, ConfigIssue]>([
    ['the file is not an object', [], { path: '$', reason: 'must be an object' }],
    ['pools is missing', {}, { path: 'pools', reason: 'is required' }],
    ['pools is not an array', { pools: {} }, { path: 'pools', reason: 'must be an array' }],
    ['an unknown top-level field', { pools: [], pool: [] }, { path: 'pool', reason: 'is not a known field (expected one of pools)' }],
    ['a pool has no name', { pools: [{}] }, { path: 'pools[0].name', reason: 'is required' }],
    ['a pool name is empty', withPool({ name: '' }), { path: 'pools[0].name', reason: 'must not be empty' }],
    ['a pool id is malformed', withPool({ id: 'nounderscore' }), { path: 'pools[0].id', reason: 'must match <region>_<id>, e.g. us-east-1_Example1' }],
    ['an unknown alias attribute', withPool({ aliasAttributes: ['nickname'] }), { path: 'pools[0].aliasAttributes[0]', reason: 'must be one of "email", "phone_number", "preferred_username"' }],
    ['a duplicated alias attribute', withPool({ aliasAttributes: ['email', 'email'] }), { path: 'pools[0].aliasAttributes', reason: 'lists "email" twice' }],
    ['alias and username attributes together', withPool({ aliasAttributes: ['email'], usernameAttributes: ['email'] }), { path: 'pools[0].usernameAttributes', reason: 'cannot be combined with aliasAttributes (a pool uses one or the other)' }],
    ['caseSensitive is a string', withPool({ caseSensitive: 'false' }), { path: 'pools[0].caseSensitive', reason: 'must be true or false' }],
    ['no recovery mechanism', withPool({ accountRecoverySetting: { RecoveryMechanisms: [] } }), { path: 'pools[0].accountRecoverySetting.RecoveryMechanisms', reason: 'must have at least 1 item(s)' }],
    ['an unknown recovery mechanism', withPool({ accountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'email' }] } }), { path: 'pools[0].accountRecoverySetting.RecoveryMechanisms[0].Name', reason: 'must be one of "verified_email", "verified_phone_number", "admin_only"' }],
    ['a priority out of range', withPool({ accountRecoverySetting: { RecoveryMechanisms: [{ Priority: 3, Name: 'verified_email' }] } }), { path: 'pools[0].accountRecoverySetting.RecoveryMechanisms[0].Priority', reason: 'must be one of 1, 2' }],
    ['two mechanisms with one priority', withPool({ accountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email' }, { Priority: 1, Name: 'verified_phone_number' }] } }), { path: 'pools[0].accountRecoverySetting.RecoveryMechanisms[1].Priority', reason: 'duplicates pools[0].accountRecoverySetting.RecoveryMechanisms[0].Priority ("1")' }],
    ['admin_only with another mechanism', withPool({ accountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'admin_only' }, { Priority: 2, Name: 'verified_email' }] } }), { path: 'pools[0].accountRecoverySetting.RecoveryMechanisms', reason: 'admin_only cannot be combined with another mechanism' }],
    ['a password policy minimum length below 6', withPool({ passwordPolicy: { MinimumLength: 4 } }), { path: 'pools[0].passwordPolicy.MinimumLength', reason: 'must be between 6 and 99' }],
    ['a fractional password history size', withPool({ passwordPolicy: { PasswordHistorySize: 1.5 } }), { path: 'pools[0].passwordPolicy.PasswordHistorySize', reason: 'must be an integer' }],
    ['an SMS configuration without a role', withPool({ smsConfiguration: {} }), { path: 'pools[0].smsConfiguration.SnsCallerArn', reason: 'is required' }],
    ['DEVELOPER email without a source ARN', withPool({ emailConfiguration: { EmailSendingAccount: 'DEVELOPER' } }), { path: 'pools[0].emailConfiguration.SourceArn', reason: 'is required when EmailSendingAccount is DEVELOPER' }],
    ['a template without the code placeholder', withPool({ verificationMessageTemplate: { SmsMessage: 'Your code' } }), { path: 'pools[0].verificationMessageTemplate.SmsMessage', reason: 'must contain {####}' }],
    ['an unknown trigger', withPool({ triggers: { PreSignUp: './x.mjs' } }), { path: 'pools[0].triggers.PreSignUp', reason: 'is not a known field (expected one of CustomMessage, UserMigration, PostConfirmation, CustomEmailSender, CustomSMSSender)' }],
    ['a trigger that is not a module', withPool({ triggers: { CustomMessage: './x.py' } }), { path: 'pools[0].triggers.CustomMessage', reason: 'must match a path to an ES module (.mjs or .js)' }],
    ['a client without a name', withPool({ clients: [{ id: 'abc' }] }), { path: 'pools[0].clients[0].name', reason: 'is required' }],
    ['a client id with a dash', withPool({ clients: [{ name: 'web', id: 'a-b' }] }), { path: 'pools[0].clients[0].id', reason: 'must match letters, digits, + and _' }],
    ['a client secret with generateSecret false', withPool({ clients: [{ name: 'web', secret: 'abc', generateSecret: false }] }), { path: 'pools[0].clients[0].secret', reason: 'cannot be set when generateSecret is false' }],
    ['a wrong PreventUserExistenceErrors', withPool({ clients: [{ name: 'web', preventUserExistenceErrors: 'ON' }] }), { path: 'pools[0].clients[0].preventUserExistenceErrors', reason: 'must be one of "ENABLED", "LEGACY"' }],
    ['two clients with one name', withPool({ clients: [{ name: 'web' }, { name: 'web' }] }), { path: 'pools[0].clients[1].name', reason: 'duplicates pools[0].clients[0].name ("web")' }],
    ['a user without a username', withPool({ users: [{ password: 'x' }] }), { path: 'pools[0].users[0].username', reason: 'is required' }],
    ['a username with a space', withPool({ users: [{ username: 'a b' }] }), { path: 'pools[0].users[0].username', reason: 'must match letters, marks, symbols, digits or punctuation (no spaces)' }],
    ['a boolean attribute value', withPool({ users: [{ username: 'a', attributes: { email_verified: true } }] }), { path: 'pools[0].users[0].attributes.email_verified', reason: 'must be a string (booleans too: "true")' }],
    ['an unknown user status', withPool({ users: [{ username: 'a', status: 'ACTIVE' }] }), { path: 'pools[0].users[0].status', reason: expect.stringMatching(/^must be one of "UNCONFIRMED", "CONFIRMED", /) as string }],
    ['usernames equal up to case in a case-insensitive pool', withPool({ caseSensitive: false, users: [{ username: 'Alice' }, { username: 'alice' }] }), { path: 'pools[0].users[1].username', reason: 'duplicates pools[0].users[0].username ("alice")' }],
    ['two pools with one name', { pools: [pool(), pool()] }, { path: 'pools[1].name', reason: 'duplicates pools[0].name ("local")' }],
    ['one client id in two pools', { pools: [pool({ clients: [{ name: 'a', id: 'same1' }] }), pool({ name: 'other', clients: [{ name: 'b', id: 'same1' }] })] }, { path: 'pools[1].clients[0].id', reason: 'duplicates pools[0].clients[0].id ("same1"); client ids are unique across pools' }],
  ])('rejects a file where %s, naming the field', (_, value, issue) => {
    expect(parseConfig(value)._unsafeUnwrapErr()).toEqual([issue]);
  });

  it('accepts usernames that differ in case in a case-sensitive pool', () => {
    expect(parseConfig(withPool({ users: [{ username: 'Alice' }, { username: 'alice' }] })).isOk()).toBe(true);
  });

  it('reports every problem at once', () => {
    const issues = parseConfig(withPool({ name: 1, clients: [{}], users: [{ username: 'a', enabled: 'yes' }] }))._unsafeUnwrapErr();
    expect(issues.map((i) => i.path)).toEqual(['pools[0].name', 'pools[0].clients[0].name', 'pools[0].users[0].enabled']);
  });
});

describe('parseConfigText', () => {
  it('reports invalid JSON with its position and without quoting the file', () => {
    const issues = parseConfigText('{"pools": [\n  {"name": "x", "users": [{"username": "a", "password": "hunter2"}]\n')._unsafeUnwrapErr();
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('$');
    expect(issues[0]?.reason).toMatch(/^is not valid JSON/);
    expect(formatConfigIssues(issues)).not.toContain('hunter2');
  });

  it('parses valid text', () => {
    expect(parseConfigText('{"pools": []}')._unsafeUnwrap()).toEqual({ pools: [] });
  });
});

describe('formatConfigIssues', () => {
  it('writes one line per issue, field first', () => {
    expect(formatConfigIssues([{ path: 'pools[0].name', reason: 'is required' }, { path: 'pools', reason: 'x' }])).toBe('pools[0].name: is required\npools: x');
  });
});
