/**
 * Starts two `moto_server`s on free loopback ports for the AWS adapter tests, provides their endpoints
 * as `inject('motoEndpoint')` (DynamoDB) and `inject('motoMailEndpoint')` (SES, SNS and the other
 * services), and stops them after the run. Without `moto_server` on the PATH the AWS
 * suites are skipped with a message, except under `CI=true`, where that is a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { freeLoopbackPort } from '@cognito-recovery/core/testing';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the moto server for DynamoDB, or `undefined` when moto is not installed (outside CI). */
    motoEndpoint: string | undefined;
    /** `http://127.0.0.1:<port>` of the moto server for SES, SNS, KMS, Lambda and Cognito, or `undefined` as above. */
    motoMailEndpoint: string | undefined;
  }
}

async function waitUntilAnswering(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`moto_server did not answer on ${endpoint} within ${timeoutMs} ms`);
}

function start(port: number): Promise<ChildProcess | undefined> {
  return new Promise((resolve, reject) => {
    const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolve(undefined);
      else reject(error);
    });
    child.once('spawn', () => {
      child.once('exit', (code) => {
        if (code !== 0 && code !== null) process.stderr.write(`moto_server exited with ${code}: ${stderr}\n`);
      });
      resolve(child);
    });
  });
}

/** Stops a moto_server started by {@link start}. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Starts one moto_server on a free port and waits until it answers; `undefined` without moto_server. */
async function startAnswering(): Promise<{ child: ChildProcess; endpoint: string } | undefined> {
  const port = await freeLoopbackPort();
  const child = await start(port);
  if (child === undefined) return undefined;
  const endpoint = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(endpoint, child, 30_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { child, endpoint };
}

/**
 * Two servers: `motoEndpoint` for DynamoDB, `motoMailEndpoint` for SES, SNS and the other services.
 * The mail server's state stays small, so reading deliveries back from its state API (which dumps
 * every model of the server) stays fast, and does not stall the DynamoDB requests of other files.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [dynamo, mail] = await Promise.all([startAnswering(), startAnswering()]);
  if (dynamo === undefined || mail === undefined) {
    await Promise.all([dynamo, mail].map(async (server) => (server === undefined ? undefined : stop(server.child))));
    if (process.env['CI'] === 'true') throw new Error('moto_server is not installed: the AWS adapter tests need it under CI (pip install "moto[server]")');
    process.stderr.write(
      '\n[adapters-aws] moto_server not found on PATH: the AWS adapter suites are skipped (install it with pip install "moto[server]").\n\n',
    );
    project.provide('motoEndpoint', undefined);
    project.provide('motoMailEndpoint', undefined);
    return () => Promise.resolve();
  }
  project.provide('motoEndpoint', dynamo.endpoint);
  project.provide('motoMailEndpoint', mail.endpoint);
  return async () => {
    await Promise.all([stop(dynamo.child), stop(mail.child)]);
  };
}
