/**
 * The ScryptPasswordHasher at the costs it derives in place (`N·r·p` ≤ 512: the local and test
 * defaults) and in the thread pool: the same contract, the same hashes, the same failures.
 */
import { describe, expect, it } from 'vitest';
import { ScryptPasswordHasher } from './scrypt-password-hasher.js';
import { describePasswordHasherContract } from './testing/contracts/password-hasher.contract.js';

describePasswordHasherContract('ScryptPasswordHasher (N=16, in place)', () => new ScryptPasswordHasher({ cost: 16 }));
describePasswordHasherContract('ScryptPasswordHasher (N=128, r=8: the pool)', () => new ScryptPasswordHasher({ cost: 128 }));

describe('ScryptPasswordHasher in place and in the pool', () => {
  it('a hash made in place verifies in the pool and the other way round (same scrypt, as the hash says)', async () => {
    const inPlace = new ScryptPasswordHasher({ cost: 16 });
    const pooled = new ScryptPasswordHasher({ cost: 128 });
    const small = (await inPlace.hash('pw'))._unsafeUnwrap();
    const large = (await pooled.hash('pw'))._unsafeUnwrap();
    expect(small).toMatch(/^scrypt\$16\$8\$1\$/);
    expect(large).toMatch(/^scrypt\$128\$8\$1\$/);
    expect((await pooled.verify('pw', small))._unsafeUnwrap()).toBe(true);
    expect((await inPlace.verify('pw', large))._unsafeUnwrap()).toBe(true);
    expect((await pooled.verify('other', small))._unsafeUnwrap()).toBe(false);
  });

  it('bad parameters in place are a PortFailure, not a throw (N not a power of two)', async () => {
    const result = await new ScryptPasswordHasher({ cost: 15 }).hash('pw');
    expect(result.isErr() && result.error).toMatchObject({ kind: 'PortFailure', port: 'PasswordHasher' });
    const stored = 'scrypt$15$8$1$c2FsdHNhbHRzYWx0c2FsdA==$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U=';
    const verified = await new ScryptPasswordHasher({ cost: 16 }).verify('pw', stored);
    expect(verified.isErr() && verified.error.kind).toBe('PortFailure');
  });
});
