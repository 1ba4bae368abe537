import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { DEFAULT_LIMITS, loginClaimsOf, messages, ScryptPasswordHasher, type OutgoingMessage, type User, type UserPool } from '@cognito-recovery/core';
import { aClient, aPool, aUser, EMAIL_FIRST } from '@cognito-recovery/core/testing';
import { ok } from 'neverthrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { anAwsHarness, type AwsHarness } from './aws-harness.js';
import { dynamoClient, freshTable, mailConfig, withoutMoto, type RequestCounter } from './moto.js';

/** The claims the core gives a user of `pool`. */
const loginClaims = (pool: UserPool, user: User): string[] => loginClaimsOf(pool, user.username, user.attributes);

describe.skipIf(withoutMoto)('createAwsRecovery on moto', () => {
  const dynamodb = dynamoClient();
  const ses = new SESv2Client(mailConfig());
  const sns = new SNSClient(mailConfig());
  let tableName = '';
  const FROM = 'no-reply@recovery.example.com';

  beforeAll(async () => {
    tableName = await freshTable(dynamodb, 'flow');
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: FROM }));
  });

  /** A recovery whose sender is SES/SNS on moto, recording what they accepted so the test can read the code. */
  function setUp(): { recovery: AwsHarness; sent: readonly OutgoingMessage[]; counter: RequestCounter } {
    const recovery = anAwsHarness({ dynamodb, ses, sns }, { tableName, defaultFrom: FROM });
    return { recovery, sent: recovery.sent, counter: recovery.counter };
  }

  it('runs ForgotPassword then ConfirmForgotPassword, within the request budget once the pool cache is warm', async () => {
    const { recovery, sent, counter } = setUp();
    const suffix = Math.random().toString(36).slice(2, 10);
    const pool = aPool({ id: `us-east-1_flow${suffix}`, recoveryMechanisms: EMAIL_FIRST, aliasAttributes: ['email'] });
    const client = aClient({ clientId: `client${suffix}`, userPoolId: pool.id, preventUserExistenceErrors: 'ENABLED' });
    const alice = aUser('alice', pool.id).withVerifiedEmail('alice@example.com').build();
    const bob = aUser('bob', pool.id).withVerifiedEmail('bob@example.com').build();
    expect((await recovery.stores.pools.putPool(pool)).isOk()).toBe(true);
    expect((await recovery.stores.pools.putClient(client)).isOk()).toBe(true);
    for (const u of [alice, bob]) expect((await recovery.stores.users.create(u, loginClaims(pool, u))).isOk()).toBe(true);

    // Warm the pool cache (the first call of a process reads the client and the pool: 2 more requests).
    expect((await recovery.forgotPassword({ ClientId: client.clientId, Username: 'bob' })).isOk()).toBe(true);

    counter.reset();
    const forgot = await recovery.forgotPassword({ ClientId: client.clientId, Username: 'alice' });
    expect(forgot).toEqual(ok({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } }));
    const forgotRequests = counter.byOperation();
    expect(counter.total()).toBe(3);

    const code = sent.at(-1)?.code ?? '';
    expect(sent.at(-1)?.destination).toBe('alice@example.com');
    counter.reset();
    const confirm = await recovery.confirmForgotPassword({ ClientId: client.clientId, Username: 'alice', ConfirmationCode: code, Password: 'N3w-passw0rd!' });
    expect(confirm).toEqual(ok({}));
    const confirmRequests = counter.byOperation();
    // findFirstByClaims, codes.attemptAndVerify, users.update consuming the code (see docs/aws.md).
    expect(counter.total()).toBe(3);

    const again = await recovery.confirmForgotPassword({ ClientId: client.clientId, Username: 'alice', ConfirmationCode: code, Password: 'An0ther-passw0rd!' });
    expect(again.isErr() && again.error.name).toBe('CodeMismatchException');
    const stored = await recovery.stores.users.findByClaim(pool.id, 'u#alice');
    expect(stored.isOk() && stored.value?.version).toBe(alice.version + 1);
    expect(stored.isOk() && (await new ScryptPasswordHasher({ cost: 1024 }).verify('N3w-passw0rd!', stored.value?.passwordHash ?? ''))._unsafeUnwrap()).toBe(
      true,
    );

    process.stdout.write(
      `[adapters-aws] DynamoDB requests: ForgotPassword ${JSON.stringify(forgotRequests)}, ConfirmForgotPassword ${JSON.stringify(confirmRequests)}\n`,
    );
    // The user lookup is one BatchGetItem over every candidate claim (§8, D4: a found and a missing
    // user cost the same request).
    expect(forgotRequests).toEqual({ BatchGetItemCommand: 1, UpdateItemCommand: 2 });
    expect(confirmRequests).toEqual({ BatchGetItemCommand: 1, UpdateItemCommand: 1, TransactWriteItemsCommand: 1 });

    // R8.3 R8.4 D4: an unknown input under ENABLED makes the same DynamoDB requests (its never-sent
    // code stored under the hidden name), and a wrong code the same as a real user's wrong code.
    counter.reset();
    expect((await recovery.forgotPassword({ ClientId: client.clientId, Username: 'nobody' })).isOk()).toBe(true);
    expect(counter.byOperation()).toEqual(forgotRequests);
    const wrongConfirm = async (username: string): Promise<Record<string, number>> => {
      counter.reset();
      const answer = await recovery.confirmForgotPassword({
        ClientId: client.clientId,
        Username: username,
        ConfirmationCode: '000000',
        Password: 'N3w-passw0rd!',
      });
      expect([username, answer.isErr() && answer.error.name]).toEqual([username, 'CodeMismatchException']);
      return counter.byOperation();
    };
    expect((await recovery.forgotPassword({ ClientId: client.clientId, Username: 'bob' })).isOk()).toBe(true);
    expect(await wrongConfirm('nobody')).toEqual(await wrongConfirm('bob'));
    expect(await wrongConfirm('bob')).toEqual({ BatchGetItemCommand: 1, UpdateItemCommand: 1 });
  });

  it("R7.4, D8: 50 concurrent confirms with the right code give exactly one success, 49 CodeMismatchException, and the winner's password", async () => {
    const { recovery, sent } = setUp();
    const suffix = Math.random().toString(36).slice(2, 10);
    const pool = aPool({ id: `us-east-1_race${suffix}`, recoveryMechanisms: EMAIL_FIRST, limits: { ...DEFAULT_LIMITS, failedConfirmAttempts: 100 } });
    const client = aClient({ clientId: `race${suffix}`, userPoolId: pool.id });
    const erin = aUser('erin', pool.id).withVerifiedEmail('erin@example.com').build();
    expect((await recovery.stores.pools.putPool(pool)).isOk()).toBe(true);
    expect((await recovery.stores.pools.putClient(client)).isOk()).toBe(true);
    expect((await recovery.stores.users.create(erin, loginClaims(pool, erin))).isOk()).toBe(true);
    expect((await recovery.forgotPassword({ ClientId: client.clientId, Username: 'erin' })).isOk()).toBe(true);
    const code = sent.at(-1)?.code ?? '';
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        recovery.confirmForgotPassword({ ClientId: client.clientId, Username: 'erin', ConfirmationCode: code, Password: `Passw0rd-${i}!` }),
      ),
    );
    const winners = results.flatMap((r, i) => (r.isOk() ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr().name)).toEqual(Array.from({ length: 49 }, () => 'CodeMismatchException'));
    const stored = (await recovery.stores.users.findByClaim(pool.id, 'u#erin'))._unsafeUnwrap();
    expect(stored?.version).toBe(erin.version + 1);
    expect((await new ScryptPasswordHasher({ cost: 1024 }).verify(`Passw0rd-${winners[0] ?? -1}!`, stored?.passwordHash ?? ''))._unsafeUnwrap()).toBe(true);
  }, 60_000);

  it('answers 2 more requests on a cold pool cache, and none for the pool once warm', async () => {
    const { recovery, counter } = setUp();
    const suffix = Math.random().toString(36).slice(2, 10);
    const pool = aPool({ id: `us-east-1_cold${suffix}`, recoveryMechanisms: EMAIL_FIRST });
    const client = aClient({ clientId: `cold${suffix}`, userPoolId: pool.id });
    // Written through another process's directory, so this process's cache is cold.
    const other = setUp().recovery;
    expect((await other.stores.pools.putPool(pool)).isOk()).toBe(true);
    expect((await other.stores.pools.putClient(client)).isOk()).toBe(true);
    const carol = aUser('carol', pool.id).withVerifiedEmail('carol@example.com').build();
    expect((await other.stores.users.create(carol, loginClaims(pool, carol))).isOk()).toBe(true);
    counter.reset();
    expect((await recovery.forgotPassword({ ClientId: client.clientId, Username: 'carol' })).isOk()).toBe(true);
    expect(counter.total()).toBe(5);
    counter.reset();
    expect((await recovery.forgotPassword({ ClientId: client.clientId, Username: 'carol' })).isOk()).toBe(true);
    // Second request within the window: the limiter's remembered state keeps it at one request.
    expect(counter.total()).toBe(3);
  });

  it('answers CodeDeliveryFailureException when SES rejects the From address, and leaves no valid code', async () => {
    const { recovery } = setUp();
    const suffix = Math.random().toString(36).slice(2, 10);
    const pool = aPool({
      id: `us-east-1_ses${suffix}`,
      recoveryMechanisms: EMAIL_FIRST,
      emailConfiguration: { emailSendingAccount: 'DEVELOPER', from: 'unverified@nowhere.example.com' },
    });
    const client = aClient({ clientId: `ses${suffix}`, userPoolId: pool.id });
    const dave = aUser('dave', pool.id).withVerifiedEmail('dave@example.com').build();
    expect((await recovery.stores.pools.putPool(pool)).isOk()).toBe(true);
    expect((await recovery.stores.pools.putClient(client)).isOk()).toBe(true);
    expect((await recovery.stores.users.create(dave, loginClaims(pool, dave))).isOk()).toBe(true);
    const result = await recovery.forgotPassword({ ClientId: client.clientId, Username: 'dave' });
    expect(result.isErr() && result.error).toEqual({ name: 'CodeDeliveryFailureException', $fault: 'client', message: messages.deliveryFailed });
    expect(await recovery.stores.codes.verify(pool.id, 'dave', 'anything', recovery.clock.now())).toEqual(ok('none'));
  });
});
