/**
 * D28: a SECRET_BLOCK carries `u` from InitiateAuth, so the answer computes no `B`; a block sealed
 * without it (by a server before this change, during a rolling deploy) still signs in, and a block
 * whose `u` was changed does not (it is sealed: no one but the server can change it).
 */
import { openSecretBlock, sealSecretBlock, SEAL_IV_BYTES } from '@cognito-recovery/core/rules';
import { aUser, srpClientStart } from '@cognito-recovery/core/testing';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_KEY, failure, type Harness } from './harness.js';
import { expectTokens, signInHarness, srpAnswer, withPassword } from './sign-in-support.js';

const PASSWORD = 'Corr3ct-Horse-42!';

async function challenged(): Promise<{ h: Harness; client: { a: bigint; A: string }; parameters: Record<string, string> }> {
  const h = await signInHarness({ users: [aUser().withVerifiedEmail('alice@example.com')] });
  await withPassword(h, 'alice', PASSWORD);
  const client = srpClientStart();
  const init = await h.initiateAuth({ AuthFlow: 'USER_SRP_AUTH', ClientId: h.client.clientId, AuthParameters: { USERNAME: 'alice', SRP_A: client.A } });
  return { h, client, parameters: { ...init._unsafeUnwrap().ChallengeParameters } };
}

const answer = (h: Harness, ChallengeResponses: Record<string, string>) =>
  h.respondToAuthChallenge({ ClientId: h.client.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses });

describe('SECRET_BLOCK and u (D28)', () => {
  it('the block carries u; the answer signs in', async () => {
    const { h, client, parameters } = await challenged();
    expect(openSecretBlock(CODE_KEY, h.pool.id, parameters['SECRET_BLOCK'] ?? '')?.u).toMatch(/^[0-9a-f]+$/);
    expectTokens((await answer(h, srpAnswer(h, client, parameters, PASSWORD)))._unsafeUnwrap());
  });

  it('a block sealed without u (an older server) still signs in', async () => {
    const { h, client, parameters } = await challenged();
    const attempt = openSecretBlock(CODE_KEY, h.pool.id, parameters['SECRET_BLOCK'] ?? '');
    if (attempt === undefined) throw new Error('the block does not open');
    const withoutU = { ...attempt, u: undefined };
    const SECRET_BLOCK = sealSecretBlock(CODE_KEY, withoutU, randomBytes(SEAL_IV_BYTES));
    expectTokens((await answer(h, srpAnswer(h, client, { ...parameters, SECRET_BLOCK }, PASSWORD)))._unsafeUnwrap());
  });

  it('a block resealed with another u fails as a wrong password', async () => {
    const { h, client, parameters } = await challenged();
    const attempt = openSecretBlock(CODE_KEY, h.pool.id, parameters['SECRET_BLOCK'] ?? '');
    if (attempt === undefined) throw new Error('the block does not open');
    const SECRET_BLOCK = sealSecretBlock(CODE_KEY, { ...attempt, u: 'abcdef' }, randomBytes(SEAL_IV_BYTES));
    expect(await answer(h, srpAnswer(h, client, { ...parameters, SECRET_BLOCK }, PASSWORD))).toEqual(
      failure('NotAuthorizedException', 'Incorrect username or password.'),
    );
  });
});
