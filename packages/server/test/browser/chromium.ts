/**
 * Debian's Chromium for the browser tests, driven by playwright-core: whether it is there, and how to
 * launch it. Outside CI a missing /usr/bin/chromium skips the tests (with one line saying so); under
 * CI=true it fails them.
 */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import type { ToolCheck } from '../support.js';

/** Where Debian installs Chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** Whether Chromium is there. */
export const chromiumCheck: ToolCheck = existsSync(CHROMIUM) ? { available: true, reason: '' } : { available: false, reason: `${CHROMIUM} is missing` };

/** Launches headless Chromium; `hostRules` maps names to addresses (`MAP rebind.test 127.0.0.1`). */
export function launchChromium(hostRules?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(hostRules === undefined ? [] : [`--host-resolver-rules=${hostRules}`]),
    ],
    timeout: 15_000,
  });
}

/** A tiny static server: path → [content type, body]. */
export async function serveFiles(host: string, files: Readonly<Record<string, readonly [string, string]>>): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0] ?? '/'];
    if (file === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  return { server, port: (server.address() as AddressInfo).port };
}

/** Bundles the page script `entry` (a module of this folder, with what it imports) into one script for the browser; `define` as esbuild's. */
export async function bundleForBrowser(entry: URL, define?: Readonly<Record<string, string>>): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    ...(define === undefined ? {} : { define: { ...define } }),
  });
  return out.outputFiles[0]?.text ?? '';
}

/** Serves a page on `host`: `html` at `/`, which loads `bundle` from `/bundle.js`. */
export function servePage(host: string, html: string, bundle: string): Promise<{ server: Server; port: number }> {
  return serveFiles(host, {
    '/': ['text/html; charset=utf-8', html],
    '/bundle.js': ['text/javascript; charset=utf-8', bundle],
  });
}

/** Closes a server and its keep-alive connections. */
export function closeServer(server: Server | undefined): Promise<void> {
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
