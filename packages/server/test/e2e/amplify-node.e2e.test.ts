/**
 * aws-amplify v6 in node against the local endpoint (issue "Sign-in that proves a reset", items 6–7;
 * verification issue, item 7): `Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId,
 * userPoolEndpoint } } })`, then both lifecycles with its default SRP sign-in and with
 * `authFlowType: 'USER_PASSWORD_AUTH'`, and sign-up → confirmation → reset → attribute verification.
 * Tokens are checked with aws-jwt-verify against the endpoint's JWKS. Amplify is a process-wide
 * singleton: the tests of this file run one after another and sign out at the end of each.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { amplifyDriver, type AmplifyDriver } from './amplify-driver.js';
import { adminCreatedLifecycle, adminResetLifecycle, signUpLifecycle, type AmplifyUser } from './amplify-scenario.js';
import { startLifecycleEndpoint, type LifecycleEndpoint } from './lifecycle.js';

/** The users of the two admin lifecycles, one per sign-in flow. */
const SRP_USER: AmplifyUser = { username: 'amy-srp', email: 'amy.srp@example.com', flow: 'USER_SRP_AUTH' };
const PASSWORD_USER: AmplifyUser = { username: 'amy-pw', email: 'amy.pw@example.com', flow: 'USER_PASSWORD_AUTH' };

let endpoint: LifecycleEndpoint;
let driver: AmplifyDriver;

beforeAll(async () => {
  endpoint = await startLifecycleEndpoint();
  driver = amplifyDriver({ userPoolId: endpoint.poolId, userPoolClientId: endpoint.clientId, userPoolEndpoint: endpoint.url });
});

afterAll(async () => {
  await endpoint.close();
});

describe('aws-amplify v6 in node, default SRP sign-in (USER_SRP_AUTH + PASSWORD_VERIFIER)', () => {
  it('R18.3 R18.4 R18.10 R18.11 R19.1 R19.5 R7.7 R17.4 R20.2 R20.5 R21.11: AdminCreateUser → NEW_PASSWORD_REQUIRED → confirmSignIn → reset with the outbox code → old password refused → new one signs in; tokens verify, also after forceRefresh', async () => {
    await adminCreatedLifecycle(endpoint, driver, SRP_USER);
  });

  it('R19.7 D24 D39: AdminResetUserPassword → signIn answers RESET_PASSWORD → resetPassword / confirmResetPassword → signs in', async () => {
    await adminResetLifecycle(endpoint, driver, SRP_USER);
  });
});

describe("aws-amplify v6 in node, authFlowType: 'USER_PASSWORD_AUTH'", () => {
  it('R17.2 R17.4 R19.1 R19.5 R7.7 R20.5 R21.11: AdminCreateUser → NEW_PASSWORD_REQUIRED → confirmSignIn → reset → old password refused → new one signs in; tokens verify', async () => {
    await adminCreatedLifecycle(endpoint, driver, PASSWORD_USER);
  });

  it('R19.7 D24: AdminResetUserPassword → RESET_PASSWORD → reset → signs in', async () => {
    await adminResetLifecycle(endpoint, driver, PASSWORD_USER);
  });
});

describe('aws-amplify v6 in node, sign-up and attribute verification', () => {
  it('R23.6 R23.10 R24.2 R24.3 R24.4 R20.5: signUp → confirmSignUp (outbox code) → reset → signIn → updateUserAttribute → confirmUserAttribute', async () => {
    await signUpLifecycle(endpoint, driver, 'cara', 'cara@example.com', 'cara.new@example.org');
  });
});
