/**
 * The PostgreSQL composition's token options (D34): `signingKeys` for the default `LocalTokenSigner`,
 * or a `tokens` signer of the caller's. No database is needed: signing never touches it.
 */
import { createPublicKey } from 'node:crypto';
import { generateLocalSigningKeys, keyIdOf, LocalTokenSigner } from '@cognito-recovery/core';
import { describe, expect, it } from 'vitest';
import { createPostgresPorts, STRONG_SCRYPT, type SqlExecutor } from '../src/index.js';

const db = {} as SqlExecutor;
const codeKey = new Uint8Array(32);
const POOL = 'us-east-1_Tokens1';

describe('createPostgresPorts: token signing options (D34)', () => {
  it('signingKeys: the default LocalTokenSigner signs with them, so another process with the same keys verifies its tokens', async () => {
    const keys = generateLocalSigningKeys();
    const one = createPostgresPorts(db, { codeKey, signingKeys: keys }).ports.tokens;
    const other = createPostgresPorts(db, { codeKey, signingKeys: keys }).ports.tokens;
    expect((await one.jwks(POOL))._unsafeUnwrap().map((k) => k.kid)).toEqual([keyIdOf(createPublicKey(keys.id)), keyIdOf(createPublicKey(keys.access))]);
    const token = (await one.sign(POOL, 'access', { sub: 'u' }))._unsafeUnwrap();
    expect((await other.verify(POOL, 'access', token))._unsafeUnwrap()).toEqual({ sub: 'u' });
  });

  it('tokens: the caller’s signer wins over signingKeys', () => {
    const tokens = new LocalTokenSigner();
    expect(createPostgresPorts(db, { codeKey, tokens, signingKeys: generateLocalSigningKeys() }).ports.tokens).toBe(tokens);
  });

  it('keeps the strong scrypt default for password hashes', async () => {
    const hash = (await createPostgresPorts(db, { codeKey }).ports.hasher.hash('Passw0rd!'))._unsafeUnwrap();
    expect(hash.startsWith(`scrypt$${STRONG_SCRYPT.cost}$${STRONG_SCRYPT.blockSize}$${STRONG_SCRYPT.parallelization}$`)).toBe(true);
  });
});
