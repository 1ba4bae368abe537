import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateCodeKey } from './data-dir.js';

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
