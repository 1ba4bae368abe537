/**
 * Starts `moto_server` (pip install "moto[server]") on a free loopback port for the AWS variant of the
 * example, and stops it. Without moto the caller skips, except under CI=true, where it must fail.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { freeLoopbackPort } from '@cognito-recovery/core/testing';

/** A running moto_server. */
export interface Moto {
  /** `http://127.0.0.1:<port>`: give it to every AWS SDK client as `endpoint`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** Resolves with the running server, or `undefined` when `moto_server` is not on the PATH. */
export async function startMoto(): Promise<Moto | undefined> {
  const port = await freeLoopbackPort();
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const spawned = await Promise.race([
    once(child, 'spawn').then(() => true),
    once(child, 'error').then(([error]) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }),
  ]);
  if (!spawned) return undefined;
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      return { endpoint, stop };
    } catch {
      if (child.exitCode !== null || Date.now() > deadline) {
        await stop();
        throw new Error(`moto_server did not answer on ${endpoint}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** The bodies of the emails moto's SES accepted, oldest first (moto's internal state API). */
export async function motoEmails(endpoint: string): Promise<{ to: string[]; body: string }[]> {
  const response = await fetch(`${endpoint}/moto-api/data.json`);
  const data = (await response.json()) as { ses?: { Message?: { destinations?: { ToAddresses?: string[] }; body?: string }[] } };
  return (data.ses?.Message ?? []).map((m) => ({ to: m.destinations?.ToAddresses ?? [], body: m.body ?? '' }));
}
