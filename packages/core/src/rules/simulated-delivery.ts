/**
 * The answer ForgotPassword gives, under `PreventUserExistenceErrors = ENABLED`, for a user that does
 * not exist, is disabled or has no channel (R6.4, R8.3, D4).
 *
 * @module
 */
import { createHmac } from 'node:crypto';
import type { UserPool } from '../model/user-pool.js';
import type { DeliveryChannel } from './delivery-selection.js';

const PHONE_SHAPE = /^\+\d+$/u;
const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+$/u;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A deterministic channel for an input that reaches nobody (D4): phone-shaped input → SMS; otherwise
 * the medium the pool's setting lists first (EMAIL in legacy pools). The destination is an input of
 * that medium's own shape when the input has it (so the answer matches what a real owner of that
 * address would get), else a fake address or number derived from an HMAC of pool id and input under
 * the pool's secret. Same pool and input, same answer.
 *
 * @group Rules
 */
export function simulateDelivery(pool: Pick<UserPool, 'id' | 'recoveryMechanisms' | 'simulationSecret'>, input: string): DeliveryChannel {
  const phoneShaped = PHONE_SHAPE.test(input);
  const first = pool.recoveryMechanisms?.find((m) => m.priority === 1) ?? pool.recoveryMechanisms?.[0];
  const medium = phoneShaped || first?.name === 'verified_phone_number' ? 'SMS' : 'EMAIL';
  if (medium === 'SMS') {
    return { medium, attributeName: 'phone_number', destination: phoneShaped ? input : fakePhone(pool, input) };
  }
  return { medium, attributeName: 'email', destination: EMAIL_SHAPE.test(input) ? input : fakeEmail(pool, input) };
}

function digest(pool: Pick<UserPool, 'id' | 'simulationSecret'>, input: string): Buffer {
  return createHmac('sha256', pool.simulationSecret).update(pool.id).update('\u0000').update(input).digest();
}

function fakeEmail(pool: Pick<UserPool, 'id' | 'simulationSecret'>, input: string): string {
  const d = digest(pool, input);
  return `${LETTERS[(d[0] ?? 0) % 26] ?? 'u'}@${LETTERS[(d[1] ?? 0) % 26] ?? 'y'}.com`;
}

function fakePhone(pool: Pick<UserPool, 'id' | 'simulationSecret'>, input: string): string {
  const d = digest(pool, input);
  let digits = '';
  for (let i = 0; i < 10; i++) digits += ((d[i] ?? 0) % 10).toString();
  return `+1${digits}`;
}
