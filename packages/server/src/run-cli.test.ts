import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { Composition } from './compose.js';
import { EXIT_USAGE, runCli } from './run-cli.js';
import { testIo, verifiedEmail } from '../test/support.js';
import { fakeOperations } from './testing/fake-operations.js';

const CONFIG = JSON.stringify({
  pools: [{ PoolName: 'local', Clients: [{ ClientName: 'web', ClientId: 'webclient1' }], Users: [{ Username: 'alice', Password: 'Passw0rd!' }] }],
});

function fakeComposition(): Composition {
  let messages: unknown[] = [{ to: 'alice@example.com' }];
  return {
    operations: fakeOperations().operations,
    inspection: {
      messages: () => messages,
      clear: () => {
        messages = [];
      },
    },
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
    expect(io.out.join('\n')).toContain('--data-dir DIR');
  });

  it.each([
    ['no command', [], 'missing command (serve)'],
    ['an unknown command', ['start'], 'unknown command start'],
    ['an unknown option', ['serve', '--verbose'], "Unknown option '--verbose'"],
    ['a port that is not a number', ['serve', '--port', 'http'], '--port must be an integer from 0 to 65535, got http'],
    ['a port out of range', ['serve', '--port', '70000'], '--port must be an integer from 0 to 65535, got 70000'],
    ['an empty data directory', ['serve', '--data-dir', ''], '--data-dir must not be empty'],
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
    const io = testIo({
      'c.json': JSON.stringify({
        pools: [{ PoolName: 'p', Clients: [{ ClientId: 'abc', PreventUserExistenceErrors: 'YES' }], Users: [{ Username: 'a', Enabeld: false }] }],
      }),
    });
    expect(await runCli(['serve', '--config', 'c.json'], io)).toBe(EXIT_USAGE);
    const message = io.err.join('\n');
    expect(message).toContain('invalid config file c.json:');
    expect(message).toContain(
      "  pools[0].Clients[0]: CreateUserPoolClient would answer InvalidParameterException: 2 validation errors detected: Value null at 'clientName' failed to satisfy constraint: Member must not be null; Value 'YES' at 'preventUserExistenceErrors' failed to satisfy constraint: Member must satisfy enum value set: [LEGACY, ENABLED]",
    );
    expect(message).toMatch(/ {2}pools\[0\]\.Users\[0\]\.Enabeld: is not a member of AdminCreateUser/);
  });

  it('hands the validated configuration to the composition', async () => {
    const io = testIo({ '/cfg/c.json': JSON.stringify({ pools: [{ PoolName: 'p', Triggers: { CustomMessage: './m.mjs' } }] }) });
    const seen: unknown[] = [];
    const run = runCli(['serve', '--port', '0', '--config', '/cfg/c.json', '--clock', 'manual'], {
      ...io,
      compose: (config, options) => {
        seen.push(config, options);
        return okAsync(fakeComposition());
      },
    });
    await io.started;
    io.stop();
    expect(await run).toBe(0);
    expect(seen).toMatchObject([{ pools: [{ PoolName: 'p', Triggers: { CustomMessage: '/cfg/m.mjs' } }] }, { clock: 'manual' }]);
  });

  it("hands the data directory to the composition: --data-dir replaces the config file's dataDir (relative to its folder)", async () => {
    const files = { '/cfg/c.json': JSON.stringify({ dataDir: 'state', pools: [] }) };
    const seen: unknown[] = [];
    for (const extra of [[], ['--data-dir', '/elsewhere']]) {
      const io = testIo(files);
      const run = runCli(['serve', '--port', '0', '--config', '/cfg/c.json', ...extra], {
        ...io,
        compose: (_config, options) => {
          seen.push(options.dataDir);
          return okAsync({ ...fakeComposition(), dataDir: options.dataDir, notes: ['a note'] });
        },
      });
      await io.started;
      expect(io.out).toContain('cognito-recovery: note: a note');
      expect(io.out).toContain(`  data: ${options(extra)} (PGlite: pools, clients, users, codes and limits survive restarts; the outbox does not)`);
      io.stop();
      expect(await run).toBe(0);
    }
    expect(seen).toEqual(['/cfg/state', '/elsewhere']);
    function options(extra: readonly string[]): string {
      return extra[1] ?? '/cfg/state';
    }
  });

  it('closes the composition after the server stops, and when the server cannot start', async () => {
    const closed: string[] = [];
    const io = testIo();
    const run = runCli(['serve', '--port', '0'], {
      ...io,
      compose: () => okAsync({ ...fakeComposition(), close: () => Promise.resolve(void closed.push('closed')) }),
    });
    await io.started;
    expect(closed).toEqual([]);
    io.stop();
    expect(await run).toBe(0);
    expect(closed).toEqual(['closed']);
    const taken = new URL(await io.started).port;
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(Number(taken), '127.0.0.1', resolve));
    try {
      const again = testIo();
      expect(
        await runCli(['serve', '--port', taken], {
          ...again,
          compose: () => okAsync({ ...fakeComposition(), close: () => Promise.resolve(void closed.push('closed again')) }),
        }),
      ).toBe(1);
      expect(closed).toEqual(['closed', 'closed again']);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('exits 1 with the reason when the composition cannot be built', async () => {
    const io = testIo();
    const failing = (): never => {
      throw new Error('the disk is full');
    };
    expect(await runCli(['serve', '--port', '0'], { ...io, compose: failing })).toBe(1);
    expect(io.err).toEqual(['cognito-recovery: cannot start: the disk is full']);
  });

  it('says where the data lives: in memory by default', async () => {
    const io = testIo({}, fakeComposition());
    const run = runCli(['serve', '--port', '0'], io);
    await io.started;
    expect(io.out).toContain('  data: in memory, gone when the server stops (--data-dir DIR keeps it across restarts)');
    io.stop();
    expect(await run).toBe(0);
  });
});

describe('runCli: serve', () => {
  it('serves, prints the endpoint, logs one line per request, and exits 0 on a stop signal', async () => {
    const io = testIo({ 'c.json': CONFIG }, fakeComposition());
    const run = runCli(['serve', '--host', '127.0.0.1', '--port', '0', '--config', 'c.json'], io);
    const url = await io.started;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(io.out).toContain(`  outbox: GET ${url}/_local/outbox, reset: POST ${url}/_local/reset`);
    expect(io.out).toContain(`  console: ${url}/_local/`);

    const res = await forgotPassword(url, '{"ClientId":"webclient1","Username":"alice","SecretHash":"c2VjcmV0"}');
    expect(res.status).toBe(200);
    expect(await (await fetch(`${url}/_local/outbox`)).json()).toEqual({ messages: [{ to: 'alice@example.com' }] });
    const logLines = io.out.filter((line) => line.startsWith('POST ') || line.startsWith('GET '));
    expect(logLines).toHaveLength(2);
    expect(logLines[0]).toMatch(/^POST ForgotPassword 200 /);
    expect(io.out.join('\n')).not.toContain('c2VjcmV0');
    expect(io.err).toEqual([]);

    io.stop('SIGINT');
    expect(await run).toBe(0);
    expect(io.out.at(-1)).toBe('cognito-recovery: stopped (SIGINT)');
    await expect(fetch(`${url}/_local/health`)).rejects.toThrow();
  });

  it('E: the banner lists every pool id, client id (and secret), user, the console and a CLI line that needs no AWS configuration', async () => {
    const config = JSON.stringify({
      pools: [
        {
          PoolName: 'first',
          Id: 'us-east-1_Banner1',
          Clients: [
            { ClientName: 'spa', ClientId: 'spaclient1' },
            { ClientName: 'backend', ClientId: 'backend1', ClientSecret: 'localsecret1' },
          ],
          Users: [
            { Username: 'alice', Password: 'Passw0rd!' },
            { Username: 'bob', Password: 'Passw0rd!', Enabled: false },
          ],
        },
        {
          PoolName: 'second',
          Id: 'us-east-1_Banner2',
          Clients: [{ ClientName: 'only-secret', ClientId: 'secretonly1', ClientSecret: 'othersecret2' }],
          Users: [{ Username: 'carol' }],
        },
      ],
    });
    const io = testIo({ '/cfg.json': config });
    const run = runCli(['serve', '--port', '0', '--config', '/cfg.json'], io);
    const url = await io.started;
    const banner = io.out.slice(io.out.findIndex((line) => line.includes('serving Amazon Cognito')));
    expect(banner.slice(0, 12)).toEqual([
      `cognito-recovery: serving Amazon Cognito (cognito-idp) on ${url}`,
      '  user pool us-east-1_Banner1 (first)',
      '    app client spaclient1 (spa): no secret',
      '    app client backend1 (backend): secret localsecret1 (requests need a SecretHash; Amplify and amazon-cognito-identity-js cannot use this client)',
      '    users: alice (CONFIRMED), bob (CONFIRMED, disabled)',
      '  user pool us-east-1_Banner2 (second)',
      '    app client secretonly1 (only-secret): secret othersecret2 (requests need a SecretHash; Amplify and amazon-cognito-identity-js cannot use this client)',
      '    users: carol (FORCE_CHANGE_PASSWORD)',
      `  console: ${url}/_local/`,
      `  outbox: GET ${url}/_local/outbox, reset: POST ${url}/_local/reset`,
      '  browsers: CORS for http://localhost:*, http://127.0.0.1:*',
      `  try: aws cognito-idp forgot-password --endpoint-url ${url} --region us-east-1 --no-sign-request --client-id spaclient1 --username alice`,
    ]);
    expect(io.out.join('\n')).not.toContain('Passw0rd!');
    io.stop();
    expect(await run).toBe(0);
  });

  it('E: with only clients with a secret, the CLI line carries the SecretHash it needs', async () => {
    const config = JSON.stringify({
      pools: [{ PoolName: 'p', Clients: [{ ClientName: 'b', ClientId: 'backend1', ClientSecret: 'localsecret1' }], Users: [{ Username: 'alice' }] }],
    });
    const io = testIo({ '/cfg.json': config });
    const run = runCli(['serve', '--port', '0', '--config', '/cfg.json'], io);
    const url = await io.started;
    const hash = createHmac('sha256', 'localsecret1').update('alicebackend1').digest('base64');
    expect(io.out).toContain(
      `  try: aws cognito-idp forgot-password --endpoint-url ${url} --region us-east-1 --no-sign-request --client-id backend1 --username alice --secret-hash ${hash}`,
    );
    io.stop();
    expect(await run).toBe(0);
  });

  it('turns the inspection routes off with --no-inspection', async () => {
    const io = testIo({}, fakeComposition());
    const run = runCli(['serve', '--port', '0', '--no-inspection'], io);
    const url = await io.started;
    expect((await fetch(`${url}/_local/outbox`)).status).toBe(404);
    expect((await fetch(`${url}/_local/`)).status).toBe(404);
    expect(io.out.some((line) => line.startsWith('  outbox:') || line.startsWith('  console:'))).toBe(false);
    io.stop();
    expect(await run).toBe(0);
  });

  it('uses placeholders in the example when there is no pool', async () => {
    const io = testIo({});
    const run = runCli(['serve', '--port', '0'], io);
    const url = await io.started;
    expect(io.out).toContain('  no user pools yet: start with --config FILE (see examples/local-config.json) or call CreateUserPool');
    expect(io.out).toContain(
      `  try: aws cognito-idp forgot-password --endpoint-url ${url} --region us-east-1 --no-sign-request --client-id <client-id> --username <username>`,
    );
    io.stop();
    expect(await run).toBe(0);
  });

  it('serves the core on the memory adapters with the configured pool, client and user', async () => {
    const config = JSON.stringify({
      pools: [
        {
          PoolName: 'p',
          Id: 'us-east-1_CliTest1',
          Clients: [{ ClientName: 'web', ClientId: 'webclient1' }],
          Users: [
            {
              Username: 'alice',
              Password: 'Passw0rd!',
              UserAttributes: verifiedEmail('alice@example.com'),
            },
          ],
        },
      ],
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

  it.each([
    [
      'a password the pool policy refuses',
      { PoolName: 'p', Users: [{ Username: 'alice', Password: 'weak' }] },
      'pools[0].Users[0].Password: InvalidPasswordException: Password did not conform with password policy: Password not long enough',
    ],
    [
      'a pool id taken twice',
      [
        { PoolName: 'a', Id: 'us-east-1_Same1' },
        { PoolName: 'b', Id: 'us-east-1_Same1' },
      ],
      'pools[1]: InvalidParameterException: User pool us-east-1_Same1 already exists.',
    ],
    [
      'a client id taken twice',
      {
        PoolName: 'p',
        Clients: [
          { ClientName: 'a', ClientId: 'same1' },
          { ClientName: 'b', ClientId: 'same1' },
        ],
      },
      'pools[0].Clients[1]: InvalidParameterException: User pool client same1 already exists.',
    ],
    [
      'a priority listed twice',
      {
        PoolName: 'p',
        AccountRecoverySetting: {
          RecoveryMechanisms: [
            { Priority: 1, Name: 'verified_email' },
            { Priority: 1, Name: 'verified_phone_number' },
          ],
        },
      },
      'pools[0]: InvalidParameterException: AccountRecoverySetting has duplicate priorities',
    ],
    [
      'a trigger module that does not exist',
      { PoolName: 'p', Triggers: { CustomMessage: '/nonexistent/trigger.mjs' } },
      'pools[0].Triggers.CustomMessage: cannot import /nonexistent/trigger.mjs',
    ],
  ])('exits 2 naming the field when creating the pools finds %s', async (_, pools, message) => {
    const io = testIo({ '/cfg.json': JSON.stringify({ pools: Array.isArray(pools) ? pools : [pools] }) });
    expect(await runCli(['serve', '--port', '0', '--config', '/cfg.json'], io)).toBe(EXIT_USAGE);
    expect(io.err.join('\n')).toMatch(/^cognito-recovery: invalid config file \/cfg\.json:\n {2}pools\[/);
    expect(io.err.join('\n')).toContain(`\n  ${message}`);
    expect(io.err.join('\n')).not.toContain('weak');
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

describe('runCli: D21 exposure', () => {
  it('warns on a bind that is not loopback that delivered codes are readable by anyone who can reach the port', async () => {
    const io = testIo({}, fakeComposition());
    const run = runCli(['serve', '--host', '0.0.0.0', '--port', '0'], io);
    const url = await io.started;
    // The banner gives the loopback URL: Host 0.0.0.0 is refused like any name that is not loopback.
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const port = new URL(url).port;
    expect(io.err).toEqual([
      `cognito-recovery: WARNING: listening on 0.0.0.0, which is not a loopback address: anyone who can reach port ${port} can call this endpoint and read every delivered code at /_local/outbox and /_local/ (turn those off with --no-inspection). Clients must name an allowed Host: add --allowed-host <name> for each name they use.`,
    ]);
    io.stop();
    expect(await run).toBe(0);
  });

  it('does not warn on a loopback bind', async () => {
    const io = testIo({}, fakeComposition());
    const run = runCli(['serve', '--host', 'localhost', '--port', '0'], io);
    await io.started;
    expect(io.err).toEqual([]);
    io.stop();
    expect(await run).toBe(0);
  });

  it('answers CORS for --cors-origin only, replacing the defaults and the config file, and allows --allowed-host names', async () => {
    const io = testIo({ '/cfg.json': JSON.stringify({ corsOrigins: ['http://config.example.test'], allowedHosts: ['from-config'] }) }, fakeComposition());
    const run = runCli(
      [
        'serve',
        '--port',
        '0',
        '--config',
        '/cfg.json',
        '--cors-origin',
        'http://localhost:5173',
        '--cors-origin',
        'https://app.example.test:*',
        '--allowed-host',
        'cognito',
      ],
      io,
    );
    const url = await io.started;
    const call = (headers: Record<string, string>): Promise<Response> =>
      fetch(`${url}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.ForgotPassword', ...headers },
        body: '{}',
      });
    expect((await call({ origin: 'http://localhost:5173' })).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await call({ origin: 'https://app.example.test:8443' })).headers.get('access-control-allow-origin')).toBe('https://app.example.test:8443');
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:5173', 'http://config.example.test']) {
      const res = await call({ origin });
      expect(res.status, origin).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    expect(io.out).toContain('  browsers: CORS for http://localhost:5173, https://app.example.test:*');
    const hostStatus = async (host: string): Promise<number> => (await rawGet(new URL(url).port, '/_local/health', host)).status;
    expect(await hostStatus('cognito:9229')).toBe(200);
    expect(await hostStatus('from-config')).toBe(403);
    expect(await hostStatus('evil.example:80')).toBe(403);
    io.stop();
    expect(await run).toBe(0);
  });

  it('takes corsOrigins and allowedHosts from the config file when no flag is given', async () => {
    const io = testIo({ '/cfg.json': JSON.stringify({ corsOrigins: ['http://config.example.test'], allowedHosts: ['from-config'] }) }, fakeComposition());
    const run = runCli(['serve', '--port', '0', '--config', '/cfg.json'], io);
    const url = await io.started;
    expect(io.out).toContain('  browsers: CORS for http://config.example.test');
    expect((await rawGet(new URL(url).port, '/_local/health', 'from-config:1')).status).toBe(200);
    io.stop();
    expect(await run).toBe(0);
  });

  it.each([
    ['"*" as a CORS origin', ['--cors-origin', '*'], '--cors-origin "*": an origin is named exactly, never "*" (D21)'],
    ['a CORS origin with a path', ['--cors-origin', 'http://localhost:3000/'], '--cors-origin "http://localhost:3000/" is not an origin'],
    ['an allowed host with a port', ['--allowed-host', 'cognito:9229'], '--allowed-host "cognito:9229": give the host name without a port'],
    ['an unknown clock', ['--clock', 'fast'], '--clock must be real or manual, got fast'],
    [
      'a manual clock nothing can move',
      ['--clock', 'manual', '--no-inspection'],
      '--clock manual moves only through POST /_local/clock, which --no-inspection turns off',
    ],
  ])('exits 2 for %s', async (_, flags, message) => {
    const io = testIo({}, fakeComposition());
    expect(await runCli(['serve', '--port', '0', ...flags], io)).toBe(EXIT_USAGE);
    expect(io.err[0]).toContain(message);
  });

  it('prints the manual clock and how to move it', async () => {
    const io = testIo({});
    const run = runCli(['serve', '--port', '0', '--clock', 'manual'], io);
    const url = await io.started;
    expect(io.out).toContain(`  clock: manual; move it with POST ${url}/_local/clock {"advanceSeconds": 3600}`);
    const before = (await (await fetch(`${url}/_local/clock`)).json()) as { mode: string; epochMs: number };
    expect(before.mode).toBe('manual');
    expect(Math.abs(before.epochMs - Date.now())).toBeLessThan(60_000);
    io.stop();
    expect(await run).toBe(0);
  });
});

/** A GET with a Host header of our choosing (fetch would not send one). */
function rawGet(port: string, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}
