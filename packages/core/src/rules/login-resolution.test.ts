import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AliasAttribute, UsernameAttribute, UserPool } from '../model/user-pool.js';
import type { Attributes } from '../model/user.js';
import { candidateClaims, claimOf, foldFor, loginClaimsOf, normaliseUnknownLogin, type ClaimKind } from './login-resolution.js';

type PoolShape = Pick<UserPool, 'caseSensitive' | 'aliasAttributes' | 'usernameAttributes'>;

const aliasPool = (aliasAttributes: readonly AliasAttribute[], caseSensitive = true): PoolShape => ({ aliasAttributes, usernameAttributes: [], caseSensitive });
const usernameAttributePool = (usernameAttributes: readonly UsernameAttribute[], caseSensitive = true): PoolShape => ({
  aliasAttributes: [],
  usernameAttributes,
  caseSensitive,
});
const plainPool = (caseSensitive = true): PoolShape => ({ aliasAttributes: [], usernameAttributes: [], caseSensitive });

const ALL_ALIASES: readonly AliasAttribute[] = ['email', 'phone_number', 'preferred_username'];

/** A user with every alias attribute set, email and phone verified. */
const EVERYTHING_VERIFIED: Attributes = {
  sub: 's-1',
  email: 'a@x.com',
  email_verified: 'true',
  phone_number: '+15555550100',
  phone_number_verified: 'true',
  preferred_username: 'ally',
};

describe('loginClaimsOf', () => {
  describe('alias pools (R3.2)', () => {
    it.each<{ scenario: string; attributes: Attributes; claims: string[] }>([
      {
        scenario: 'nothing verified',
        attributes: { ...EVERYTHING_VERIFIED, email_verified: 'false', phone_number_verified: 'false' },
        claims: ['u#alice', 's#s-1', 'n#ally'],
      },
      {
        scenario: 'verified email only',
        attributes: { sub: 's-1', email: 'a@x.com', email_verified: 'true', phone_number: '+15555550100' },
        claims: ['u#alice', 's#s-1', 'e#a@x.com'],
      },
      {
        scenario: 'verified phone only',
        attributes: { sub: 's-1', email: 'a@x.com', phone_number: '+15555550100', phone_number_verified: 'true' },
        claims: ['u#alice', 's#s-1', 'p#+15555550100'],
      },
      {
        scenario: 'everything verified',
        attributes: EVERYTHING_VERIFIED,
        claims: ['u#alice', 's#s-1', 'e#a@x.com', 'p#+15555550100', 'n#ally'],
      },
      {
        scenario: 'empty alias values',
        attributes: { sub: 's-1', email: '', email_verified: 'true', phone_number: '', phone_number_verified: 'true', preferred_username: '' },
        claims: ['u#alice', 's#s-1'],
      },
      {
        scenario: 'a verification flag that is not exactly "true"',
        attributes: { sub: 's-1', email: 'a@x.com', email_verified: 'True', phone_number: '+15555550100', phone_number_verified: '1' },
        claims: ['u#alice', 's#s-1'],
      },
    ])('R3.2 claims only verified email/phone but always preferred_username: $scenario', ({ attributes, claims }) => {
      expect(loginClaimsOf(aliasPool(ALL_ALIASES), 'alice', attributes)).toEqual(claims);
    });

    it('R3.2 claims nothing for attributes the pool does not use as aliases, verified or not', () => {
      const attributes = EVERYTHING_VERIFIED;
      expect(loginClaimsOf(aliasPool(['preferred_username']), 'alice', attributes)).toEqual(['u#alice', 's#s-1', 'n#ally']);
      expect(loginClaimsOf(plainPool(), 'alice', attributes)).toEqual(['u#alice', 's#s-1']);
    });

    it('R3.1 claims the username alone when the user has no sub attribute', () => {
      expect(loginClaimsOf(plainPool(), 'alice', {})).toEqual(['u#alice']);
    });
  });

  describe('username-attribute pools (R3.3)', () => {
    it('R3.3 claims an unverified email in an email-username pool', () => {
      expect(loginClaimsOf(usernameAttributePool(['email']), 'uuid-1', { sub: 'uuid-1', email: 'a@x.com', email_verified: 'false' })).toEqual([
        'u#uuid-1',
        's#uuid-1',
        'e#a@x.com',
      ]);
    });

    it('R3.3 claims both an unverified email and an unverified phone when both are username attributes', () => {
      expect(
        loginClaimsOf(usernameAttributePool(['email', 'phone_number']), 'uuid-1', { sub: 'uuid-1', email: 'a@x.com', phone_number: '+15555550100' }),
      ).toEqual(['u#uuid-1', 's#uuid-1', 'e#a@x.com', 'p#+15555550100']);
    });

    it('R3.3 does not claim the phone in an email-only username pool', () => {
      expect(
        loginClaimsOf(usernameAttributePool(['email']), 'uuid-1', {
          sub: 'uuid-1',
          email: 'a@x.com',
          phone_number: '+15555550100',
          phone_number_verified: 'true',
        }),
      ).toEqual(['u#uuid-1', 's#uuid-1', 'e#a@x.com']);
    });

    it('R3.3 does not claim an empty username attribute', () => {
      expect(loginClaimsOf(usernameAttributePool(['email', 'phone_number']), 'uuid-1', { sub: 'uuid-1', email: '', phone_number: '' })).toEqual([
        'u#uuid-1',
        's#uuid-1',
      ]);
    });
  });

  describe('case folding (R3.4, D18)', () => {
    const attributes = {
      sub: 'Sub-ABC',
      email: 'Alice@Example.COM',
      email_verified: 'true',
      phone_number: '+15555550100',
      phone_number_verified: 'true',
      preferred_username: 'Ally',
    };

    it('R3.4 folds username, email and preferred_username but not sub in a case-insensitive pool', () => {
      expect(loginClaimsOf(aliasPool(ALL_ALIASES, false), 'Alice', attributes)).toEqual([
        'u#alice',
        's#Sub-ABC',
        'e#alice@example.com',
        'p#+15555550100',
        'n#ally',
      ]);
    });

    it('R3.4 keeps every spelling in a case-sensitive pool', () => {
      expect(loginClaimsOf(aliasPool(ALL_ALIASES, true), 'Alice', attributes)).toEqual([
        'u#Alice',
        's#Sub-ABC',
        'e#Alice@Example.COM',
        'p#+15555550100',
        'n#Ally',
      ]);
    });

    it('D18 folds the email of a username-attribute pool when case-insensitive', () => {
      expect(loginClaimsOf(usernameAttributePool(['email'], false), 'UUID-1', { sub: 'UUID-1', email: 'A@X.com' })).toEqual([
        'u#uuid-1',
        's#UUID-1',
        'e#a@x.com',
      ]);
    });
  });
});

describe('foldFor and claimOf', () => {
  /** Every claim kind: how a case-insensitive pool folds `Mixed-Case`, and its claim of `v`. */
  const KINDS = [
    { kind: 'username', folded: 'mixed-case', claim: 'u#v' },
    { kind: 'email', folded: 'mixed-case', claim: 'e#v' },
    { kind: 'preferred_username', folded: 'mixed-case', claim: 'n#v' },
    { kind: 'sub', folded: 'Mixed-Case', claim: 's#v' },
    { kind: 'phone_number', folded: 'Mixed-Case', claim: 'p#v' },
  ] satisfies { kind: ClaimKind; folded: string; claim: string }[];

  it.each(KINDS)('D18 folds a $kind to $folded in a case-insensitive pool', ({ kind, folded }) => {
    expect(foldFor({ caseSensitive: false }, kind, 'Mixed-Case')).toBe(folded);
  });

  it.each(KINDS.map(({ kind }) => kind))('R3.4 never folds a %s in a case-sensitive pool', (kind) => {
    expect(foldFor({ caseSensitive: true }, kind, 'Mixed-Case')).toBe('Mixed-Case');
  });

  it.each(KINDS)('R3.1 gives a $kind claim its own prefix ($claim), so kinds never collide', ({ kind, claim }) => {
    expect(claimOf({ caseSensitive: true }, kind, 'v')).toBe(claim);
  });
});

describe('candidateClaims (R3.5)', () => {
  it.each([
    { scenario: 'a plain username in an alias pool', input: 'alice', claims: ['u#alice', 'n#alice', 's#alice'] },
    { scenario: 'an email-shaped input in an alias pool', input: 'a@x.com', claims: ['u#a@x.com', 'e#a@x.com', 'n#a@x.com', 's#a@x.com'] },
    {
      scenario: 'a phone-shaped input in an alias pool',
      input: '+15555550100',
      claims: ['u#+15555550100', 'p#+15555550100', 'n#+15555550100', 's#+15555550100'],
    },
  ])('R3.5 tries username, then aliases in pool order, then sub: $scenario', ({ input, claims }) => {
    expect(candidateClaims(aliasPool(ALL_ALIASES), input)).toEqual(claims);
  });

  it('R3.5 tries only username then sub in a pool without aliases', () => {
    expect(candidateClaims(plainPool(), 'a@x.com')).toEqual(['u#a@x.com', 's#a@x.com']);
  });

  it.each([
    { scenario: 'an email in an email-username pool', attributes: ['email'], input: 'a@x.com', claims: ['e#a@x.com', 's#a@x.com', 'u#a@x.com'] },
    { scenario: 'an opaque username in an email-username pool', attributes: ['email'], input: 'uuid-1', claims: ['s#uuid-1', 'u#uuid-1'] },
    {
      scenario: 'a phone in an email+phone pool',
      attributes: ['email', 'phone_number'],
      input: '+15555550100',
      claims: ['p#+15555550100', 's#+15555550100', 'u#+15555550100'],
    },
    { scenario: 'a phone in an email-only pool', attributes: ['email'], input: '+15555550100', claims: ['s#+15555550100', 'u#+15555550100'] },
  ] satisfies { scenario: string; attributes: UsernameAttribute[]; input: string; claims: string[] }[])(
    'R3.5 tries username attributes, then sub, then the opaque username: $scenario',
    ({ attributes, input, claims }) => {
      expect(candidateClaims(usernameAttributePool(attributes), input)).toEqual(claims);
    },
  );

  it('D18 folds username and email candidates but not the sub candidate in a case-insensitive pool', () => {
    expect(candidateClaims(aliasPool(['email', 'preferred_username'], false), 'Alice@X.com')).toEqual([
      'u#alice@x.com',
      'e#alice@x.com',
      'n#alice@x.com',
      's#Alice@X.com',
    ]);
  });

  it('R3.4 keeps the input spelling for every candidate in a case-sensitive pool', () => {
    expect(candidateClaims(aliasPool(['email'], true), 'Alice@X.com')).toEqual(['u#Alice@X.com', 'e#Alice@X.com', 's#Alice@X.com']);
  });

  describe('properties', () => {
    const asciiWord = fc.string({
      unit: fc.constantFrom(...Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-')),
      minLength: 1,
      maxLength: 20,
    });
    const recase = (value: string, flips: readonly boolean[]): string =>
      Array.from(value, (c, i) => (flips[i % Math.max(flips.length, 1)] === true ? c.toUpperCase() : c.toLowerCase())).join('');

    it('R3.4 any case variant of a username, email or preferred_username finds the user in a case-insensitive pool', () => {
      fc.assert(
        fc.property(asciiWord, asciiWord, asciiWord, asciiWord, fc.array(fc.boolean(), { minLength: 1 }), (username, local, domain, nickname, flips) => {
          const pool = aliasPool(ALL_ALIASES, false);
          const email = `${local}@${domain}`;
          const held = new Set(loginClaimsOf(pool, username, { sub: 's-1', email, email_verified: 'true', preferred_username: nickname }));
          for (const typed of [username, email, nickname]) {
            const variant = recase(typed, flips);
            expect(candidateClaims(pool, variant).some((claim) => held.has(claim))).toBe(true);
          }
        }),
      );
    });

    it('R3.4 a different case of the username does not find the user in a case-sensitive pool without aliases', () => {
      fc.assert(
        fc.property(asciiWord, fc.array(fc.boolean(), { minLength: 1 }), (username, flips) => {
          const variant = recase(username, flips);
          fc.pre(variant !== username);
          const pool = plainPool(true);
          const held = new Set(loginClaimsOf(pool, username, { sub: 'sub@fixed' }));
          expect(candidateClaims(pool, variant).some((claim) => held.has(claim))).toBe(false);
        }),
      );
    });

    it('R3.1 every user is found by its exact username and by its sub, in every kind of pool', () => {
      const pools = fc.constantFrom(
        aliasPool(ALL_ALIASES),
        aliasPool(ALL_ALIASES, false),
        usernameAttributePool(['email']),
        usernameAttributePool(['phone_number'], false),
        plainPool(),
      );
      fc.assert(
        fc.property(pools, asciiWord, fc.uuid(), (pool, username, sub) => {
          const held = new Set(loginClaimsOf(pool, username, { sub }));
          expect(candidateClaims(pool, username).some((claim) => held.has(claim))).toBe(true);
          expect(candidateClaims(pool, sub)).toContain(claimOf(pool, 'sub', sub));
          expect(held.has(claimOf(pool, 'sub', sub))).toBe(true);
        }),
      );
    });
  });
});

describe('normaliseUnknownLogin (D9)', () => {
  it('D9 keys an unknown login by its lower-case form in a case-insensitive pool', () => {
    expect(normaliseUnknownLogin({ caseSensitive: false }, 'Bob@Example.com')).toBe('bob@example.com');
  });

  it('D9 keys an unknown login by its exact spelling in a case-sensitive pool', () => {
    expect(normaliseUnknownLogin({ caseSensitive: true }, 'Bob@Example.com')).toBe('Bob@Example.com');
  });
});
