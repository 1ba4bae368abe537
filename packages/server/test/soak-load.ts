/**
 * The load of the soak (issue 8 §7), shared by soak.test.ts: keep-alive connections on 127.0.0.1
 * sending a mix of operations for a while, counting answers by status and every transport error.
 * scripts/soak.mjs is the same load as a standalone script for the 60-second run.
 */
import { Agent, request } from 'node:http';
import { connect } from 'node:net';

/** What the load saw. */
export interface SoakReport {
  readonly requests: number;
  readonly byStatus: Record<string, number>;
  readonly transportErrors: Record<string, number>;
  readonly perSecond: number;
}

/** One request body per operation of the mix. */
export type Mix = readonly (() => { readonly operation: string; readonly body: unknown })[];

function post(agent: Agent, port: number, operation: string, body: unknown): Promise<number> {
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
export async function runLoad(port: number, mix: Mix, connections: number, durationMs: number): Promise<SoakReport> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const byStatus: Record<string, number> = {};
  const transportErrors: Record<string, number> = {};
  let requests = 0;
  const deadline = Date.now() + durationMs;
  const started = performance.now();
  const worker = async (w: number): Promise<void> => {
    for (let i = w; Date.now() < deadline; i += connections) {
      const next = mix[i % mix.length];
      if (next === undefined) return;
      const { operation, body } = next();
      try {
        const status = await post(agent, port, operation, body);
        byStatus[status] = (byStatus[status] ?? 0) + 1;
      } catch (error) {
        const code = (error as { code?: string }).code ?? String(error);
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
export function slowloris(port: number, intervalMs: number): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    const head = 'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ForgotPassword\r\nX-Padding: ' + 'a'.repeat(10_000);
    let i = 0;
    let answer = '';
    const timer = setInterval(() => {
      if (i < head.length && !socket.destroyed) socket.write(head[i++] ?? '');
    }, intervalMs);
    socket.on('data', (chunk: Buffer) => {
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
export function oversized(port: number, bytes: number, declared: boolean): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    const headers = declared ? `Content-Length: ${bytes}\r\n` : 'Transfer-Encoding: chunked\r\n';
    socket.write(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService.ForgotPassword\r\n${headers}\r\n`,
    );
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    const pump = (): void => {
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
    socket.on('data', (data: Buffer) => {
      answer += data.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      resolve(answer.split('\r\n')[0] ?? '');
    });
    setTimeout(() => socket.destroy(), 10_000);
  });
}
