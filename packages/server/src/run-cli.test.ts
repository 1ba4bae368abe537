import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Composition } from './compose.js';
import type { CliIo } from './run-cli.js';
import { EXIT_USAGE, runCli } from './run-cli.js';
import { fakeOperations } from './testing/fake-operations.js';

const CONFIG = JSON.stringify({
  pools: [{ name: 'local', clients: [{ name: 'web', id: 'webclient1' }], users: [{ username: 'alice', password: 'Passw0rd!' }] }],
});

interface TestIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
  /** Resolves with the server URL once the command prints it. */
  readonly started: Promise<string>;
  /** Sends the stop signal. */
  stop(signal?: string): void;
}

function testIo(files: Record<string, string> = {}, composition?: Composition): TestIo {
  const out: string[] = [];
  const err: string[] = [];
  let onStarted: (url: string) => void = () => undefined;
  const started = new Promise<string>((resolve) => {
    onStarted = resolve;
  });
  let onStop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    onStop = resolve;
  });
  return {
    out,
    err,
    started,
    stop: (signal = 'SIGTERM') => {
      onStop(signal);
    },
    stdout: (line) => {
      out.push(line);
      const url = /serving Amazon Cognito \(cognito-idp\) on (\S+)$/.exec(line)?.[1];
      if (url !== undefined) onStarted(url);
    },
    stderr: (line) => err.push(line),
    readFile: (path) => {
      const text = files[path];
      return text === undefined ? Promise.reject(new Error(`ENOENT: no such file or directory, open '${path}'`)) : Promise.resolve(text);
    },
    waitForStop: () => stopped,
    compose: composition === undefined ? undefined : () => Promise.resolve(composition),
  };
}

function fakeComposition(): Composition {
  let messages: unknown[] = [{ to: 'alice@example.com' }];
  return {
    operations: fakeOperations().operations,
    inspection: { messages: () => messages, clear: () => { messages = []; } },
  };
}

const forgotPassword = (url: string, body = '{"ClientId":"webclient1","Username":"alice"}'): Promise<Response> =>
  fetch(`${url}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ForgotPassword' },
    body,
  });

describe('runCli: usage', () => {
  it('prints the help and exits 0 for --help', async () => {
    const io = testIo();
    expect(await runCli(['--help'], io)).toBe(0);
    expect(io.out.join('\n')).toContain('Usage: cognito-recovery serve');
    expect(io.out.join('\n')).toContain('--no-inspection');
  });

  it.each([
    ['no command', [], 'missing command (serve)'],
    ['an unknown command', ['start'], 'unknown command start'],
    ['an unknown option', ['serve', '--verbose'], "Unknown option '--verbose'"],
    ['a port that is not a number', ['serve', '--port', 'http'], '--port must be an integer from 0 to 65535, got http'],
    ['a port out of range', ['serve', '--port', '70000'], '--port must be an integer from 0 to 65535, got 70000'],
  ])('exits 2 with a message for %s', async (_, argv, message) => {
    const io = testIo();
    expect(await runCli(argv, io)).toBe(EXIT_USAGE);
    expect(io.err[0]).toContain(message);
  });
});

describe('runCli: configuration', () => {
  it('exits 2 naming the file when the config file cannot be read', async () => {
    const io = testIo();
    expect(await runCli(['serve', '--config', 'missing.json'], io)).toBe(EXIT_USAGE);
    expect(io.err.join('\n')).toContain('cannot read config file missing.json');
  });

  it('exits 2 when the config file is not valid JSON', async () => {
    const io = testIo({ 'c.json': '{"pools": [' });
    expect(await runCli(['serve', '--config', 'c.json'], io)).toBe(EXIT_USAGE);
    expect(io.err.join('\n')).toContain('invalid config file c.json');
    expect(io.err.join('\n')).toContain('$: is not valid JSON');
  });

  it('exits 2 naming the field and the reason when a field is wrong', async () => {
    const io = testIo({ 'c.json': JSON.stringify({ pools: [{ name: 'p', clients: [{ id: 'abc', preventUserExistenceErrors: 'YES' }] }] }) });
    expect(await runCli(['serve', '--config', 'c.json'], io)).toBe(EXIT_USAGE);
    const message = io.err.join('\n');
    expect(message).toContain('pools[0].clients[0].name: is required');
    expect(message).toContain('pools[0].clients[0].preventUserExistenceErrors: must be one of "ENABLED", "LEGACY"');
  });

  it('hands the validated configuration to the composition', async () => {
    const io = testIo({ '/cfg/c.json': JSON.stringify({ pools: [{ name: 'p', triggers: { CustomMessage: './m.mjs' } }] }) });
    const seen: unknown[] = [];
    const run = runCli(['serve', '--port', '0', '--config', '/cfg/c.json'], {
      ...io,
      compose: (config) => {
        seen.push(config);
        return Promise.resolve(fakeComposition());
      },
    });
    await io.started;
    io.stop();
    expect(await run).toBe(0);
    expect(seen).toMatchObject([{ pools: [{ name: 'p', triggers: { CustomMessage: '/cfg/m.mjs' } }] }]);
  });
});

describe('runCli: serve', () => {
  it('serves, prints the endpoint and an AWS CLI example, logs one line per request, and exits 0 on a stop signal', async () => {
    const io = testIo({ 'c.json': CONFIG }, fakeComposition());
    const run = runCli(['serve', '--host', '127.0.0.1', '--port', '0', '--config', 'c.json'], io);
    const url = await io.started;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(io.out).toContain(`  try: aws cognito-idp forgot-password --endpoint-url ${url} --client-id webclient1 --username alice`);
    expect(io.out).toContain(`  outbox: GET ${url}/_local/outbox, reset: POST ${url}/_local/reset`);

    const res = await forgotPassword(url, '{"ClientId":"webclient1","Username":"alice","SecretHash":"c2VjcmV0"}');
    expect(res.status).toBe(200);
    expect(await (await fetch(`${url}/_local/outbox`)).json()).toEqual({ messages: [{ to: 'alice@example.com' }] });
    const logLines = io.out.filter((line) => line.startsWith('POST ') || line.startsWith('GET '));
    expect(logLines).toHaveLength(2);
    expect(logLines[0]).toMatch(/^POST ForgotPassword 200 /);
    expect(io.out.join('\n')).not.toContain('c2VjcmV0');

    io.stop('SIGINT');
    expect(await run).toBe(0);
    expect(io.out.at(-1)).toBe('cognito-recovery: stopped (SIGINT)');
    await expect(fetch(`${url}/_local/health`)).rejects.toThrow();
  });

  it('turns the inspection routes off with --no-inspection', async () => {
    const io = testIo({}, fakeComposition());
    const run = runCli(['serve', '--port', '0', '--no-inspection'], io);
    const url = await io.started;
    expect((await fetch(`${url}/_local/outbox`)).status).toBe(404);
    expect(io.out.some((line) => line.startsWith('  outbox:'))).toBe(false);
    io.stop();
    expect(await run).toBe(0);
  });

  it('uses placeholders in the example when the configuration names no client', async () => {
    const io = testIo({}, fakeComposition());
    const run = runCli(['serve', '--port', '0'], io);
    const url = await io.started;
    expect(io.out).toContain(`  try: aws cognito-idp forgot-password --endpoint-url ${url} --client-id <id> --username <name>`);
    io.stop();
    expect(await run).toBe(0);
  });

  it('serves the core on the memory adapters with the configured pool, client and user', async () => {
    const config = JSON.stringify({
      pools: [{ name: 'p', id: 'us-east-1_CliTest1', clients: [{ name: 'web', id: 'webclient1' }], users: [{ username: 'alice', password: 'Passw0rd!', attributes: { email: 'alice@example.com', email_verified: 'true' } }] }],
    });
    const io = testIo({ '/cfg.json': config });
    const run = runCli(['serve', '--port', '0', '--config', '/cfg.json'], io);
    const url = await io.started;
    const res = await forgotPassword(url);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    const outbox = (await (await fetch(`${url}/_local/outbox`)).json()) as { messages: { code: string }[] };
    expect(outbox.messages[0]?.code).toMatch(/^\d{6}$/);
    io.stop();
    expect(await run).toBe(0);
  });

  it('names the field when seeding the configuration fails', async () => {
    const config = JSON.stringify({ pools: [{ name: 'p', clients: [], users: [{ username: 'alice', password: 'weak' }] }] });
    const io = testIo({ '/cfg.json': config });
    expect(await runCli(['serve', '--port', '0', '--config', '/cfg.json'], io)).toBe(1);
    expect(io.err.join('\n')).toContain('pools[0].users[0].password: InvalidPasswordException');
  });

  it('exits 1 when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const io = testIo({}, fakeComposition());
    try {
      expect(await runCli(['serve', '--port', String(port)], io)).toBe(1);
      expect(io.err.join('\n')).toContain('cannot start');
      expect(io.err.join('\n')).toContain('EADDRINUSE');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
