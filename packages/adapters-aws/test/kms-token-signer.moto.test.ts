import 'reflect-metadata';
import { createPublicKey } from 'node:crypto';
import { CreateKeyCommand, GetPublicKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { keyIdOf } from '@cognito-recovery/core';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { describeTokenSignerContract } from '@cognito-recovery/core/testing';
import type { Ports } from '@cognito-recovery/core';
import { container } from 'tsyringe';
import { beforeAll, describe, expect, it } from 'vitest';
import { KmsTokenSigner, createAwsPorts } from '../src/index.js';
import { registerAwsRecovery, TOKENS } from '../src/tsyringe.js';
import { awsConfig, dynamoClient, mailConfig, withoutMoto } from './moto.js';

/** Where nothing listens: every request fails at once (`maxAttempts: 1`, no retries). */
const NOWHERE = 'http://127.0.0.1:9';
const POOL = 'us-east-1_KmsSigner1';

describe.skipIf(withoutMoto)('KmsTokenSigner on moto (R21.2, R21.9, D34)', () => {
  const kms = new KMSClient(mailConfig());
  const keys = { idKeyId: '', accessKeyId: '', symmetric: '' };
  beforeAll(async () => {
    const signing = async (description: string): Promise<string> =>
      (await kms.send(new CreateKeyCommand({ Description: description, KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }))).KeyMetadata?.Arn ?? '';
    keys.idKeyId = await signing('id tokens');
    keys.accessKeyId = await signing('access tokens');
    keys.symmetric = (await kms.send(new CreateKeyCommand({ Description: 'symmetric' }))).KeyMetadata?.Arn ?? '';
  });
  const signer = (): KmsTokenSigner => new KmsTokenSigner(kms, { idKeyId: keys.idKeyId, accessKeyId: keys.accessKeyId });

  describeTokenSignerContract('KmsTokenSigner (moto)', signer);

  it('D34: kid is the base64 SHA-256 of the DER public key KMS holds, and tokens carry it in the header {kid, alg}', async () => {
    const tokens = signer();
    const jwks = (await tokens.jwks())._unsafeUnwrap();
    for (const [i, keyId] of [keys.idKeyId, keys.accessKeyId].entries()) {
      const der = (await kms.send(new GetPublicKeyCommand({ KeyId: keyId }))).PublicKey ?? new Uint8Array();
      const kid = keyIdOf(createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' }));
      expect(kid).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(jwks[i]).toEqual({ kid, alg: 'RS256', kty: 'RSA', e: 'AQAB', n: expect.any(String) as unknown, use: 'sig' });
    }
    const idToken = (await tokens.sign(POOL, 'id', { sub: 'u1', token_use: 'id', exp: 1 }))._unsafeUnwrap();
    const accessToken = (await tokens.sign(POOL, 'access', { sub: 'u1', token_use: 'access' }))._unsafeUnwrap();
    expect(decodeProtectedHeader(idToken)).toEqual({ kid: jwks[0]?.kid, alg: 'RS256' });
    expect(decodeProtectedHeader(accessToken)).toEqual({ kid: jwks[1]?.kid, alg: 'RS256' });
    // exp is the caller's to check: an expired token still verifies with jose when told the time.
    const set = createLocalJWKSet({ keys: jwks.map((key) => ({ ...key })) });
    expect((await jwtVerify(idToken, set, { currentDate: new Date(0) })).payload).toEqual({ sub: 'u1', token_use: 'id', exp: 1 });
  });

  it('D34: verify answers the claims of its own tokens for the right use only, without checking exp; undefined for anything else', async () => {
    const tokens = signer();
    const token = (await tokens.sign(POOL, 'access', { sub: 'u2', exp: 1 }))._unsafeUnwrap();
    expect((await tokens.verify(POOL, 'access', token))._unsafeUnwrap()).toEqual({ sub: 'u2', exp: 1 });
    expect((await tokens.verify(POOL, 'id', token))._unsafeUnwrap()).toBeUndefined();
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', exp: 1 })).toString('base64url');
    expect((await tokens.verify(POOL, 'access', `${header}.${forged}.${signature}`))._unsafeUnwrap()).toBeUndefined();
    expect((await tokens.verify(POOL, 'access', `${header}.${payload}`))._unsafeUnwrap()).toBeUndefined();
    expect((await tokens.verify(POOL, 'access', 'garbage'))._unsafeUnwrap()).toBeUndefined();
    // Another signer with the same KMS keys (another process) verifies it too: the keys live in KMS.
    expect((await signer().verify(POOL, 'access', token))._unsafeUnwrap()).toEqual({ sub: 'u2', exp: 1 });
  });

  it('D34: GetPublicKey is called once per key for the signer’s life', async () => {
    let calls = 0;
    const counting = new KMSClient(mailConfig());
    counting.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'GetPublicKeyCommand') calls++;
        return next(args);
      },
      { step: 'initialize', name: 'countGetPublicKey' },
    );
    const tokens = new KmsTokenSigner(counting, { idKeyId: keys.idKeyId, accessKeyId: keys.accessKeyId });
    await Promise.all([tokens.jwks(), tokens.sign(POOL, 'id', { a: 1 }), tokens.sign(POOL, 'access', { a: 1 })]);
    const token = (await tokens.sign(POOL, 'id', { a: 2 }))._unsafeUnwrap();
    expect((await tokens.verify(POOL, 'id', token))._unsafeUnwrap()).toEqual({ a: 2 });
    expect(calls).toBe(2);
  });

  it('D34: keys that are not two different RSA_2048 SIGN_VERIFY keys are PortFailures, never rejections', async () => {
    const same = new KmsTokenSigner(kms, { idKeyId: keys.idKeyId, accessKeyId: keys.idKeyId });
    expect((await same.jwks())._unsafeUnwrapErr()).toMatchObject({ kind: 'PortFailure', port: 'TokenSigner' });
    expect((await same.sign(POOL, 'id', { a: 1 })).isErr()).toBe(true);
    const symmetric = new KmsTokenSigner(kms, { idKeyId: keys.symmetric, accessKeyId: keys.accessKeyId });
    expect((await symmetric.sign(POOL, 'id', { a: 1 }))._unsafeUnwrapErr().reason).toContain('RSA_2048');
    const missing = new KmsTokenSigner(kms, { idKeyId: 'alias/missing', accessKeyId: keys.accessKeyId });
    expect((await missing.sign(POOL, 'id', { a: 1 }))._unsafeUnwrapErr().reason).toMatch(/^KMS GetPublicKey failed: /);
  });

  it('a KMS that cannot be reached answers PortFailures that quote no claim', async () => {
    const broken = new KmsTokenSigner(new KMSClient(awsConfig(NOWHERE)), { idKeyId: keys.idKeyId, accessKeyId: keys.accessKeyId });
    const signed = await broken.sign(POOL, 'id', { email: 'secret@example.com' });
    expect(signed._unsafeUnwrapErr()).toMatchObject({ kind: 'PortFailure', port: 'TokenSigner' });
    expect(JSON.stringify(signed._unsafeUnwrapErr())).not.toContain('secret@example.com');
    expect((await broken.verify(POOL, 'id', 'a.b.c')).isErr()).toBe(true);
    expect((await broken.jwks()).isErr()).toBe(true);
  });

  it('createAwsPorts: tokenKeys selects the KMS signer; without them a LocalTokenSigner signs', async () => {
    const withKeys = createAwsPorts(
      { dynamodb: dynamoClient(), kms },
      { tableName: 'unused', codeKey: new Uint8Array(32), tokenKeys: { idKeyId: keys.idKeyId, accessKeyId: keys.accessKeyId } },
    );
    expect(withKeys.ports.tokens).toBeInstanceOf(KmsTokenSigner);
    expect((await withKeys.ports.tokens.jwks(POOL))._unsafeUnwrap()).toEqual((await signer().jwks())._unsafeUnwrap());
    const without = createAwsPorts({ dynamodb: dynamoClient(), kms }, { tableName: 'unused', codeKey: new Uint8Array(32) });
    expect(without.ports.tokens).not.toBeInstanceOf(KmsTokenSigner);
    expect(() => createAwsPorts({ dynamodb: dynamoClient() }, { tableName: 'unused', codeKey: new Uint8Array(32), tokenKeys: keys })).toThrow(
      /needs clients\.kms/,
    );
  });

  it('registerAwsRecovery: tokenKeys registers the KMS signer under TOKENS.TokenSigner, and Ports uses it', () => {
    const child = container.createChildContainer();
    registerAwsRecovery(
      child,
      { dynamodb: dynamoClient(), kms },
      { tableName: 'unused', codeKey: new Uint8Array(32), tokenKeys: { idKeyId: keys.idKeyId, accessKeyId: keys.accessKeyId } },
    );
    const registered = child.resolve<KmsTokenSigner>(TOKENS.TokenSigner);
    expect(registered).toBeInstanceOf(KmsTokenSigner);
    expect(child.resolve<Ports>(TOKENS.Ports).tokens).toBe(registered);
    const plain = container.createChildContainer();
    registerAwsRecovery(plain, { dynamodb: dynamoClient() }, { tableName: 'unused', codeKey: new Uint8Array(32) });
    expect(plain.resolve<Ports>(TOKENS.Ports).tokens).not.toBeInstanceOf(KmsTokenSigner);
  });
});
