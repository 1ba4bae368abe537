/**
 * `node dist/main.js [--aws | --postgres URL] [--provision] [--port N]`: builds the recovery (memory
 * by default, AWS with `--aws`, PostgreSQL with `--postgres URL`), provisions the example pool when
 * asked (always on memory), and listens.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import type { Recovery } from '@cognito-recovery/core';
import { createAuthServer, type AppClientSettings } from './app.js';
import { awsClients, awsRecovery, awsSettingsFromEnv, provisionAwsResources } from './aws.js';
import { memoryBackend } from './memory.js';
import { postgresBackend, postgresSettingsFromEnv } from './postgres.js';
import { provisionDemo } from './provision.js';

/** A listening auth server. */
export interface RunningAuthServer {
  readonly url: string;
  readonly backend: 'memory' | 'aws' | 'postgres';
  readonly userPoolId: string | undefined;
  readonly client: AppClientSettings;
  close(): Promise<void>;
}

/** Settings not on the command line: scrypt cost for tests, where log lines go. */
export interface RunOptions {
  readonly hasherCost?: number | undefined;
  readonly log?: ((line: string) => void) | undefined;
}

/** Parses the arguments, wires the recovery, listens on 127.0.0.1. */
export async function runAuthServer(argv: readonly string[], env: NodeJS.ProcessEnv, options: RunOptions = {}): Promise<RunningAuthServer> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      aws: { type: 'boolean', default: false },
      postgres: { type: 'string' },
      provision: { type: 'boolean', default: false },
      port: { type: 'string', default: env['PORT'] ?? '3000' },
    },
  });
  const log =
    options.log ??
    ((line: string) => {
      console.log(line);
    });
  if (values.aws && values.postgres !== undefined) throw new Error('choose one backend: --aws or --postgres URL');

  let recovery: Recovery;
  let client: AppClientSettings;
  let userPoolId: string | undefined;
  let closeBackend = (): Promise<void> => Promise.resolve();
  /** The app client of an existing pool, and its secret from your secret store. */
  const existingClient = (backend: string): AppClientSettings => {
    const clientId = env['RECOVERY_CLIENT_ID'];
    if (clientId === undefined) throw new Error(`cannot start on ${backend}: set RECOVERY_CLIENT_ID (and RECOVERY_CLIENT_SECRET), or pass --provision`);
    return { clientId, clientSecret: env['RECOVERY_CLIENT_SECRET'] };
  };
  if (values.postgres !== undefined) {
    const postgres = await postgresBackend({ ...postgresSettingsFromEnv(values.postgres, env), hasherCost: options.hasherCost }, { log });
    recovery = postgres.recovery;
    closeBackend = () => postgres.close();
    try {
      if (values.provision) {
        const provisioned = await provisionDemo(recovery);
        ({ userPoolId } = provisioned);
        client = provisioned;
      } else {
        client = existingClient('PostgreSQL');
      }
    } catch (error) {
      await closeBackend();
      throw error;
    }
  } else if (values.aws) {
    const settings = { ...awsSettingsFromEnv(env), hasherCost: options.hasherCost };
    const clients = awsClients(settings);
    recovery = awsRecovery(settings, clients);
    if (values.provision) {
      await provisionAwsResources(settings, clients);
      const provisioned = await provisionDemo(recovery);
      ({ userPoolId } = provisioned);
      client = provisioned;
    } else {
      client = existingClient('AWS');
    }
  } else {
    const memory = memoryBackend({ log, hasherCost: options.hasherCost });
    recovery = memory.recovery;
    const provisioned = await provisionDemo(recovery);
    ({ userPoolId } = provisioned);
    client = provisioned;
  }

  const server = createAuthServer({ recovery, ...client });
  server.listen(Number(values.port), '127.0.0.1');
  try {
    await once(server, 'listening');
  } catch (error) {
    await closeBackend();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    backend: values.postgres !== undefined ? 'postgres' : values.aws ? 'aws' : 'memory',
    userPoolId,
    client,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      await closeBackend();
    },
  };
}
