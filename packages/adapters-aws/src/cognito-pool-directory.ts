import { createHmac } from 'node:crypto';
import {
  DescribeUserPoolClientCommand,
  DescribeUserPoolCommand,
  ListUserPoolClientsCommand,
  type CognitoIdentityProviderClient,
  type UserPoolClientType,
  type UserPoolType,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  DEFAULT_LIMITS,
  DEFAULT_PASSWORD_POLICY,
  cachedPoolDirectory,
  portFailure,
  type AliasAttribute,
  type AppClient,
  type PoolDirectory,
  type PortFailure,
  type RecoveryLimits,
  type RecoveryMechanism,
  type UserPool,
  type UsernameAttribute,
} from '@cognito-recovery/core';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { awsFailure, errorName } from './aws-failure.js';

const PORT = 'PoolDirectory';

/**
 * Options of the {@link CognitoPoolDirectory}.
 *
 * @group Adapters
 */
export interface CognitoPoolDirectoryOptions {
  /** The pools to mirror; `getClient` looks a client id up in these, in order. */
  readonly userPoolIds: readonly string[];
  /**
   * Secret from which each pool's `simulationSecret` (D4) is derived (HMAC-SHA256 over the pool id):
   * Cognito has no such setting. Keep it stable, or simulated answers change.
   */
  readonly simulationSecret: string;
  /** The recovery limits (D8, D9, D16), which Cognito does not report; default `DEFAULT_LIMITS`. */
  readonly limits?: RecoveryLimits | undefined;
  /** How long described pools and clients are kept, in ms (default 300 000). */
  readonly cacheTtlMs?: number | undefined;
}

/**
 * A read-only {@link PoolDirectory} that mirrors existing Cognito user pools (`DescribeUserPool`,
 * `DescribeUserPoolClient`, `ListUserPoolClients`), cached for `cacheTtlMs`: aliases and username
 * attributes, case sensitivity, `AccountRecoverySetting`, the password policy, the verification
 * message templates, `EmailConfiguration`, `SmsConfiguration`, `LambdaConfig` and, per client,
 * `PreventUserExistenceErrors` and the secret. Writes answer a `PortFailure`: change the pool in
 * Cognito instead.
 *
 * @example
 * ```ts
 * const pools = new CognitoPoolDirectory(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), {
 *   userPoolIds: ['eu-west-1_AbCdEf123'],
 *   simulationSecret: process.env.SIMULATION_SECRET!,
 * });
 * ```
 * @group Adapters
 */
export class CognitoPoolDirectory implements PoolDirectory {
  readonly #cached: PoolDirectory;

  /**
   * @param client - the Cognito Identity Provider client.
   * @param options - the pools, the simulation secret, the limits and the cache lifetime.
   */
  constructor(client: CognitoIdentityProviderClient, options: CognitoPoolDirectoryOptions) {
    this.#cached = cachedPoolDirectory(new UncachedCognitoDirectory(client, options), options.cacheTtlMs ?? 300_000);
  }

  /** The pool, described (and cached), or `undefined` when Cognito does not know it or it is not mirrored. */
  getPool(userPoolId: string): ResultAsync<UserPool | undefined, PortFailure> {
    return this.#cached.getPool(userPoolId);
  }

  /** The client, found in the mirrored pools (and cached), or `undefined`. */
  getClient(clientId: string): ResultAsync<AppClient | undefined, PortFailure> {
    return this.#cached.getClient(clientId);
  }

  /** Refused: the directory is read-only. */
  putPool(pool: UserPool): ResultAsync<void, PortFailure> {
    return this.#cached.putPool(pool);
  }

  /** Refused: the directory is read-only. */
  deletePool(userPoolId: string): ResultAsync<void, PortFailure> {
    return this.#cached.deletePool(userPoolId);
  }

  /** Refused: the directory is read-only. */
  putClient(client: AppClient): ResultAsync<void, PortFailure> {
    return this.#cached.putClient(client);
  }

  /** The mirrored pools that exist, in the order of `userPoolIds`. */
  listPools(): ResultAsync<readonly UserPool[], PortFailure> {
    return this.#cached.listPools();
  }

  /** The pool's clients, oldest first. */
  listClients(userPoolId: string): ResultAsync<readonly AppClient[], PortFailure> {
    return this.#cached.listClients(userPoolId);
  }
}

class UncachedCognitoDirectory implements PoolDirectory {
  readonly #client: CognitoIdentityProviderClient;
  readonly #options: CognitoPoolDirectoryOptions;

  constructor(client: CognitoIdentityProviderClient, options: CognitoPoolDirectoryOptions) {
    this.#client = client;
    this.#options = options;
  }

  getPool(userPoolId: string): ResultAsync<UserPool | undefined, PortFailure> {
    if (!this.#options.userPoolIds.includes(userPoolId)) return okAsync(undefined);
    return notFoundAsUndefined(this.#client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId })), 'DescribeUserPool').map((output) =>
      output?.UserPool === undefined ? undefined : toUserPool(output.UserPool, this.#options),
    );
  }

  getClient(clientId: string): ResultAsync<AppClient | undefined, PortFailure> {
    const tryPool = (i: number): ResultAsync<AppClient | undefined, PortFailure> => {
      const userPoolId = this.#options.userPoolIds[i];
      if (userPoolId === undefined) return okAsync(undefined);
      return this.#describeClient(userPoolId, clientId).andThen((client) => (client === undefined ? tryPool(i + 1) : okAsync(client)));
    };
    return tryPool(0);
  }

  putPool(): ResultAsync<void, PortFailure> {
    return readOnly();
  }

  deletePool(): ResultAsync<void, PortFailure> {
    return readOnly();
  }

  putClient(): ResultAsync<void, PortFailure> {
    return readOnly();
  }

  listPools(): ResultAsync<readonly UserPool[], PortFailure> {
    return ResultAsync.combine(this.#options.userPoolIds.map((id) => this.getPool(id))).map((pools) => pools.filter((p) => p !== undefined));
  }

  listClients(userPoolId: string): ResultAsync<readonly AppClient[], PortFailure> {
    if (!this.#options.userPoolIds.includes(userPoolId)) return okAsync([]);
    const ids: string[] = [];
    const page = (token: string | undefined): ResultAsync<string[], PortFailure> =>
      ResultAsync.fromPromise(
        this.#client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, ...(token === undefined ? {} : { NextToken: token }) })),
        awsFailure(PORT, 'ListUserPoolClients'),
      ).andThen((output) => {
        for (const c of output.UserPoolClients ?? []) if (c.ClientId !== undefined) ids.push(c.ClientId);
        return output.NextToken === undefined ? okAsync(ids) : page(output.NextToken);
      });
    return page(undefined)
      .andThen((all) => ResultAsync.combine(all.map((id) => this.#describeClient(userPoolId, id))))
      .map((clients) => clients.filter((c) => c !== undefined).sort((a, b) => a.creationDate - b.creationDate));
  }

  #describeClient(userPoolId: string, clientId: string): ResultAsync<AppClient | undefined, PortFailure> {
    return notFoundAsUndefined(
      this.#client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId })),
      'DescribeUserPoolClient',
    ).map((output) => (output?.UserPoolClient === undefined ? undefined : toAppClient(output.UserPoolClient, userPoolId)));
  }
}

function readOnly(): ResultAsync<void, PortFailure> {
  return errAsync(portFailure(PORT, 'CognitoPoolDirectory is read-only'));
}

/** The call's output, `undefined` for `ResourceNotFoundException`, a `PortFailure` for anything else. */
function notFoundAsUndefined<T>(call: Promise<T>, action: string): ResultAsync<T | undefined, PortFailure> {
  const toFailure = awsFailure(PORT, action);
  return ResultAsync.fromPromise(call, (error) => error).orElse((error) =>
    errorName(error) === 'ResourceNotFoundException' ? okAsync(undefined) : errAsync(toFailure(error)),
  );
}

const ALIASES: readonly AliasAttribute[] = ['email', 'phone_number', 'preferred_username'];
const USERNAME_ATTRIBUTES: readonly UsernameAttribute[] = ['email', 'phone_number'];
const MECHANISMS: readonly RecoveryMechanism['name'][] = ['verified_email', 'verified_phone_number', 'admin_only'];

/** Maps a described pool to the core model. @internal */
export function toUserPool(described: UserPoolType, options: Pick<CognitoPoolDirectoryOptions, 'simulationSecret' | 'limits'>): UserPool {
  const id = described.Id ?? '';
  const policy = described.Policies?.PasswordPolicy;
  const template = described.VerificationMessageTemplate;
  const email = described.EmailConfiguration;
  const sms = described.SmsConfiguration;
  const lambda = described.LambdaConfig;
  const mechanisms = described.AccountRecoverySetting?.RecoveryMechanisms;
  return {
    id,
    name: described.Name ?? '',
    region: id.split('_')[0] ?? '',
    aliasAttributes: (described.AliasAttributes ?? []).filter((a): a is AliasAttribute => (ALIASES as readonly string[]).includes(a)),
    usernameAttributes: (described.UsernameAttributes ?? []).filter((a): a is UsernameAttribute => (USERNAME_ATTRIBUTES as readonly string[]).includes(a)),
    caseSensitive: described.UsernameConfiguration?.CaseSensitive ?? true,
    recoveryMechanisms:
      mechanisms === undefined || mechanisms.length === 0
        ? undefined
        : mechanisms.flatMap((m): RecoveryMechanism[] =>
            (m.Priority === 1 || m.Priority === 2) && m.Name !== undefined && (MECHANISMS as readonly string[]).includes(m.Name)
              ? [{ priority: m.Priority, name: m.Name }]
              : [],
          ),
    autoVerifiedAttributes: [...(described.AutoVerifiedAttributes ?? [])],
    passwordPolicy: {
      minimumLength: policy?.MinimumLength ?? DEFAULT_PASSWORD_POLICY.minimumLength,
      requireUppercase: policy?.RequireUppercase ?? DEFAULT_PASSWORD_POLICY.requireUppercase,
      requireLowercase: policy?.RequireLowercase ?? DEFAULT_PASSWORD_POLICY.requireLowercase,
      requireNumbers: policy?.RequireNumbers ?? DEFAULT_PASSWORD_POLICY.requireNumbers,
      requireSymbols: policy?.RequireSymbols ?? DEFAULT_PASSWORD_POLICY.requireSymbols,
      passwordHistorySize: policy?.PasswordHistorySize ?? DEFAULT_PASSWORD_POLICY.passwordHistorySize,
      temporaryPasswordValidityDays: policy?.TemporaryPasswordValidityDays ?? DEFAULT_PASSWORD_POLICY.temporaryPasswordValidityDays,
    },
    verificationMessage: {
      emailSubject: template?.EmailSubject ?? described.EmailVerificationSubject,
      emailMessage: template?.EmailMessage ?? described.EmailVerificationMessage,
      smsMessage: template?.SmsMessage ?? described.SmsVerificationMessage,
    },
    emailConfiguration: {
      emailSendingAccount: email?.EmailSendingAccount === 'DEVELOPER' ? 'DEVELOPER' : 'COGNITO_DEFAULT',
      sourceArn: email?.SourceArn,
      from: email?.From,
      replyToEmailAddress: email?.ReplyToEmailAddress,
      configurationSet: email?.ConfigurationSet,
    },
    smsConfiguration: sms?.SnsCallerArn === undefined ? undefined : { snsCallerArn: sms.SnsCallerArn, externalId: sms.ExternalId, snsRegion: sms.SnsRegion },
    lambdaConfig: {
      customMessage: lambda?.CustomMessage,
      userMigration: lambda?.UserMigration,
      postConfirmation: lambda?.PostConfirmation,
      preSignUp: lambda?.PreSignUp,
      customEmailSender: lambda?.CustomEmailSender?.LambdaArn,
      customSmsSender: lambda?.CustomSMSSender?.LambdaArn,
      kmsKeyId: lambda?.KMSKeyID,
    },
    limits: options.limits ?? DEFAULT_LIMITS,
    mfaConfiguration: described.MfaConfiguration ?? 'OFF',
    simulationSecret: createHmac('sha256', options.simulationSecret).update(id).digest('base64url'),
    creationDate: described.CreationDate?.getTime() ?? 0,
    lastModifiedDate: described.LastModifiedDate?.getTime() ?? 0,
  };
}

/** Maps a described app client to the core model. @internal */
export function toAppClient(described: UserPoolClientType, userPoolId: string): AppClient {
  return {
    clientId: described.ClientId ?? '',
    clientName: described.ClientName ?? '',
    userPoolId: described.UserPoolId ?? userPoolId,
    clientSecret: described.ClientSecret,
    preventUserExistenceErrors: described.PreventUserExistenceErrors === 'ENABLED' ? 'ENABLED' : 'LEGACY',
    creationDate: described.CreationDate?.getTime() ?? 0,
    lastModifiedDate: described.LastModifiedDate?.getTime() ?? 0,
  };
}
