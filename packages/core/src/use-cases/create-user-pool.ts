/**
 * `CreateUserPool`: creates a pool with the settings the recovery flow reads.
 *
 * @module
 */
import { err, ok, safeTry, type Result, type ResultAsync } from 'neverthrow';
import { cognitoError, fromPortFailure, type CognitoError } from '../errors.js';
import {
  DEFAULT_LIMITS,
  MAX_DAILY_GUESSES,
  DEFAULT_PASSWORD_POLICY,
  type AliasAttribute,
  type LambdaConfig,
  type PasswordPolicy,
  type RecoveryLimits,
  type RecoveryMechanism,
  type UserPool,
  type UsernameAttribute,
} from '../model/user-pool.js';
import type { Ports } from '../ports/index.js';
import { PATTERNS, SHAPES, validateInput, type Member, type Shape, type StringShape } from '../rules/input-constraints.js';
import { ALPHANUMERICS, randomString } from './shared/identifiers.js';
import {
  toUserPoolType,
  type AccountRecoverySettingType,
  type EmailConfigurationType,
  type LambdaConfigType,
  type SmsConfigurationType,
  type UserPoolPolicyType,
  type UserPoolType,
  type UsernameConfigurationType,
  type VerificationMessageTemplateType,
} from './shared/wire-mapping.js';

/**
 * Extension member `RecoveryLimits` of {@link CreateUserPoolInput}: the per-pool options of D8, D9 and
 * D16. Real Cognito has no such member (SDK clients cannot send it); the local configuration and
 * in-process callers can.
 *
 * @group Use cases
 */
export interface RecoveryLimitsInput {
  /** Code validity, 60–86400 seconds (D8: 3600). */
  readonly CodeValiditySeconds?: number;
  /** ForgotPassword requests per user per window, 5–20 (D9: 5). */
  readonly ForgotPasswordRequestsPerWindow?: number;
  /**
   * Failed ConfirmForgotPassword attempts per user per window, 1–100 (D9: 5); with the window, at most
   * `MAX_DAILY_GUESSES` guesses per user per day.
   */
  readonly FailedConfirmAttemptsPerWindow?: number;
  /** Sliding window, 60–86400 seconds (D9: 3600). */
  readonly WindowSeconds?: number;
  /** Trigger timeout, 100–30000 ms (D16: 5000). */
  readonly TriggerTimeoutMs?: number;
}

/**
 * `CreateUserPoolRequest`. Members the model does not keep (`Schema`, `UserPoolTags`,
 * `DeletionProtection`, …) are accepted and ignored. `Id` and `RecoveryLimits` are extension members
 * (not in Cognito's API): a fixed pool id for reproducible test setups, and the flow's limits.
 *
 * @group Use cases
 */
export interface CreateUserPoolInput {
  /** 1–128 characters of `[\w\s+=,.@-]`. */
  readonly PoolName: string;
  /** R3.2; exclusive with `UsernameAttributes`. */
  readonly AliasAttributes?: readonly AliasAttribute[];
  /** R3.3; exclusive with `AliasAttributes`. */
  readonly UsernameAttributes?: readonly UsernameAttribute[];
  /** R3.4; `CaseSensitive` defaults to `true`. */
  readonly UsernameConfiguration?: UsernameConfigurationType;
  /** R5.1; absent means the legacy rule of R5.4. */
  readonly AccountRecoverySetting?: AccountRecoverySettingType;
  /** `PasswordPolicy` (R7.6). */
  readonly Policies?: UserPoolPolicyType;
  /** D11. */
  readonly VerificationMessageTemplate?: VerificationMessageTemplateType;
  /** Legacy form of `VerificationMessageTemplate.EmailMessage`. */
  readonly EmailVerificationMessage?: string;
  /** Legacy form of `VerificationMessageTemplate.EmailSubject`. */
  readonly EmailVerificationSubject?: string;
  /** Legacy form of `VerificationMessageTemplate.SmsMessage`. */
  readonly SmsVerificationMessage?: string;
  /** `email` and/or `phone_number` (phone needs `SmsConfiguration`). */
  readonly AutoVerifiedAttributes?: readonly ('email' | 'phone_number')[];
  /** R5.7, D13. */
  readonly SmsConfiguration?: SmsConfigurationType;
  /** R5.7. */
  readonly EmailConfiguration?: EmailConfigurationType;
  /** §9. */
  readonly LambdaConfig?: LambdaConfigType;
  /** `OFF` (default), `ON` or `OPTIONAL`. */
  readonly MfaConfiguration?: 'OFF' | 'ON' | 'OPTIONAL';
  /** Accepted, not modelled. */
  readonly Schema?: readonly unknown[];
  /** Accepted, not modelled. */
  readonly UserPoolTags?: Readonly<Record<string, string>>;
  /** Accepted, not modelled. */
  readonly DeletionProtection?: 'ACTIVE' | 'INACTIVE';
  /** Accepted, not modelled. */
  readonly AdminCreateUserConfig?: unknown;
  /** Accepted, not modelled. */
  readonly DeviceConfiguration?: unknown;
  /** Accepted, not modelled. */
  readonly UserAttributeUpdateSettings?: unknown;
  /** Accepted, not modelled. */
  readonly UserPoolAddOns?: unknown;
  /** Accepted, not modelled. */
  readonly SmsAuthenticationMessage?: string;
  /** Accepted, not modelled. */
  readonly EmailAuthenticationMessage?: string;
  /** Accepted, not modelled. */
  readonly EmailAuthenticationSubject?: string;
  /** Accepted, not modelled. */
  readonly UserPoolTier?: string;
  /** Extension: a fixed `<region>_<id>` (pattern `[\w-]+_[0-9a-zA-Z]+`); generated when absent. */
  readonly Id?: string;
  /** Extension: the flow's limits (D8, D9, D16); {@link DEFAULT_LIMITS} where omitted. */
  readonly RecoveryLimits?: RecoveryLimitsInput;
}

/** `CreateUserPoolResponse`. @group Use cases */
export interface CreateUserPoolOutput {
  /** The new pool. */
  readonly UserPool: UserPoolType;
}

/** Every error CreateUserPool can answer with. @group Use cases */
export type CreateUserPoolError = CognitoError<'InvalidParameterException' | 'SerializationException' | 'InternalErrorException' | 'TooManyRequestsException'>;

/** The ports CreateUserPool uses. @group Use cases */
export type CreateUserPoolDeps = Pick<Ports, 'pools' | 'clock' | 'random'>;

/** Settings of {@link createUserPool}. @group Use cases */
export interface CreateUserPoolOptions {
  /** Region of generated pool ids (`<region>_<9 alphanumerics>`). */
  readonly region: string;
}

const ARN = '[\\w+=/,.@-]+';
const arnShape: StringShape = { type: 'string', min: 20, max: 2048, pattern: `arn:${ARN}:${ARN}:(${ARN.slice(0, -1)}*)?:[0-9]+:${ARN}(:${ARN})?(:${ARN})?` };
const functionRef: StringShape = { type: 'string', min: 1, max: 2048 };
const smsMessage: StringShape = { type: 'string', min: 6, max: 140, pattern: '.*\\{####\\}.*' };
const emailMessage: StringShape = { type: 'string', min: 6, max: 20000, pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*' };
const emailSubject: StringShape = { type: 'string', min: 1, max: 140, pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s]+' };
const customSender: Shape = {
  type: 'structure',
  members: {
    LambdaVersion: { shape: { type: 'string', enum: ['V1_0'] }, required: true },
    LambdaArn: { shape: functionRef, required: true },
  },
};
const int = (min: number, max: number): Shape => ({ type: 'integer', min, max });
const enumList = (values: readonly string[]): Shape => ({ type: 'list', member: { type: 'string', enum: values } });

/** The model's input members, plus the extension members `Id` and `RecoveryLimits`. @internal */
export const CREATE_USER_POOL_INPUT: Readonly<Record<string, Member>> = {
  PoolName: { shape: { type: 'string', min: 1, max: 128, pattern: PATTERNS.poolName }, required: true },
  Policies: {
    shape: {
      type: 'structure',
      members: {
        PasswordPolicy: {
          shape: {
            type: 'structure',
            members: {
              MinimumLength: { shape: int(6, 99) },
              RequireUppercase: { shape: { type: 'boolean' } },
              RequireLowercase: { shape: { type: 'boolean' } },
              RequireNumbers: { shape: { type: 'boolean' } },
              RequireSymbols: { shape: { type: 'boolean' } },
              PasswordHistorySize: { shape: int(0, 24) },
              TemporaryPasswordValidityDays: { shape: int(0, 365) },
            },
          },
        },
      },
    },
  },
  LambdaConfig: {
    shape: {
      type: 'structure',
      members: {
        PreSignUp: { shape: functionRef },
        CustomMessage: { shape: functionRef },
        PostConfirmation: { shape: functionRef },
        PreAuthentication: { shape: functionRef },
        PostAuthentication: { shape: functionRef },
        DefineAuthChallenge: { shape: functionRef },
        CreateAuthChallenge: { shape: functionRef },
        VerifyAuthChallengeResponse: { shape: functionRef },
        PreTokenGeneration: { shape: functionRef },
        UserMigration: { shape: functionRef },
        CustomSMSSender: { shape: customSender },
        CustomEmailSender: { shape: customSender },
        KMSKeyID: { shape: functionRef },
      },
    },
  },
  AutoVerifiedAttributes: { shape: enumList(['phone_number', 'email']) },
  AliasAttributes: { shape: enumList(['phone_number', 'email', 'preferred_username']) },
  UsernameAttributes: { shape: enumList(['phone_number', 'email']) },
  SmsVerificationMessage: { shape: smsMessage },
  EmailVerificationMessage: { shape: emailMessage },
  EmailVerificationSubject: { shape: emailSubject },
  VerificationMessageTemplate: {
    shape: {
      type: 'structure',
      members: {
        SmsMessage: { shape: smsMessage },
        EmailMessage: { shape: emailMessage },
        EmailSubject: { shape: emailSubject },
        EmailMessageByLink: { shape: { type: 'string', min: 6, max: 20000 } },
        EmailSubjectByLink: { shape: emailSubject },
        DefaultEmailOption: { shape: { type: 'string', enum: ['CONFIRM_WITH_LINK', 'CONFIRM_WITH_CODE'] } },
      },
    },
  },
  MfaConfiguration: { shape: { type: 'string', enum: ['OFF', 'ON', 'OPTIONAL'] } },
  EmailConfiguration: {
    shape: {
      type: 'structure',
      members: {
        SourceArn: { shape: arnShape },
        ReplyToEmailAddress: { shape: { type: 'string', pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+@[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+' } },
        EmailSendingAccount: { shape: { type: 'string', enum: ['COGNITO_DEFAULT', 'DEVELOPER'] } },
        From: { shape: { type: 'string' } },
        ConfigurationSet: { shape: { type: 'string', min: 1, max: 64, pattern: '^[a-zA-Z0-9_-]+$' } },
      },
    },
  },
  SmsConfiguration: {
    shape: {
      type: 'structure',
      members: {
        SnsCallerArn: { shape: arnShape, required: true },
        ExternalId: { shape: { type: 'string' } },
        SnsRegion: { shape: { type: 'string', min: 5, max: 32, pattern: '[-\\w]+' } },
      },
    },
  },
  UsernameConfiguration: { shape: { type: 'structure', members: { CaseSensitive: { shape: { type: 'boolean' }, required: true } } } },
  AccountRecoverySetting: {
    shape: {
      type: 'structure',
      members: {
        RecoveryMechanisms: {
          shape: {
            type: 'list',
            min: 1,
            max: 2,
            member: {
              type: 'structure',
              members: {
                Priority: { shape: int(1, 2), required: true },
                Name: { shape: { type: 'string', enum: ['verified_email', 'verified_phone_number', 'admin_only'] }, required: true },
              },
            },
          },
        },
      },
    },
  },
  Id: { shape: SHAPES.userPoolId },
  RecoveryLimits: {
    shape: {
      type: 'structure',
      members: {
        CodeValiditySeconds: { shape: int(60, 86400) },
        ForgotPasswordRequestsPerWindow: { shape: int(5, 20) },
        FailedConfirmAttemptsPerWindow: { shape: int(1, 100) },
        WindowSeconds: { shape: int(60, 86400) },
        TriggerTimeoutMs: { shape: int(100, 30000) },
      },
    },
  },
};

function invalid(message: string): CognitoError<'InvalidParameterException'> {
  return cognitoError('InvalidParameterException', message);
}

/** R5.1, R5.5: distinct priorities and names; `admin_only` alone. */
function recoveryMechanisms(setting: AccountRecoverySettingType | undefined): Result<readonly RecoveryMechanism[] | undefined, CognitoError<'InvalidParameterException'>> {
  const list = setting?.RecoveryMechanisms;
  if (setting === undefined) return ok(undefined);
  if (list === undefined) return err(invalid('AccountRecoverySetting must have at least one recovery mechanism.'));
  if (new Set(list.map((m) => m.Priority)).size !== list.length) return err(invalid('AccountRecoverySetting has duplicate priorities: each recovery mechanism needs its own priority.'));
  if (new Set(list.map((m) => m.Name)).size !== list.length) return err(invalid('AccountRecoverySetting has duplicate recovery mechanisms.'));
  if (list.length > 1 && list.some((m) => m.Name === 'admin_only')) return err(invalid('admin_only cannot be combined with another recovery mechanism.'));
  return ok([...list].sort((a, b) => a.Priority - b.Priority).map((m) => ({ priority: m.Priority === 1 ? 1 : 2, name: m.Name })));
}

/**
 * The password policy: Cognito's defaults when `PasswordPolicy` is absent; when it is given, an
 * omitted `MinimumLength` is 8, omitted `Require*` flags are `false` (as Cognito stores a partial
 * policy), history 0 and temporary validity 7 days.
 */
function passwordPolicy(policies: UserPoolPolicyType | undefined): PasswordPolicy {
  const p = policies?.PasswordPolicy;
  if (p === undefined) return DEFAULT_PASSWORD_POLICY;
  return {
    minimumLength: p.MinimumLength ?? DEFAULT_PASSWORD_POLICY.minimumLength,
    requireUppercase: p.RequireUppercase ?? false,
    requireLowercase: p.RequireLowercase ?? false,
    requireNumbers: p.RequireNumbers ?? false,
    requireSymbols: p.RequireSymbols ?? false,
    passwordHistorySize: p.PasswordHistorySize ?? DEFAULT_PASSWORD_POLICY.passwordHistorySize,
    temporaryPasswordValidityDays: p.TemporaryPasswordValidityDays ?? DEFAULT_PASSWORD_POLICY.temporaryPasswordValidityDays,
  };
}

function lambdaConfig(l: LambdaConfigType | undefined): Result<LambdaConfig, CognitoError<'InvalidParameterException'>> {
  if (l === undefined) return ok({});
  if ((l.CustomEmailSender !== undefined || l.CustomSMSSender !== undefined) && l.KMSKeyID === undefined) {
    return err(invalid('KMSKeyID is required when CustomEmailSender or CustomSMSSender is configured.'));
  }
  return ok({
    customMessage: l.CustomMessage,
    userMigration: l.UserMigration,
    postConfirmation: l.PostConfirmation,
    preSignUp: l.PreSignUp,
    customEmailSender: l.CustomEmailSender?.LambdaArn,
    customSmsSender: l.CustomSMSSender?.LambdaArn,
    kmsKeyId: l.KMSKeyID,
  });
}

function limits(l: RecoveryLimitsInput | undefined): RecoveryLimits {
  return {
    codeValiditySeconds: l?.CodeValiditySeconds ?? DEFAULT_LIMITS.codeValiditySeconds,
    windowSeconds: l?.WindowSeconds ?? DEFAULT_LIMITS.windowSeconds,
    forgotPasswordRequests: l?.ForgotPasswordRequestsPerWindow ?? DEFAULT_LIMITS.forgotPasswordRequests,
    failedConfirmAttempts: l?.FailedConfirmAttemptsPerWindow ?? DEFAULT_LIMITS.failedConfirmAttempts,
    triggerTimeoutMs: l?.TriggerTimeoutMs ?? DEFAULT_LIMITS.triggerTimeoutMs,
  };
}

/** Turns a validated request into the model's pool (everything but id, dates and secret). */
function poolSettings(request: CreateUserPoolInput): Result<Omit<UserPool, 'id' | 'region' | 'simulationSecret' | 'creationDate' | 'lastModifiedDate'>, CognitoError<'InvalidParameterException'>> {
  const aliasAttributes = [...new Set(request.AliasAttributes ?? [])];
  const usernameAttributes = [...new Set(request.UsernameAttributes ?? [])];
  if (aliasAttributes.length > 0 && usernameAttributes.length > 0) {
    return err(invalid('Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.'));
  }
  const poolLimits = limits(request.RecoveryLimits);
  // D9: the limits bound the code guesses an attacker gets per user per day.
  const dailyGuesses = poolLimits.failedConfirmAttempts * Math.ceil(86_400 / poolLimits.windowSeconds);
  if (dailyGuesses > MAX_DAILY_GUESSES) {
    return err(invalid(`RecoveryLimits allow ${dailyGuesses} code guesses per user per day; at most ${MAX_DAILY_GUESSES} are allowed (FailedConfirmAttemptsPerWindow × windows per day).`));
  }
  const autoVerifiedAttributes = [...new Set(request.AutoVerifiedAttributes ?? [])];
  // R5.7: a pool that auto-verifies phone numbers must be able to send SMS.
  if (autoVerifiedAttributes.includes('phone_number') && request.SmsConfiguration === undefined) {
    return err(invalid('SMS configuration is required when phone_number is selected for auto verification'));
  }
  const email = request.EmailConfiguration;
  const emailSendingAccount = email?.EmailSendingAccount ?? 'COGNITO_DEFAULT';
  if (emailSendingAccount === 'DEVELOPER' && email?.SourceArn === undefined) {
    return err(invalid('SourceArn is required when EmailSendingAccount is DEVELOPER.'));
  }
  const mechanisms = recoveryMechanisms(request.AccountRecoverySetting);
  if (mechanisms.isErr()) return err(mechanisms.error);
  const lambdas = lambdaConfig(request.LambdaConfig);
  if (lambdas.isErr()) return err(lambdas.error);
  const template = request.VerificationMessageTemplate;
  const sms = request.SmsConfiguration;
  return ok({
    name: request.PoolName,
    aliasAttributes,
    usernameAttributes,
    caseSensitive: request.UsernameConfiguration?.CaseSensitive ?? true, // R3.4: the API default
    recoveryMechanisms: mechanisms.value,
    autoVerifiedAttributes,
    passwordPolicy: passwordPolicy(request.Policies),
    verificationMessage: {
      emailSubject: template?.EmailSubject ?? request.EmailVerificationSubject,
      emailMessage: template?.EmailMessage ?? request.EmailVerificationMessage,
      smsMessage: template?.SmsMessage ?? request.SmsVerificationMessage,
    },
    emailConfiguration: {
      emailSendingAccount,
      sourceArn: email?.SourceArn,
      from: email?.From,
      replyToEmailAddress: email?.ReplyToEmailAddress,
      configurationSet: email?.ConfigurationSet,
    },
    smsConfiguration: sms === undefined ? undefined : { snsCallerArn: sms.SnsCallerArn, externalId: sms.ExternalId, snsRegion: sms.SnsRegion },
    lambdaConfig: lambdas.value,
    limits: poolLimits,
    mfaConfiguration: request.MfaConfiguration ?? 'OFF',
  });
}

/**
 * Builds the `CreateUserPool` operation: input constraints, then the cross-member rules (aliases or
 * username attributes, recovery mechanisms, custom senders need a KMS key, phone auto-verification
 * needs SMS), then the pool is stored. `AccountRecoverySetting` is kept only when given (R5.4).
 * A fixed `Id` already in use is `InvalidParameterException` `User pool <id> already exists.`
 *
 * @example
 * ```ts
 * const create = createUserPool(ports, { region: 'us-east-1' });
 * const result = await create({ PoolName: 'app', AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
 * if (result.isOk()) console.log(result.value.UserPool.Id); // 'us-east-1_Ab3dE5gH9'
 * ```
 * @group Use cases
 */
export function createUserPool(deps: CreateUserPoolDeps, options: CreateUserPoolOptions): (input: CreateUserPoolInput) => ResultAsync<CreateUserPoolOutput, CreateUserPoolError> {
  return (input) =>
    safeTry<CreateUserPoolOutput, CreateUserPoolError>(async function* () {
      const request = yield* validateInput<CreateUserPoolInput>(CREATE_USER_POOL_INPUT, input);
      const settings = yield* poolSettings(request);
      const id = request.Id ?? `${options.region}_${randomString(deps.random, ALPHANUMERICS, 9)}`;
      const existing = yield* deps.pools.getPool(id).mapErr(fromPortFailure);
      if (existing !== undefined) return err(invalid(`User pool ${id} already exists.`));
      const now = deps.clock.now();
      const pool: UserPool = {
        ...settings,
        id,
        region: id.slice(0, id.lastIndexOf('_')),
        simulationSecret: Buffer.from(deps.random.bytes(32)).toString('base64'),
        creationDate: now,
        lastModifiedDate: now,
      };
      yield* deps.pools.putPool(pool).mapErr(fromPortFailure);
      return ok({ UserPool: toUserPoolType(pool, 0) });
    });
}
