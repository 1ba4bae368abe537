/**
 * The `cognito-recovery serve --config FILE` file. A pool is the core's own `CreateUserPool` input
 * (PascalCase, as the AWS SDKs send it), with three local-only members beside it: `Clients`
 * (`CreateUserPoolClient` inputs), `Users` (`AdminCreateUser` inputs plus `Password`, `Status`,
 * `Enabled`) and `Triggers` (ES module paths). Each part is checked against the core operation's own
 * input members (`OPERATIONS[…].input`, `validateInput`), so the file accepts exactly what the
 * operations accept; every problem is reported with the path of the field.
 *
 * @module
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import type {
  AdminCreateUserInput,
  CreateUserPoolClientInput,
  CreateUserPoolInput,
  LocalSigningKeys,
  Member,
  TriggerName,
  UserStatus,
} from '@cognito-recovery/core';
import { keyIdOf } from '@cognito-recovery/core';
import { OPERATIONS, USER_STATUSES, validateInput } from '@cognito-recovery/core';
import type { Result } from 'neverthrow';
import { err, ok } from 'neverthrow';
import { checkAllowedHost, checkOriginPattern } from './access.js';
import { checkIssuerBaseUrl } from './well-known.js';

/**
 * A validated configuration file.
 *
 * @example
 * ```json
 * { "corsOrigins": ["http://localhost:5173"], "dataDir": ".cognito-recovery",
 *   "pools": [{ "PoolName": "local", "Id": "us-east-1_Local1", "AliasAttributes": ["email"],
 *     "Clients": [{ "ClientName": "web", "ClientId": "webclient1" }],
 *     "Users": [{ "Username": "alice", "Password": "Passw0rd!",
 *       "UserAttributes": [{ "Name": "email", "Value": "alice@example.com" }, { "Name": "email_verified", "Value": "true" }] }] }] }
 * ```
 * @group Server
 */
export interface ServerConfig {
  /** The user pools to create at start. */
  readonly pools: readonly PoolConfig[];
  /** Browser origins the Cognito API answers CORS for (D21); absent: `http://localhost:*`, `http://127.0.0.1:*`. */
  readonly corsOrigins?: readonly string[] | undefined;
  /** Host names a request may name besides the loopback ones (D21). */
  readonly allowedHosts?: readonly string[] | undefined;
  /**
   * A directory to keep the state in across restarts (PGlite), as `--data-dir` (which replaces it);
   * relative to the configuration file's folder. Absent: in memory.
   */
  readonly dataDir?: string | undefined;
  /**
   * The RSA private keys (PKCS#8 or PKCS#1 PEM, 2048 bits or more, two different keys) that sign ID and
   * access tokens (R21.2), as `--data-dir` would otherwise generate and keep them; absent: generated
   * (kept in the data directory, or for the process in memory).
   */
  readonly signingKeys?: LocalSigningKeys | undefined;
  /**
   * D34: the base of the tokens' `iss` (`<issuerBaseUrl>/<poolId>`), as `--issuer-base-url` (which
   * replaces it), for apps that fetch the JWKS from this endpoint; absent: Cognito's own
   * `https://cognito-idp.<region>.amazonaws.com`.
   */
  readonly issuerBaseUrl?: string | undefined;
  /** scrypt cost `N` of new password hashes, a power of two from 2 to 2^20, as `--hash-cost` (which replaces it); default 16 (`LOCAL_HASH_COST`). */
  readonly hashCost?: number | undefined;
}

/**
 * One pool: a `CreateUserPool` input (`PoolName`, `Id`, `AliasAttributes`, `Policies`,
 * `AccountRecoverySetting`, `RecoveryLimits`, `LambdaConfig`, …) and the local-only `Clients`, `Users`
 * and `Triggers`.
 *
 * @example
 * ```ts
 * const pool: PoolConfig = { PoolName: 'local', Clients: [{ ClientName: 'web' }], Users: [{ Username: 'alice', Password: 'Passw0rd!' }] };
 * ```
 * @group Server
 */
export type PoolConfig = CreateUserPoolInput & {
  /** App clients, created in order with `CreateUserPoolClient`. */
  readonly Clients?: readonly ClientConfig[] | undefined;
  /** Users, created in order with `AdminCreateUser`. */
  readonly Users?: readonly UserConfig[] | undefined;
  /** Lambda triggers as local ES modules. */
  readonly Triggers?: TriggersConfig | undefined;
};

/**
 * One app client: a `CreateUserPoolClient` input without `UserPoolId` (`ClientName`, `ClientId`,
 * `ClientSecret`, `GenerateSecret`, `PreventUserExistenceErrors`, …).
 *
 * @example
 * ```ts
 * const client: ClientConfig = { ClientName: 'backend', ClientId: 'backend1', ClientSecret: 'localsecret1', PreventUserExistenceErrors: 'ENABLED' };
 * ```
 * @group Server
 */
export type ClientConfig = Omit<CreateUserPoolClientInput, 'UserPoolId'>;

/**
 * One user: an `AdminCreateUser` input without `UserPoolId` (`Username`, `UserAttributes`,
 * `TemporaryPassword`, …; `MessageAction` defaults to `SUPPRESS`), plus what no single operation sets.
 *
 * @example
 * ```ts
 * const user: UserConfig = { Username: 'alice', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }, { Name: 'email_verified', Value: 'true' }] };
 * ```
 * @group Server
 */
export type UserConfig = Omit<AdminCreateUserInput, 'UserPoolId'> & {
  /** A permanent password (`AdminSetUserPassword` with `Permanent: true`): the user is `CONFIRMED`. */
  readonly Password?: string | undefined;
  /** Any `UserStatus`, also those no operation reaches directly (`RESET_REQUIRED`, `UNCONFIRMED`, …). */
  readonly Status?: UserStatus | undefined;
  /** `false` disables the user (`AdminDisableUser`). */
  readonly Enabled?: boolean | undefined;
};

/**
 * Lambda triggers as paths to ES modules whose default export (or `handler`) is the handler; relative
 * paths are resolved against the configuration file's folder. Each becomes the trigger's function
 * reference in the pool's `LambdaConfig` (custom senders get a `KMSKeyID` when none is given).
 *
 * @example
 * ```ts
 * const triggers: TriggersConfig = { CustomMessage: './triggers/custom-message.mjs' };
 * ```
 * @group Server
 */
export type TriggersConfig = Readonly<Partial<Record<TriggerName, string>>>;

/**
 * One problem of a configuration file: where (`pools[0].Clients[1].ClientName`) and why.
 *
 * @group Server
 */
export interface ConfigIssue {
  /** JSON path of the field; `$` is the whole file. */
  readonly path: string;
  /** Why it is wrong. */
  readonly reason: string;
}

/**
 * Options of {@link parseConfig} and {@link parseConfigText}.
 *
 * @group Server
 */
export interface ParseConfigOptions {
  /** Folder that relative trigger paths are resolved against (the configuration file's). */
  readonly baseDir?: string | undefined;
}

/** The triggers the flow invokes, each loadable from a module. */
const TRIGGERS: Readonly<Record<TriggerName, true>> = {
  CustomMessage: true,
  UserMigration: true,
  PostConfirmation: true,
  CustomEmailSender: true,
  CustomSMSSender: true,
  PreSignUp: true,
  PreAuthentication: true,
  PostAuthentication: true,
  PreTokenGeneration: true,
};
const TRIGGER_NAMES = Object.keys(TRIGGERS) as TriggerName[];
const ROOT_KEYS = ['pools', 'corsOrigins', 'allowedHosts', 'dataDir', 'signingKeys', 'issuerBaseUrl', 'hashCost'];
const POOL_EXTRAS = ['Clients', 'Users', 'Triggers'];
const USER_EXTRAS = ['Password', 'Status', 'Enabled'];
/** Stands in for the pool's id while a client or user input is checked on its own. */
const PLACEHOLDER_POOL_ID = 'us-east-1_Placeholder1';

const POOL_INPUT: Readonly<Record<string, Member>> = OPERATIONS.CreateUserPool.input;
const CLIENT_INPUT: Readonly<Record<string, Member>> = OPERATIONS.CreateUserPoolClient.input;
const USER_INPUT: Readonly<Record<string, Member>> = OPERATIONS.AdminCreateUser.input;
const PASSWORD_INPUT: Readonly<Record<string, Member>> = pick(OPERATIONS.AdminSetUserPassword.input, 'Password');

/**
 * Validates a parsed configuration value: every problem is reported, none is thrown. What only
 * creating the pools can tell (an `AccountRecoverySetting` listing a priority twice, a password the
 * policy refuses, an id already taken) is reported by {@link buildOperations}, with the path too.
 *
 * @example
 * ```ts
 * parseConfig({ pools: [{ PoolName: 'local', Clients: [{ ClientName: 'web' }] }] }).isOk(); // true
 * parseConfig({ pools: [{ PoolName: 'local', AliasAtributes: ['email'] }] });
 * // err([{ path: 'pools[0].AliasAtributes', reason: 'is not a member of CreateUserPool …' }])
 * ```
 * @group Server
 */
export function parseConfig(value: unknown, options: ParseConfigOptions = {}): Result<ServerConfig, readonly ConfigIssue[]> {
  const issues: ConfigIssue[] = [];
  const config = readRoot(new Reader(issues, options.baseDir), value);
  return issues.length === 0 && config !== undefined ? ok(config) : err(issues);
}

/**
 * Parses and validates the text of a configuration file.
 *
 * @example
 * ```ts
 * const config = parseConfigText(await readFile(file, 'utf8'), { baseDir: dirname(file) });
 * ```
 * @group Server
 */
export function parseConfigText(text: string, options: ParseConfigOptions = {}): Result<ServerConfig, readonly ConfigIssue[]> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error: unknown) {
    // The engine's message may quote the file (passwords included): only the position is kept.
    const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    return err([{ path: '$', reason: `is not valid JSON${position === undefined ? '' : ` (${lineAndColumn(text, Number(position))})`}` }]);
  }
  return parseConfig(value, options);
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position).split('\n');
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}

/**
 * One line per issue, e.g. `pools[0].Clients[1].ClientName: is required`.
 *
 * @example
 * ```ts
 * formatConfigIssues([{ path: 'pools[0].PoolName', reason: 'is required' }]); // 'pools[0].PoolName: is required'
 * ```
 * @group Server
 */
export function formatConfigIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.reason}`).join('\n');
}

type Fields = Readonly<Record<string, unknown>>;

/** Collects issues while reading; each read returns `undefined` for a missing or wrong value. */
class Reader {
  constructor(
    private readonly issues: ConfigIssue[],
    readonly baseDir: string | undefined,
  ) {}

  report(path: string, reason: string): void {
    this.issues.push({ path, reason });
  }

  object(value: unknown, path: string): Fields | undefined {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Fields;
    this.report(path, 'must be an object');
    return undefined;
  }

  array(value: unknown, path: string): readonly unknown[] | undefined {
    if (Array.isArray(value)) return value as unknown[];
    this.report(path, 'must be an array');
    return undefined;
  }

  /**
   * Checks `input` with a core operation's own validation; the issue quotes the core's answer. The
   * value is the operation's input (nulls dropped), typed by the caller that names the operation.
   */
  operationInput(operation: string, members: Readonly<Record<string, Member>>, input: Fields, path: string): unknown {
    const checked = validateInput<unknown>(members, input);
    if (checked.isOk()) return checked.value;
    this.report(path, `${operation} would answer ${checked.error.name}: ${checked.error.message}`);
    return undefined;
  }

  /** Reports members the shape does not have, at every structure level (the core ignores them; a file should not). */
  unknownMembers(members: Readonly<Record<string, Member>>, input: Fields, path: string, operation: string, extras: readonly string[] = []): void {
    for (const [key, value] of Object.entries(input)) {
      const member = members[key];
      if (member === undefined || !Object.hasOwn(members, key)) {
        if (!extras.includes(key)) {
          const expected = [...Object.keys(members), ...extras];
          this.report(join(path, key), `is not a member of ${operation}${expected.length <= 12 ? ` (expected one of ${expected.join(', ')})` : ''}`);
        }
        continue;
      }
      this.unknownIn(member, value, join(path, key), `${operation}.${key}`);
    }
  }

  private unknownIn(member: Member, value: unknown, path: string, operation: string): void {
    const shape = member.shape;
    if (shape.type === 'structure' && typeof value === 'object' && value !== null && !Array.isArray(value)) {
      this.unknownMembers(shape.members, value as Fields, path, operation);
    } else if (shape.type === 'list' && shape.member.type === 'structure' && Array.isArray(value)) {
      const items: unknown[] = value;
      items.forEach((item, i) => {
        this.unknownIn({ shape: shape.member }, item, `${path}[${i}]`, operation);
      });
    }
  }
}

function join(path: string, key: string): string {
  return path === '' || path === '$' ? key : `${path}.${key}`;
}

function pick(members: Readonly<Record<string, Member>>, ...names: readonly string[]): Readonly<Record<string, Member>> {
  return Object.fromEntries(names.flatMap((name) => (members[name] === undefined ? [] : [[name, members[name]]])));
}

function without<T>(fields: Readonly<Record<string, T>>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !keys.includes(key)));
}

/** `value` without the member `key`. @internal */
export function omit<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const copy: T = { ...value };
  Reflect.deleteProperty(copy, key);
  return copy;
}

function readRoot(r: Reader, value: unknown): ServerConfig | undefined {
  const fields = r.object(value, '$');
  if (fields === undefined) return undefined;
  for (const key of Object.keys(fields)) {
    if (!ROOT_KEYS.includes(key)) r.report(key, `is not a known field (expected one of ${ROOT_KEYS.join(', ')}; a pool's settings go inside "pools")`);
  }
  const corsOrigins = readStrings(r, fields['corsOrigins'], 'corsOrigins', checkOriginPattern);
  const allowedHosts = readStrings(r, fields['allowedHosts'], 'allowedHosts', checkAllowedHost);
  const dataDir = readDataDir(r, fields['dataDir']);
  const signingKeys = readSigningKeys(r, fields['signingKeys']);
  const issuerBaseUrl = readIssuerBaseUrl(r, fields['issuerBaseUrl']);
  const hashCost = readHashCost(r, fields['hashCost']);
  const list = fields['pools'] === undefined ? [] : r.array(fields['pools'], 'pools');
  const pools = (list ?? []).map((pool, i) => readPool(r, pool, `pools[${i}]`));
  if (list === undefined || !pools.every((pool): pool is PoolConfig => pool !== undefined)) return undefined;
  return {
    pools,
    ...(corsOrigins === undefined ? {} : { corsOrigins }),
    ...(allowedHosts === undefined ? {} : { allowedHosts }),
    ...(dataDir === undefined ? {} : { dataDir }),
    ...(signingKeys === undefined ? {} : { signingKeys }),
    ...(issuerBaseUrl === undefined ? {} : { issuerBaseUrl }),
    ...(hashCost === undefined ? {} : { hashCost }),
  };
}

/**
 * Checks a scrypt cost (`hashCost`, `--hash-cost`): a power of two from 2 to 2^20.
 *
 * @internal
 */
export function checkHashCost(value: unknown): Result<number, string> {
  const n = typeof value === 'string' && /^\d{1,8}$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 2 && n <= 2 ** 20 && (n & (n - 1)) === 0) return ok(n);
  return err('must be a power of two from 2 to 1048576 (the scrypt cost N; the local default 16 is fast, 16384 or more is a production cost)');
}

/**
 * Checks signing keys (`signingKeys`): two different RSA private keys of 2048 bits or more, in PEM.
 * The reasons never quote a key.
 *
 * @internal
 */
export function checkSigningKeys(value: unknown): readonly ConfigIssue[] {
  const path = 'signingKeys';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path, reason: 'must be an object {"id": "<PEM>", "access": "<PEM>"} of two RSA private keys' }];
  }
  const fields = value as Readonly<Record<string, unknown>>;
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(fields)) {
    if (key !== 'id' && key !== 'access') issues.push({ path: join(path, key), reason: 'is not a known field (expected id, access)' });
  }
  const kids: string[] = [];
  for (const use of ['id', 'access'] as const) {
    const pem = fields[use];
    const at = join(path, use);
    if (typeof pem !== 'string') {
      issues.push({ path: at, reason: 'is required: an RSA private key in PEM (-----BEGIN PRIVATE KEY-----…)' });
      continue;
    }
    let kid: string;
    let bits: number;
    let type: string | undefined;
    try {
      const key = createPrivateKey(pem);
      type = key.asymmetricKeyType;
      bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      kid = keyIdOf(createPublicKey(key));
    } catch {
      issues.push({ path: at, reason: 'is not a private key in PEM (PKCS#8 -----BEGIN PRIVATE KEY----- or PKCS#1 -----BEGIN RSA PRIVATE KEY-----)' });
      continue;
    }
    if (type !== 'rsa') issues.push({ path: at, reason: `must be an RSA key (RS256, R21.2), not ${type ?? 'an unknown type'}` });
    else if (bits < 2048) issues.push({ path: at, reason: `must have 2048 bits or more, not ${bits}` });
    else kids.push(kid);
  }
  if (kids.length === 2 && kids[0] === kids[1])
    issues.push({ path, reason: 'id and access must be two different keys (R21.2: ID and access tokens have different kids)' });
  return issues;
}

function readSigningKeys(r: Reader, value: unknown): LocalSigningKeys | undefined {
  if (value === undefined) return undefined;
  const issues = checkSigningKeys(value);
  for (const issue of issues) r.report(issue.path, issue.reason);
  if (issues.length > 0) return undefined;
  const { id, access } = value as { id: string; access: string };
  return { id, access };
}

function readIssuerBaseUrl(r: Reader, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const checked = typeof value === 'string' ? checkIssuerBaseUrl(value) : err('must be a string');
  if (checked.isErr()) r.report('issuerBaseUrl', checked.error);
  return checked.unwrapOr(undefined);
}

function readHashCost(r: Reader, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const checked = typeof value === 'number' ? checkHashCost(value) : err('must be a number: a power of two from 2 to 1048576');
  if (checked.isErr()) r.report('hashCost', checked.error);
  return checked.unwrapOr(undefined);
}

function readDataDir(r: Reader, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.includes('\0')) {
    r.report('dataDir', 'must be the path of a directory (a non-empty string)');
    return undefined;
  }
  return r.baseDir === undefined || isAbsolute(value) ? value : resolve(r.baseDir, value);
}

function readStrings(r: Reader, value: unknown, path: string, check: (text: string) => Result<string, string>): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const items = r.array(value, path);
  if (items === undefined) return undefined;
  const read = items.map((item, i) => {
    if (typeof item !== 'string') {
      r.report(`${path}[${i}]`, 'must be a string');
      return undefined;
    }
    const checked = check(item);
    if (checked.isErr()) r.report(`${path}[${i}]`, checked.error);
    return checked.unwrapOr(undefined);
  });
  return read.every((item): item is string => item !== undefined) ? read : undefined;
}

function readPool(r: Reader, value: unknown, path: string): PoolConfig | undefined {
  const fields = r.object(value, path);
  if (fields === undefined) return undefined;
  const rawInput = without(fields, POOL_EXTRAS);
  r.unknownMembers(POOL_INPUT, rawInput, path, 'CreateUserPool', POOL_EXTRAS);
  const input = r.operationInput('CreateUserPool', POOL_INPUT, rawInput, path) as CreateUserPoolInput | undefined;
  const poolId = typeof fields['Id'] === 'string' && /^[\w-]+_[0-9a-zA-Z]+$/.test(fields['Id']) ? fields['Id'] : PLACEHOLDER_POOL_ID;
  const triggers = fields['Triggers'] === undefined ? undefined : readTriggers(r, fields['Triggers'], join(path, 'Triggers'), input);
  const clients = readList(r, fields['Clients'], join(path, 'Clients'), (item, p) => readClient(r, item, p, poolId));
  const users = readList(r, fields['Users'], join(path, 'Users'), (item, p) => readUser(r, item, p, poolId));
  if (input === undefined || clients === undefined || users === undefined || (fields['Triggers'] !== undefined && triggers === undefined)) return undefined;
  return { ...input, Clients: clients, Users: users, ...(triggers === undefined ? {} : { Triggers: triggers }) };
}

function readList<T>(r: Reader, value: unknown, path: string, read: (item: unknown, path: string) => T | undefined): readonly T[] | undefined {
  if (value === undefined) return [];
  const items = r.array(value, path);
  if (items === undefined) return undefined;
  const out = items.map((item, i) => read(item, `${path}[${i}]`));
  return out.every((item): item is T => item !== undefined) ? out : undefined;
}

function readTriggers(r: Reader, value: unknown, path: string, input: CreateUserPoolInput | undefined): TriggersConfig | undefined {
  const fields = r.object(value, path);
  if (fields === undefined) return undefined;
  const triggers: Partial<Record<TriggerName, string>> = {};
  let valid = true;
  for (const [name, file] of Object.entries(fields)) {
    const trigger = TRIGGER_NAMES.find((t) => t === name);
    const p = join(path, name);
    if (trigger === undefined) {
      r.report(p, `is not a trigger the model invokes (expected one of ${TRIGGER_NAMES.join(', ')})`);
      valid = false;
    } else if (typeof file !== 'string' || !/\.(mjs|js)$/.test(file)) {
      r.report(p, 'must be a path to an ES module (.mjs or .js)');
      valid = false;
    } else if (input?.LambdaConfig?.[trigger] !== undefined) {
      r.report(p, `LambdaConfig.${trigger} is set too: name the function in one place`);
      valid = false;
    } else {
      triggers[trigger] = r.baseDir === undefined || isAbsolute(file) ? file : resolve(r.baseDir, file);
    }
  }
  return valid ? triggers : undefined;
}

/** The members of a client or user listed in a pool: an object without `UserPoolId`, which the pool sets. */
function pooledFields(r: Reader, value: unknown, path: string, what: 'client' | 'user'): Fields | undefined {
  const fields = r.object(value, path);
  if (fields?.['UserPoolId'] !== undefined) {
    r.report(join(path, 'UserPoolId'), `is set by the pool the ${what} is listed in: leave it out`);
    return undefined;
  }
  return fields;
}

function readClient(r: Reader, value: unknown, path: string, poolId: string): ClientConfig | undefined {
  const fields = pooledFields(r, value, path, 'client');
  if (fields === undefined) return undefined;
  r.unknownMembers(without(CLIENT_INPUT, ['UserPoolId']), fields, path, 'CreateUserPoolClient');
  const input = r.operationInput('CreateUserPoolClient', CLIENT_INPUT, { ...fields, UserPoolId: poolId }, path) as CreateUserPoolClientInput | undefined;
  return input === undefined ? undefined : omit(input, 'UserPoolId');
}

function readUser(r: Reader, value: unknown, path: string, poolId: string): UserConfig | undefined {
  const fields = pooledFields(r, value, path, 'user');
  if (fields === undefined) return undefined;
  const rawInput = without(fields, USER_EXTRAS);
  r.unknownMembers(without(USER_INPUT, ['UserPoolId']), rawInput, path, 'AdminCreateUser', USER_EXTRAS);
  const input = r.operationInput('AdminCreateUser', USER_INPUT, { ...rawInput, UserPoolId: poolId }, path) as AdminCreateUserInput | undefined;
  let valid = input !== undefined;
  const { Password, Status, Enabled } = fields;
  if (Password !== undefined && r.operationInput('AdminSetUserPassword', PASSWORD_INPUT, { Password }, join(path, 'Password')) === undefined) valid = false;
  const status = USER_STATUSES.find((s) => s === Status);
  if (Status !== undefined && status === undefined) {
    r.report(join(path, 'Status'), `must be one of ${USER_STATUSES.join(', ')}`);
    valid = false;
  }
  if (Enabled !== undefined && typeof Enabled !== 'boolean') {
    r.report(join(path, 'Enabled'), 'must be true or false');
    valid = false;
  }
  if (!valid || input === undefined) return undefined;
  return {
    ...omit(input, 'UserPoolId'),
    ...(typeof Password === 'string' ? { Password } : {}),
    ...(status === undefined ? {} : { Status: status }),
    ...(typeof Enabled === 'boolean' ? { Enabled } : {}),
  };
}
