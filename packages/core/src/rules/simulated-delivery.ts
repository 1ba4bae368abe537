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
/**
 * The first characters real masked destinations show (R6.2): mostly lower-case letters, then upper
 * case, digits and `_`, weighted roughly as stored addresses begin, so a fake one cannot be told
 * from a real one by its alphabet (issue 13 §8). 255 characters: a byte modulo 255 picks one.
 */
const LOCAL_FIRST = `${'abcdefghijklmnopqrstuvwxyz'.repeat(7)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(2)}${'0123456789'.repeat(2)}_`;
/** Domains begin with a letter or digit. 255 characters. */
const DOMAIN_FIRST = `${'abcdefghijklmnopqrstuvwxyz'.repeat(8)}ABCDEFGHIJKLMNOPQRSTUVWXYZ${'0123456789'.repeat(2)}a`;

/**
 * A deterministic channel for an input that reaches nobody (D4): phone-shaped input → SMS; otherwise
 * the medium the pool's setting lists first (EMAIL in legacy pools). The destination is the input as
 * typed (`typed`, its case kept, as a real stored address keeps its own) when it has that medium's
 * shape, so the answer matches what a real owner of that address would get; else a fake address or
 * number derived from an HMAC of pool id and the normalised `input` under the pool's secret (derived
 * from the recovery's secrets, so a configured key keeps answers stable across restarts). Same pool
 * and input, same answer.
 *
 * @group Rules
 */
export function simulateDelivery(
  pool: Pick<UserPool, 'id' | 'recoveryMechanisms' | 'simulationSecret'>,
  input: string,
  typed: string = input,
): DeliveryChannel {
  const phoneShaped = PHONE_SHAPE.test(input);
  const first = pool.recoveryMechanisms?.find((m) => m.priority === 1) ?? pool.recoveryMechanisms?.[0];
  const medium = phoneShaped || first?.name === 'verified_phone_number' ? 'SMS' : 'EMAIL';
  if (medium === 'SMS') {
    return { medium, attributeName: 'phone_number', destination: phoneShaped ? input : fakePhone(pool, input) };
  }
  return { medium, attributeName: 'email', destination: EMAIL_SHAPE.test(typed) ? typed : fakeEmail(pool, input) };
}

function digest(pool: Pick<UserPool, 'id' | 'simulationSecret'>, input: string): Buffer {
  return createHmac('sha256', pool.simulationSecret).update(pool.id).update('\u0000').update(input).digest();
}

function fakeEmail(pool: Pick<UserPool, 'id' | 'simulationSecret'>, input: string): string {
  const d = digest(pool, input);
  return `${LOCAL_FIRST[(d[0] ?? 0) % LOCAL_FIRST.length] ?? 'u'}@${DOMAIN_FIRST[(d[1] ?? 0) % DOMAIN_FIRST.length] ?? 'y'}.com`;
}

function fakePhone(pool: Pick<UserPool, 'id' | 'simulationSecret'>, input: string): string {
  const d = digest(pool, input);
  let digits = '';
  for (let i = 0; i < 10; i++) digits += ((d[i] ?? 0) % 10).toString();
  return `+1${digits}`;
}
