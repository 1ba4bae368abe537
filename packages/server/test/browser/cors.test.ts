/**
 * A page bundled with the AWS SDK v3 calls ForgotPassword from headless Chromium, served from another
 * origin than the endpoint: the browser sends a CORS preflight and reads the answer only if the
 * server's CORS headers allow it (issue 5). Outside CI a missing /usr/bin/chromium skips the test with
 * the reason; under CI=true it fails it.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/start-server.js';
import { startServer } from '../../src/start-server.js';
import { realComposition } from '../support.js';
import { requireTool, type ToolCheck } from '../support.js';

const CHROMIUM = '/usr/bin/chromium';
const chromiumCheck: ToolCheck = existsSync(CHROMIUM)
  ? { available: true, reason: '' }
  : { available: false, reason: `${CHROMIUM} is missing (apt-get install -y chromium)` };

const HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>cognito-recovery CORS</title></head>
<body><pre id="result">pending</pre><pre id="error">pending</pre><script src="/bundle.js"></script></body></html>`;

let endpoint: RunningServer;
let page: Server | undefined;
let noCors: Server | undefined;
let pageOrigin = '';
let browser: Browser | undefined;
let clientId = '';
const endpointLog: string[] = [];

/** The second origin: the html page and the bundle, nothing else. */
async function servePage(bundle: string): Promise<void> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HTML);
    } else if (path === '/bundle.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    } else {
      res.writeHead(404).end();
    }
  });
  page = server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  pageOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const { memory, operations, inspection } = realComposition();
  const poolId = (await memory.createUserPool({ PoolName: 'browser', AliasAttributes: ['email'] }))._unsafeUnwrap().UserPool.Id;
  clientId = (await memory.createUserPoolClient({ UserPoolId: poolId, ClientName: 'spa' }))._unsafeUnwrap().UserPoolClient.ClientId;
  const attributes = [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }];
  (await memory.adminCreateUser({ UserPoolId: poolId, Username: 'alice', UserAttributes: attributes, MessageAction: 'SUPPRESS' }))._unsafeUnwrap();
  (await memory.adminSetUserPassword({ UserPoolId: poolId, Username: 'alice', Password: 'Passw0rd!', Permanent: true }))._unsafeUnwrap();
  endpoint = await startServer({ port: 0, operations, inspection, logger: (line) => endpointLog.push(line) });
});

afterAll(async () => {
  await browser?.close();
  await closeServer(page);
  await endpoint.close();
  await closeServer(noCors);
});

function closeServer(server: Server | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (server === undefined) {
      resolve();
      return;
    }
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

/** A control endpoint that answers like Cognito but sends no CORS header: the browser must refuse it. */
async function serveWithoutCors(): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': '00000000-0000-4000-8000-000000000000' });
      res.end('{"CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"n***@c***"}}');
    });
  });
  noCors = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('a browser page on another origin', () => {
  it('R1.4 R6.2 D1: calls ForgotPassword through the AWS SDK after a CORS preflight and shows the masked destination and the typed error', async (ctx) => {
    requireTool(ctx, chromiumCheck);
    const bundled = await build({
      entryPoints: [fileURLToPath(new URL('./page.ts', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    await servePage(bundled.outputFiles[0]?.text ?? '');
    expect(new URL(pageOrigin).origin).not.toBe(new URL(endpoint.url).origin);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 15_000,
    });
    const tab = await browser.newPage();
    const consoleErrors: string[] = [];
    tab.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await tab.goto(`${pageOrigin}/?endpoint=${encodeURIComponent(endpoint.url)}&clientId=${encodeURIComponent(clientId)}`);
    await tab.waitForSelector('#result[data-done]', { timeout: 10_000 });
    await tab.waitForSelector('#error[data-done]', { timeout: 10_000 });

    const result = JSON.parse((await tab.textContent('#result')) ?? '') as { details: unknown; status: number; requestId: string };
    expect(result.details).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'a***@e***' });
    expect(result.status).toBe(200);
    // x-amzn-requestid is readable from script only because the server exposes it (Access-Control-Expose-Headers).
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const error = JSON.parse((await tab.textContent('#error')) ?? '') as { name: string; message: string; status: number; requestId: string };
    expect(error).toMatchObject({ name: 'UserNotFoundException', message: 'Username/client id combination not found.', status: 400 });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);

    // The browser did send a preflight: the SDK's x-amz-target and content type are not CORS-safelisted.
    expect(endpointLog.some((line) => line.startsWith('OPTIONS / 200 '))).toBe(true);
    expect(endpointLog.filter((line) => line.startsWith('POST ForgotPassword ')).length).toBe(2);
    expect(consoleErrors.filter((text) => /CORS|Access-Control/i.test(text))).toEqual([]);

    // Control: the same page against an endpoint without CORS headers gets nothing through.
    const control = await browser.newPage();
    await control.goto(`${pageOrigin}/?endpoint=${encodeURIComponent(await serveWithoutCors())}&clientId=${encodeURIComponent(clientId)}`);
    await control.waitForSelector('#result[data-done]', { timeout: 10_000 });
    expect(await control.textContent('#result')).toMatch(/^error .*"name":"TypeError"/);
  }, 20_000);
});
