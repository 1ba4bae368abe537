/**
 * Issue G: the console at `GET /_local/` in a real browser (headless Debian Chromium): it lists the
 * pools, app clients and users, shows a delivered code without a reload, advances a manual clock and
 * resets, runs no markup from user data, and is saved as a screenshot
 * (`test/browser/__output__/console.png`, not committed) for a person to look at. Outside CI a missing
 * /usr/bin/chromium skips the test with one line saying so; under CI=true it fails it.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/start-server.js';
import { startServer } from '../../src/start-server.js';
import { announceSkip, realComposition, requireTool, type RealComposition } from '../support.js';
import { chromiumCheck, launchChromium } from './chromium.js';

announceSkip(chromiumCheck, 'the browser test of packages/server/test/browser/console.test.ts', 'apt-get install -y chromium');

const OUTPUT = fileURLToPath(new URL('./__output__/', import.meta.url));
/** A username is any run of letters, symbols and punctuation: markup included. */
const HOSTILE = '<img/src=x/onerror=window.__pwned=1>';

let composition: RealComposition;
let endpoint: RunningServer;
let browser: Browser | undefined;
let poolId = '';
let clientId = '';

beforeAll(async () => {
  composition = realComposition({ manualClock: true });
  const { memory } = composition;
  poolId = (await memory.createUserPool({ PoolName: 'console-demo', Id: 'us-east-1_Console1', AliasAttributes: ['email'] }))._unsafeUnwrap().UserPool.Id;
  clientId = (await memory.createUserPoolClient({ UserPoolId: poolId, ClientName: 'web', ClientId: 'consoleweb1' }))._unsafeUnwrap().UserPoolClient.ClientId;
  (
    await memory.createUserPoolClient({
      UserPoolId: poolId,
      ClientName: 'backend',
      ClientId: 'consolebackend1',
      ClientSecret: 'consolesecret1',
      PreventUserExistenceErrors: 'ENABLED',
    })
  )._unsafeUnwrap();
  for (const [username, email, verified] of [
    ['alice', 'alice@example.com', 'true'],
    ['bob', 'bob@example.com', 'false'],
    [HOSTILE, 'x@example.com', 'true'],
  ] as const) {
    (
      await memory.adminCreateUser({
        UserPoolId: poolId,
        Username: username,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: verified },
        ],
        MessageAction: 'SUPPRESS',
      })
    )._unsafeUnwrap();
    (await memory.adminSetUserPassword({ UserPoolId: poolId, Username: username, Password: 'Passw0rd!', Permanent: true }))._unsafeUnwrap();
  }
  endpoint = await startServer({ port: 0, operations: composition.operations, inspection: composition.inspection });
});

afterAll(async () => {
  await browser?.close();
  await endpoint.close();
});

async function forgotPassword(username: string): Promise<number> {
  const res = await fetch(`${endpoint.url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ForgotPassword' },
    body: JSON.stringify({ ClientId: clientId, Username: username }),
  });
  return res.status;
}

describe('the console page', () => {
  it('G D21: lists pools, clients and users, shows a new code without a reload, advances the clock, resets, and runs no markup from user data', async (ctx) => {
    requireTool(ctx, chromiumCheck);
    browser = await launchChromium();
    const tab = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    const response = await tab.goto(`${endpoint.url}/_local/`);
    expect(response?.status()).toBe(200);
    expect(await tab.title()).toBe('cognito-recovery console');

    const text = (await tab.textContent('main')) ?? '';
    expect(text).toContain('console-demo');
    expect(text).toContain('us-east-1_Console1');
    expect(text).toContain('consoleweb1');
    expect(text).toContain('consolesecret1');
    expect(await tab.locator('tr.user td.username').allTextContents()).toEqual(['<img/src=x/onerror=window.__pwned=1>', 'alice', 'bob']);
    expect(await tab.locator('tr.user td.status').allTextContents()).toEqual(['CONFIRMED', 'CONFIRMED', 'CONFIRMED']);
    expect(text).toContain('email = alice@example.com verified');
    expect(text).toContain('email = bob@example.com unverified');
    await tab.waitForSelector('#outbox-empty');

    // A code delivered after the page loaded appears by itself, newest first.
    expect(await forgotPassword('alice')).toBe(200);
    expect(await forgotPassword(HOSTILE)).toBe(200);
    await tab.waitForSelector('tr.message >> nth=1', { timeout: 5_000 });
    const codes = await tab.locator('tr.message td.code').allTextContents();
    const outbox = composition.memory.outbox.messages();
    expect(codes).toEqual([outbox[1]?.code, outbox[0]?.code]);
    expect(codes[0]).toMatch(/^\d{6}$/);

    // Markup in a username stayed text: no image element, no script run.
    expect(await tab.locator('main img').count()).toBe(0);
    expect(await tab.evaluate('window.__pwned')).toBeUndefined();

    // The manual clock moves by an hour, and the page shows it.
    const before = (await tab.getAttribute('#clock time', 'datetime')) ?? '';
    await tab.click('#advance');
    // A selector, not a function: the page's Content-Security-Policy forbids evaluating strings.
    await tab.waitForSelector(`#clock time:not([datetime=${JSON.stringify(before)}])`);
    const after = (await tab.getAttribute('#clock time', 'datetime')) ?? '';
    expect(Date.parse(after) - Date.parse(before)).toBe(3_600_000);
    await tab.waitForSelector('#status:text("done")');

    mkdirSync(OUTPUT, { recursive: true });
    await tab.screenshot({ path: `${OUTPUT}console.png`, fullPage: true });

    // Reset empties the outbox and the page follows; the users stay.
    await tab.click('#reset');
    await tab.waitForSelector('#outbox-empty');
    expect(composition.memory.outbox.messages()).toEqual([]);
    expect(await tab.locator('tr.user').count()).toBe(3);
    expect(problems).toEqual([]);
    await tab.close();
  }, 40_000);
});
