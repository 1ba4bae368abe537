import { buildClient, CommitmentPolicy } from '@aws-crypto/client-node';
import { LocalTokenSigner, ScryptPasswordHasher, cachedPoolDirectory, type OutgoingMessage, type PoolDirectory } from '@cognito-recovery/core';
import {
  aUser,
  CONTRACT_TRIGGER_HANDLERS,
  describeAttemptLimiterContract,
  describeClockContract,
  describeCodeEncryptorContract,
  describeMessageSenderContract,
  describePasswordHasherContract,
  describePoolDirectoryContract,
  describeRandomSourceContract,
  describeRecoveryCodeStoreContract,
  describeTokenSignerContract,
  describeTriggerInvokerContract,
  describeUserStoreContract,
} from '@cognito-recovery/core/testing';
import { err, ok, ResultAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import {
  ManualClock,
  MemoryAttemptLimiter,
  MemoryPoolDirectory,
  MemoryRecoveryCodeStore,
  MemoryTriggerInvoker,
  MemoryUserStore,
  Outbox,
  RawAesCodeEncryptor,
  SeededRandomSource,
} from './index.js';

describePoolDirectoryContract('MemoryPoolDirectory', () => new MemoryPoolDirectory());
/** A directory whose every answer is a ResultAsync over a rejected promise: the cache must still resolve. */
const rejectingDirectory = (): PoolDirectory => {
  const down = (): ResultAsync<never, never> => new ResultAsync(Promise.reject(new Error('directory down')));
  return { getPool: down, getClient: down, putPool: down, deletePool: down, putClient: down, listPools: down, listClients: down };
};
describePoolDirectoryContract('cachedPoolDirectory(MemoryPoolDirectory)', () => cachedPoolDirectory(new MemoryPoolDirectory(), 60_000), {
  broken: () => cachedPoolDirectory(rejectingDirectory(), 60_000),
});
const memoryStores = (): { users: MemoryUserStore; codes: MemoryRecoveryCodeStore } => {
  const codes = new MemoryRecoveryCodeStore();
  return { users: new MemoryUserStore(codes), codes };
};
describeUserStoreContract('MemoryUserStore', memoryStores);
describeRecoveryCodeStoreContract('MemoryRecoveryCodeStore', memoryStores);
describeAttemptLimiterContract('MemoryAttemptLimiter', () => new MemoryAttemptLimiter());
describeMessageSenderContract('Outbox', () => {
  const outbox = new Outbox(new ManualClock());
  return { sender: outbox, delivered: () => outbox.messages() };
});
describePasswordHasherContract('ScryptPasswordHasher (N=1024)', () => new ScryptPasswordHasher({ cost: 1024 }));
describeClockContract('ManualClock', () => new ManualClock());
describeRandomSourceContract('SeededRandomSource', () => new SeededRandomSource(20240101));
describeTokenSignerContract('LocalTokenSigner', () => new LocalTokenSigner());
describeTriggerInvokerContract(
  'MemoryTriggerInvoker',
  () => {
    const triggers = new MemoryTriggerInvoker();
    for (const [name, handler] of Object.entries(CONTRACT_TRIGGER_HANDLERS))
      triggers.register(`arn:aws:lambda:us-east-1:123456789012:function:${name}`, handler);
    return triggers;
  },
  {
    answering: 'arn:aws:lambda:us-east-1:123456789012:function:answering',
    throwing: 'arn:aws:lambda:us-east-1:123456789012:function:throwing',
    slow: 'arn:aws:lambda:us-east-1:123456789012:function:slow',
    missing: 'arn:aws:lambda:us-east-1:123456789012:function:missing',
  },
);
const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
describeCodeEncryptorContract(
  'RawAesCodeEncryptor',
  () => {
    const encryptor = new RawAesCodeEncryptor({ key: new Uint8Array(32).fill(7) });
    return {
      encryptor,
      keyId: 'arn:aws:kms:us-east-1:123456789012:key/ignored-by-the-raw-keyring',
      decrypt: async (ciphertext) => {
        const { plaintext, messageHeader } = await decrypt(encryptor.keyring, Buffer.from(ciphertext, 'base64'));
        return { plaintext: plaintext.toString('utf8'), encryptionContext: messageHeader.encryptionContext };
      },
    };
  },
  { singleKey: true },
);

const POOL = 'us-east-1_Memory';

function message(username: string, code: string, overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    userPoolId: POOL,
    username,
    medium: 'EMAIL',
    destination: `${username}@example.com`,
    subject: 'Your code',
    body: `Your code is ${code}`,
    code,
    emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' },
    smsConfiguration: undefined,
    ...overrides,
  };
}

describe('Outbox', () => {
  it('records messages newest last, stamped with the clock as ISO 8601', async () => {
    const clock = new ManualClock(Date.UTC(2024, 4, 1, 12));
    const outbox = new Outbox(clock);
    expect(await outbox.send(message('alice', '111111'))).toEqual(ok(undefined));
    clock.advanceBy(1500);
    expect(await outbox.send(message('bob', '222222', { medium: 'SMS', destination: '+15555550100', subject: undefined }))).toEqual(ok(undefined));
    expect(outbox.messages()).toEqual([
      {
        userPoolId: POOL,
        username: 'alice',
        medium: 'EMAIL',
        destination: 'alice@example.com',
        subject: 'Your code',
        body: 'Your code is 111111',
        code: '111111',
        sentAt: '2024-05-01T12:00:00.000Z',
      },
      {
        userPoolId: POOL,
        username: 'bob',
        medium: 'SMS',
        destination: '+15555550100',
        subject: undefined,
        body: 'Your code is 222222',
        code: '222222',
        sentAt: '2024-05-01T12:00:01.500Z',
      },
    ]);
  });

  it("gives the latest code of a user, ignoring other users' and other pools' messages", async () => {
    const outbox = new Outbox(new ManualClock());
    expect(await outbox.send(message('alice', '111111'))).toEqual(ok(undefined));
    expect(await outbox.send(message('alice', '333333'))).toEqual(ok(undefined));
    expect(await outbox.send(message('bob', '222222'))).toEqual(ok(undefined));
    expect(await outbox.send(message('alice', '999999', { userPoolId: 'us-east-1_Other' }))).toEqual(ok(undefined));
    expect(outbox.latestCodeFor(POOL, 'alice')).toBe('333333');
    expect(outbox.latestFor(POOL, 'alice')?.body).toBe('Your code is 333333');
    expect(outbox.latestCodeFor(POOL, 'bob')).toBe('222222');
    expect(outbox.latestCodeFor('us-east-1_Other', 'alice')).toBe('999999');
    expect(outbox.latestCodeFor(POOL, 'carol')).toBeUndefined();
  });

  it('fails exactly the next N sends, recording none of them, then delivers again', async () => {
    const outbox = new Outbox(new ManualClock());
    outbox.failNext(2, 'SES is down');
    expect(await outbox.send(message('alice', '111111'))).toEqual(err({ kind: 'DeliveryFailure', reason: 'SES is down' }));
    expect(await outbox.send(message('alice', '222222'))).toEqual(err({ kind: 'DeliveryFailure', reason: 'SES is down' }));
    expect(await outbox.send(message('alice', '333333'))).toEqual(ok(undefined));
    expect(outbox.messages().map((m) => m.code)).toEqual(['333333']);
  });

  it('can fail with a specific Cognito exception, and failNext(0) cancels', async () => {
    const outbox = new Outbox(new ManualClock());
    outbox.failNext(1, 'role', 'InvalidSmsRoleTrustRelationshipException');
    expect(await outbox.send(message('alice', '1'))).toEqual(
      err({ kind: 'DeliveryFailure', reason: 'role', exception: 'InvalidSmsRoleTrustRelationshipException' }),
    );
    outbox.failNext(3, 'down');
    outbox.failNext(0, 'down');
    expect(await outbox.send(message('alice', '2'))).toEqual(ok(undefined));
  });

  it('clears messages and pending failures', async () => {
    const outbox = new Outbox(new ManualClock());
    expect(await outbox.send(message('alice', '111111'))).toEqual(ok(undefined));
    outbox.failNext(1, 'down');
    outbox.clear();
    expect(outbox.messages()).toEqual([]);
    expect(outbox.latestCodeFor(POOL, 'alice')).toBeUndefined();
    expect(await outbox.send(message('alice', '2'))).toEqual(ok(undefined));
  });

  it('hands out a copy of its messages', async () => {
    const outbox = new Outbox(new ManualClock());
    expect(await outbox.send(message('alice', '111111'))).toEqual(ok(undefined));
    const snapshot = outbox.messages();
    expect(await outbox.send(message('alice', '222222'))).toEqual(ok(undefined));
    expect(snapshot).toHaveLength(1);
  });
});

describe('ManualClock', () => {
  it('starts where told, advances by and is set to given times', () => {
    const clock = new ManualClock(1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.advanceBy(500)).toBe(1_500);
    expect(clock.now()).toBe(1_500);
    clock.set(200);
    expect(clock.now()).toBe(200);
  });

  it('refuses to advance by a negative or non-finite amount', () => {
    const clock = new ManualClock(1_000);
    expect(() => clock.advanceBy(-1)).toThrow(RangeError);
    expect(() => clock.advanceBy(Number.NaN)).toThrow(RangeError);
    expect(clock.now()).toBe(1_000);
  });
});

describe('SeededRandomSource', () => {
  const draw = (r: SeededRandomSource): unknown[] => [r.randomInt(0, 1_000_000), r.uuid(), [...r.bytes(9)], r.randomInt(-5, 5)];

  it('repeats the same sequence for the same seed', () => {
    expect(draw(new SeededRandomSource(7))).toEqual(draw(new SeededRandomSource(7)));
  });

  it('gives different sequences for different seeds', () => {
    expect(draw(new SeededRandomSource(7))).not.toEqual(draw(new SeededRandomSource(8)));
  });

  it('is roughly uniform over ten buckets', () => {
    const random = new SeededRandomSource(1);
    const buckets = Array.from({ length: 10 }, () => 0);
    for (let i = 0; i < 10_000; i++) {
      const bucket = random.randomInt(0, 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const n of buckets) expect(n).toBeGreaterThan(850);
  });

  it('refuses the ranges crypto.randomInt refuses', () => {
    const random = new SeededRandomSource(1);
    expect(() => random.randomInt(5, 5)).toThrow(RangeError);
    expect(() => random.randomInt(0, 2 ** 48 + 1)).toThrow(RangeError);
    expect(() => random.randomInt(0.5, 3)).toThrow(RangeError);
  });
});

describe('ScryptPasswordHasher', () => {
  it('writes scrypt$N$r$p$salt$hash with the configured cost', async () => {
    const hash = (await new ScryptPasswordHasher({ cost: 1024 }).hash('pw'))._unsafeUnwrap();
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
  });

  it('verifies a hash made with another cost, as the hash describes it', async () => {
    const hash = (await new ScryptPasswordHasher({ cost: 2048, blockSize: 4 }).hash('pw'))._unsafeUnwrap();
    expect(await new ScryptPasswordHasher({ cost: 1024 }).verify('pw', hash)).toEqual(ok(true));
  });

  it('answers a PortFailure for an unreadable or hostile hash instead of throwing', async () => {
    const hasher = new ScryptPasswordHasher({ cost: 1024 });
    expect(await hasher.verify('pw', 'bcrypt$x')).toEqual(
      err({ kind: 'PortFailure', port: 'PasswordHasher', reason: 'unrecognized password hash format', throttled: false }),
    );
    const huge = 'scrypt$1073741824$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=';
    expect((await hasher.verify('pw', huge)).isErr()).toBe(true);
    const notPowerOfTwo = 'scrypt$1000$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=';
    const result = await hasher.verify('pw', notPowerOfTwo);
    expect(result.isErr() && result.error.kind).toBe('PortFailure');
  });

  it('answers a PortFailure when configured with an invalid cost', async () => {
    const result = await new ScryptPasswordHasher({ cost: 1000 }).hash('pw');
    expect(result.isErr() && result.error.port).toBe('PasswordHasher');
  });
});

describe('MemoryUserStore', () => {
  it('refuses a second user under an existing username that was not claimed', async () => {
    const store = new MemoryUserStore(new MemoryRecoveryCodeStore());
    const base = aUser('alice', POOL).build();
    expect((await store.create({ ...base, username: 'alice' }, ['email:a@example.com'])).isOk()).toBe(true);
    const second = await store.create({ ...base, username: 'alice', sub: 't' }, ['email:b@example.com']);
    expect(second.isErr() && second.error.kind).toBe('PortFailure');
    expect(await store.findByClaim(POOL, 'email:b@example.com')).toEqual(ok(undefined));
  });

  it('refuses a non-positive list limit', async () => {
    const result = await new MemoryUserStore(new MemoryRecoveryCodeStore()).list(POOL, 0);
    expect(result.isErr()).toBe(true);
  });
});

describe('MemoryAttemptLimiter', () => {
  it('forgets keys whose window has passed, as other keys are attempted', async () => {
    const limiter = new MemoryAttemptLimiter();
    for (let i = 0; i < 100; i++) expect((await limiter.attempt(`old:${i}`, 5, 1_000, 0)).isOk()).toBe(true);
    for (let i = 0; i < 100; i++) expect((await limiter.attempt(`new:${i}`, 5, 1_000, 5_000)).isOk()).toBe(true);
    for (let i = 0; i < 100; i++) expect(await limiter.count(`old:${i}`, 1_000_000, 5_000)).toEqual(ok(0));
    expect(await limiter.count('new:0', 1_000, 5_000)).toEqual(ok(1));
  });
});

describe('MemoryRecoveryCodeStore', () => {
  it('forgets expired codes whose attempt window is empty, a couple per issue, and keeps the rest', async () => {
    const codes = new MemoryRecoveryCodeStore();
    const H = 3_600_000;
    const code = (issuedAt: number) => ({ codeHmac: `h${issuedAt}`, issuedAt, expiresAt: issuedAt + H });
    // 100 never-sent codes under hidden names (simulated ForgotPassword for random inputs), and one
    // expired code whose confirm window is still busy.
    for (let i = 0; i < 100; i++) expect((await codes.issue(POOL, ` unknown ghost${i}`, code(0))).isOk()).toBe(true);
    expect((await codes.attemptAndVerify(POOL, ' unknown ghost7', 'x', H + 1, { max: 5, windowMs: H })).isOk()).toBe(true);
    // 120 issues an hour later look at 240 records, more than the store ever holds (the cursor also
    // meets the records issued behind it): every expired one at least once.
    for (let i = 0; i < 120; i++) expect((await codes.issue(POOL, `user${i}`, code(H + 2))).isOk()).toBe(true);
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => (await codes.verify(POOL, ` unknown ghost${i}`, 'x', H + 2))._unsafeUnwrap()),
    );
    expect(outcomes.filter((o) => o === 'none')).toHaveLength(99);
    expect(outcomes[7]).toBe('expired');
    for (let i = 0; i < 120; i++) expect(await codes.verify(POOL, `user${i}`, `h${H + 2}`, H + 3)).toEqual(ok('valid'));
  });
});

describe('MemoryTriggerInvoker', () => {
  const invocation = (functionRef: string, event: unknown, timeoutMs = 1_000) =>
    ({ userPoolId: POOL, trigger: 'CustomMessage', functionRef, event, timeoutMs }) as const;

  it("returns the handler's answer, having handed it a copy of the event", async () => {
    const triggers = new MemoryTriggerInvoker();
    triggers.register('fn', (event) => {
      const e = event as { response: { emailMessage?: string } };
      e.response.emailMessage = 'Code {####}';
      return Promise.resolve(e);
    });
    const event = { request: { codeParameter: '{####}' }, response: {} };
    expect(await triggers.invoke(invocation('fn', event))).toEqual(ok({ request: { codeParameter: '{####}' }, response: { emailMessage: 'Code {####}' } }));
    expect(event.response).toEqual({});
    expect(triggers.invocations()).toHaveLength(1);
  });

  it('answers Timeout when the handler does not answer within timeoutMs', async () => {
    const triggers = new MemoryTriggerInvoker();
    triggers.register(
      'slow',
      () =>
        new Promise((resolve) =>
          setTimeout(() => {
            resolve({});
          }, 200),
        ),
    );
    const started = Date.now();
    expect(await triggers.invoke(invocation('slow', {}, 20))).toEqual(err({ kind: 'Timeout' }));
    expect(Date.now() - started).toBeLessThan(150);
  });

  it('answers FunctionError with the message of what the handler threw, synchronously or not', async () => {
    const triggers = new MemoryTriggerInvoker();
    triggers.register('rejects', () => Promise.reject(new Error('boom')));
    triggers.register('throws', () => {
      throw new Error('sync boom');
    });
    expect(await triggers.invoke(invocation('rejects', {}))).toEqual(err({ kind: 'FunctionError', message: 'boom' }));
    expect(await triggers.invoke(invocation('throws', {}))).toEqual(err({ kind: 'FunctionError', message: 'sync boom' }));
  });

  it('answers InvocationFailed for an unregistered function or an event that cannot be copied', async () => {
    const triggers = new MemoryTriggerInvoker();
    const missing = await triggers.invoke(invocation('nope', {}));
    expect(missing.isErr() && missing.error.kind).toBe('InvocationFailed');
    triggers.register('fn', (e) => Promise.resolve(e));
    triggers.unregister('fn');
    expect((await triggers.invoke(invocation('fn', {}))).isErr()).toBe(true);
    triggers.register('fn', (e) => Promise.resolve(e));
    const uncloneable = await triggers.invoke(invocation('fn', { f: () => 1 }));
    expect(uncloneable.isErr() && uncloneable.error.kind).toBe('InvocationFailed');
  });
});

describe('Outbox limit', () => {
  it('keeps only the newest `limit` messages, oldest dropped first', async () => {
    const outbox = new Outbox(undefined, { limit: 3 });
    const message = (i: number): OutgoingMessage => ({
      userPoolId: 'p',
      username: `u${i}`,
      medium: 'EMAIL',
      destination: `u${i}@example.com`,
      subject: 's',
      body: `b${i}`,
      code: String(i).padStart(6, '0'),
      emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' },
      smsConfiguration: undefined,
    });
    for (let i = 0; i < 10; i++) expect((await outbox.send(message(i))).isOk()).toBe(true);
    expect(outbox.messages().map((m) => m.username)).toEqual(['u7', 'u8', 'u9']);
    expect(outbox.latestCodeFor('p', 'u2')).toBeUndefined();
    expect(outbox.latestCodeFor('p', 'u9')).toBe('000009');
    expect(outbox.messages()[0]?.sentAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});
