import { err, ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { cognitoError } from '../../errors.js';
import { readUserMigrationAnswer, userMigrationEvent } from './user-migration.js';

const unrecognizable = err(cognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output'));

describe('UserMigration_ForgotPassword (§9.2)', () => {
  it('R3.6 §9.2: the migration event names the user by the input and has no password', () => {
    const event = userMigrationEvent({ pool: { id: 'p', region: 'r' }, clientId: 'c' }, 'Some.One');
    expect(event.userName).toBe('Some.One');
    expect(event.request).toEqual({});
  });

  it.each([
    ['undefined', undefined, ok(undefined)],
    ['an array', [], unrecognizable],
    ['a number', 3, unrecognizable],
  ])('R9.0.4 §9.2: migration output %s', (_name, output, expected) => {
    expect(readUserMigrationAnswer(output)).toEqual(expected);
  });
});
