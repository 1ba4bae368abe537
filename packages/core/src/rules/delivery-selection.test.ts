import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecoveryMechanism, RecoveryMechanismName, UserPool } from '../model/user-pool.js';
import type { Attributes, User, UserMfa } from '../model/user.js';
import { isAdminOnly, selectDelivery, type DeliveryChannel, type NoDelivery } from './delivery-selection.js';

type PoolShape = Pick<UserPool, 'recoveryMechanisms'>;
type UserShape = Pick<User, 'attributes' | 'mfa'>;

const EMAIL = 'alice@example.com';
const PHONE = '+15555550100';

const NO_MFA: UserMfa = { smsMfaEnabled: false, emailMfaEnabled: false };
const aUser = (attributes: Attributes, mfa: UserMfa = NO_MFA): UserShape => ({ attributes, mfa });

const SETTINGS = {
  'no setting': undefined,
  'email first': [
    { priority: 1, name: 'verified_email' },
    { priority: 2, name: 'verified_phone_number' },
  ],
  'phone first': [
    { priority: 1, name: 'verified_phone_number' },
    { priority: 2, name: 'verified_email' },
  ],
  admin_only: [{ priority: 1, name: 'admin_only' }],
} as const satisfies Record<string, readonly RecoveryMechanism[] | undefined>;

const USERS = {
  'verified email only': { email: EMAIL, email_verified: 'true' },
  'verified phone only': { phone_number: PHONE, phone_number_verified: 'true' },
  'both verified': { email: EMAIL, email_verified: 'true', phone_number: PHONE, phone_number_verified: 'true' },
  'unverified only': { email: EMAIL, email_verified: 'false', phone_number: PHONE, phone_number_verified: 'false' },
  'no email or phone': {},
} as const satisfies Record<string, Attributes>;

const BY_EMAIL: DeliveryChannel = { medium: 'EMAIL', attributeName: 'email', destination: EMAIL };
const BY_SMS: DeliveryChannel = { medium: 'SMS', attributeName: 'phone_number', destination: PHONE };

type Expected = DeliveryChannel | NoDelivery;
type Outcome = 'EMAIL' | 'SMS' | 'no_channel';
const OUTCOMES: Record<Outcome, Expected> = { EMAIL: BY_EMAIL, SMS: BY_SMS, no_channel: 'no_channel' };

const pool = (setting: keyof typeof SETTINGS): PoolShape => ({ recoveryMechanisms: SETTINGS[setting] });

describe('selectDelivery', () => {
  describe('matrix: recovery setting × verified attributes', () => {
    it.each<[string, readonly RecoveryMechanism[] | undefined, Partial<Record<keyof typeof USERS, Outcome>>]>([
      [
        'R5.4 with no setting',
        SETTINGS['no setting'],
        {
          'verified email only': 'EMAIL',
          'verified phone only': 'SMS',
          'both verified': 'SMS',
          'unverified only': 'no_channel',
          'no email or phone': 'no_channel',
        },
      ],
      [
        'R5.2 with email p1 phone p2',
        SETTINGS['email first'],
        {
          'verified email only': 'EMAIL',
          'verified phone only': 'SMS',
          'both verified': 'EMAIL',
          'unverified only': 'no_channel',
          'no email or phone': 'no_channel',
        },
      ],
      [
        'R5.2 with phone p1 email p2',
        SETTINGS['phone first'],
        {
          'verified email only': 'EMAIL',
          'verified phone only': 'SMS',
          'both verified': 'SMS',
          'unverified only': 'no_channel',
          'no email or phone': 'no_channel',
        },
      ],
      [
        'R5.2 with only verified_email',
        [{ priority: 1, name: 'verified_email' }],
        { 'verified email only': 'EMAIL', 'verified phone only': 'no_channel', 'both verified': 'EMAIL' },
      ],
      [
        'R5.2 with only verified_phone_number',
        [{ priority: 1, name: 'verified_phone_number' }],
        { 'verified email only': 'no_channel', 'verified phone only': 'SMS', 'both verified': 'SMS' },
      ],
    ])('%s, each kind of user gets its channel', (_title, mechanisms, gets) => {
      for (const [user, outcome] of Object.entries(gets)) {
        expect({ user, channel: selectDelivery({ recoveryMechanisms: mechanisms }, aUser(USERS[user as keyof typeof USERS])) }).toEqual({
          user,
          channel: OUTCOMES[outcome],
        });
      }
    });

    it.each(Object.keys(USERS).map((user) => ({ user: user as keyof typeof USERS })))('R5.5 with admin_only, a user with $user gets admin_only', ({ user }) => {
      expect(selectDelivery(pool('admin_only'), aUser(USERS[user]))).toBe('admin_only');
    });

    it('R5.4 prefers the verified phone when the pool has no recovery setting', () => {
      expect(selectDelivery({ recoveryMechanisms: undefined }, aUser(USERS['both verified']))).toEqual(BY_SMS);
    });
  });

  describe('MFA (R5.3, R5.4)', () => {
    const both = USERS['both verified'];

    it.each([
      {
        scenario: 'email p1 with email MFA falls back to the phone',
        setting: 'email first',
        mfa: { emailMfaEnabled: true, smsMfaEnabled: false },
        gets: 'SMS',
      },
      {
        scenario: 'phone p1 with SMS MFA falls back to the email',
        setting: 'phone first',
        mfa: { emailMfaEnabled: false, smsMfaEnabled: true },
        gets: 'EMAIL',
      },
      { scenario: 'email p1 with SMS MFA keeps the email', setting: 'email first', mfa: { emailMfaEnabled: false, smsMfaEnabled: true }, gets: 'EMAIL' },
      { scenario: 'phone p1 with email MFA keeps the phone', setting: 'phone first', mfa: { emailMfaEnabled: true, smsMfaEnabled: false }, gets: 'SMS' },
      { scenario: 'email p1 with both MFAs has no channel', setting: 'email first', mfa: { emailMfaEnabled: true, smsMfaEnabled: true }, gets: 'no_channel' },
      { scenario: 'phone p1 with both MFAs has no channel', setting: 'phone first', mfa: { emailMfaEnabled: true, smsMfaEnabled: true }, gets: 'no_channel' },
    ] satisfies { scenario: string; setting: keyof typeof SETTINGS; mfa: UserMfa; gets: Outcome }[])(
      'R5.3 disqualifies a channel whose MFA is active: $scenario',
      ({ setting, mfa, gets }) => {
        expect(selectDelivery(pool(setting), aUser(both, mfa))).toEqual(OUTCOMES[gets]);
      },
    );

    it('R5.3 leaves a user whose only verified channel is its MFA channel with no channel', () => {
      expect(selectDelivery(pool('email first'), aUser(USERS['verified phone only'], { emailMfaEnabled: false, smsMfaEnabled: true }))).toBe('no_channel');
      expect(selectDelivery(pool('phone first'), aUser(USERS['verified email only'], { emailMfaEnabled: true, smsMfaEnabled: false }))).toBe('no_channel');
    });

    it('R5.4 keeps an SMS-MFA phone qualified in a pool without a setting', () => {
      expect(selectDelivery(pool('no setting'), aUser(both, { emailMfaEnabled: false, smsMfaEnabled: true }))).toEqual(BY_SMS);
    });

    it('R5.4 keeps an email-MFA email qualified in a pool without a setting', () => {
      expect(selectDelivery(pool('no setting'), aUser(USERS['verified email only'], { emailMfaEnabled: true, smsMfaEnabled: true }))).toEqual(BY_EMAIL);
    });
  });

  describe('setting shapes (R5.1)', () => {
    /** Priority 2 first, then priority 1: not in the order of their priorities. */
    const reversed = (p2: RecoveryMechanismName, p1: RecoveryMechanismName): RecoveryMechanism[] => [
      { priority: 2, name: p2 },
      { priority: 1, name: p1 },
    ];
    it.each<[string, RecoveryMechanism[], keyof typeof USERS, DeliveryChannel]>([
      [
        'R5.1 reads Priority, not array order: email p1 given second still wins',
        reversed('verified_phone_number', 'verified_email'),
        'both verified',
        BY_EMAIL,
      ],
      ['R5.1 reads Priority, not array order: phone p1 given second still wins', reversed('verified_email', 'verified_phone_number'), 'both verified', BY_SMS],
      [
        'R5.2 falls back to priority 2 when the mechanisms are given in reverse order',
        reversed('verified_phone_number', 'verified_email'),
        'verified phone only',
        BY_SMS,
      ],
    ])('%s', (_title, mechanisms, user, expected) => {
      expect(selectDelivery({ recoveryMechanisms: mechanisms }, aUser(USERS[user]))).toEqual(expected);
    });
  });

  describe('attribute values (R5.3)', () => {
    it.each<{ scenario: string; attributes: Attributes }>([
      { scenario: 'an empty verified email', attributes: { email: '', email_verified: 'true' } },
      { scenario: 'an empty verified phone', attributes: { phone_number: '', phone_number_verified: 'true' } },
      { scenario: 'a verified flag without the attribute', attributes: { email_verified: 'true', phone_number_verified: 'true' } },
      { scenario: 'a flag spelled "True"', attributes: { email: EMAIL, email_verified: 'True' } },
      { scenario: 'a flag missing', attributes: { email: EMAIL, phone_number: PHONE } },
    ])('R5.3 does not qualify $scenario', ({ attributes }) => {
      for (const setting of ['no setting', 'email first', 'phone first'] as const) {
        expect(selectDelivery(pool(setting), aUser(attributes))).toBe('no_channel');
      }
    });

    it('R5.4 falls back to the verified email when the phone is an empty string', () => {
      expect(selectDelivery(pool('no setting'), aUser({ email: EMAIL, email_verified: 'true', phone_number: '', phone_number_verified: 'true' }))).toEqual(
        BY_EMAIL,
      );
    });

    it('R6.1 returns the full, unmasked destination and the attribute name, not the mechanism name', () => {
      const channel = selectDelivery(pool('email first'), aUser(USERS['verified email only']));
      expect(channel).toEqual({ medium: 'EMAIL', attributeName: 'email', destination: 'alice@example.com' });
    });
  });

  describe('property', () => {
    const mechanismSets: fc.Arbitrary<readonly RecoveryMechanism[] | undefined> = fc.oneof(
      fc.constant(undefined),
      fc.constant([{ priority: 1, name: 'admin_only' }] as const),
      fc.constantFrom('verified_email' as const, 'verified_phone_number' as const).map((name) => [{ priority: 1 as const, name }]),
      fc.tuple(fc.boolean(), fc.boolean()).map(([emailFirst, reversed]): RecoveryMechanism[] => {
        const list: RecoveryMechanism[] = [
          { priority: emailFirst ? 1 : 2, name: 'verified_email' },
          { priority: emailFirst ? 2 : 1, name: 'verified_phone_number' },
        ];
        return reversed ? list.reverse() : list;
      }),
    );
    const value = (v: string) => fc.constantFrom<string | undefined>(undefined, '', v);
    const flag = fc.constantFrom<string | undefined>(undefined, 'true', 'false', 'True');
    const users: fc.Arbitrary<UserShape> = fc
      .record({
        email: value(EMAIL),
        email_verified: flag,
        phone_number: value(PHONE),
        phone_number_verified: flag,
        smsMfaEnabled: fc.boolean(),
        emailMfaEnabled: fc.boolean(),
      })
      .map(({ smsMfaEnabled, emailMfaEnabled, ...attrs }) => ({
        attributes: Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== undefined)) as Attributes,
        mfa: { smsMfaEnabled, emailMfaEnabled },
      }));

    const qualifies = (setting: readonly RecoveryMechanism[] | undefined, user: UserShape, medium: 'EMAIL' | 'SMS'): boolean => {
      const [attr, mechanism, mfaOn] =
        medium === 'EMAIL'
          ? (['email', 'verified_email', user.mfa.emailMfaEnabled] as const)
          : (['phone_number', 'verified_phone_number', user.mfa.smsMfaEnabled] as const);
      const verified = (user.attributes[attr] ?? '') !== '' && user.attributes[`${attr}_verified`] === 'true';
      if (setting === undefined) return verified;
      return verified && !mfaOn && setting.some((m) => m.name === mechanism);
    };

    it('R5.2 the chosen channel is always one the setting lists and the user has verified (and not MFA-disqualified when a setting exists)', () => {
      fc.assert(
        fc.property(mechanismSets, users, (setting, user) => {
          const chosen = selectDelivery({ recoveryMechanisms: setting }, user);
          if (chosen === 'admin_only') {
            expect(setting?.some((m) => m.name === 'admin_only')).toBe(true);
            return;
          }
          if (chosen === 'no_channel') {
            expect(qualifies(setting, user, 'EMAIL') || qualifies(setting, user, 'SMS')).toBe(false);
            return;
          }
          expect(qualifies(setting, user, chosen.medium)).toBe(true);
          expect(chosen.attributeName).toBe(chosen.medium === 'EMAIL' ? 'email' : 'phone_number');
          expect(chosen.destination).toBe(user.attributes[chosen.attributeName]);
        }),
      );
    });

    const twoMechanisms = mechanismSets.filter((setting) => setting === undefined || setting.length === 2);
    const bothQualify = fc
      .record({ setting: twoMechanisms, smsMfaEnabled: fc.boolean(), emailMfaEnabled: fc.boolean() })
      .map(({ setting, smsMfaEnabled, emailMfaEnabled }) => ({
        setting,
        // MFA only disqualifies when a setting exists (R5.3, R5.4).
        user: aUser(USERS['both verified'], setting === undefined ? { smsMfaEnabled, emailMfaEnabled } : NO_MFA),
      }));

    it('R5.2 when both channels qualify, the one with priority 1 (or the phone, R5.4) is chosen', () => {
      fc.assert(
        fc.property(bothQualify, ({ setting, user }) => {
          expect(qualifies(setting, user, 'EMAIL') && qualifies(setting, user, 'SMS')).toBe(true);
          const chosen = selectDelivery({ recoveryMechanisms: setting }, user);
          const first = setting?.find((m) => m.priority === 1)?.name ?? 'verified_phone_number';
          expect(chosen).toEqual(first === 'verified_email' ? BY_EMAIL : BY_SMS);
        }),
      );
    });
  });
});

describe('isAdminOnly', () => {
  it.each([
    { scenario: 'admin_only', setting: SETTINGS.admin_only, expected: true },
    { scenario: 'email first', setting: SETTINGS['email first'], expected: false },
    { scenario: 'phone first', setting: SETTINGS['phone first'], expected: false },
    { scenario: 'no setting', setting: undefined, expected: false },
  ])('R5.5 tells whether the setting is admin_only: $scenario → $expected', ({ setting, expected }) => {
    expect(isAdminOnly({ recoveryMechanisms: setting })).toBe(expected);
  });
});
