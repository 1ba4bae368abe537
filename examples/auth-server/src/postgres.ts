/**
 * The same recovery on PostgreSQL: users and their claims, codes, attempt windows, pools and clients in
 * one schema, through a node-postgres pool (`createPostgresRecovery`). Every process of the auth server
 * can serve any request: the state is in the database. You bring the sender; this example logs each
 * message and records it in an outbox (use your SES, SMTP or SMS client in production).
 */
import { Outbox } from '@cognito-recovery/adapters-memory';
import { connectPostgres, createPostgresRecovery, migrate, purgeExpired, type PostgresPorts } from '@cognito-recovery/adapters-postgres';
import { ScryptPasswordHasher, type MessageSender, type PortFailureHook, type Recovery } from '@cognito-recovery/core';

/** Where the PostgreSQL composition finds its database and its code key. */
export interface PostgresSettings {
  /** `postgres://user:password@host:5432/database` (`--postgres URL`). */
  readonly url: string;
  /** The HMAC key of stored codes (`RECOVERY_CODE_KEY`, base64, at least 32 bytes), the same in every process. */
  readonly codeKey: Uint8Array;
  /** The schema `migrate` creates (`RECOVERY_PG_SCHEMA`, default `cognito_recovery`). */
  readonly schema?: string | undefined;
  /** scrypt cost of new password hashes; default the package's OWASP-strength scrypt (tests use 1024). */
  readonly hasherCost?: number | undefined;
}

/** Reads {@link PostgresSettings} from the environment; throws naming every missing or invalid variable. */
export function postgresSettingsFromEnv(url: string, env: NodeJS.ProcessEnv): PostgresSettings {
  const problems: string[] = [];
  if (!/^postgres(ql)?:\/\//.test(url)) problems.push('--postgres needs a URL: postgres://user:password@host:5432/database');
  const codeKey = Buffer.from(env['RECOVERY_CODE_KEY'] ?? '', 'base64');
  if (codeKey.length < 32) problems.push('RECOVERY_CODE_KEY must be at least 32 bytes, base64 (e.g. `openssl rand -base64 32`)');
  if (problems.length > 0) throw new Error(`cannot start on PostgreSQL:\n  ${problems.join('\n  ')}`);
  const schema = env['RECOVERY_PG_SCHEMA'];
  return { url, codeKey, schema: schema === '' ? undefined : schema };
}

/** A PostgreSQL recovery and what the server closes when it stops. */
export interface PostgresBackend {
  readonly recovery: Recovery & PostgresPorts;
  /** Every message "sent" (this example's sender records them). */
  readonly outbox: Outbox;
  /** Stops the sweep and ends the connection pool. */
  close(): Promise<void>;
}

/** Options of {@link postgresBackend}. */
export interface PostgresBackendOptions {
  /** Called with each message as it is sent, and with each port failure; default: silent. */
  readonly log?: ((line: string) => void) | undefined;
}

/**
 * Connects, migrates the schema (idempotent: at every start, or once at deployment), starts the
 * periodic sweep of expired codes and empty limit windows, and builds the recovery with a sender that
 * logs and records, and a hook that logs every port failure (the caller only sees
 * `InternalErrorException`).
 */
export async function postgresBackend(settings: PostgresSettings, options: PostgresBackendOptions = {}): Promise<PostgresBackend> {
  const log = options.log ?? (() => undefined);
  const db = connectPostgres({ connectionString: settings.url, max: 10 });
  const migrated = await migrate(db, { schema: settings.schema });
  if (migrated.isErr()) {
    await db.close();
    throw new Error(`cannot start on PostgreSQL: migrate failed: ${migrated.error.reason}`);
  }
  const outbox = new Outbox();
  const sender: MessageSender = {
    send: (message) => {
      log(`[outbox] ${message.medium} to ${message.destination}: ${message.body}`);
      return outbox.send(message);
    },
  };
  const onPortFailure: PortFailureHook = (failure, { port, method }) => {
    log(`[port failure] ${port}.${method}: ${failure.reason}${failure.throttled ? ' (throttled)' : ''}`);
  };
  const recovery = createPostgresRecovery(db, {
    codeKey: settings.codeKey,
    sender,
    schema: settings.schema,
    onPortFailure,
    ...(settings.hasherCost === undefined ? {} : { hasher: new ScryptPasswordHasher({ cost: settings.hasherCost }) }),
  });
  // Under PreventUserExistenceErrors = ENABLED every ForgotPassword for an unknown name stores a
  // never-sent code under a hidden name: sweep them (and empty limit windows) every five minutes.
  const sweep = setInterval(() => {
    void purgeExpired(db, { schema: settings.schema }).then((purged) => {
      if (purged.isErr()) onPortFailure(purged.error, { port: 'codes', method: 'purgeExpired' });
    });
  }, 300_000);
  sweep.unref();
  return {
    recovery,
    outbox,
    close: async () => {
      clearInterval(sweep);
      await db.close();
    },
  };
}
