/**
 * aws-amplify v6 in a real browser (headless Debian Chromium through playwright-core) against the
 * local endpoint: a page bundled with esbuild (`amplify-page.ts`) served from its own origin
 * (`http://localhost:<page port>`), the endpoint on `http://127.0.0.1:<port>` started with
 * `corsOrigins` naming exactly that origin (D21). The page runs the app's calls (`signIn` over SRP,
 * `confirmSignIn`, `resetPassword`, `confirmResetPassword`, `fetchAuthSession`, `signUp`, …) through
 * the same driver as the node test; the administrator's calls, the outbox (which no page may read,
 * D21) and the token checks with aws-jwt-verify run in the test. Outside CI a missing
 * /usr/bin/chromium skips the tests with one line saying so; under CI=true it fails them.
 */
import type { Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import type { AmplifyDriver, Outcome } from '../e2e/amplify-driver.js';
import { adminCreatedLifecycle, adminResetLifecycle, signUpLifecycle, type AmplifyUser } from '../e2e/amplify-scenario.js';
import { startLifecycleEndpoint, type LifecycleEndpoint } from '../e2e/lifecycle.js';
import { announceSkip, requireTool } from '../support.js';
import { bundleForBrowser, chromiumCheck, closeServer, launchChromium, servePage } from './chromium.js';

announceSkip(chromiumCheck, 'the 3 Amplify browser tests of packages/server/test/browser/amplify-lifecycle.e2e.test.ts', 'apt-get install -y chromium');

const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>cognito-recovery Amplify lifecycle</title></head>
<body><pre id="ready">loading</pre><script src="/bundle.js"></script></body></html>`;

/** The user of the two admin lifecycles, signing in over SRP (Amplify's default). */
const BEA: AmplifyUser = { username: 'bea', email: 'bea@example.com', flow: 'USER_SRP_AUTH' };

let endpoint: LifecycleEndpoint | undefined;
let pageServer: Server | undefined;
let pageOrigin = '';
let browser: Browser | undefined;
let tab: Page | undefined;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!chromiumCheck.available) return;
  const bundle = await bundleForBrowser(new URL('./amplify-page.ts', import.meta.url), { 'process.env.NODE_ENV': '"production"' });
  const page = await servePage('127.0.0.1', HTML, bundle);
  pageServer = page.server;
  // localhost is a secure context (Web Crypto), and another origin than the endpoint's 127.0.0.1.
  pageOrigin = `http://localhost:${page.port}`;
  endpoint = await startLifecycleEndpoint({ corsOrigins: [pageOrigin] });
  browser = await launchChromium();
  tab = await browser.newPage();
  tab.on('pageerror', (error) => pageErrors.push(error.message));
  const query = new URLSearchParams({ endpoint: endpoint.url, userPoolId: endpoint.poolId, clientId: endpoint.clientId });
  const response = await tab.goto(`${pageOrigin}/?${query.toString()}`);
  expect(response?.status()).toBe(200);
  await tab.waitForSelector('#ready[data-done]', { timeout: 10_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await closeServer(pageServer);
  await endpoint?.close();
});

/** The driver of the page: each call runs in the browser (`window.amplifyDriver`) and answers plain data. */
function pageDriver(page: Page): AmplifyDriver {
  const call =
    (method: keyof AmplifyDriver) =>
    (...args: unknown[]): Promise<Outcome<never>> =>
      page.evaluate(
        async ([name, list]) => {
          const driver = (globalThis as unknown as Record<string, Record<string, (...a: unknown[]) => Promise<Outcome<never>>>>)['amplifyDriver'];
          const fn = driver?.[name];
          if (fn === undefined) return { ok: false as const, name: 'PageError', message: `no amplifyDriver.${name} on the page` };
          return fn(...list);
        },
        [method, args] as const,
      );
  return {
    signIn: call('signIn'),
    confirmSignIn: call('confirmSignIn'),
    resetPassword: call('resetPassword'),
    confirmResetPassword: call('confirmResetPassword'),
    tokens: call('tokens'),
    signOut: call('signOut'),
    signUp: call('signUp'),
    confirmSignUp: call('confirmSignUp'),
    updateEmail: call('updateEmail'),
    confirmEmail: call('confirmEmail'),
    attributes: call('attributes'),
  };
}

function ready(): { endpoint: LifecycleEndpoint; driver: AmplifyDriver } {
  if (endpoint === undefined || tab === undefined) throw new Error('the browser page did not start');
  return { endpoint, driver: pageDriver(tab) };
}

/** A test on the page: skipped without Chromium (failed under CI=true); no page error may be left after it. */
function onPage(body: (page: { endpoint: LifecycleEndpoint; driver: AmplifyDriver }) => Promise<void>): (ctx: TestContext) => Promise<void> {
  return async (ctx) => {
    requireTool(ctx, chromiumCheck);
    await body(ready());
    expect(pageErrors).toEqual([]);
  };
}

describe('aws-amplify v6 in Chromium, from another origin allowed by corsOrigins (D21)', () => {
  it(
    'R18.3 R18.10 R18.11 R19.1 R19.5 R7.7 R17.4 R20.5 R21.11 D21: AdminCreateUser → SRP sign-in answers NEW_PASSWORD_REQUIRED → confirmSignIn → reset with the outbox code → old password refused → new one signs in; tokens verify, also after forceRefresh',
    onPage(async ({ endpoint: e, driver }) => {
      expect(await tab?.evaluate('location.origin')).toBe(pageOrigin);
      expect(new URL(e.url).origin).not.toBe(pageOrigin);
      await adminCreatedLifecycle(e, driver, BEA);
      // The browser asked first (CORS preflight) and the endpoint allowed the page's origin.
      expect(e.log.some((line) => line.startsWith('OPTIONS / 200 '))).toBe(true);
      expect(e.log.some((line) => line.startsWith('POST RespondToAuthChallenge 200 '))).toBe(true);
    }),
    60_000,
  );

  it(
    'R19.7 D24: AdminResetUserPassword → signIn answers RESET_PASSWORD → resetPassword / confirmResetPassword → signs in',
    onPage(async ({ endpoint: e, driver }) => {
      await adminResetLifecycle(e, driver, BEA);
    }),
    60_000,
  );

  it(
    'R23.6 R23.10 R24.2 R24.3 R24.4: signUp → confirmSignUp → reset → signIn → updateUserAttribute → confirmUserAttribute',
    onPage(async ({ endpoint: e, driver }) => {
      await signUpLifecycle(e, driver, 'dan', 'dan@example.com', 'dan.new@example.org');
    }),
    60_000,
  );
});
