/**
 * The browser page of the CORS test, bundled with esbuild: the AWS SDK v3 Cognito client calls
 * ForgotPassword on the endpoint named in the page's query string (another origin), then the page
 * tries to read `/_local/outbox` and to post `/_local/reset` there, and writes what it got into the
 * DOM. Nothing here runs in node.
 */
import { CognitoIdentityProviderClient, ForgotPasswordCommand } from '@aws-sdk/client-cognito-identity-provider';

/** The little of the DOM this page uses (the test project's types have no DOM library). */
declare const document: { getElementById(id: string): { textContent: string | null; setAttribute(name: string, value: string): void } | null };
declare const location: { search: string };

const params = new URLSearchParams(location.search);
const endpoint = params.get('endpoint') ?? '';
const clientId = params.get('clientId') ?? '';

function show(id: string, text: string): void {
  const element = document.getElementById(id);
  if (element === null) return;
  element.textContent = text;
  element.setAttribute('data-done', 'true');
}

function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const e = error as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: unknown; requestId?: unknown } };
  return JSON.stringify({ name: e.name, message: e.message, status: e.$metadata?.httpStatusCode, requestId: e.$metadata?.requestId });
}

const client = new CognitoIdentityProviderClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: 1 });

async function main(): Promise<void> {
  await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'alice' })).then(
    (out) => {
      show('result', JSON.stringify({ details: out.CodeDeliveryDetails, status: out.$metadata.httpStatusCode, requestId: out.$metadata.requestId }));
    },
    (error: unknown) => {
      show('result', `error ${describe(error)}`);
    },
  );
  await client.send(new ForgotPasswordCommand({ ClientId: clientId, Username: 'nobody' })).then(
    () => {
      show('error', 'unexpected success');
    },
    (error: unknown) => {
      show('error', describe(error));
    },
  );
  // D21: no page of another origin may read the outbox, whatever its CORS standing on the API.
  await fetch(`${endpoint}/_local/outbox`).then(
    async (res) => {
      show('outbox', `read ${res.status} ${await res.text()}`);
    },
    (error: unknown) => {
      show('outbox', `error ${describe(error)}`);
    },
  );
  // A no-cors POST needs no preflight: the server itself must refuse it.
  await fetch(`${endpoint}/_local/reset`, { method: 'POST', mode: 'no-cors' }).then(
    (res) => {
      show('reset', `sent ${res.type}`);
    },
    (error: unknown) => {
      show('reset', `error ${describe(error)}`);
    },
  );
}

void main();
