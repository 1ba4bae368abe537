import { describe, expect, it } from 'vitest';
import type { CodeEncryptor } from '../../ports/code-encryptor.js';
import { expectPortFailure, unwrap, type BrokenBackendOptions, type Make } from './support.js';

/**
 * What a ciphertext holds once decrypted.
 *
 * @example
 * ```ts
 * const { plaintext, messageHeader } = await decrypt(keyring, Buffer.from(ciphertext, 'base64'));
 * const decrypted: DecryptedCode = { plaintext: plaintext.toString('utf8'), encryptionContext: messageHeader.encryptionContext };
 * ```
 * @group Testing
 */
export interface DecryptedCode {
  /** The plaintext, as UTF-8 text. */
  readonly plaintext: string;
  /** The message's encryption context (the Encryption SDK may add keys of its own, such as a signing key). */
  readonly encryptionContext: Readonly<Record<string, string>>;
}

/**
 * A {@link CodeEncryptor} under test and what the suite needs around it: the key id to encrypt under
 * and a way to decrypt, as a custom sender trigger would (the AWS Encryption SDK's `decrypt` with a
 * keyring over that key).
 *
 * @example
 * ```ts
 * const probe: EncryptorProbe = { encryptor: new KmsCodeEncryptor(kms), keyId: keyArn, otherKeyId: otherKeyArn, decrypt: decryptWith(keyArn) };
 * ```
 * @group Testing
 */
export interface EncryptorProbe {
  /** The encryptor. */
  readonly encryptor: CodeEncryptor;
  /** The key id to encrypt under (a pool's `LambdaConfig.KMSKeyID`). */
  readonly keyId: string;
  /** Decrypts a ciphertext the encryptor answered (base64) with the key behind `keyId` only; rejects or throws when it cannot. */
  readonly decrypt: (ciphertext: string) => Promise<DecryptedCode>;
  /** Another key the encryptor can encrypt under, when the harness has one: what it encrypts must not decrypt with `decrypt`. */
  readonly otherKeyId?: string | undefined;
  /** A key id the encryptor cannot use (no such key), when there is one: encrypting under it must answer a `PortFailure`. */
  readonly unknownKeyId?: string | undefined;
}

/**
 * Registers the {@link CodeEncryptor} contract: the answer is base64 that decrypts, with the right
 * key, to exactly the code, with `{ 'userpool-id': <pool id> }` in its encryption context; every call
 * answers a different ciphertext; the code never appears in clear; a ciphertext under another key does
 * not decrypt with this one (with `otherKeyId`); an unknown key (with `unknownKeyId`) and a broken
 * backend (with `options.broken`) answer a `PortFailure` that quotes no code, resolving, never
 * throwing or rejecting.
 *
 * @example
 * ```ts
 * const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
 * describeCodeEncryptorContract('RawAesCodeEncryptor', () => {
 *   const encryptor = new RawAesCodeEncryptor({ key });
 *   return {
 *     encryptor,
 *     keyId: 'ignored',
 *     decrypt: async (ciphertext) => {
 *       const { plaintext, messageHeader } = await decrypt(encryptor.keyring, Buffer.from(ciphertext, 'base64'));
 *       return { plaintext: plaintext.toString('utf8'), encryptionContext: messageHeader.encryptionContext };
 *     },
 *   };
 * });
 * ```
 * @group Testing
 */
export function describeCodeEncryptorContract(
  name: string,
  make: Make<EncryptorProbe>,
  options: BrokenBackendOptions<EncryptorProbe> & {
    /**
     * The encryptor has one key and no key ids to tell apart (a raw AES keyring): the two key
     * separation tests are not registered, and the suite's title says so.
     */
    readonly singleKey?: boolean | undefined;
  } = {},
): void {
  const keyed = options.singleKey !== true;
  describe(`CodeEncryptor contract: ${name}${keyed ? '' : ' (one key: the key separation tests are not registered)'}`, () => {
    const POOL = 'us-east-1_Contract';
    const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

    it('answers base64 that decrypts to the code, with the pool id in the encryption context', async () => {
      const probe = await make();
      const ciphertext = await unwrap(probe.encryptor.encrypt('123456', probe.keyId, POOL));
      expect(ciphertext).toMatch(BASE64);
      const decrypted = await probe.decrypt(ciphertext);
      expect(decrypted.plaintext).toBe('123456');
      expect(decrypted.encryptionContext['userpool-id']).toBe(POOL);
    });

    it('decrypts to exactly the code: leading zeros, other lengths', async () => {
      const probe = await make();
      for (const code of ['000000', '000123', '999999', '12345678', '7']) {
        expect((await probe.decrypt(await unwrap(probe.encryptor.encrypt(code, probe.keyId, POOL)))).plaintext).toBe(code);
      }
    });

    it('answers a different ciphertext on every call, each decrypting to the code', async () => {
      const probe = await make();
      const ciphertexts = [];
      for (let i = 0; i < 5; i++) ciphertexts.push(await unwrap(probe.encryptor.encrypt('424242', probe.keyId, POOL)));
      expect(new Set(ciphertexts).size).toBe(5);
      for (const ciphertext of ciphertexts) expect((await probe.decrypt(ciphertext)).plaintext).toBe('424242');
    });

    it('never carries the code in clear', async () => {
      const probe = await make();
      const code = '918273645';
      const ciphertext = await unwrap(probe.encryptor.encrypt(code, probe.keyId, POOL));
      expect(ciphertext.includes(code)).toBe(false);
      expect(Buffer.from(ciphertext, 'base64').includes(Buffer.from(code, 'utf8'))).toBe(false);
    });

    it("puts each call's pool id in its own ciphertext", async () => {
      const probe = await make();
      const pools = ['us-east-1_PoolOne', 'eu-west-1_PoolTwo'];
      const ciphertexts = await Promise.all(pools.map((pool) => unwrap(probe.encryptor.encrypt('135790', probe.keyId, pool))));
      for (const [i, ciphertext] of ciphertexts.entries()) expect((await probe.decrypt(ciphertext)).encryptionContext['userpool-id']).toBe(pools[i]);
    });

    it('keeps 10 concurrent encryptions apart', async () => {
      const probe = await make();
      const codes = Array.from({ length: 10 }, (_, i) => String(100000 + i * 7919));
      const ciphertexts = await Promise.all(codes.map((code) => unwrap(probe.encryptor.encrypt(code, probe.keyId, POOL))));
      const plaintexts = await Promise.all(ciphertexts.map(async (ciphertext) => (await probe.decrypt(ciphertext)).plaintext));
      expect(plaintexts).toEqual(codes);
    });

    if (keyed)
      it('encrypts under the key it is given: a ciphertext under another key does not decrypt with this one', async () => {
        const probe = await make();
        const other = probe.otherKeyId;
        expect(other, 'a keyed harness names a second key').toBeDefined();
        const ciphertext = await unwrap(probe.encryptor.encrypt('246810', other ?? '', POOL));
        let decrypted: DecryptedCode | undefined;
        try {
          decrypted = await probe.decrypt(ciphertext);
        } catch {
          decrypted = undefined;
        }
        expect(decrypted?.plaintext, 'a ciphertext under another key decrypted with this one').toBeUndefined();
      });

    if (keyed)
      it('answers a PortFailure quoting no code for a key it cannot use, never throwing or rejecting', async () => {
        const probe = await make();
        const unknown = probe.unknownKeyId;
        expect(unknown, 'a keyed harness names an unusable key id').toBeDefined();
        await expectPortFailure(() => probe.encryptor.encrypt('918273', unknown ?? '', POOL), ['918273']);
      });

    if (options.broken !== undefined) {
      const broken = options.broken;
      describe('on a broken backend', () => {
        it('encrypt resolves to a PortFailure quoting no code, never throwing or rejecting', async () => {
          const probe = await broken();
          await expectPortFailure(() => probe.encryptor.encrypt('918273', probe.keyId, POOL), ['918273']);
        });
      });
    }
  });
}
