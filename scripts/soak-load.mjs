// The load of the soak (issue 8 §7), shared by scripts/soak.mjs (the 60-second run) and
// packages/server/test/soak.test.ts (the CI variant): a pool of users on a recovery, keep-alive
// connections on 127.0.0.1 sending a mix of operations for a while (answers counted by status, every
// transport error counted by its code), a slowloris client and oversized bodies. Types: soak-load.d.mts.
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

/** The value of a Result (or its promise); throws its error's message on an error. */
async function unwrap(result) {
  const settled = await result;
  if (settled.isErr()) throw new Error(settled.error.message);
  return settled.value;
}

/**
 * Creates the soak's pool on `recovery` (email alias, 20 ForgotPassword requests per window), an app
 * client with PreventUserExistenceErrors ENABLED and `users` users `user0…` with a verified email;
 * returns the operation mix, whose usernames cycle over those users and `unknown` more that do not exist.
 */
export async function seedSoak(recovery, users, unknown) {
  const poolId = (
    await unwrap(recovery.createUserPool({ PoolName: 'soak', AliasAttributes: ['email'], RecoveryLimits: { ForgotPasswordRequestsPerWindow: 20 } }))
  ).UserPool.Id;
  const clientId = (await unwrap(recovery.createUserPoolClient({ UserPoolId: poolId, ClientName: 'web', PreventUserExistenceErrors: 'ENABLED' })))
    .UserPoolClient.ClientId;
  for (let i = 0; i < users; i++) {
    await unwrap(
      recovery.adminCreateUser({
        UserPoolId: poolId,
        Username: `user${i}`,
        UserAttributes: [
          { Name: 'email', Value: `user${i}@example.com` },
          { Name: 'email_verified', Value: 'true' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
  }
  let n = 0;
  const user = () => `user${(n++ * 7) % (users + unknown)}`;
  return [
    () => ({ operation: 'ForgotPassword', body: { ClientId: clientId, Username: user() } }),
    () => ({ operation: 'ConfirmForgotPassword', body: { ClientId: clientId, Username: user(), ConfirmationCode: '000000', Password: 'N3w-passw0rd!' } }),
    () => ({ operation: 'AdminGetUser', body: { UserPoolId: poolId, Username: user() } }),
    () => ({ operation: 'DescribeUserPool', body: { UserPoolId: poolId } }),
    () => ({ operation: 'ListUsers', body: { UserPoolId: poolId, Limit: 10 } }),
    () => ({ operation: 'ForgotPassword', body: { ClientId: clientId, Username: 42 } }),
  ];
}

function post(agent, port, operation, body) {
  return new Promise((resolve, reject) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.1',
          'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
          'content-length': payload.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode ?? 0);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Runs `connections` keep-alive loops against `port` for `durationMs`. */
export async function runLoad(port, mix, connections, durationMs) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const byStatus = {};
  const transportErrors = {};
  let requests = 0;
  const deadline = Date.now() + durationMs;
  const started = performance.now();
  const worker = async (w) => {
    for (let i = w; Date.now() < deadline; i += connections) {
      const next = mix[i % mix.length];
      if (next === undefined) return;
      const { operation, body } = next();
      try {
        const status = await post(agent, port, operation, body);
        byStatus[status] = (byStatus[status] ?? 0) + 1;
      } catch (error) {
        const code = error?.code ?? String(error);
        transportErrors[code] = (transportErrors[code] ?? 0) + 1;
      }
      requests += 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
  agent.destroy();
  return { requests, byStatus, transportErrors, perSecond: Math.round(requests / ((performance.now() - started) / 1000)) };
}

/** Sends request headers one byte every `intervalMs`; resolves with what the server answered and when it hung up. */
export function slowloris(port, intervalMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    const head = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ForgotPassword\r\nX-Padding: ' + 'a'.repeat(10_000);
    let i = 0;
    let answer = '';
    const timer = setInterval(() => {
      if (i < head.length && !socket.destroyed) socket.write(head[i++] ?? '');
    }, intervalMs);
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, closedAfterMs: Date.now() - started });
    });
  });
}

/** Sends a body of `bytes` (declared, or chunked when `declared` is false); resolves with the status line. */
export function oversized(port, bytes, declared) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const headers = declared ? `Content-Length: ${bytes}\r\n` : 'Transfer-Encoding: chunked\r\n';
    socket.write(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ForgotPassword\r\n${headers}\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !socket.destroyed) {
        const piece = declared ? chunk : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
        sent += chunk.length;
        if (!socket.write(piece)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    pump();
    socket.on('data', (data) => {
      answer += data.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      resolve(answer.split('\r\n')[0] ?? '');
    });
    setTimeout(() => socket.destroy(), 10_000);
  });
}
