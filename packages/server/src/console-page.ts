/**
 * The console at `GET /_local/`: the local server's pools, app clients, users, clock and outbox as one
 * server-rendered HTML page, with a little inline script that refreshes it and posts the reset and
 * clock buttons. Every value is HTML-escaped: usernames, attributes and message bodies are client data.
 *
 * @module
 */
import type { DirectoryView, PoolView } from './inspection.js';

/** What the console shows. @internal */
export interface ConsoleModel {
  readonly directory: DirectoryView | undefined;
  /** Oldest first, as the inspection gives them; shown newest first. */
  readonly messages: readonly unknown[];
  readonly clock: { readonly mode: 'real' | 'manual'; readonly now: string } | undefined;
}

/** How often the page refreshes itself. @internal */
export const CONSOLE_REFRESH_MS = 1000;

/**
 * Escapes text for HTML element content and quoted attribute values.
 *
 * @internal
 */
export function escapeHtml(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') text = String(value);
  else if (value === undefined || value === null || typeof value === 'function' || typeof value === 'symbol') text = '';
  else text = JSON.stringify(value);
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The whole page. `nonce` authorises its one inline style and one inline script under the
 * Content-Security-Policy the route sends.
 *
 * @internal
 */
export function renderConsolePage(model: ConsoleModel, nonce: string): string {
  const manual = model.clock?.mode === 'manual';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cognito-recovery console</title>
<link rel="icon" href="data:,">
<style nonce="${escapeHtml(nonce)}">${STYLE}</style>
</head>
<body>
<header>
<h1>cognito-recovery <span class="muted">local console</span></h1>
<p class="muted">A local stand-in for Amazon Cognito user pools. Codes delivered to users are shown below: anyone who can open this page can read them.</p>
<div class="actions">
<button id="reset" type="button">Reset outbox, limits and codes</button>
${manual ? '<button id="advance" type="button">Advance 1 hour</button>' : ''}
<span id="status" role="status" aria-live="polite"></span>
</div>
</header>
<main id="main">${renderConsoleFragment(model)}</main>
<script nonce="${escapeHtml(nonce)}">${script()}</script>
</body>
</html>
`;
}

/**
 * The part of the page that refreshes: clock, pools, outbox.
 *
 * @internal
 */
export function renderConsoleFragment(model: ConsoleModel): string {
  const clock =
    model.clock === undefined
      ? '<p class="muted">No clock to show.</p>'
      : `<p id="clock" data-mode="${escapeHtml(model.clock.mode)}"><strong>${model.clock.mode === 'manual' ? 'manual' : 'real time'}</strong>: <time datetime="${escapeHtml(model.clock.now)}">${escapeHtml(model.clock.now)}</time>${
          model.clock.mode === 'manual' ? ' <span class="muted">(moves only with POST /_local/clock)</span>' : ''
        }</p>`;
  const pools =
    model.directory === undefined || model.directory.pools.length === 0 ? '<p class="muted">No pools.</p>' : model.directory.pools.map(renderPool).join('\n');
  const messages = [...model.messages].reverse();
  const outbox =
    messages.length === 0
      ? '<p class="muted" id="outbox-empty">No messages yet. ForgotPassword delivers its code here.</p>'
      : `<table id="outbox"><thead><tr><th>sent at</th><th>pool</th><th>user</th><th>to</th><th>code</th><th>message</th></tr></thead><tbody>
${messages.map(renderMessage).join('\n')}
</tbody></table>`;
  return `<section><h2>Clock</h2>${clock}</section>
<section><h2>Outbox <span class="muted">(newest first, ${messages.length})</span></h2>${outbox}</section>
<section><h2>User pools</h2>${pools}</section>`;
}

function renderPool(pool: PoolView): string {
  const clients =
    pool.clients.length === 0
      ? '<p class="muted">No app clients.</p>'
      : `<table class="clients"><thead><tr><th>client id</th><th>name</th><th>secret</th><th>PreventUserExistenceErrors</th></tr></thead><tbody>
${pool.clients
  .map(
    (c) =>
      `<tr><td><code>${escapeHtml(c.id)}</code></td><td>${escapeHtml(c.name)}</td><td>${c.secret === undefined ? '<span class="muted">none</span>' : `<code>${escapeHtml(c.secret)}</code>`}</td><td>${escapeHtml(c.preventUserExistenceErrors)}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
  const users =
    pool.users.length === 0
      ? '<p class="muted">No users.</p>'
      : `<table class="users"><thead><tr><th>username</th><th>status</th><th>enabled</th><th>attributes</th></tr></thead><tbody>
${pool.users
  .map(
    (u) =>
      `<tr class="user"><td class="username">${escapeHtml(u.username)}</td><td class="status">${escapeHtml(u.status)}</td><td>${u.enabled ? 'yes' : '<strong>disabled</strong>'}</td><td>${u.attributes
        .map(
          (a) =>
            `<span class="attr">${escapeHtml(a.name)} = ${escapeHtml(a.value)}${a.verified === undefined ? '' : a.verified ? ' <span class="ok">verified</span>' : ' <span class="muted">unverified</span>'}</span>`,
        )
        .join('<br>')}</td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
  return `<article class="pool"><h3>${escapeHtml(pool.name)} <code>${escapeHtml(pool.id)}</code></h3>
<h4>App clients</h4>${clients}
<h4>Users</h4>${users}</article>`;
}

function field(message: unknown, name: string): unknown {
  return typeof message === 'object' && message !== null ? (message as Record<string, unknown>)[name] : undefined;
}

function renderMessage(message: unknown): string {
  const subject = field(message, 'subject');
  return `<tr class="message"><td class="nowrap">${escapeHtml(field(message, 'sentAt'))}</td><td class="nowrap"><code>${escapeHtml(field(message, 'userPoolId'))}</code></td><td>${escapeHtml(
    field(message, 'username'),
  )}</td><td>${escapeHtml(field(message, 'medium'))} ${escapeHtml(field(message, 'destination'))}</td><td class="code"><code>${escapeHtml(field(message, 'code'))}</code></td><td>${
    subject === undefined ? '' : `<strong>${escapeHtml(subject)}</strong><br>`
  }<span class="body">${escapeHtml(field(message, 'body'))}</span></td></tr>`;
}

function script(): string {
  // Plain ES2020 in the browser; the fragment comes back escaped from the same server.
  return `
const main = document.getElementById('main');
const status = document.getElementById('status');
async function refresh() {
  try {
    const res = await fetch('/_local/?fragment=1', { cache: 'no-store' });
    if (!res.ok) { status.textContent = 'refresh failed: HTTP ' + res.status; return; }
    main.innerHTML = await res.text();
  } catch (e) {
    status.textContent = 'the server does not answer';
  }
}
async function post(path, body) {
  status.textContent = '…';
  try {
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? '' : JSON.stringify(body) });
    const answer = await res.json().catch(() => ({}));
    status.textContent = res.ok ? 'done' : (answer.__type || 'HTTP ' + res.status) + ': ' + (answer.message || '');
  } catch (e) {
    status.textContent = 'the server does not answer';
  }
  await refresh();
}
document.getElementById('reset').addEventListener('click', () => post('/_local/reset?scope=all'));
const advance = document.getElementById('advance');
if (advance) advance.addEventListener('click', () => post('/_local/clock', { advanceSeconds: 3600 }));
setInterval(refresh, ${CONSOLE_REFRESH_MS});
`;
}

const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem; line-height: 1.4; }
h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
h2 { margin: 1.5rem 0 .5rem; font-size: 1.2rem; border-bottom: 1px solid #8884; }
h3 { margin: 1rem 0 .25rem; }
h4 { margin: .75rem 0 .25rem; font-size: .95rem; }
.muted { color: #888; font-weight: normal; }
.ok { color: #2a7a2a; }
.actions { display: flex; gap: .5rem; align-items: center; margin: .5rem 0; }
button { font: inherit; padding: .3rem .8rem; cursor: pointer; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid #8883; }
td.code code { font-size: 1.1rem; font-weight: bold; }
td.nowrap, td.code { white-space: nowrap; }
.body { white-space: pre-wrap; }
code { font-family: ui-monospace, monospace; }
`;
