/**
 * R27.1: the exact messages of the sign-in and lifecycle spec. The table is read from docs/spec.md;
 * every (exception, message) pair it lists is produced below by a scenario that drives the memory
 * composition's operations (name and full message asserted, placeholders filled with the scenario's
 * values), or is listed in {@link NOT_REPRODUCED} with the reason, checked against core's catalogue
 * (`messages`) and sources so that the list cannot go stale silently.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cognitoError, computeSecretHash, messages, type AppClient, type CognitoErrorName, type LambdaConfig } from '@cognito-recovery/core';
import { aPool, aUser, type PoolOverrides } from '@cognito-recovery/core/testing';
import type { Result, ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { attrs, directory, must, NEW_PASSWORD, OLD_PASSWORD, otherCode, TEMPORARY_PASSWORD, type Harness } from './harness.js';
import { passwordSignIn, signInHarness } from './sign-in-support.js';
import { claimsOf, refreshTokens, signIn, tokenHarness } from './tokens-support.js';

/** One (exception, message) pair of the R27.1 table; `note` is the parenthesised text after the message. */
interface SpecPair {
  readonly exception: string;
  readonly template: string;
  readonly note: string | undefined;
}

/** The pairs of the R27.1 table: the rows between its anchor and the next `---`, messages split on ` · `. */
function r27Pairs(spec: string): SpecPair[] {
  const start = spec.indexOf('<a id="R27.1"></a>');
  if (start < 0) throw new Error('docs/spec.md has no R27.1 anchor');
  const end = spec.indexOf('\n---', start);
  const rows = spec
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((line) => line.startsWith('| `'));
  return rows.flatMap((row) => {
    const [, exception, cell] = /^\| `(\w+)` \| (.+) \|$/.exec(row) ?? [];
    if (exception === undefined || cell === undefined) throw new Error(`unreadable R27.1 row: ${row}`);
    return cell.split(' · ').map((piece) => {
      const [, template, note] = /^`([^`]+)`(?: \((.+)\))?$/.exec(piece) ?? [];
      if (template === undefined) throw new Error(`unreadable R27.1 message: ${piece}`);
      return { exception, template, note };
    });
  });
}

/** The keys a pair needs covered: one per trigger its note lists when the message names `<TriggerName>` (none listed: the bare key, which no scenario has), else one. */
function keysOf(pair: SpecPair): string[] {
  const key = `${pair.exception} ${pair.template}`;
  if (!pair.template.includes('<TriggerName>')) return [key];
  const triggers = [...(pair.note ?? '').matchAll(/`(\w+)`/g)].map((match) => match[1] ?? '');
  return triggers.length === 0 ? [key] : triggers.map((trigger) => `${key} [${trigger}]`);
}

/** The key of a scenario or a NOT_REPRODUCED entry, as {@link keysOf} spells it. */
function keyOf(entry: { readonly exception: string; readonly template: string; readonly values?: Readonly<Record<string, string>> }): string {
  const trigger = entry.template.includes('<TriggerName>') ? ` [${entry.values?.['TriggerName'] ?? ''}]` : '';
  return `${entry.exception} ${entry.template}${trigger}`;
}

/** `template` with every `<placeholder>` replaced by its value; a placeholder without one is an error. */
function fill(template: string, values: Readonly<Record<string, string>> = {}): string {
  return template.replace(/<(\w+)>/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no value for <${name}> in "${template}"`);
    return value;
  });
}

/** What an operation answers: a Result, as a promise or a ResultAsync. */
type Answer = PromiseLike<Result<unknown, unknown>> | ResultAsync<unknown, unknown>;

/** Drives the operations of one scenario and answers the last operation's result. */
type Run = () => Promise<Result<unknown, unknown>>;

/** A situation that makes the model answer `exception` with `template` (filled with `values`). */
interface Scenario {
  readonly exception: CognitoErrorName;
  /** The message as the spec writes it, placeholders included. */
  readonly template: string;
  /** What the scenario does, for the title. */
  readonly via: string;
  readonly run: Run;
  /** The values of the template's placeholders in this scenario. */
  readonly values?: Readonly<Record<string, string>> | undefined;
}

/** A scenario of {@link scenariosOf}: the template, what it does, its run, the placeholder values. */
type Row = readonly [template: string, via: string, run: Run, values?: Readonly<Record<string, string>>];

/** The scenarios of one exception. */
function scenariosOf(exception: CognitoErrorName, rows: readonly Row[]): Scenario[] {
  return rows.map(([template, via, run, values]) => ({ exception, template, via, run, values }));
}

const SECRET = 'the-client-secret';
const CLIENT = { clientId: 'secretclient1' };
const DAY = 86_400_000;
const FAILING_FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:failing';

/** A harness over `aPool('emailFirst', overrides)` whose client allows every flow, with alice (verified email alice@example.com). */
function withAlice(overrides: PoolOverrides = {}, client: Partial<AppClient> = {}): Promise<Harness> {
  return signInHarness({ pool: aPool('emailFirst', overrides), client, users: [aUser().withVerifiedEmail('alice@example.com')] });
}

/** Runs `operation` on a fresh {@link withAlice} harness. */
function onAlice(operation: (h: Harness) => Answer, overrides?: PoolOverrides, client?: Partial<AppClient>): Run {
  return async () => operation(await withAlice(overrides, client));
}

/** SignUp through `h`'s client. */
function signUp(h: Harness, Username: string, attributes: Readonly<Record<string, string>> = {}, Password = TEMPORARY_PASSWORD) {
  return h.signUp({ ClientId: h.client.clientId, Username, Password, UserAttributes: attrs(attributes) });
}

/** ConfirmSignUp through `h`'s client. */
function confirmSignUp(h: Harness, Username: string, ConfirmationCode: string) {
  return h.confirmSignUp({ ClientId: h.client.clientId, Username, ConfirmationCode });
}

/** ResendConfirmationCode through `h`'s client. */
function resend(h: Harness, Username: string) {
  return h.resendConfirmationCode({ ClientId: h.client.clientId, Username });
}

/** Bob signed up (UNCONFIRMED) next to alice, with `email`; answers the code he was sent. */
async function bobSignedUp(h: Harness, email = 'bob@example.com'): Promise<string> {
  await must(signUp(h, 'bob', { email }));
  return h.outbox.latestCodeFor(h.pool.id, 'bob') ?? '';
}

/** Jane, created by AdminCreateUser, signed in with her temporary password: `then` gets the NEW_PASSWORD_REQUIRED session. */
function onJaneChallenge(then: (h: Harness, session: string) => Answer): Run {
  return async () => {
    const h = await signInHarness();
    await h.createUser(h.pool.id, 'jane', { email: 'jane@example.com', email_verified: 'true' });
    return then(h, (await must(passwordSignIn(h, 'jane', TEMPORARY_PASSWORD))).Session ?? '');
  };
}

/** The NEW_PASSWORD_REQUIRED answer for jane. */
function answerNewPassword(h: Harness, Session: string, password = NEW_PASSWORD) {
  const ChallengeResponses = { USERNAME: 'jane', NEW_PASSWORD: password };
  return h.respondToAuthChallenge({ ClientId: h.client.clientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session, ChallengeResponses });
}

/** Signs alice in on a fresh {@link tokenHarness}; `then` gets her tokens. */
function onTokens(then: (h: Harness, tokens: Awaited<ReturnType<typeof signIn>>) => Answer, client: Partial<AppClient> = {}): Run {
  return async () => {
    const h = await tokenHarness({ client });
    return then(h, await signIn(h));
  };
}

/** The UserLambdaValidationException scenario of `trigger` (`TriggerName`): the pool's function throws `Error('denied')` and `operation` runs. */
function failingTrigger(TriggerName: string, trigger: keyof LambdaConfig, via: string, operation: (h: Harness) => Answer): Scenario {
  const run = onAlice(
    (h) => {
      h.triggers.register(FAILING_FUNCTION, () => {
        throw new Error('denied');
      });
      return operation(h);
    },
    { lambdaConfig: { [trigger]: FAILING_FUNCTION } },
  );
  return {
    exception: 'UserLambdaValidationException',
    template: '<TriggerName> failed with error <message>.',
    via,
    run,
    values: { TriggerName, message: 'denied' },
  };
}

const signInAlice = (h: Harness) => passwordSignIn(h, 'alice', OLD_PASSWORD);
const withSecret = { ...CLIENT, clientSecret: SECRET };

/** One scenario at least for every pair of the R27.1 table that the model reproduces. */
const SCENARIOS: readonly Scenario[] = [
  ...scenariosOf('NotAuthorizedException', [
    ['Incorrect username or password.', 'USER_PASSWORD_AUTH with a wrong password', onAlice((h) => passwordSignIn(h, 'alice', 'Wrong-passw0rd'))],
    ['User is disabled.', 'a disabled user signs in with the right password', async () => signInAlice(await signInHarness({ users: [aUser().disabled()] }))],
    [
      'Password attempts exceeded',
      'the right password after five wrong ones',
      onAlice(async (h) => {
        for (let i = 0; i < 5; i++) expect((await passwordSignIn(h, 'alice', 'Wrong-passw0rd')).isErr()).toBe(true);
        return signInAlice(h);
      }),
    ],
    [
      'Temporary password has expired and must be reset by an administrator.',
      'the temporary password of AdminCreateUser, 7 days later',
      onAlice(async (h) => {
        await h.createUser(h.pool.id, 'jane');
        h.advance(7 * DAY + 1000);
        return passwordSignIn(h, 'jane', TEMPORARY_PASSWORD);
      }),
    ],
    ['Invalid Refresh Token.', 'GetTokensFromRefreshToken with a refresh token that is not one', onTokens((h) => refreshTokens(h, 'garbage'))],
    [
      'Refresh Token has been revoked',
      'GetTokensFromRefreshToken after GlobalSignOut',
      onTokens(async (h, { AccessToken, RefreshToken }) => {
        await must(h.globalSignOut({ AccessToken }));
        return refreshTokens(h, RefreshToken);
      }),
    ],
    ['Invalid Access Token', 'GetUser with an ID token', onTokens((h, { IdToken }) => h.getUser({ AccessToken: IdToken }))],
    [
      'Access Token has expired',
      'GetUser one hour after the sign-in',
      onTokens((h, { AccessToken }) => {
        h.advance(3600 * 1000);
        return h.getUser({ AccessToken });
      }),
    ],
    [
      'Access Token has been revoked',
      'GetUser after GlobalSignOut',
      onTokens(async (h, { AccessToken }) => {
        await must(h.globalSignOut({ AccessToken }));
        return h.getUser({ AccessToken });
      }),
    ],
    [
      'Access Token does not have required scopes',
      'GetUser with an access token the pool signed with scope "openid email" (as an OAuth sign-in would; the model has no OAuth endpoint)',
      onTokens(async (h, { AccessToken }) => {
        const narrowed = await must(h.bound.tokens.sign(h.pool.id, 'access', { ...claimsOf(AccessToken), scope: 'openid email' }));
        return h.getUser({ AccessToken: narrowed });
      }),
    ],
    [
      'Invalid session for the user.',
      'NEW_PASSWORD_REQUIRED answered with a session that is not one',
      onJaneChallenge((h) => answerNewPassword(h, 'x'.repeat(40))),
    ],
    [
      'Invalid session for the user, session is expired.',
      'NEW_PASSWORD_REQUIRED answered after the 3-minute session validity',
      onJaneChallenge((h, session) => {
        h.advance(3 * 60_000 + 1);
        return answerNewPassword(h, session);
      }),
    ],
    [
      'Invalid session for the user, session can only be used once.',
      'NEW_PASSWORD_REQUIRED answered twice with the same session',
      onJaneChallenge(async (h, session) => {
        await must(answerNewPassword(h, session));
        return answerNewPassword(h, session);
      }),
    ],
    [
      'Unable to verify secret hash for client <clientId>',
      'USER_PASSWORD_AUTH with a SECRET_HASH over another username',
      onAlice((h) => passwordSignIn(h, 'alice', OLD_PASSWORD, { SECRET_HASH: computeSecretHash(SECRET, 'bob', CLIENT.clientId) }), {}, withSecret),
      CLIENT,
    ],
    [
      'Client <clientId> is configured for secret but secret was not received',
      'USER_PASSWORD_AUTH without SECRET_HASH on a client with a secret',
      onAlice(signInAlice, {}, withSecret),
      CLIENT,
    ],
    [
      'SecretHash does not match for the client: <clientId>',
      'REFRESH_TOKEN_AUTH with a SECRET_HASH over the email instead of the username',
      onTokens((h, { RefreshToken }) => {
        const SECRET_HASH = computeSecretHash(SECRET, 'alice@example.com', CLIENT.clientId);
        return h.initiateAuth({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: CLIENT.clientId, AuthParameters: { REFRESH_TOKEN: RefreshToken, SECRET_HASH } });
      }, withSecret),
      CLIENT,
    ],
    ['User cannot be confirmed. Current status is CONFIRMED', 'ConfirmSignUp for a confirmed user', onAlice((h) => confirmSignUp(h, 'alice', '123456'))],
    [
      'User cannot be confirmed. Current status is CONFIRMED',
      'AdminConfirmSignUp for a confirmed user',
      onAlice((h) => h.adminConfirmSignUp({ UserPoolId: h.pool.id, Username: 'alice' })),
    ],
    [
      'A client attempted to write unauthorized attribute',
      'SignUp writing email_verified',
      onAlice((h) => signUp(h, 'mallory', { email: 'victim@example.com', email_verified: 'true' })),
    ],
    [
      'SignUp is not permitted for this user pool',
      'SignUp in a pool with AllowAdminCreateUserOnly',
      onAlice((h) => signUp(h, 'bob'), { allowAdminCreateUserOnly: true }),
    ],
  ]),
  ...scenariosOf('UserNotFoundException', [
    ['User does not exist.', 'USER_PASSWORD_AUTH for an unknown user (LEGACY)', onAlice((h) => passwordSignIn(h, 'ghost', OLD_PASSWORD))],
    ['User does not exist.', 'AdminGetUser for an unknown user', onAlice((h) => h.adminGetUser({ UserPoolId: h.pool.id, Username: 'ghost' }))],
    ['Username/client id combination not found.', 'ConfirmSignUp for an unknown user', onAlice((h) => confirmSignUp(h, 'ghost', '123456'))],
    ['Username/client id combination not found.', 'ResendConfirmationCode for an unknown user', onAlice((h) => resend(h, 'ghost'))],
    [
      'Username/client id combination not found.',
      'ForgotPassword for an unknown user',
      onAlice((h) => h.forgotPassword({ ClientId: h.client.clientId, Username: 'ghost' })),
    ],
  ]),
  ...scenariosOf('UserNotConfirmedException', [
    [
      'User is not confirmed.',
      'USER_PASSWORD_AUTH for an UNCONFIRMED user',
      async () => signInAlice(await signInHarness({ users: [aUser().withStatus('UNCONFIRMED')] })),
    ],
  ]),
  ...scenariosOf('PasswordResetRequiredException', [
    [
      'Password reset required for the user',
      'USER_PASSWORD_AUTH after AdminResetUserPassword',
      onAlice(async (h) => {
        await must(h.adminResetUserPassword({ UserPoolId: h.pool.id, Username: 'alice' }));
        return signInAlice(h);
      }),
    ],
  ]),
  ...scenariosOf('InvalidParameterException', [
    [
      'USER_PASSWORD_AUTH flow not enabled for this client',
      'USER_PASSWORD_AUTH on a client created with the default flows',
      async () => {
        const h = await directory();
        const client = await h.createClient(await h.createPool());
        return h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.ClientId, AuthParameters: { USERNAME: 'alice', PASSWORD: OLD_PASSWORD } });
      },
    ],
    [
      'USER_SRP_AUTH is not enabled for the client.',
      'USER_SRP_AUTH on a client that allows the password and refresh flows only',
      onAlice(
        (h) => h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId }),
        {},
        { explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      ),
    ],
    [
      'Auth flow not enabled for this client',
      'AdminInitiateAuth ADMIN_USER_PASSWORD_AUTH on a client without the admin flow',
      onAlice(
        (h) => h.adminInitiateAuth({ UserPoolId: h.pool.id, ClientId: h.client.clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH' }),
        {},
        { explicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
      ),
    ],
    [
      'Initiate Auth method not supported.',
      'InitiateAuth with ADMIN_USER_PASSWORD_AUTH',
      onAlice((h) => h.initiateAuth({ AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: h.client.clientId })),
    ],
    [
      'Missing required parameter <NAME>',
      'USER_PASSWORD_AUTH without PASSWORD',
      onAlice((h) => h.initiateAuth({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice' } })),
      { NAME: 'PASSWORD' },
    ],
    ['User is already confirmed.', 'ResendConfirmationCode for a confirmed user (LEGACY)', onAlice((h) => resend(h, 'alice'))],
    [
      'Username should be an email.',
      'SignUp with a username that is not an email in a pool whose username attribute is email',
      onAlice((h) => signUp(h, 'bob'), { usernameAttributes: ['email'], aliasAttributes: [] }),
    ],
    [
      'Username cannot be of email format, since user pool is configured for email alias.',
      'SignUp with an email as username in a pool with email as alias',
      onAlice((h) => signUp(h, 'bob@example.com')),
    ],
    [
      'REFRESH_TOKEN_AUTH should always be allowed.',
      'CreateUserPoolClient with an ALLOW_ list without ALLOW_REFRESH_TOKEN_AUTH',
      async () => {
        const h = await directory();
        return h.createUserPoolClient({ UserPoolId: await h.createPool(), ClientName: 'web', ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] });
      },
    ],
    [
      'All attributes in AttributesRequireVerificationBeforeUpdate must exist in AutoVerifiedAttributes',
      'CreateUserPool requiring verification before update of an attribute that is not auto-verified',
      async () => (await directory()).createUserPool({ PoolName: 'p', UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] } }),
    ],
  ]),
  ...scenariosOf('UsernameExistsException', [
    ['User already exists', 'SignUp of a taken username', onAlice((h) => signUp(h, 'alice'))],
    [
      'An account with the given email already exists.',
      'SignUp of a taken email in a pool with email as username',
      async () => {
        const h = await signInHarness({ pool: aPool('emailAsUsername') });
        await must(signUp(h, 'alice@example.com'));
        return signUp(h, 'alice@example.com');
      },
    ],
  ]),
  ...scenariosOf('AliasExistsException', [
    [
      'An account with the email already exists.',
      'ConfirmSignUp of an email another user holds as a verified alias',
      onAlice(async (h) => confirmSignUp(h, 'bob', await bobSignedUp(h, 'alice@example.com'))),
    ],
  ]),
  ...scenariosOf('CodeMismatchException', [
    [
      'Invalid verification code provided, please try again.',
      'ConfirmSignUp with a wrong code',
      onAlice(async (h) => confirmSignUp(h, 'bob', otherCode(await bobSignedUp(h)))),
    ],
  ]),
  ...scenariosOf('ExpiredCodeException', [
    [
      'Invalid code provided, please request a code again.',
      'ConfirmSignUp 24 hours after the sign-up',
      onAlice(async (h) => {
        const code = await bobSignedUp(h);
        h.advance(DAY);
        return confirmSignUp(h, 'bob', code);
      }),
    ],
  ]),
  ...scenariosOf('InvalidPasswordException', [
    [
      'Password did not conform with policy: <reason>',
      'SignUp with a short password',
      onAlice((h) => signUp(h, 'bob', {}, 'Sh0rt!')),
      { reason: 'Password not long enough' },
    ],
    [
      'Password does not conform to policy: <reason>',
      'NEW_PASSWORD_REQUIRED answered with a short password',
      onJaneChallenge((h, session) => answerNewPassword(h, session, 'Sh0rt!')),
      { reason: 'Password not long enough' },
    ],
    [
      'Password does not conform to policy: <reason>',
      'ConfirmForgotPassword with a password without numbers',
      onAlice(async (h) => {
        await must(h.forgotPassword({ ClientId: h.client.clientId, Username: 'alice' }));
        const ConfirmationCode = h.outbox.latestCodeFor(h.pool.id, 'alice') ?? '';
        return h.confirmForgotPassword({ ClientId: h.client.clientId, Username: 'alice', ConfirmationCode, Password: 'No-numbers-here!' });
      }),
      { reason: 'Password must have numeric characters' },
    ],
  ]),
  ...scenariosOf('LimitExceededException', [
    [
      'Attempt limit exceeded, please try after some time.',
      'the sixth ResendConfirmationCode within an hour',
      onAlice(async (h) => {
        await bobSignedUp(h);
        for (let i = 0; i < 5; i++) await must(resend(h, 'bob'));
        return resend(h, 'bob');
      }),
    ],
  ]),
  failingTrigger('PreSignUp', 'preSignUp', 'SignUp with a throwing pre sign-up function', (h) => signUp(h, 'bob')),
  failingTrigger('PreAuthentication', 'preAuthentication', 'a sign-in with a throwing pre authentication function', signInAlice),
  failingTrigger('PostAuthentication', 'postAuthentication', 'a sign-in with a throwing post authentication function', signInAlice),
  failingTrigger('PreTokenGeneration', 'preTokenGeneration', 'a sign-in with a throwing pre token generation function', signInAlice),
  failingTrigger('PostConfirmation', 'postConfirmation', 'ConfirmSignUp with a throwing post confirmation function', async (h) =>
    confirmSignUp(h, 'bob', await bobSignedUp(h)),
  ),
  failingTrigger('CustomMessage', 'customMessage', 'ForgotPassword with a throwing custom message function', (h) =>
    h.forgotPassword({ ClientId: h.client.clientId, Username: 'alice' }),
  ),
  failingTrigger('UserMigration', 'userMigration', 'a sign-in of an unknown user with a throwing user migration function', (h) =>
    passwordSignIn(h, 'ghost', OLD_PASSWORD),
  ),
];

/** A pair of the table that the model cannot produce, and why. */
interface NotReproduced {
  readonly exception: CognitoErrorName;
  readonly template: string;
  /** Example values of the placeholders, to check the catalogue against a concrete message. */
  readonly values?: Readonly<Record<string, string>>;
  readonly reason: string;
  /** The catalogue entry that holds the text although no code path uses it; absent: the catalogue has no such text. */
  readonly unusedEntry?: keyof typeof messages;
}

/** The pairs of the R27.1 table the model does not reproduce. */
const NOT_REPRODUCED: readonly NotReproduced[] = [
  {
    exception: 'NotAuthorizedException',
    template: 'Cannot modify an already provided email',
    reason:
      'D32: NEW_PASSWORD_REQUIRED re-sending a required attribute that already has a value. Required schema attributes are not modelled ' +
      '(R23.1), so requiredAttributes is always "[]" and no code path uses the catalogue entry.',
    unusedEntry: 'cannotModifyProvidedAttribute',
  },
  {
    exception: 'InvalidParameterException',
    template: 'Invalid attributes given, <name> is missing',
    values: { name: 'given_name' },
    reason: 'D32: NEW_PASSWORD_REQUIRED answered without a required attribute. Required schema attributes are not modelled (R23.1); the entry is unused.',
    unusedEntry: 'requiredAttributeMissing',
  },
  {
    exception: 'InvalidParameterException',
    template: 'Attributes did not conform to the schema: <name>: The attribute is required',
    values: { name: 'given_name' },
    reason: 'R23.3: SignUp without a required schema attribute. Required schema attributes are not modelled (R23.1).',
  },
];

/** Escapes `text` for a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What a catalogue function gets for each argument, so that its text can become a pattern. */
const ARGUMENT = '{{argument}}';

/** Every entry of core's catalogue as a pattern: a string as it is, a function with `.+` for each argument. */
const CATALOGUE: readonly (readonly [string, RegExp])[] = Object.entries(messages).map(([key, entry]: [string, unknown]) => {
  if (typeof entry === 'string') return [key, new RegExp(`^${escapeRegExp(entry)}$`)] as const;
  const render = entry as (...args: string[]) => string;
  const pattern = render(...Array.from({ length: render.length }, () => ARGUMENT))
    .split(ARGUMENT)
    .map(escapeRegExp)
    .join('.+');
  return [key, new RegExp(`^${pattern}$`)] as const;
});

/** The catalogue entries that can render `message`. */
function catalogueEntriesFor(message: string): string[] {
  return CATALOGUE.filter(([, pattern]) => pattern.test(message)).map(([key]) => key);
}

/** The core source files (no tests, no catalogue) and their text. */
const CORE_SOURCES: readonly (readonly [string, string])[] = (() => {
  const root = new URL('../../core/src/', import.meta.url);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && path !== 'errors.ts')
    .map((path) => [path, readFileSync(new URL(path, root), 'utf8')] as const);
})();

const PAIRS = r27Pairs(readFileSync(new URL('../../../docs/spec.md', import.meta.url), 'utf8'));

describe('R27.1 exact messages', () => {
  it('reads the table: every exception row, every message in backticks', () => {
    expect(PAIRS.length).toBeGreaterThan(0);
    expect(new Set(PAIRS.map((pair) => pair.exception)).size).toBeGreaterThan(1);
  });

  it('every (exception, message) pair of the table has a scenario or a NOT_REPRODUCED entry, and nothing else is listed', () => {
    const required = PAIRS.flatMap(keysOf);
    const covered = new Set([...SCENARIOS.map(keyOf), ...NOT_REPRODUCED.map(keyOf)]);
    expect(required.filter((key) => !covered.has(key))).toEqual([]);
    const known = new Set(required);
    expect([...covered].filter((key) => !known.has(key))).toEqual([]);
    const reproduced = new Set(SCENARIOS.map(keyOf));
    expect(NOT_REPRODUCED.map(keyOf).filter((key) => reproduced.has(key))).toEqual([]);
  });

  for (const { exception, template, values, via, run } of SCENARIOS) {
    it(`${exception} "${fill(template, values)}": ${via}`, async () => {
      const result = await run();
      expect(result.isErr() ? result.error : result.value).toEqual(cognitoError(exception, fill(template, values)));
    });
  }

  describe('NOT_REPRODUCED stays true', () => {
    for (const { exception, template, values, unusedEntry } of NOT_REPRODUCED) {
      if (unusedEntry === undefined) {
        it(`${exception} "${template}": no catalogue entry and no core source has the text`, () => {
          expect(catalogueEntriesFor(fill(template, values))).toEqual([]);
          const literal = template.split(/<\w+>/).reduce((longest, part) => (part.length > longest.length ? part : longest), '');
          expect(CORE_SOURCES.filter(([, text]) => text.includes(literal)).map(([path]) => path)).toEqual([]);
        });
      } else {
        it(`${exception} "${template}": the catalogue entry ${unusedEntry} renders it and no core source uses it`, () => {
          expect(catalogueEntriesFor(fill(template, values))).toContain(unusedEntry);
          const use = new RegExp(`\\b${unusedEntry}\\b`);
          expect(CORE_SOURCES.filter(([, text]) => use.test(text)).map(([path]) => path)).toEqual([]);
        });
      }
    }
  });
});
