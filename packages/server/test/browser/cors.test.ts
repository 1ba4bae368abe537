/**
 * D21 in a real browser (headless Debian Chromium): a page bundled with the AWS SDK v3 calls
 * ForgotPassword on the local endpoint from another origin, then tries to read `/_local/outbox` and
 * to post `/_local/reset` there. A page on an allowed origin (`http://localhost:<port>`, a default)
 * gets the API answers after a CORS preflight; a page on another loopback origin
 * (`http://127.0.0.2:<port>`) gets nothing; neither can read the outbox or reset it. A page whose
 * name resolves to the endpoint (DNS rebinding) is refused by the `Host` check. Outside CI a missing
 * /usr/bin/chromium skips the tests with one line saying so; under CI=true it fails them.
 */
import type { Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/start-server.js';
import { startServer } from '../../src/start-server.js';
import { announceSkip, realComposition, requireTool, seedUser, type RealComposition } from '../support.js';
import { bundleForBrowser, chromiumCheck, closeServer, launchChromium, servePage } from './chromium.js';

announceSkip(chromiumCheck, 'the 3 browser tests of packages/server/test/browser/cors.test.ts', 'apt-get install -y chromium');

const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>cognito-recovery CORS</title></head>
<body><pre id="result">pending</pre><pre id="error">pending</pre><pre id="outbox">pending</pre><pre id="reset">pending</pre><script src="/bundle.js"></script></body></html>`;

let composition: RealComposition;
let endpoint: RunningServer;
let browser: Browser | undefined;
let clientId = '';
const pages: Server[] = [];
const endpointLog: string[] = [];
let bundle: Promise<string> | undefined;

/** Serves the page on `host` and answers its origin as the browser will name it. */
async function servePageOn(host: string, originHost: string): Promise<string> {
  // The page's script: the AWS SDK and page.ts, for the browser (bundled once).
  bundle ??= bundleForBrowser(new URL('./page.ts', import.meta.url));
  const { server, port } = await servePage(host, HTML, await bundle);
  pages.push(server);
  return `http://${originHost}:${port}`;
}

beforeAll(async () => {
  composition = realComposition();
  const { memory, operations, inspection } = composition;
  const poolId = (await memory.createUserPool({ PoolName: 'browser', AliasAttributes: ['email'] }))._unsafeUnwrap().UserPool.Id;
  clientId = (await memory.createUserPoolClient({ UserPoolId: poolId, ClientName: 'spa' }))._unsafeUnwrap().UserPoolClient.ClientId;
  await seedUser(memory, poolId, 'alice', { password: 'Passw0rd!' });
  // The defaults: CORS for http://localhost:* and http://127.0.0.1:*, loopback Host names only.
  endpoint = await startServer({ port: 0, operations, inspection, logger: (line) => endpointLog.push(line) });
});

afterAll(async () => {
  await browser?.close();
  for (const page of pages) await closeServer(page);
  await endpoint.close();
});

async function openPage(origin: string): Promise<Record<'result' | 'error' | 'outbox' | 'reset', string>> {
  browser ??= await launchChromium('MAP rebind.test 127.0.0.1');
  const tab = await browser.newPage();
  try {
    const response = await tab.goto(`${origin}/?endpoint=${encodeURIComponent(endpoint.url)}&clientId=${encodeURIComponent(clientId)}`);
    expect(response?.status()).toBe(200);
    // The page itself is on the origin the test means (the browser's own view, not the URL typed).
    expect(await tab.evaluate('location.origin')).toBe(origin);
    await tab.waitForSelector('#reset[data-done]', { timeout: 10_000 });
    const text = async (id: string): Promise<string> => (await tab.textContent(`#${id}`)) ?? '';
    return { result: await text('result'), error: await text('error'), outbox: await text('outbox'), reset: await text('reset') };
  } finally {
    await tab.close();
  }
}

const count = (prefix: string): number => endpointLog.filter((line) => line.startsWith(prefix)).length;

describe('D21 a browser page', () => {
  it('R1.4 R6.2 D1 D21: on an allowed origin (http://localhost:<port>), calls ForgotPassword through the AWS SDK after a CORS preflight, but cannot read /_local/outbox nor reset it', async (ctx) => {
    requireTool(ctx, chromiumCheck);
    const origin = await servePageOn('127.0.0.1', 'localhost');
    const shown = await openPage(origin);

    const result = JSON.parse(shown.result) as { details: unknown; status: number; requestId: string };
    expect(result.details).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' });
    expect(result.status).toBe(200);
    // x-amzn-requestid is readable from script only because the server exposes it (Access-Control-Expose-Headers).
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const error = JSON.parse(shown.error) as { name: string; message: string; status: number; requestId: string };
    expect(error).toMatchObject({ name: 'UserNotFoundException', message: 'Username/client id combination not found.', status: 400 });

    // The outbox answered (same-origin tools may read it) but sent no CORS header: the page got nothing.
    expect(shown.outbox).toMatch(/^error .*"name":"TypeError"/);
    expect(shown.reset).toBe('sent opaque');
    expect(count('OPTIONS / 200 ')).toBeGreaterThanOrEqual(1);
    expect(count('POST ForgotPassword ')).toBe(2);
    expect(endpointLog.some((line) => /^POST \/_local\/reset 403 .* ForbiddenException$/.test(line))).toBe(true);
    expect(composition.memory.outbox.messages()).toHaveLength(1);
  }, 30_000);

  it('D21: on another loopback origin (http://127.0.0.2:<port>), gets no API answer and cannot read /_local/outbox nor reset it', async (ctx) => {
    requireTool(ctx, chromiumCheck);
    const origin = await servePageOn('127.0.0.2', '127.0.0.2');
    const forgotBefore = count('POST ForgotPassword ');
    const resetsBefore = count('POST /_local/reset 403 ');
    const messagesBefore = composition.memory.outbox.messages().length;
    const shown = await openPage(origin);

    // The preflight was refused (403, no CORS header): the SDK's fetch fails before any request is sent.
    expect(shown.result).toMatch(/^error .*"name":"TypeError"/);
    expect(shown.error).toMatch(/"name":"TypeError"/);
    expect(shown.outbox).toMatch(/^error .*"name":"TypeError"/);
    expect(shown.reset).toBe('sent opaque');
    expect(endpointLog.some((line) => /^OPTIONS \/ 403 .* ForbiddenException$/.test(line))).toBe(true);
    expect(count('POST ForgotPassword ')).toBe(forgotBefore);
    expect(count('POST /_local/reset 403 ')).toBe(resetsBefore + 1);
    expect(composition.memory.outbox.messages()).toHaveLength(messagesBefore);
  }, 30_000);

  it('D21: served from a name that resolves to the endpoint (DNS rebinding), is refused by the Host check', async (ctx) => {
    requireTool(ctx, chromiumCheck);
    browser ??= await launchChromium('MAP rebind.test 127.0.0.1');
    const tab = await browser.newPage();
    try {
      // Same origin as far as the browser knows: http://rebind.test:<port> is served by the endpoint itself.
      const rebound = await tab.goto(`http://rebind.test:${endpoint.port}/_local/outbox`);
      expect(rebound?.status()).toBe(403);
      expect(JSON.parse((await rebound?.text()) ?? '')).toMatchObject({ __type: 'ForbiddenException' });
      const page = await tab.goto(`http://rebind.test:${endpoint.port}/_local/`);
      expect(page?.status()).toBe(403);
      const local = await tab.goto(`http://localhost:${endpoint.port}/_local/outbox`);
      expect(local?.status()).toBe(200);
    } finally {
      await tab.close();
    }
  }, 30_000);
});
