/**
 * The seam between the command and the core: configuration in, operations out.
 *
 * @module
 */
import { pathToFileURL } from 'node:url';
import { createMemoryRecovery, type MemoryPorts, type MemoryRecoveryOptions, type TriggerHandler } from '@cognito-recovery/adapters-memory';
import { OPERATIONS, candidateClaims, loginClaimsOf, wireOperationNames, type CognitoError, type CreateUserPoolInput, type LambdaConfigType, type Recovery, type User } from '@cognito-recovery/core';
import type { ResultAsync } from 'neverthrow';
import type { PoolConfig, ServerConfig, TriggersConfig, UserConfig } from './config.js';
import type { Inspection } from './inspection.js';
import type { Operation, OperationTable } from './operation.js';

/**
 * What the server needs from a composition of the core and its adapters.
 *
 * @group Server
 */
export interface Composition {
  /** The operations to serve. */
  readonly operations: OperationTable;
  /** The outbox the `/_local/*` routes read; `undefined` turns them off. */
  readonly inspection: Inspection | undefined;
}

/**
 * The wire operation table of a {@link Recovery}: every Cognito operation of the core's registry
 * (`OPERATIONS` entries with `wire: true`), by its wire name. Inputs are whatever JSON the client sent;
 * each use case validates its own (R1.7).
 *
 * @example
 * ```ts
 * const operations = operationsOf(createMemoryRecovery());
 * await startServer({ operations });
 * ```
 * @group Server
 */
export function operationsOf(recovery: Recovery): OperationTable {
  const bound = recovery as unknown as Readonly<Record<string, (input: never) => ResultAsync<unknown, CognitoError>>>;
  const table: Record<string, Operation> = {};
  for (const name of wireOperationNames()) {
    const run = bound[OPERATIONS[name].method];
    // Each use case validates its own input (R1.7), so any JSON may be handed over.
    if (run !== undefined) table[name] = (input) => run(input as never);
  }
  return table;
}

/**
 * The outbox of a memory recovery as the `/_local/*` routes read it.
 *
 * @group Server
 */
export function outboxInspection(memory: Pick<MemoryPorts, 'outbox'>): Inspection {
  return { messages: () => memory.outbox.messages(), clear: () => { memory.outbox.clear(); } };
}

/** A configuration problem found while seeding: it names the field and the reason. */
class SeedError extends Error {
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = 'SeedError';
  }
}

async function expectOk<T, E extends CognitoError>(path: string, result: ResultAsync<T, E>): Promise<T> {
  const settled = await result;
  if (settled.isErr()) throw new SeedError(path, `${settled.error.name}: ${settled.error.message}`);
  return settled.value;
}

const TRIGGER_FIELDS: Readonly<Record<keyof TriggersConfig, string>> = {
  CustomMessage: 'CustomMessage',
  UserMigration: 'UserMigration',
  PostConfirmation: 'PostConfirmation',
  CustomEmailSender: 'CustomEmailSender',
  CustomSMSSender: 'CustomSMSSender',
};

async function loadTriggers(memory: MemoryPorts, path: string, triggers: TriggersConfig | undefined): Promise<LambdaConfigType> {
  const lambdaConfig: Record<string, unknown> = {};
  if (triggers === undefined) return lambdaConfig;
  for (const [field, name] of Object.entries(TRIGGER_FIELDS) as [keyof TriggersConfig, string][]) {
    const modulePath = triggers[field];
    if (modulePath === undefined) continue;
    let loaded: { default?: unknown; handler?: unknown };
    try {
      loaded = (await import(pathToFileURL(modulePath).href)) as { default?: unknown; handler?: unknown };
    } catch (error) {
      throw new SeedError(`${path}.triggers.${field}`, `cannot import ${modulePath}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const handler = loaded.default ?? loaded.handler;
    if (typeof handler !== 'function') throw new SeedError(`${path}.triggers.${field}`, `${modulePath} has no default export (or \`handler\`) function`);
    memory.triggers.register(modulePath, handler as TriggerHandler);
    lambdaConfig[name] = name === 'CustomEmailSender' || name === 'CustomSMSSender' ? { LambdaVersion: 'V1_0', LambdaArn: modulePath } : modulePath;
  }
  if (lambdaConfig['CustomEmailSender'] !== undefined || lambdaConfig['CustomSMSSender'] !== undefined) lambdaConfig['KMSKeyID'] = 'local-code-key';
  return lambdaConfig;
}

async function seedUser(recovery: Recovery & MemoryPorts, poolId: string, path: string, user: UserConfig): Promise<void> {
  const UserAttributes = Object.entries(user.attributes ?? {}).map(([Name, Value]) => ({ Name, Value }));
  await expectOk(path, recovery.adminCreateUser({ UserPoolId: poolId, Username: user.username, UserAttributes, MessageAction: 'SUPPRESS' }));
  if (user.password !== undefined) {
    await expectOk(`${path}.password`, recovery.adminSetUserPassword({ UserPoolId: poolId, Username: user.username, Password: user.password, Permanent: true }));
  }
  if (user.enabled === false) await expectOk(`${path}.enabled`, recovery.adminDisableUser({ UserPoolId: poolId, Username: user.username }));
  if (user.status !== undefined) await setStatus(recovery, poolId, path, user.username, user.status);
}

/** Puts a seeded user in any status (the local config may describe states no operation reaches directly). */
async function setStatus(memory: MemoryPorts, poolId: string, path: string, username: string, status: User['status']): Promise<void> {
  const pool = (await memory.ports.pools.getPool(poolId))._unsafeUnwrap();
  if (pool === undefined) throw new SeedError(path, 'pool vanished');
  let found: User | undefined;
  for (const claim of candidateClaims(pool, username)) {
    found = (await memory.ports.users.findByClaim(poolId, claim))._unsafeUnwrap();
    if (found !== undefined) break;
  }
  if (found === undefined) throw new SeedError(path, 'user vanished');
  if (found.status === status) return;
  const updated = await memory.ports.users.update({ ...found, status }, loginClaimsOf(pool, found.username, found.attributes), found.version);
  if (updated.isErr()) throw new SeedError(`${path}.status`, 'cannot set the status');
}

async function seedPool(recovery: Recovery & MemoryPorts, path: string, pool: PoolConfig): Promise<void> {
  const LambdaConfig = await loadTriggers(recovery, path, pool.triggers);
  const input: CreateUserPoolInput = {
      PoolName: pool.name,
      ...(pool.id === undefined ? {} : { Id: pool.id }),
      ...(pool.aliasAttributes === undefined ? {} : { AliasAttributes: pool.aliasAttributes }),
      ...(pool.usernameAttributes === undefined ? {} : { UsernameAttributes: pool.usernameAttributes }),
      ...(pool.caseSensitive === undefined ? {} : { UsernameConfiguration: { CaseSensitive: pool.caseSensitive } }),
      ...(pool.accountRecoverySetting === undefined ? {} : { AccountRecoverySetting: pool.accountRecoverySetting }),
      ...(pool.passwordPolicy === undefined ? {} : { Policies: { PasswordPolicy: pool.passwordPolicy } }),
      ...(pool.smsConfiguration === undefined ? {} : { SmsConfiguration: pool.smsConfiguration }),
      ...(pool.emailConfiguration === undefined ? {} : { EmailConfiguration: pool.emailConfiguration }),
      ...(pool.verificationMessageTemplate === undefined ? {} : { VerificationMessageTemplate: pool.verificationMessageTemplate }),
      ...(Object.keys(LambdaConfig).length === 0 ? {} : { LambdaConfig }),
  };
  const created = await expectOk(path, recovery.createUserPool(input));
  const poolId = created.UserPool.Id;
  for (const [i, client] of pool.clients.entries()) {
    await expectOk(
      `${path}.clients[${i}]`,
      recovery.createUserPoolClient({
        UserPoolId: poolId,
        ClientName: client.name,
        ...(client.id === undefined ? {} : { ClientId: client.id }),
        ...(client.secret === undefined ? {} : { ClientSecret: client.secret, GenerateSecret: true }),
        ...(client.generateSecret === undefined || client.secret !== undefined ? {} : { GenerateSecret: client.generateSecret }),
        ...(client.preventUserExistenceErrors === undefined ? {} : { PreventUserExistenceErrors: client.preventUserExistenceErrors }),
      }),
    );
  }
  for (const [i, user] of pool.users.entries()) await seedUser(recovery, poolId, `${path}.users[${i}]`, user);
}

/**
 * Builds the operations the `cognito-recovery serve` command serves from a validated configuration:
 * a memory recovery seeded with the configuration's pools, clients, users and trigger modules. A
 * seeding problem rejects with a message that names the field and the reason.
 *
 * @example
 * ```ts
 * const { operations, inspection } = await buildOperations(config);
 * await startServer({ operations, inspection });
 * ```
 * @group Server
 */
export async function buildOperations(config: ServerConfig, options: MemoryRecoveryOptions = {}): Promise<Composition> {
  const recovery = createMemoryRecovery({ realTime: true, ...options });
  for (const [i, pool] of config.pools.entries()) await seedPool(recovery, `pools[${i}]`, pool);
  return { operations: operationsOf(recovery), inspection: outboxInspection(recovery) };
}
