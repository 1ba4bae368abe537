import { describe, expect, it } from 'vitest';
import { verifiedEmail } from '../test/support.js';
import { formatConfigIssues, parseConfig, parseConfigText } from './config.js';

const pool = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ PoolName: 'local', ...extra });
const withPool = (extra: Record<string, unknown> = {}): unknown => ({ pools: [pool(extra)] });
const issuesOf = (value: unknown): readonly { path: string; reason: string }[] => parseConfig(value)._unsafeUnwrapErr();

describe('parseConfig: a pool is a CreateUserPool input', () => {
  it('reads a full configuration as the core operations take it, resolving trigger paths against the file folder', () => {
    const alice = { Username: 'alice', Password: 'Passw0rd!', UserAttributes: verifiedEmail('alice@example.com'), Status: 'CONFIRMED', Enabled: true };
    const config = parseConfig(
      {
        corsOrigins: ['http://localhost:5173', 'https://app.example.test:*'],
        allowedHosts: ['cognito'],
        pools: [
          pool({
            Id: 'us-east-1_Local1',
            AliasAttributes: ['email', 'preferred_username'],
            UsernameConfiguration: { CaseSensitive: false },
            AccountRecoverySetting: {
              RecoveryMechanisms: [
                { Priority: 1, Name: 'verified_email' },
                { Priority: 2, Name: 'verified_phone_number' },
              ],
            },
            Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false } },
            AutoVerifiedAttributes: ['email'],
            MfaConfiguration: 'OFF',
            RecoveryLimits: { CodeValiditySeconds: 600, ForgotPasswordRequestsPerWindow: 10 },
            SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sms' },
            EmailConfiguration: { EmailSendingAccount: 'COGNITO_DEFAULT' },
            VerificationMessageTemplate: { EmailSubject: 'Reset', EmailMessage: 'Code {####}', SmsMessage: 'Code {####}' },
            Triggers: { CustomMessage: './triggers/custom-message.mjs', PostConfirmation: '/abs/post.mjs' },
            Clients: [
              { ClientName: 'web', ClientId: 'webclient1', PreventUserExistenceErrors: 'ENABLED' },
              { ClientName: 'backend', GenerateSecret: true },
            ],
            Users: [alice],
          }),
        ],
      },
      { baseDir: '/etc/cognito' },
    )._unsafeUnwrap();
    expect(config.corsOrigins).toEqual(['http://localhost:5173', 'https://app.example.test:*']);
    expect(config.allowedHosts).toEqual(['cognito']);
    const [first] = config.pools;
    expect(first?.Triggers).toEqual({ CustomMessage: '/etc/cognito/triggers/custom-message.mjs', PostConfirmation: '/abs/post.mjs' });
    expect(first?.Clients?.map((c) => c.ClientName)).toEqual(['web', 'backend']);
    expect(first?.Users?.[0]).toEqual(alice);
    expect(first?.RecoveryLimits).toEqual({ CodeValiditySeconds: 600, ForgotPasswordRequestsPerWindow: 10 });
    expect(first?.AccountRecoverySetting?.RecoveryMechanisms).toHaveLength(2);
  });

  it('defaults the pools, clients and users to empty lists', () => {
    expect(parseConfig({})._unsafeUnwrap()).toEqual({ pools: [] });
    expect(parseConfig(withPool())._unsafeUnwrap().pools[0]).toEqual({ PoolName: 'local', Clients: [], Users: [] });
  });

  it('accepts examples/local-config.json', async () => {
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../../examples/local-config.json', import.meta.url), 'utf8');
    const config = parseConfigText(text)._unsafeUnwrap();
    expect(config.pools[0]).toMatchObject({ PoolName: 'example-pool', Id: 'us-east-1_Example1' });
  });

  it.each<[string, unknown, string, string | RegExp]>([
    ['the file is not an object', [], '$', 'must be an object'],
    ['pools is not an array', { pools: {} }, 'pools', 'must be an array'],
    [
      'an unknown top-level field',
      { pools: [], PoolName: 'x' },
      'PoolName',
      'is not a known field (expected one of pools, corsOrigins, allowedHosts, dataDir, signingKeys, issuerBaseUrl, hashCost; a pool\'s settings go inside "pools")',
    ],
    ['a pool is not an object', { pools: ['local'] }, 'pools[0]', 'must be an object'],
    [
      'a pool has no PoolName',
      { pools: [{}] },
      'pools[0]',
      "CreateUserPool would answer InvalidParameterException: 1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a PoolName breaks the pattern',
      withPool({ PoolName: 'a/b' }),
      'pools[0]',
      /^CreateUserPool would answer InvalidParameterException: 1 validation error detected: Value 'a\/b' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    ],
    ['a misspelt member', withPool({ AliasAtributes: ['email'] }), 'pools[0].AliasAtributes', /^is not a member of CreateUserPool$/],
    ['a member of the old format', withPool({ clients: [] }), 'pools[0].clients', /^is not a member of CreateUserPool$/],
    [
      'an unknown nested member',
      withPool({ Policies: { PasswordPolicy: { MinLength: 8 } } }),
      'pools[0].Policies.PasswordPolicy.MinLength',
      /^is not a member of CreateUserPool\.Policies\.PasswordPolicy \(expected one of MinimumLength, /,
    ],
    [
      'an unknown member in a list item',
      withPool({ AccountRecoverySetting: { RecoveryMechanisms: [{ Priority: 1, Name: 'verified_email', Kind: 'x' }] } }),
      'pools[0].AccountRecoverySetting.RecoveryMechanisms[0].Kind',
      'is not a member of CreateUserPool.AccountRecoverySetting.RecoveryMechanisms (expected one of Priority, Name)',
    ],
    [
      'an unknown alias attribute',
      withPool({ AliasAttributes: ['nickname'] }),
      'pools[0]',
      /Value 'nickname' at 'aliasAttributes\.1\.member' failed to satisfy constraint: Member must satisfy enum value set: \[phone_number, email, preferred_username\]$/,
    ],
    [
      'a password policy minimum length below 6',
      withPool({ Policies: { PasswordPolicy: { MinimumLength: 4 } } }),
      'pools[0]',
      /at 'policies\.passwordPolicy\.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6/,
    ],
    [
      'CaseSensitive is a string',
      withPool({ UsernameConfiguration: { CaseSensitive: 'false' } }),
      'pools[0]',
      /^CreateUserPool would answer SerializationException: /,
    ],
    [
      'RecoveryLimits out of range',
      withPool({ RecoveryLimits: { FailedConfirmAttemptsPerWindow: 0 } }),
      'pools[0]',
      /at 'recoveryLimits\.failedConfirmAttemptsPerWindow' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    ],
    [
      'an unknown trigger',
      withPool({ Triggers: { DefineAuthChallenge: './x.mjs' } }),
      'pools[0].Triggers.DefineAuthChallenge',
      'is not a trigger the model invokes (expected one of CustomMessage, UserMigration, PostConfirmation, CustomEmailSender, CustomSMSSender, PreSignUp, PreAuthentication, PostAuthentication, PreTokenGeneration)',
    ],
    [
      'a trigger that is not a module',
      withPool({ Triggers: { CustomMessage: './x.py' } }),
      'pools[0].Triggers.CustomMessage',
      'must be a path to an ES module (.mjs or .js)',
    ],
    [
      'a trigger named twice',
      withPool({ Triggers: { CustomMessage: './x.mjs' }, LambdaConfig: { CustomMessage: 'arn:aws:lambda:us-east-1:000000000000:function:m' } }),
      'pools[0].Triggers.CustomMessage',
      'LambdaConfig.CustomMessage is set too: name the function in one place',
    ],
    ['Clients is not an array', withPool({ Clients: {} }), 'pools[0].Clients', 'must be an array'],
    [
      'a client without a ClientName',
      withPool({ Clients: [{ ClientId: 'abc' }] }),
      'pools[0].Clients[0]',
      "CreateUserPoolClient would answer InvalidParameterException: 1 validation error detected: Value null at 'clientName' failed to satisfy constraint: Member must not be null",
    ],
    [
      'a client id with a dash',
      withPool({ Clients: [{ ClientName: 'web', ClientId: 'a-b' }] }),
      'pools[0].Clients[0]',
      /at 'clientId' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    ],
    [
      'a client member of the old format',
      withPool({ Clients: [{ ClientName: 'web', secret: 'abc' }] }),
      'pools[0].Clients[0].secret',
      /^is not a member of CreateUserPoolClient$/,
    ],
    [
      'a client that names its pool',
      withPool({ Clients: [{ ClientName: 'web', UserPoolId: 'us-east-1_X1' }] }),
      'pools[0].Clients[0].UserPoolId',
      'is set by the pool the client is listed in: leave it out',
    ],
    [
      'a wrong PreventUserExistenceErrors',
      withPool({ Clients: [{ ClientName: 'web', PreventUserExistenceErrors: 'ON' }] }),
      'pools[0].Clients[0]',
      /at 'preventUserExistenceErrors' failed to satisfy constraint: Member must satisfy enum value set: \[LEGACY, ENABLED\]/,
    ],
    [
      'a user without a Username',
      withPool({ Users: [{ Password: 'Passw0rd!' }] }),
      'pools[0].Users[0]',
      "AdminCreateUser would answer InvalidParameterException: 1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null",
    ],
    [
      'UserAttributes given as a map',
      withPool({ Users: [{ Username: 'a', UserAttributes: { email: 'a@example.com' } }] }),
      'pools[0].Users[0]',
      /^AdminCreateUser would answer SerializationException: /,
    ],
    [
      'a user attribute without a Value member name',
      withPool({ Users: [{ Username: 'a', UserAttributes: [{ Name: 'email', value: 'a@example.com' }] }] }),
      'pools[0].Users[0].UserAttributes[0].value',
      /^is not a member of AdminCreateUser\.UserAttributes \(expected one of Name, Value\)$/,
    ],
    [
      'a password the model refuses',
      withPool({ Users: [{ Username: 'a', Password: ' padded ' }] }),
      'pools[0].Users[0].Password',
      /^AdminSetUserPassword would answer InvalidParameterException: 1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    ],
    [
      'an unknown user status',
      withPool({ Users: [{ Username: 'a', Status: 'ACTIVE' }] }),
      'pools[0].Users[0].Status',
      /^must be one of UNCONFIRMED, CONFIRMED, /,
    ],
    ['Enabled is a string', withPool({ Users: [{ Username: 'a', Enabled: 'yes' }] }), 'pools[0].Users[0].Enabled', 'must be true or false'],
    [
      'a user member of the old format',
      withPool({ Users: [{ Username: 'a', attributes: {} }] }),
      'pools[0].Users[0].attributes',
      /^is not a member of AdminCreateUser \(expected one of Username, UserAttributes, .*Password, Status, Enabled\)$/,
    ],
    [
      'a CORS origin of "*"',
      { corsOrigins: ['*'] },
      'corsOrigins[0]',
      '"*": an origin is named exactly, never "*" (D21); e.g. http://localhost:5173 or http://localhost:*',
    ],
    ['a CORS origin with a path', { corsOrigins: ['http://localhost:3000/app'] }, 'corsOrigins[0]', /is not an origin: expected http\(s\):\/\/host/],
    [
      'an allowed host with a port',
      { allowedHosts: ['cognito:9229'] },
      'allowedHosts[0]',
      '"cognito:9229": give the host name without a port (every port is allowed)',
    ],
  ])('rejects a file where %s, naming the field', (_, value, path, reason) => {
    const issues = issuesOf(value);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    if (typeof reason === 'string') expect(issues[0]?.reason).toBe(reason);
    else expect(issues[0]?.reason).toMatch(reason);
  });

  it('reports every problem at once', () => {
    const issues = issuesOf(withPool({ PoolName: 1, Clients: [{}], Users: [{ Username: 'a', Enabled: 'yes' }] }));
    expect(issues.map((i) => i.path)).toEqual(['pools[0]', 'pools[0].Clients[0]', 'pools[0].Users[0].Enabled']);
  });

  it('never quotes a password or a username in a problem', () => {
    const issues = issuesOf(withPool({ Users: [{ Username: 'bad name', Password: 'x' }] }));
    const text = formatConfigIssues(issues);
    expect(issues.map((i) => i.path)).toEqual(['pools[0].Users[0]', 'pools[0].Users[0].Password']);
    expect(text).not.toContain('bad name');
    expect(text).not.toMatch(/'x'/);
  });
});

describe('parseConfig: dataDir', () => {
  it('resolves a relative dataDir against the file folder and keeps an absolute one', () => {
    expect(parseConfig({ dataDir: 'state', pools: [] }, { baseDir: '/cfg' })._unsafeUnwrap()).toEqual({ pools: [], dataDir: '/cfg/state' });
    expect(parseConfig({ dataDir: '/var/lib/cr', pools: [] }, { baseDir: '/cfg' })._unsafeUnwrap()).toEqual({ pools: [], dataDir: '/var/lib/cr' });
  });

  it.each([[''], [42], [['a']]])('refuses dataDir %j', (dataDir) => {
    expect(issuesOf({ dataDir, pools: [] })).toEqual([{ path: 'dataDir', reason: 'must be the path of a directory (a non-empty string)' }]);
  });
});

describe('parseConfigText', () => {
  it('reports invalid JSON with its position and without quoting the file', () => {
    const issues = parseConfigText('{"pools": [\n  {"PoolName": "x", "Users": [{"Username": "a", "Password": "hunter2"}]\n')._unsafeUnwrapErr();
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
    expect(
      formatConfigIssues([
        { path: 'pools[0].PoolName', reason: 'is required' },
        { path: 'pools', reason: 'x' },
      ]),
    ).toBe('pools[0].PoolName: is required\npools: x');
  });
});
