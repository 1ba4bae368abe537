import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { cognitoError } from '../errors.js';
import type { AppClient } from '../model/app-client.js';
import { computeSecretHash, verifySecretHash } from './secret-hash.js';

const CLIENT_ID = '1example23456789';
const SECRET = 'fx2z1example5secretlz3jq6exampleuyvj4m2gx7ex0';

function aClient(clientSecret: string | undefined): AppClient {
  return {
    clientId: CLIENT_ID,
    clientName: 'app',
    userPoolId: 'us-east-1_Example',
    clientSecret,
    preventUserExistenceErrors: 'LEGACY',
    creationDate: 0,
    lastModifiedDate: 0,
  };
}

/** R2.5 computed independently: one HMAC over the concatenated UTF-8 message. */
function referenceHash(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(Buffer.from(`${username}${clientId}`, 'utf8'))
    .digest('base64');
}

const missing = err(cognitoError('NotAuthorizedException', `Client ${CLIENT_ID} is configured for secret but secret was not received`));
const mismatch = err(cognitoError('NotAuthorizedException', `Unable to verify secret hash for client ${CLIENT_ID}`));

describe('computeSecretHash', () => {
  it.each([{ username: 'alice' }, { username: 'alice@example.com' }, { username: '+15555550100' }, { username: 'josé' }, { username: '用户😀' }])(
    'R2.5 is Base64(HMAC_SHA256(secret, username + clientId)) for $username',
    ({ username }) => {
      expect(computeSecretHash(SECRET, username, CLIENT_ID)).toBe(referenceHash(SECRET, username, CLIENT_ID));
    },
  );

  it('R2.5 produces standard padded base64 of a 32-byte digest (44 characters ending in "=")', () => {
    const hash = computeSecretHash(SECRET, 'alice', CLIENT_ID);
    expect(hash).toMatch(/^[A-Za-z0-9+/]{43}=$/u);
  });

  it('R2.5 matches the independent HMAC for any secret, username and client id', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ unit: 'grapheme' }), fc.string({ minLength: 1 }), (secret, username, clientId) => {
        expect(computeSecretHash(secret, username, clientId)).toBe(referenceHash(secret, username, clientId));
      }),
    );
  });
});

describe('verifySecretHash', () => {
  const withSecret = aClient(SECRET);

  it('R2.5 accepts the hash over the Username sent', () => {
    expect(verifySecretHash(withSecret, 'alice', referenceHash(SECRET, 'alice', CLIENT_ID))).toEqual(ok(undefined));
  });

  it('D3 answers a missing SecretHash with NotAuthorizedException "Client <id> is configured for secret but secret was not received"', () => {
    expect(verifySecretHash(withSecret, 'alice', undefined)).toEqual(missing);
  });

  it('R2.5 answers a wrong SecretHash with NotAuthorizedException "Unable to verify secret hash for client <id>"', () => {
    expect(verifySecretHash(withSecret, 'alice', referenceHash(SECRET, 'bob', CLIENT_ID))).toEqual(mismatch);
  });

  it('R2.5 rejects a hash computed with another secret', () => {
    expect(verifySecretHash(withSecret, 'alice', referenceHash('other-secret', 'alice', CLIENT_ID))).toEqual(mismatch);
  });

  it('R2.5 rejects a hash computed for another client id', () => {
    expect(verifySecretHash(withSecret, 'alice', referenceHash(SECRET, 'alice', 'otherclient'))).toEqual(mismatch);
  });

  it('D10 rejects a hash over the canonical username when the alias was sent as Username', () => {
    expect(verifySecretHash(withSecret, 'alice@example.com', referenceHash(SECRET, 'alice', CLIENT_ID))).toEqual(mismatch);
  });

  it('D10 accepts the hash over the alias when the alias was sent as Username', () => {
    expect(verifySecretHash(withSecret, 'alice@example.com', referenceHash(SECRET, 'alice@example.com', CLIENT_ID))).toEqual(ok(undefined));
  });

  it('D10 compares the exact spelling sent: a hash over another case of the Username is rejected', () => {
    expect(verifySecretHash(withSecret, 'Alice', referenceHash(SECRET, 'alice', CLIENT_ID))).toEqual(mismatch);
  });

  it.each([
    { label: 'a hash', secretHash: () => referenceHash('whatever', 'alice', CLIENT_ID) },
    { label: 'junk', secretHash: () => 'not-base64!!' },
    { label: 'an empty string', secretHash: () => '' },
    { label: 'no hash at all', secretHash: () => undefined },
  ])('D3 ignores $label sent to a client without a secret', ({ secretHash }) => {
    expect(verifySecretHash(aClient(undefined), 'alice', secretHash())).toEqual(ok(undefined));
  });

  describe('malformed hashes', () => {
    const good = referenceHash(SECRET, 'alice', CLIENT_ID);
    it.each([
      { label: 'an empty string', secretHash: '' },
      { label: 'the hash without its padding', secretHash: good.replace(/=+$/u, '') },
      { label: 'the hash truncated by four characters', secretHash: good.slice(0, -4) },
      { label: 'the hash with an extra block', secretHash: `${good}AAAA` },
      { label: 'the hash with junk characters inserted', secretHash: `${good.slice(0, 10)}!!${good.slice(10)}` },
      { label: 'the hash with a space inserted', secretHash: `${good.slice(0, 10)} ${good.slice(10)}` },
      { label: 'the hash in unpadded base64url', secretHash: Buffer.from(good, 'base64').toString('base64url') },
      { label: 'the hex digest', secretHash: Buffer.from(good, 'base64').toString('hex') },
      { label: 'plain junk', secretHash: '%%%%' },
    ])('R2.5 rejects $label', ({ secretHash }) => {
      expect(verifySecretHash(withSecret, 'alice', secretHash)).toEqual(mismatch);
    });
  });

  it('R2.5 never throws, and accepts exactly the correct hash, for any username and hash string', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.option(fc.string({ unit: 'binary', maxLength: 200 }), { nil: undefined }),
        (username, secretHash) => {
          const result = verifySecretHash(withSecret, username, secretHash);
          const correct = secretHash === referenceHash(SECRET, username, CLIENT_ID);
          expect(result.isOk()).toBe(correct);
          if (result.isErr()) expect(result.error).toEqual((secretHash === undefined ? missing : mismatch).error);
        },
      ),
    );
  });

  it('R2.5 accepts the computed hash for any username', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (username) => {
        expect(verifySecretHash(withSecret, username, computeSecretHash(SECRET, username, CLIENT_ID))).toEqual(ok(undefined));
      }),
    );
  });

  it('R2.5 rejects a correct hash with one character changed', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.nat(),
        fc.constantFrom(...Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/')),
        (username, at, replacement) => {
          const good = computeSecretHash(SECRET, username, CLIENT_ID);
          const i = at % 43;
          fc.pre(good[i] !== replacement);
          const changed = good.slice(0, i) + replacement + good.slice(i + 1);
          expect(verifySecretHash(withSecret, username, changed)).toEqual(mismatch);
        },
      ),
    );
  });
});
