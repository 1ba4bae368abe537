/**
 * `cognito-recovery serve --data-dir DIR` keeps the token signing keys (D34, D48): generated on the
 * first start into `DIR/signing-keys.json` (mode 0600), so a token signed before a restart verifies
 * after it against the served JWKS; signing keys from the configuration file are used instead; the
 * password hash cost follows `--hash-cost` (default 16). Real PGlite in temporary directories.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createPublicKey } from 'node:crypto';
import { join } from 'node:path';
import { createMemoryPorts } from '@cognito-recovery/adapters-memory';
import { generateLocalSigningKeys, keyIdOf, type PublicJwk } from '@cognito-recovery/core';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { describe, expect, it } from 'vitest';
import { openDataDir, SIGNING_KEYS_FILE } from '../src/data-dir.js';
import { pgliteDataDirs, serve, withDataDirRecovery } from './support.js';

const SLOW = 180_000;
/** A JWKS document as aws-jwt-verify types it. */
const asJwks = (value: unknown): Jwks => value as Jwks;
const POOL = 'us-east-1_Keys1';
const CLIENT = 'keysclient1';

/** Data directories of these tests, each with an empty migrated database. */
const { freshDir, itOnFreshDir } = pgliteDataDirs('cognito-recovery-signing-', SLOW);

const jwksOf = async (url: string): Promise<{ keys: PublicJwk[] }> =>
  (await (await fetch(`${url}/${POOL}/.well-known/jwks.json`)).json()) as { keys: PublicJwk[] };

const config = (extra: Record<string, unknown> = {}): string =>
  JSON.stringify({
    ...extra,
    pools: [{ PoolName: 'keys', Id: POOL, Clients: [{ ClientName: 'web', ClientId: CLIENT }], Users: [{ Username: 'alice', Password: 'Passw0rd!' }] }],
  });

describe('signing keys in a data directory (D34, D48)', () => {
  itOnFreshDir(
    'D34: a token signed with the directory’s ports.tokens before a restart verifies after it against the served JWKS; the keys file is 0600',
    async (dataDir) => {
      // First start: open the directory as the server does, and sign with its token signer.
      const opened = await openDataDir(dataDir, createMemoryPorts({ hasherCost: 1024 }));
      let token: string;
      let before: readonly PublicJwk[];
      try {
        (await opened.recovery.createUserPool({ PoolName: 'keys', Id: POOL }))._unsafeUnwrap();
        const now = Math.floor(Date.now() / 1000);
        const claims = {
          sub: 'u1',
          iss: `https://cognito-idp.us-east-1.amazonaws.com/${POOL}`,
          client_id: CLIENT,
          token_use: 'access',
          iat: now,
          exp: now + 3600,
        };
        token = (await opened.recovery.ports.tokens.sign(POOL, 'access', claims))._unsafeUnwrap();
        before = (await opened.recovery.ports.tokens.jwks(POOL))._unsafeUnwrap();
      } finally {
        await opened.close();
      }
      const file = join(dataDir, SIGNING_KEYS_FILE);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const stored = JSON.parse(readFileSync(file, 'utf8')) as { id: string; access: string };
      expect(before.map((k) => k.kid)).toEqual([keyIdOf(createPublicKey(stored.id)), keyIdOf(createPublicKey(stored.access))]);

      // Restart: the served JWKS has the same keys, and aws-jwt-verify accepts the old token.
      const server = await serve(['--data-dir', dataDir]);
      try {
        const jwks = await jwksOf(server.url);
        expect(jwks.keys).toEqual(before);
        const verifier = CognitoJwtVerifier.create({ userPoolId: POOL, tokenUse: 'access', clientId: CLIENT });
        verifier.cacheJwks(asJwks(jwks));
        expect(await verifier.verify(token)).toMatchObject({ sub: 'u1' });
      } finally {
        expect(await server.stop()).toBe(0);
      }
      // A second restart through the command: still the same keys.
      const again = await serve(['--data-dir', dataDir]);
      try {
        expect((await jwksOf(again.url)).keys).toEqual(before);
      } finally {
        expect(await again.stop()).toBe(0);
      }
    },
  );

  itOnFreshDir('signingKeys from the config file sign instead, and leave the directory without a keys file', async (dataDir) => {
    const keys = generateLocalSigningKeys();
    const server = await serve(['--data-dir', dataDir, '--config', '/c.json'], { '/c.json': config({ signingKeys: keys }) });
    try {
      expect((await jwksOf(server.url)).keys.map((k) => k.kid)).toEqual([keyIdOf(createPublicKey(keys.id)), keyIdOf(createPublicKey(keys.access))]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(existsSync(join(dataDir, SIGNING_KEYS_FILE))).toBe(false);
  });

  it(
    'passwords are hashed with scrypt N = 16 by default and with --hash-cost N when given',
    async () => {
      const hashOf = (dataDir: string): Promise<string> =>
        withDataDirRecovery(dataDir, async (recovery) => (await recovery.stores.users.findByClaim(POOL, 'u#alice'))._unsafeUnwrap()?.passwordHash ?? '');
      for (const [args, prefix] of [
        [[], 'scrypt$16$8$1$'],
        [['--hash-cost', '4096'], 'scrypt$4096$8$1$'],
      ] as const) {
        const dataDir = freshDir();
        const server = await serve(['--data-dir', dataDir, '--config', '/c.json', ...args], { '/c.json': config() });
        expect(await server.stop()).toBe(0);
        expect((await hashOf(dataDir)).startsWith(prefix)).toBe(true);
      }
    },
    SLOW,
  );
});
