import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServer } from './start-server.js';
import { fakeOperations } from './testing/fake-operations.js';

function get(url: string, agent: Agent): Promise<{ status: number; connection: string | undefined; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, reusedSocket: req.reusedSocket });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Writes `text` on a new socket to `port` and resolves with everything the server sends until it ends the connection. */
function rawExchange(port: number, text: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(text);
    });
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString('latin1')));
    socket.on('end', () => {
      resolve(data);
    });
    socket.on('error', reject);
  });
}

describe('startServer', () => {
  it('listens on an ephemeral port on 127.0.0.1 and reports its url', async () => {
    const server = await startServer({ port: 0, operations: fakeOperations().operations });
    try {
      expect(server.port).toBeGreaterThan(0);
      expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
      expect((await fetch(`${server.url}/_local/health`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('keeps connections alive between requests', async () => {
    const server = await startServer({ port: 0, operations: fakeOperations().operations });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await get(`${server.url}/_local/health`, agent);
      const second = await get(`${server.url}/_local/health`, agent);
      expect(first.connection).toBe('keep-alive');
      expect(second.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
      await server.close();
    }
  });

  it('closes promptly even with an idle keep-alive connection open, and closing twice is harmless', async () => {
    const server = await startServer({ port: 0, operations: fakeOperations().operations, keepAliveTimeoutMs: 60_000 });
    const agent = new Agent({ keepAlive: true });
    try {
      await get(`${server.url}/_local/health`, agent);
      const started = Date.now();
      await server.close();
      await server.close();
      expect(Date.now() - started).toBeLessThan(1_000);
      await expect(fetch(`${server.url}/_local/health`)).rejects.toThrow();
    } finally {
      agent.destroy();
    }
  });

  it('rejects when the port is taken', async () => {
    const first = await startServer({ port: 0, operations: {} });
    try {
      await expect(startServer({ port: first.port, operations: {} })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });

  it('answers a request node:http cannot parse with a JSON 400 that has a request id', async () => {
    const server = await startServer({ port: 0, operations: {} });
    try {
      const raw = await rawExchange(server.port, 'NOT HTTP AT ALL\r\n\r\n');
      expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
      expect(raw).toMatch(/\r\nx-amzn-requestid: [0-9a-f-]{36}\r\n/);
      expect(raw.split('\r\n\r\n')[1]).toBe('{"__type":"BadRequestException","message":"Malformed HTTP request."}');
    } finally {
      await server.close();
    }
  });

  it('answers 408 with a request id when the headers do not arrive in time', async () => {
    const server = await startServer({ port: 0, operations: {}, headersTimeoutMs: 200, requestTimeoutMs: 200 });
    try {
      const raw = await rawExchange(server.port, 'POST / HTTP/1.1\r\nHost: x\r\n');
      expect(raw).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(raw).toMatch(/\r\nx-amzn-requestid: [0-9a-f-]{36}\r\n/);
    } finally {
      await server.close();
    }
  });
});
