/**
 * A free loopback port, for the global setups and examples that start a service (moto_server,
 * PostgreSQL) on a port of their own.
 *
 * @module
 */
import { once } from 'node:events';
import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that was free when asked: the system picks it for a probe listener, which
 * is closed before the port is answered.
 *
 * @example
 * ```ts
 * const port = await freeLoopbackPort();
 * spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)]);
 * ```
 */
export async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  probe.unref();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
