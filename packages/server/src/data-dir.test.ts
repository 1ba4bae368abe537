import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateLocalSigningKeys } from '@cognito-recovery/core';
import { loadOrCreateCodeKey, loadOrCreateSigningKeys, SIGNING_KEYS_FILE } from './data-dir.js';

let dir = '';
afterEach(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
  dir = '';
});
const keyFile = (): string => {
  dir = mkdtempSync(join(tmpdir(), 'cognito-recovery-key-'));
  return join(dir, 'code-key');
};

describe('the data directory code key', () => {
  it('is created once, from 32 random bytes, readable by its owner only, and read back the same', () => {
    const file = keyFile();
    const key = loadOrCreateCodeKey(file);
    expect(key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(`${Buffer.from(key).toString('base64')}\n`);
    expect(Buffer.from(loadOrCreateCodeKey(file)).equals(Buffer.from(key))).toBe(true);
    expect(Buffer.from(loadOrCreateCodeKey(keyFile())).equals(Buffer.from(key))).toBe(false);
  });

  it('refuses a file that is not a key, naming it', () => {
    const file = keyFile();
    writeFileSync(file, 'not a key\n', { mode: 0o600 });
    expect(() => loadOrCreateCodeKey(file)).toThrow(`the code key ${file} is not a base64 key of at least 32 bytes`);
    writeFileSync(file, `${Buffer.alloc(16).toString('base64')}\n`);
    expect(() => loadOrCreateCodeKey(file)).toThrow('at least 32 bytes');
  });

  it('takes an existing key that others could read back to mode 0600', () => {
    const file = keyFile();
    writeFileSync(file, `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o644 });
    expect(Buffer.from(loadOrCreateCodeKey(file)).equals(Buffer.alloc(32, 7))).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('the data directory signing keys (D34)', () => {
  const keysFile = (): string => {
    dir = mkdtempSync(join(tmpdir(), 'cognito-recovery-key-'));
    return join(dir, SIGNING_KEYS_FILE);
  };

  it('are generated once, two different RSA keys in a 0600 JSON file, and read back the same', () => {
    const file = keysFile();
    const keys = loadOrCreateSigningKeys(file);
    expect(keys.id).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(keys.access).not.toBe(keys.id);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ id: keys.id, access: keys.access });
    expect(readdirSync(dir)).toEqual([SIGNING_KEYS_FILE]);
    expect(loadOrCreateSigningKeys(file)).toEqual(keys);
  });

  it('refuses a file that does not hold two different RSA private keys, naming it and quoting no key', () => {
    const file = keysFile();
    const keys = generateLocalSigningKeys();
    writeFileSync(file, '{"id": ', { mode: 0o600 });
    expect(() => loadOrCreateSigningKeys(file)).toThrow(`the signing keys ${file} are not JSON`);
    writeFileSync(file, JSON.stringify({ id: keys.id, access: keys.id }));
    expect(() => loadOrCreateSigningKeys(file)).toThrow(/are not two different RSA private keys \(signingKeys: id and access must be two different keys/);
    writeFileSync(file, JSON.stringify({ id: keys.id }));
    let message = '';
    try {
      loadOrCreateSigningKeys(file);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('signingKeys.access: is required');
    expect(message).toContain('delete it to start with new keys');
    expect(message).not.toContain('MII');
  });

  it('takes an existing file that others could read back to mode 0600', () => {
    const file = keysFile();
    const keys = generateLocalSigningKeys();
    writeFileSync(file, JSON.stringify(keys), { mode: 0o644 });
    expect(loadOrCreateSigningKeys(file)).toEqual(keys);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
