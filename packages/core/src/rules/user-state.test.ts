import { describe, expect, it } from 'vitest';
import { USER_STATUSES, type UserStatus } from '../model/user.js';
import { checkUserState, type StateVerdict } from './user-state.js';

describe('checkUserState', () => {
  it.each([{ status: 'CONFIRMED' }, { status: 'RESET_REQUIRED' }] satisfies { status: UserStatus }[])(
    'R4.2 lets an enabled $status user ask for a code',
    ({ status }) => {
      expect(checkUserState({ enabled: true, status })).toBe('ok');
    },
  );

  it('D6 lets an enabled UNCONFIRMED user ask for a code (delivery still needs a verified channel)', () => {
    expect(checkUserState({ enabled: true, status: 'UNCONFIRMED' })).toBe('ok');
  });

  it('R4.2 lets an enabled COMPROMISED user ask for a code (project choice: the spec has no evidence)', () => {
    expect(checkUserState({ enabled: true, status: 'COMPROMISED' })).toBe('ok');
  });

  it.each([{ status: 'FORCE_CHANGE_PASSWORD' }, { status: 'EXTERNAL_PROVIDER' }] satisfies { status: UserStatus }[])(
    'R4.2 refuses an enabled $status user as "cannot be reset in the current state"',
    ({ status }) => {
      expect(checkUserState({ enabled: true, status })).toBe('cannot_reset');
    },
  );

  it.each([{ status: 'ARCHIVED' }, { status: 'UNKNOWN' }] satisfies { status: UserStatus }[])(
    'R4.2 refuses an enabled $status user (project choice: the spec has no evidence)',
    ({ status }) => {
      expect(checkUserState({ enabled: true, status })).toBe('cannot_reset');
    },
  );

  it('R8.7 reports FORCE_CHANGE_PASSWORD and EXTERNAL_PROVIDER as cannot_reset, not disabled, so ENABLED clients do not hide them', () => {
    expect(checkUserState({ enabled: true, status: 'FORCE_CHANGE_PASSWORD' })).not.toBe('disabled');
    expect(checkUserState({ enabled: true, status: 'EXTERNAL_PROVIDER' })).not.toBe('disabled');
  });

  it.each(USER_STATUSES.map((status) => ({ status })))('D5 reports a disabled $status user as disabled, whatever its status', ({ status }) => {
    expect(checkUserState({ enabled: false, status })).toBe('disabled');
  });

  /** What each `UserStatusType` value lets an enabled user do; the type makes a new value need an entry. */
  const VERDICT_OF: Readonly<Record<UserStatus, StateVerdict>> = {
    UNCONFIRMED: 'ok',
    CONFIRMED: 'ok',
    ARCHIVED: 'cannot_reset',
    COMPROMISED: 'ok',
    UNKNOWN: 'cannot_reset',
    RESET_REQUIRED: 'ok',
    FORCE_CHANGE_PASSWORD: 'cannot_reset',
    EXTERNAL_PROVIDER: 'cannot_reset',
  };

  it.each(Object.entries(VERDICT_OF).map(([status, verdict]) => ({ status: status as UserStatus, verdict })))(
    'R4.0 $status: enabled → $verdict, disabled → disabled (Enabled is a flag apart from the status)',
    ({ status, verdict }) => {
      expect(checkUserState({ enabled: true, status })).toBe(verdict);
      expect(checkUserState({ enabled: false, status })).toBe('disabled');
    },
  );
});
