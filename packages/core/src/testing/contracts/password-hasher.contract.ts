import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { PasswordHasher } from '../../ports/password-hasher.js';
import { unwrap, type Make } from './support.js';

/**
 * Registers the {@link PasswordHasher} contract: a hash verifies its password and no other, is
 * salted, never contains the password, and an unreadable hash never verifies.
 *
 * @example
 * ```ts
 * describePasswordHasherContract('ScryptPasswordHasher', () => new ScryptPasswordHasher({ cost: 1024 }));
 * ```
 * @group Testing
 */
export function describePasswordHasherContract(name: string, make: Make<PasswordHasher>): void {
  describe(`PasswordHasher contract: ${name}`, () => {
    const PASSWORD = 'Correct-Horse-42!';

    it('verifies the password it hashed', async () => {
      const hasher = await make();
      const hash = await unwrap(hasher.hash(PASSWORD));
      expect(await hasher.verify(PASSWORD, hash)).toEqual(ok(true));
    });

    it('rejects a wrong password, including near misses', async () => {
      const hasher = await make();
      const hash = await unwrap(hasher.hash(PASSWORD));
      for (const wrong of ['Correct-Horse-43!', 'correct-horse-42!', `${PASSWORD} `, PASSWORD.slice(0, -1), '']) {
        expect(await hasher.verify(wrong, hash)).toEqual(ok(false));
      }
    });

    it('salts: two hashes of the same password differ, and both verify', async () => {
      const hasher = await make();
      const first = await unwrap(hasher.hash(PASSWORD));
      const second = await unwrap(hasher.hash(PASSWORD));
      expect(first).not.toBe(second);
      expect(await hasher.verify(PASSWORD, first)).toEqual(ok(true));
      expect(await hasher.verify(PASSWORD, second)).toEqual(ok(true));
    });

    it('never puts the password in the hash', async () => {
      const hasher = await make();
      for (const password of [PASSWORD, 'aaaaaaaaaaaa', 'päss wörd ✓ 🔑']) {
        const hash = await unwrap(hasher.hash(password));
        expect(hash).not.toContain(password);
        expect(hash).not.toContain(Buffer.from(password).toString('base64'));
        expect(hash).not.toContain(Buffer.from(password).toString('hex'));
      }
    });

    it('verifies passwords beyond ASCII', async () => {
      const hasher = await make();
      const hash = await unwrap(hasher.hash('päss wörd ✓ 🔑'));
      expect(await hasher.verify('päss wörd ✓ 🔑', hash)).toEqual(ok(true));
      expect(await hasher.verify('pass word ✓ 🔑', hash)).toEqual(ok(false));
    });

    it('never verifies against a hash it cannot read, and answers instead of throwing', async () => {
      const hasher = await make();
      for (const garbage of ['', 'not-a-hash', PASSWORD, '$$$$$']) {
        const result = await hasher.verify(PASSWORD, garbage);
        expect(result.isOk() && result.value).toBe(false);
      }
    });
  });
}
