/**
 * The local server's token and hashing settings: `signingKeys`, `issuerBaseUrl` and `hashCost` in the
 * configuration file, `--issuer-base-url` and `--hash-cost` on the command line (D34, D48).
 */
import { generateKeyPairSync } from 'node:crypto';
import { generateLocalSigningKeys, keyIdOf, type PublicJwk } from '@cognito-recovery/core';
import { createPublicKey } from 'node:crypto';
import { okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { BuildOperationsOptions } from './build-operations.js';
import { buildOperations, LOCAL_HASH_COST } from './build-operations.js';
import type { Composition } from './compose.js';
import type { ServerConfig } from './config.js';
import { parseConfig } from './config.js';
import { EXIT_USAGE, runCli } from './run-cli.js';
import { testIo } from '../test/support.js';
import { fakeOperations } from './testing/fake-operations.js';

const KEYS = generateLocalSigningKeys();
const POOL = 'us-east-1_Tokens1';

/** Runs `serve` with a composition that records the options it is given, and stops it once started. */
async function optionsFor(argv: readonly string[], files: Record<string, string> = {}): Promise<BuildOperationsOptions> {
  const io = testIo(files);
  const seen: BuildOperationsOptions[] = [];
  const fake: Composition = { operations: fakeOperations().operations, inspection: undefined };
  const run = runCli(['serve', '--port', '0', ...argv], {
    ...io,
    compose: (_config, options) => {
      seen.push(options);
      return okAsync(fake);
    },
  });
  await Promise.race([io.started, run]);
  io.stop();
  expect(await run).toBe(0);
  const options = seen[0];
  if (options === undefined) throw new Error(`not composed: ${io.err.join('\n')}`);
  return options;
}

/** Runs `serve` to its end (a refused start) and answers the exit code and error lines. */
async function refused(argv: readonly string[], files: Record<string, string> = {}): Promise<{ code: number; err: string }> {
  const io = testIo(files);
  const code = await runCli(['serve', '--port', '0', ...argv], io);
  return { code, err: io.err.join('\n') };
}

describe('config: signingKeys (R21.2, D34)', () => {
  it('accepts two different RSA private keys in PEM and keeps them', () => {
    expect(parseConfig({ signingKeys: KEYS })._unsafeUnwrap().signingKeys).toEqual(KEYS);
    const pkcs1 = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    expect(parseConfig({ signingKeys: { id: KEYS.id, access: pkcs1 } }).isOk()).toBe(true);
  });

  it.each<[string, unknown, string, string]>([
    ['not an object', 'pem', 'signingKeys', 'must be an object {"id": "<PEM>", "access": "<PEM>"}'],
    ['a key missing', { id: KEYS.id }, 'signingKeys.access', 'is required: an RSA private key in PEM'],
    ['an unknown field', { ...KEYS, idToken: KEYS.id }, 'signingKeys.idToken', 'is not a known field (expected id, access)'],
    [
      'text that is no key',
      { id: KEYS.id, access: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' },
      'signingKeys.access',
      'is not a private key in PEM',
    ],
    [
      'a public key',
      { id: KEYS.id, access: createPublicKey(KEYS.access).export({ type: 'spki', format: 'pem' }).toString() },
      'signingKeys.access',
      'is not a private key in PEM',
    ],
    [
      'an EC key',
      { id: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), access: KEYS.access },
      'signingKeys.id',
      'must be an RSA key (RS256, R21.2), not ec',
    ],
    [
      'a 1024-bit key',
      { id: generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), access: KEYS.access },
      'signingKeys.id',
      'must have 2048 bits or more, not 1024',
    ],
    ['the same key twice', { id: KEYS.id, access: KEYS.id }, 'signingKeys', 'id and access must be two different keys'],
  ])('refuses %s, naming the field, without quoting a key', (_, value, path, reason) => {
    const issues = parseConfig({ signingKeys: value })._unsafeUnwrapErr();
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.reason).toContain(reason);
    expect(JSON.stringify(issues)).not.toMatch(/MII|AAAA/);
  });
});

describe('config: issuerBaseUrl and hashCost', () => {
  it('keeps a valid issuerBaseUrl without its trailing slash, and a power-of-two hashCost', () => {
    expect(parseConfig({ issuerBaseUrl: 'http://localhost:9229/', hashCost: 4096 })._unsafeUnwrap()).toMatchObject({
      issuerBaseUrl: 'http://localhost:9229',
      hashCost: 4096,
    });
  });

  it.each<[string, Record<string, unknown>, string, string]>([
    ['an issuerBaseUrl that is not a URL', { issuerBaseUrl: 'localhost' }, 'issuerBaseUrl', 'is not a URL'],
    ['an issuerBaseUrl with a query', { issuerBaseUrl: 'http://localhost:9229?a' }, 'issuerBaseUrl', 'has a query or a fragment'],
    ['an issuerBaseUrl that is not a string', { issuerBaseUrl: 9229 }, 'issuerBaseUrl', 'must be a string'],
    ['a hashCost that is not a power of two', { hashCost: 1000 }, 'hashCost', 'must be a power of two from 2 to 1048576'],
    ['a hashCost too large', { hashCost: 2 ** 21 }, 'hashCost', 'must be a power of two from 2 to 1048576'],
    ['a hashCost of 1', { hashCost: 1 }, 'hashCost', 'must be a power of two from 2 to 1048576'],
    ['a hashCost given as a string', { hashCost: '1024' }, 'hashCost', 'must be a number'],
  ])('refuses %s', (_, value, path, reason) => {
    expect(parseConfig(value)._unsafeUnwrapErr()).toEqual([{ path, reason: expect.stringContaining(reason) as unknown }]);
  });
});

describe('runCli: --hash-cost and --issuer-base-url', () => {
  it(`hashes with the fast local cost ${LOCAL_HASH_COST} by default, the config's hashCost, or --hash-cost, which replaces it`, async () => {
    expect((await optionsFor([])).hasherCost).toBe(16);
    const files = { '/c.json': JSON.stringify({ hashCost: 8192 }) };
    expect((await optionsFor(['--config', '/c.json'], files)).hasherCost).toBe(8192);
    expect((await optionsFor(['--config', '/c.json', '--hash-cost', '16384'], files)).hasherCost).toBe(16384);
  });

  it('passes the issuer base URL (flag over config) and the config signing keys to the composition', async () => {
    const files = { '/c.json': JSON.stringify({ issuerBaseUrl: 'http://config.test', signingKeys: KEYS }) };
    expect(await optionsFor(['--config', '/c.json'], files)).toMatchObject({ issuerBaseUrl: 'http://config.test', signingKeys: KEYS });
    expect((await optionsFor(['--config', '/c.json', '--issuer-base-url', 'http://localhost:9229/'], files)).issuerBaseUrl).toBe('http://localhost:9229');
    expect((await optionsFor([])).issuerBaseUrl).toBeUndefined();
  });

  it.each([
    [
      ['--hash-cost', '1000'],
      '--hash-cost must be a power of two from 2 to 1048576 (the scrypt cost N; the local default 16 is fast, 16384 or more is a production cost), got 1000',
    ],
    [['--hash-cost', 'fast'], '--hash-cost must be a power of two from 2 to 1048576'],
    [['--hash-cost', '2097152'], '--hash-cost must be a power of two'],
    [['--issuer-base-url', 'localhost:9229'], '--issuer-base-url "localhost:9229" is not an http(s) URL'],
    [['--issuer-base-url', 'http://localhost:9229/#top'], '--issuer-base-url "http://localhost:9229/#top" has a query or a fragment'],
  ])('exits 2 with a clear message for %j', async (argv, message) => {
    const { code, err } = await refused(argv);
    expect(code).toBe(EXIT_USAGE);
    expect(err).toContain(message);
  });

  it('exits 2 naming the field for bad signing keys in the config file, without quoting them', async () => {
    const { code, err } = await refused(['--config', '/c.json'], { '/c.json': JSON.stringify({ signingKeys: { id: KEYS.id, access: KEYS.id } }) });
    expect(code).toBe(EXIT_USAGE);
    expect(err).toContain('signingKeys: id and access must be two different keys');
    expect(err).not.toContain('PRIVATE KEY');
  });

  it('prints the help for the new flags and the well-known routes', async () => {
    const io = testIo();
    expect(await runCli(['--help'], io)).toBe(0);
    const help = io.out.join('\n');
    expect(help).toContain('--issuer-base-url URL');
    expect(help).toContain('--hash-cost N');
    expect(help).toContain('GET  /<poolId>/.well-known/jwks.json');
  });
});

describe('serve: tokens end to end in memory (D34, D48)', () => {
  const config = JSON.stringify({ signingKeys: KEYS, pools: [{ PoolName: 'tokens', Id: POOL }] });

  it('serves the configured signing keys and the --issuer-base-url issuer, and names them in the banner', async () => {
    const io = testIo({ '/c.json': config });
    const run = runCli(['serve', '--port', '0', '--config', '/c.json', '--issuer-base-url', 'http://localhost:9229/local'], io);
    const url = await io.started;
    try {
      const jwks = (await (await fetch(`${url}/${POOL}/.well-known/jwks.json`)).json()) as { keys: PublicJwk[] };
      expect(jwks.keys.map((k) => k.kid)).toEqual([keyIdOf(createPublicKey(KEYS.id)), keyIdOf(createPublicKey(KEYS.access))]);
      const discovery = (await (await fetch(`${url}/local/${POOL}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
      expect(discovery['issuer']).toBe(`http://localhost:9229/local/${POOL}`);
      expect(discovery['jwks_uri']).toBe(`http://localhost:9229/local/${POOL}/.well-known/jwks.json`);
      expect(io.out).toContain(`  tokens: iss http://localhost:9229/local/${POOL}, JWKS at ${url}/${POOL}/.well-known/jwks.json`);
    } finally {
      io.stop();
      expect(await run).toBe(0);
    }
  });

  it('buildOperations without signing keys: every pool of one server has the same two keys; an unknown pool has none', async () => {
    const twoPools: ServerConfig = {
      pools: [
        { PoolName: 'a', Id: 'us-east-1_A1' },
        { PoolName: 'b', Id: 'us-east-1_B1' },
      ],
    };
    const built = (await buildOperations(twoPools))._unsafeUnwrap();
    const a = await built.wellKnown?.pool('us-east-1_A1');
    const b = await built.wellKnown?.pool('us-east-1_B1');
    expect(a?.keys).toHaveLength(2);
    expect(b?.keys).toEqual(a?.keys);
    expect(a?.issuer).toBe('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_A1');
    expect(await built.wellKnown?.pool('us-east-1_None1')).toBeUndefined();
  });
});
