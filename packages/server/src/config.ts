/**
 * The `cognito-recovery serve --config FILE` file: its shape, and a pure validation that names the
 * field and the reason of every problem.
 *
 * @module
 */
import { isAbsolute, resolve } from 'node:path';
import type { AliasAttribute, PreventUserExistenceErrors, RecoveryMechanismName, UsernameAttribute, UserStatus } from '@cognito-recovery/core';
import { USER_STATUSES } from '@cognito-recovery/core';
import type { Result } from 'neverthrow';
import { err, ok } from 'neverthrow';

/**
 * A validated configuration file.
 *
 * @example
 * ```json
 * { "pools": [{ "name": "local", "accountRecoverySetting": { "RecoveryMechanisms": [{ "Priority": 1, "Name": "verified_email" }] },
 *   "clients": [{ "name": "web", "id": "webclient1" }],
 *   "users": [{ "username": "alice", "password": "Passw0rd!", "attributes": { "email": "alice@example.com", "email_verified": "true" } }] }] }
 * ```
 * @group Server
 */
export interface ServerConfig {
  /** The user pools to create at start. */
  readonly pools: readonly PoolConfig[];
}

/** One user pool of the configuration file. @group Server */
export interface PoolConfig {
  /** `PoolName`. */
  readonly name: string;
  /** `<region>_<id>`; generated when absent. */
  readonly id?: string | undefined;
  /** `AliasAttributes` (R3.2). */
  readonly aliasAttributes?: readonly AliasAttribute[] | undefined;
  /** `UsernameAttributes` (R3.3). */
  readonly usernameAttributes?: readonly UsernameAttribute[] | undefined;
  /** `UsernameConfiguration.CaseSensitive` (R3.4). */
  readonly caseSensitive?: boolean | undefined;
  /** `AccountRecoverySetting` (R5.1); absent means the legacy rule. */
  readonly accountRecoverySetting?: { readonly RecoveryMechanisms: readonly RecoveryMechanismConfig[] } | undefined;
  /** `Policies.PasswordPolicy` (R7.6); absent fields take Cognito's defaults. */
  readonly passwordPolicy?: PasswordPolicyConfig | undefined;
  /** `SmsConfiguration` (D13). */
  readonly smsConfiguration?: SmsConfigurationConfig | undefined;
  /** `EmailConfiguration` (R5.7). */
  readonly emailConfiguration?: EmailConfigurationConfig | undefined;
  /** `VerificationMessageTemplate` (D11). */
  readonly verificationMessageTemplate?: VerificationMessageTemplateConfig | undefined;
  /** Lambda triggers as local ES modules. */
  readonly triggers?: TriggersConfig | undefined;
  /** App clients. */
  readonly clients: readonly ClientConfig[];
  /** Users to create. */
  readonly users: readonly UserConfig[];
}

/** One entry of `AccountRecoverySetting.RecoveryMechanisms`. @group Server */
export interface RecoveryMechanismConfig {
  /** 1 is tried first. */
  readonly Priority: 1 | 2;
  /** The mechanism. */
  readonly Name: RecoveryMechanismName;
}

/** `PasswordPolicyType`, every field optional. @group Server */
export interface PasswordPolicyConfig {
  /** 6–99. */
  readonly MinimumLength?: number | undefined;
  /** Needs an upper-case letter. */
  readonly RequireUppercase?: boolean | undefined;
  /** Needs a lower-case letter. */
  readonly RequireLowercase?: boolean | undefined;
  /** Needs a digit. */
  readonly RequireNumbers?: boolean | undefined;
  /** Needs a symbol. */
  readonly RequireSymbols?: boolean | undefined;
  /** 0–24. */
  readonly PasswordHistorySize?: number | undefined;
  /** 0–365. */
  readonly TemporaryPasswordValidityDays?: number | undefined;
}

/** `SmsConfigurationType`. @group Server */
export interface SmsConfigurationConfig {
  /** IAM role ARN. */
  readonly SnsCallerArn: string;
  /** External id of the role's trust policy. */
  readonly ExternalId?: string | undefined;
  /** SNS region. */
  readonly SnsRegion?: string | undefined;
}

/** `EmailConfigurationType`. @group Server */
export interface EmailConfigurationConfig {
  /** `COGNITO_DEFAULT` or `DEVELOPER` (then `SourceArn` is required). */
  readonly EmailSendingAccount?: 'COGNITO_DEFAULT' | 'DEVELOPER' | undefined;
  /** SES identity ARN. */
  readonly SourceArn?: string | undefined;
  /** From address. */
  readonly From?: string | undefined;
  /** Reply-to address. */
  readonly ReplyToEmailAddress?: string | undefined;
  /** SES configuration set. */
  readonly ConfigurationSet?: string | undefined;
}

/** `VerificationMessageTemplateType` (code messages). @group Server */
export interface VerificationMessageTemplateConfig {
  /** Email subject. */
  readonly EmailSubject?: string | undefined;
  /** Email body; must contain `{####}`. */
  readonly EmailMessage?: string | undefined;
  /** SMS body; must contain `{####}`. */
  readonly SmsMessage?: string | undefined;
}

/**
 * Lambda triggers as paths to ES modules whose default export is the handler. Relative paths are
 * resolved against the configuration file's folder.
 *
 * @group Server
 */
export interface TriggersConfig {
  /** `CustomMessage_*`. */
  readonly CustomMessage?: string | undefined;
  /** `UserMigration_*`. */
  readonly UserMigration?: string | undefined;
  /** `PostConfirmation_*`. */
  readonly PostConfirmation?: string | undefined;
  /** `CustomEmailSender_*`. */
  readonly CustomEmailSender?: string | undefined;
  /** `CustomSMSSender_*`. */
  readonly CustomSMSSender?: string | undefined;
}

/** One app client. @group Server */
export interface ClientConfig {
  /** `ClientName`. */
  readonly name: string;
  /** `ClientId`; generated when absent. */
  readonly id?: string | undefined;
  /** Generate a client secret (implied by `secret`). */
  readonly generateSecret?: boolean | undefined;
  /** A fixed client secret. */
  readonly secret?: string | undefined;
  /** `PreventUserExistenceErrors` (R8.2; `LEGACY` when absent). */
  readonly preventUserExistenceErrors?: PreventUserExistenceErrors | undefined;
}

/** One user to create. @group Server */
export interface UserConfig {
  /** `Username`. */
  readonly username: string;
  /** Permanent password. */
  readonly password?: string | undefined;
  /** Attributes, e.g. `{ "email": "a@example.com", "email_verified": "true" }`. */
  readonly attributes?: Readonly<Record<string, string>> | undefined;
  /** `UserStatus` (default `CONFIRMED` with a password). */
  readonly status?: UserStatus | undefined;
  /** `Enabled` (default `true`). */
  readonly enabled?: boolean | undefined;
}

/**
 * One problem of a configuration file: where (`pools[0].clients[1].name`) and why.
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

/**
 * Validates a parsed configuration value: every problem is reported, none is thrown.
 *
 * @example
 * ```ts
 * parseConfig({ pools: [{ name: 'local', clients: [{ name: 'web' }] }] }).isOk(); // true
 * parseConfig({ pools: [{}] }); // err([{ path: 'pools[0].name', reason: 'is required' }])
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
 * One line per issue, e.g. `pools[0].clients[1].name: is required`.
 *
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

  object(value: unknown, path: string, allowed: readonly string[]): Fields | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.report(path, 'must be an object');
      return undefined;
    }
    const fields = value as Fields;
    for (const key of Object.keys(fields)) {
      if (!allowed.includes(key)) this.report(join(path, key), `is not a known field (expected one of ${allowed.join(', ')})`);
    }
    return fields;
  }

  array<T>(value: unknown, path: string, item: (value: unknown, path: string) => T | undefined, bounds: { min?: number; max?: number } = {}): readonly T[] | undefined {
    if (!Array.isArray(value)) {
      this.report(path, 'must be an array');
      return undefined;
    }
    const items: unknown[] = value;
    if (bounds.min !== undefined && items.length < bounds.min) {
      this.report(path, `must have at least ${bounds.min} item(s)`);
      return undefined;
    }
    if (bounds.max !== undefined && items.length > bounds.max) {
      this.report(path, `must have at most ${bounds.max} item(s)`);
      return undefined;
    }
    const read = items.map((v, i) => item(v, `${path}[${i}]`));
    return read.every((v): v is T => v !== undefined) ? read : undefined;
  }

  string(value: unknown, path: string, rule: { max?: number; pattern?: RegExp; patternText?: string } = {}): string | undefined {
    if (typeof value !== 'string') {
      this.report(path, 'must be a string');
      return undefined;
    }
    if (value.length === 0) {
      this.report(path, 'must not be empty');
      return undefined;
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.report(path, `must be at most ${rule.max} characters`);
      return undefined;
    }
    if (rule.pattern !== undefined && !rule.pattern.test(value)) {
      this.report(path, `must match ${rule.patternText ?? rule.pattern.source}`);
      return undefined;
    }
    return value;
  }

  boolean(value: unknown, path: string): boolean | undefined {
    if (typeof value === 'boolean') return value;
    this.report(path, 'must be true or false');
    return undefined;
  }

  integer(value: unknown, path: string, min: number, max: number): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.report(path, 'must be an integer');
      return undefined;
    }
    if (value < min || value > max) {
      this.report(path, `must be between ${min} and ${max}`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string | number>(value: unknown, path: string, choices: readonly T[]): T | undefined {
    const found = choices.find((choice) => choice === value);
    if (found === undefined) this.report(path, `must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`);
    return found;
  }

  /** Reads an optional field: absent stays absent without an issue. */
  optional<T>(fields: Fields, key: string, path: string, read: (value: unknown, path: string) => T | undefined): T | undefined {
    const value = fields[key];
    return value === undefined ? undefined : read(value, join(path, key));
  }

  /** Reads a required field. */
  required<T>(fields: Fields, key: string, path: string, read: (value: unknown, path: string) => T | undefined): T | undefined {
    const value = fields[key];
    if (value !== undefined) return read(value, join(path, key));
    this.report(join(path, key), 'is required');
    return undefined;
  }

  unique(items: readonly unknown[] | undefined, path: string, field: string, key: (item: never) => string | undefined): void {
    const seen = new Map<string, number>();
    (items ?? []).forEach((item, i) => {
      const k = key(item as never);
      if (k === undefined) return;
      const first = seen.get(k);
      if (first === undefined) seen.set(k, i);
      else this.report(`${path}[${i}].${field}`, `duplicates ${path}[${first}].${field} (${JSON.stringify(k)})`);
    });
  }
}

function join(path: string, key: string): string {
  return path === '' || path === '$' ? key : `${path}.${key}`;
}

const ALIAS_ATTRIBUTES: readonly AliasAttribute[] = ['email', 'phone_number', 'preferred_username'];
const USERNAME_ATTRIBUTES: readonly UsernameAttribute[] = ['email', 'phone_number'];
const RECOVERY_MECHANISMS: readonly RecoveryMechanismName[] = ['verified_email', 'verified_phone_number', 'admin_only'];
const TRIGGER_NAMES = ['CustomMessage', 'UserMigration', 'PostConfirmation', 'CustomEmailSender', 'CustomSMSSender'] as const;
const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const CLIENT_ID = /^[\w+]+$/;
const USERNAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u;
const CODE_PLACEHOLDER = '{####}';

function readRoot(r: Reader, value: unknown): ServerConfig | undefined {
  const fields = r.object(value, '$', ['pools']);
  if (fields === undefined) return undefined;
  const pools = r.required(fields, 'pools', '', (v, p) => r.array(v, p, (item, ip) => readPool(r, item, ip)));
  r.unique(pools, 'pools', 'name', (pool: PoolConfig) => pool.name);
  r.unique(pools, 'pools', 'id', (pool: PoolConfig) => pool.id);
  const clientIds = new Map<string, string>();
  (pools ?? []).forEach((pool, i) => {
    pool.clients.forEach((client, j) => {
      if (client.id === undefined) return;
      const first = clientIds.get(client.id);
      if (first === undefined) clientIds.set(client.id, `pools[${i}].clients[${j}].id`);
      else r.report(`pools[${i}].clients[${j}].id`, `duplicates ${first} (${JSON.stringify(client.id)}); client ids are unique across pools`);
    });
  });
  return pools === undefined ? undefined : { pools };
}

function readPool(r: Reader, value: unknown, path: string): PoolConfig | undefined {
  const fields = r.object(value, path, [
    'name', 'id', 'aliasAttributes', 'usernameAttributes', 'caseSensitive', 'accountRecoverySetting', 'passwordPolicy',
    'smsConfiguration', 'emailConfiguration', 'verificationMessageTemplate', 'triggers', 'clients', 'users',
  ]);
  if (fields === undefined) return undefined;
  const name = r.required(fields, 'name', path, (v, p) => r.string(v, p, { max: 128 }));
  const id = r.optional(fields, 'id', path, (v, p) => r.string(v, p, { max: 55, pattern: POOL_ID, patternText: '<region>_<id>, e.g. us-east-1_Example1' }));
  const aliasAttributes = r.optional(fields, 'aliasAttributes', path, (v, p) => distinct(r, p, r.array(v, p, (a, ap) => r.oneOf(a, ap, ALIAS_ATTRIBUTES))));
  const usernameAttributes = r.optional(fields, 'usernameAttributes', path, (v, p) => distinct(r, p, r.array(v, p, (a, ap) => r.oneOf(a, ap, USERNAME_ATTRIBUTES))));
  if (aliasAttributes !== undefined && aliasAttributes.length > 0 && usernameAttributes !== undefined && usernameAttributes.length > 0) {
    r.report(join(path, 'usernameAttributes'), 'cannot be combined with aliasAttributes (a pool uses one or the other)');
  }
  const caseSensitive = r.optional(fields, 'caseSensitive', path, (v, p) => r.boolean(v, p));
  const accountRecoverySetting = r.optional(fields, 'accountRecoverySetting', path, (v, p) => readRecoverySetting(r, v, p));
  const passwordPolicy = r.optional(fields, 'passwordPolicy', path, (v, p) => readPasswordPolicy(r, v, p));
  const smsConfiguration = r.optional(fields, 'smsConfiguration', path, (v, p) => readSmsConfiguration(r, v, p));
  const emailConfiguration = r.optional(fields, 'emailConfiguration', path, (v, p) => readEmailConfiguration(r, v, p));
  const verificationMessageTemplate = r.optional(fields, 'verificationMessageTemplate', path, (v, p) => readTemplate(r, v, p));
  const triggers = r.optional(fields, 'triggers', path, (v, p) => readTriggers(r, v, p));
  const clients = r.optional(fields, 'clients', path, (v, p) => r.array(v, p, (c, cp) => readClient(r, c, cp))) ?? [];
  const users = r.optional(fields, 'users', path, (v, p) => r.array(v, p, (u, up) => readUser(r, u, up))) ?? [];
  r.unique(clients, join(path, 'clients'), 'name', (client: ClientConfig) => client.name);
  const folded = caseSensitive === false;
  r.unique(users, join(path, 'users'), 'username', (user: UserConfig) => (folded ? user.username.toLowerCase() : user.username));
  if (name === undefined) return undefined;
  return {
    name, id, aliasAttributes, usernameAttributes, caseSensitive, accountRecoverySetting, passwordPolicy, smsConfiguration,
    emailConfiguration, verificationMessageTemplate, triggers, clients, users,
  };
}

function distinct<T>(r: Reader, path: string, items: readonly T[] | undefined): readonly T[] | undefined {
  if (items === undefined) return undefined;
  const duplicate = items.find((item, i) => items.indexOf(item) !== i);
  if (duplicate === undefined) return items;
  r.report(path, `lists ${JSON.stringify(duplicate)} twice`);
  return undefined;
}

function readRecoverySetting(r: Reader, value: unknown, path: string): PoolConfig['accountRecoverySetting'] {
  const fields = r.object(value, path, ['RecoveryMechanisms']);
  if (fields === undefined) return undefined;
  const mechanisms = r.required(fields, 'RecoveryMechanisms', path, (v, p) =>
    r.array(
      v,
      p,
      (m, mp): RecoveryMechanismConfig | undefined => {
        const mf = r.object(m, mp, ['Priority', 'Name']);
        if (mf === undefined) return undefined;
        const priority = r.required(mf, 'Priority', mp, (pv, pp) => r.oneOf(pv, pp, [1, 2] as const));
        const name = r.required(mf, 'Name', mp, (nv, np) => r.oneOf(nv, np, RECOVERY_MECHANISMS));
        return priority === undefined || name === undefined ? undefined : { Priority: priority, Name: name };
      },
      { min: 1, max: 2 },
    ),
  );
  if (mechanisms === undefined) return undefined;
  const mp = join(path, 'RecoveryMechanisms');
  r.unique(mechanisms, mp, 'Priority', (m: RecoveryMechanismConfig) => String(m.Priority));
  r.unique(mechanisms, mp, 'Name', (m: RecoveryMechanismConfig) => m.Name);
  if (mechanisms.length > 1 && mechanisms.some((m) => m.Name === 'admin_only')) r.report(mp, 'admin_only cannot be combined with another mechanism');
  return { RecoveryMechanisms: mechanisms };
}

function readPasswordPolicy(r: Reader, value: unknown, path: string): PasswordPolicyConfig | undefined {
  const fields = r.object(value, path, [
    'MinimumLength', 'RequireUppercase', 'RequireLowercase', 'RequireNumbers', 'RequireSymbols', 'PasswordHistorySize', 'TemporaryPasswordValidityDays',
  ]);
  if (fields === undefined) return undefined;
  const bool = (v: unknown, p: string): boolean | undefined => r.boolean(v, p);
  return {
    MinimumLength: r.optional(fields, 'MinimumLength', path, (v, p) => r.integer(v, p, 6, 99)),
    RequireUppercase: r.optional(fields, 'RequireUppercase', path, bool),
    RequireLowercase: r.optional(fields, 'RequireLowercase', path, bool),
    RequireNumbers: r.optional(fields, 'RequireNumbers', path, bool),
    RequireSymbols: r.optional(fields, 'RequireSymbols', path, bool),
    PasswordHistorySize: r.optional(fields, 'PasswordHistorySize', path, (v, p) => r.integer(v, p, 0, 24)),
    TemporaryPasswordValidityDays: r.optional(fields, 'TemporaryPasswordValidityDays', path, (v, p) => r.integer(v, p, 0, 365)),
  };
}

function readSmsConfiguration(r: Reader, value: unknown, path: string): SmsConfigurationConfig | undefined {
  const fields = r.object(value, path, ['SnsCallerArn', 'ExternalId', 'SnsRegion']);
  if (fields === undefined) return undefined;
  const text = (v: unknown, p: string): string | undefined => r.string(v, p, { max: 2048 });
  const snsCallerArn = r.required(fields, 'SnsCallerArn', path, (v, p) => r.string(v, p, { max: 2048, pattern: /^arn:[\w+=/,.@-]+:iam::\d{12}:role\/[\w+=/,.@-]+$/, patternText: 'an IAM role ARN' }));
  const externalId = r.optional(fields, 'ExternalId', path, text);
  const snsRegion = r.optional(fields, 'SnsRegion', path, text);
  return snsCallerArn === undefined ? undefined : { SnsCallerArn: snsCallerArn, ExternalId: externalId, SnsRegion: snsRegion };
}

function readEmailConfiguration(r: Reader, value: unknown, path: string): EmailConfigurationConfig | undefined {
  const fields = r.object(value, path, ['EmailSendingAccount', 'SourceArn', 'From', 'ReplyToEmailAddress', 'ConfigurationSet']);
  if (fields === undefined) return undefined;
  const text = (v: unknown, p: string): string | undefined => r.string(v, p, { max: 2048 });
  const config: EmailConfigurationConfig = {
    EmailSendingAccount: r.optional(fields, 'EmailSendingAccount', path, (v, p) => r.oneOf(v, p, ['COGNITO_DEFAULT', 'DEVELOPER'] as const)),
    SourceArn: r.optional(fields, 'SourceArn', path, text),
    From: r.optional(fields, 'From', path, text),
    ReplyToEmailAddress: r.optional(fields, 'ReplyToEmailAddress', path, text),
    ConfigurationSet: r.optional(fields, 'ConfigurationSet', path, text),
  };
  if (config.EmailSendingAccount === 'DEVELOPER' && fields['SourceArn'] === undefined) r.report(join(path, 'SourceArn'), 'is required when EmailSendingAccount is DEVELOPER');
  return config;
}

function readTemplate(r: Reader, value: unknown, path: string): VerificationMessageTemplateConfig | undefined {
  const fields = r.object(value, path, ['EmailSubject', 'EmailMessage', 'SmsMessage']);
  if (fields === undefined) return undefined;
  const withCode = (max: number) => (v: unknown, p: string): string | undefined => {
    const text = r.string(v, p, { max });
    if (text === undefined || text.includes(CODE_PLACEHOLDER)) return text;
    r.report(p, `must contain ${CODE_PLACEHOLDER}`);
    return undefined;
  };
  return {
    EmailSubject: r.optional(fields, 'EmailSubject', path, (v, p) => r.string(v, p, { max: 140 })),
    EmailMessage: r.optional(fields, 'EmailMessage', path, withCode(20_000)),
    SmsMessage: r.optional(fields, 'SmsMessage', path, withCode(140)),
  };
}

function readTriggers(r: Reader, value: unknown, path: string): TriggersConfig | undefined {
  const fields = r.object(value, path, TRIGGER_NAMES);
  if (fields === undefined) return undefined;
  const module = (v: unknown, p: string): string | undefined => {
    const file = r.string(v, p, { pattern: /\.(mjs|js)$/, patternText: 'a path to an ES module (.mjs or .js)' });
    return file === undefined || r.baseDir === undefined || isAbsolute(file) ? file : resolve(r.baseDir, file);
  };
  const triggers: Record<string, string | undefined> = {};
  for (const name of TRIGGER_NAMES) triggers[name] = r.optional(fields, name, path, module);
  return triggers;
}

function readClient(r: Reader, value: unknown, path: string): ClientConfig | undefined {
  const fields = r.object(value, path, ['name', 'id', 'generateSecret', 'secret', 'preventUserExistenceErrors']);
  if (fields === undefined) return undefined;
  const name = r.required(fields, 'name', path, (v, p) => r.string(v, p, { max: 128, pattern: /^[\w\s+=,.@-]+$/, patternText: 'letters, digits, spaces and +=,.@-_' }));
  const id = r.optional(fields, 'id', path, (v, p) => r.string(v, p, { max: 128, pattern: CLIENT_ID, patternText: 'letters, digits, + and _' }));
  const generateSecret = r.optional(fields, 'generateSecret', path, (v, p) => r.boolean(v, p));
  const secret = r.optional(fields, 'secret', path, (v, p) => r.string(v, p, { max: 64, pattern: CLIENT_ID, patternText: 'letters, digits, + and _' }));
  if (secret !== undefined && generateSecret === false) r.report(join(path, 'secret'), 'cannot be set when generateSecret is false');
  const preventUserExistenceErrors = r.optional(fields, 'preventUserExistenceErrors', path, (v, p) => r.oneOf(v, p, ['ENABLED', 'LEGACY'] as const));
  return name === undefined ? undefined : { name, id, generateSecret, secret, preventUserExistenceErrors };
}

function readUser(r: Reader, value: unknown, path: string): UserConfig | undefined {
  const fields = r.object(value, path, ['username', 'password', 'attributes', 'status', 'enabled']);
  if (fields === undefined) return undefined;
  const username = r.required(fields, 'username', path, (v, p) => r.string(v, p, { max: 128, pattern: USERNAME, patternText: 'letters, marks, symbols, digits or punctuation (no spaces)' }));
  const password = r.optional(fields, 'password', path, (v, p) => r.string(v, p, { max: 256 }));
  const attributes = r.optional(fields, 'attributes', path, (v, p) => readAttributes(r, v, p));
  const status = r.optional(fields, 'status', path, (v, p) => r.oneOf(v, p, USER_STATUSES));
  const enabled = r.optional(fields, 'enabled', path, (v, p) => r.boolean(v, p));
  return username === undefined ? undefined : { username, password, attributes, status, enabled };
}

function readAttributes(r: Reader, value: unknown, path: string): Readonly<Record<string, string>> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      r.report(path, 'must be an object of attribute name → string value');
      return undefined;
    }
  const attributes: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    const p = join(path, name);
    if (name.length > 32) r.report(p, 'attribute names are at most 32 characters');
    else if (typeof v !== 'string') r.report(p, 'must be a string (booleans too: "true")');
    else if (v.length > 2048) r.report(p, 'must be at most 2048 characters');
    else attributes[name] = v;
  }
  return attributes;
}
