/**
 * `CreateUserPool`: creates a pool with the settings the recovery flow reads.
 *
 * @module
 */
import { createHmac } from 'node:crypto';
import { err, ok, type Result } from 'neverthrow';
import { cognitoError, fromPortFailure, messages, type CognitoError } from '../errors.js';
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
import { ALPHANUMERICS, randomString } from '../rules/identifiers.js';
import { SHAPES, type InputMembers, type Shape, type StringShape } from '../rules/input-constraints.js';
import { toUserPoolType } from '../wire/mapping.js';
import type {
  AccountRecoverySettingType,
  AdminCreateUserConfigType,
  CustomSenderLambdaType,
  EmailConfigurationType,
  LambdaConfigType,
  MessageTemplateType,
  PasswordPolicyType,
  RecoveryOptionType,
  SmsConfigurationType,
  UserPoolPolicyType,
  UserPoolType,
  UserAttributeUpdateSettingsType,
  UsernameConfigurationType,
  VerificationMessageTemplateType,
} from '../wire/types.js';
import { operation } from './shared/operation.js';
import type { RequestError } from './shared/request-errors.js';

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
  /** `AllowAdminCreateUserOnly` (R23.3) and the invitation template; `UnusedAccountValidityDays` is accepted, not kept. */
  readonly AdminCreateUserConfig?: AdminCreateUserConfigType;
  /** Accepted, not modelled. */
  readonly DeviceConfiguration?: unknown;
  /** R24.5: attributes (each auto-verified) whose new value stays pending until verified. */
  readonly UserAttributeUpdateSettings?: UserAttributeUpdateSettingsType;
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

/** The ports CreateUserPool uses. @group Use cases */
export type CreateUserPoolDeps = Pick<Ports, 'pools' | 'clock' | 'random' | 'secrets'>;

/**
 * D4: the pool's simulation secret, derived from the recovery's code key and the pool id (HMAC with a
 * label of its own), so a configured key gives the same simulated answers after a restart.
 */
function simulationSecretOf(secrets: Ports['secrets'], poolId: string): string {
  return createHmac('sha256', secrets.codeKey).update('simulation\u0000').update(poolId).digest('base64url');
}

/** Settings of {@link createUserPool}. @group Use cases */
export interface CreateUserPoolOptions {
  /** Region of generated pool ids (`<region>_<9 alphanumerics>`). */
  readonly region: string;
}

const ARN = '[\\w+=/,.@-]+';
const arnShape: StringShape = { type: 'string', min: 20, max: 2048, pattern: `arn:${ARN}:${ARN}:(${ARN.slice(0, -1)}*)?:[0-9]+:${ARN}(:${ARN})?(:${ARN})?` };
const functionRef: StringShape = { type: 'string', min: 1, max: 2048 };
const customSender: Shape = {
  type: 'structure',
  members: {
    LambdaVersion: { shape: { type: 'string', enum: ['V1_0'] }, required: true },
    LambdaArn: { shape: functionRef, required: true },
  } satisfies InputMembers<CustomSenderLambdaType>,
};
const int = (min: number, max: number): Shape => ({ type: 'integer', min, max });
const enumList = (values: readonly string[]): Shape => ({ type: 'list', member: { type: 'string', enum: values } });

/** Members of {@link CreateUserPoolInput} accepted without validation: the model does not keep them. */
type UnvalidatedPoolMember =
  | 'Schema'
  | 'UserPoolTags'
  | 'DeletionProtection'
  | 'DeviceConfiguration'
  | 'UserPoolAddOns'
  | 'SmsAuthenticationMessage'
  | 'EmailAuthenticationMessage'
  | 'EmailAuthenticationSubject'
  | 'UserPoolTier';

/** The model's input members, plus the extension members `Id` and `RecoveryLimits`. @internal */
export const CREATE_USER_POOL_INPUT = {
  PoolName: { shape: SHAPES.poolName, required: true },
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
            } satisfies InputMembers<PasswordPolicyType>,
          },
        },
      } satisfies InputMembers<UserPoolPolicyType, 'SignInPolicy'>,
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
      } satisfies InputMembers<LambdaConfigType, 'PreTokenGenerationConfig'>,
    },
  },
  AutoVerifiedAttributes: { shape: enumList(['phone_number', 'email']) },
  AliasAttributes: { shape: enumList(['phone_number', 'email', 'preferred_username']) },
  UsernameAttributes: { shape: enumList(['phone_number', 'email']) },
  SmsVerificationMessage: { shape: SHAPES.smsVerificationMessage },
  EmailVerificationMessage: { shape: SHAPES.emailVerificationMessage },
  EmailVerificationSubject: { shape: SHAPES.emailVerificationSubject },
  VerificationMessageTemplate: {
    shape: {
      type: 'structure',
      members: {
        SmsMessage: { shape: SHAPES.smsVerificationMessage },
        EmailMessage: { shape: SHAPES.emailVerificationMessage },
        EmailSubject: { shape: SHAPES.emailVerificationSubject },
        EmailMessageByLink: { shape: { type: 'string', min: 6, max: SHAPES.emailVerificationMessage.max } },
        EmailSubjectByLink: { shape: SHAPES.emailVerificationSubject },
        DefaultEmailOption: { shape: { type: 'string', enum: ['CONFIRM_WITH_LINK', 'CONFIRM_WITH_CODE'] } },
      } satisfies InputMembers<VerificationMessageTemplateType>,
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
      } satisfies InputMembers<EmailConfigurationType>,
    },
  },
  SmsConfiguration: {
    shape: {
      type: 'structure',
      members: {
        SnsCallerArn: { shape: arnShape, required: true },
        ExternalId: { shape: { type: 'string' } },
        SnsRegion: { shape: { type: 'string', min: 5, max: 32, pattern: '[-\\w]+' } },
      } satisfies InputMembers<SmsConfigurationType>,
    },
  },
  UsernameConfiguration: {
    shape: { type: 'structure', members: { CaseSensitive: { shape: { type: 'boolean' }, required: true } } satisfies InputMembers<UsernameConfigurationType> },
  },
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
              } satisfies InputMembers<RecoveryOptionType>,
            },
          },
        },
      } satisfies InputMembers<AccountRecoverySettingType>,
    },
  },
  AdminCreateUserConfig: {
    shape: {
      type: 'structure',
      members: {
        AllowAdminCreateUserOnly: { shape: { type: 'boolean' } },
        UnusedAccountValidityDays: { shape: int(0, 365) },
        InviteMessageTemplate: {
          shape: {
            type: 'structure',
            members: {
              // SmsInviteMessageType, EmailInviteMessageType, EmailVerificationSubjectType.
              // SmsInviteMessageType's pattern `(?s).*` accepts any text (and is no JavaScript regex).
              SMSMessage: { shape: { type: 'string', min: 6, max: 140 } },
              EmailMessage: { shape: { type: 'string', min: 6, max: 20000, pattern: String.raw`[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*` } },
              EmailSubject: { shape: SHAPES.emailVerificationSubject },
            } satisfies InputMembers<MessageTemplateType>,
          },
        },
      } satisfies InputMembers<AdminCreateUserConfigType>,
    },
  },
  UserAttributeUpdateSettings: {
    shape: {
      type: 'structure',
      members: {
        AttributesRequireVerificationBeforeUpdate: { shape: enumList(['phone_number', 'email']) },
      } satisfies InputMembers<UserAttributeUpdateSettingsType>,
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
      } satisfies InputMembers<RecoveryLimitsInput>,
    },
  },
} as const satisfies InputMembers<CreateUserPoolInput, UnvalidatedPoolMember>;

function invalid(message: string): CognitoError<'InvalidParameterException'> {
  return cognitoError('InvalidParameterException', message);
}

/** R5.1, R5.5: distinct priorities and names; `admin_only` alone. */
function recoveryMechanisms(
  setting: AccountRecoverySettingType | undefined,
): Result<readonly RecoveryMechanism[] | undefined, CognitoError<'InvalidParameterException'>> {
  const list = setting?.RecoveryMechanisms;
  if (setting === undefined) return ok(undefined);
  if (list === undefined) return err(invalid(messages.recoveryMechanismsMissing));
  if (new Set(list.map((m) => m.Priority)).size !== list.length) return err(invalid(messages.recoveryPrioritiesDuplicate));
  if (new Set(list.map((m) => m.Name)).size !== list.length) return err(invalid(messages.recoveryMechanismsDuplicate));
  if (list.length > 1 && list.some((m) => m.Name === 'admin_only')) return err(invalid(messages.adminOnlyCombined));
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
    return err(invalid(messages.kmsKeyRequired));
  }
  return ok({
    customMessage: l.CustomMessage,
    userMigration: l.UserMigration,
    postConfirmation: l.PostConfirmation,
    preSignUp: l.PreSignUp,
    preAuthentication: l.PreAuthentication,
    postAuthentication: l.PostAuthentication,
    preTokenGeneration: l.PreTokenGeneration,
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
function poolSettings(
  request: CreateUserPoolInput,
): Result<Omit<UserPool, 'id' | 'region' | 'simulationSecret' | 'creationDate' | 'lastModifiedDate'>, CognitoError<'InvalidParameterException'>> {
  const aliasAttributes = [...new Set(request.AliasAttributes ?? [])];
  const usernameAttributes = [...new Set(request.UsernameAttributes ?? [])];
  if (aliasAttributes.length > 0 && usernameAttributes.length > 0) {
    return err(invalid(messages.aliasAndUsernameAttributes));
  }
  const poolLimits = limits(request.RecoveryLimits);
  // D9: the limits bound the code guesses an attacker gets per user per day.
  const dailyGuesses = poolLimits.failedConfirmAttempts * Math.ceil(86_400 / poolLimits.windowSeconds);
  if (dailyGuesses > MAX_DAILY_GUESSES) {
    return err(invalid(messages.tooManyDailyGuesses(dailyGuesses, MAX_DAILY_GUESSES)));
  }
  const autoVerifiedAttributes = [...new Set(request.AutoVerifiedAttributes ?? [])];
  // R5.7: a pool that auto-verifies phone numbers must be able to send SMS.
  if (autoVerifiedAttributes.includes('phone_number') && request.SmsConfiguration === undefined) {
    return err(invalid(messages.smsConfigurationRequired));
  }
  const email = request.EmailConfiguration;
  const emailSendingAccount = email?.EmailSendingAccount ?? 'COGNITO_DEFAULT';
  if (emailSendingAccount === 'DEVELOPER' && email?.SourceArn === undefined) {
    return err(invalid(messages.sourceArnRequired));
  }
  // R24.5: only auto-verified attributes can wait for verification before an update.
  const verifyBeforeUpdate = [...new Set(request.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [])];
  if (verifyBeforeUpdate.some((a) => !autoVerifiedAttributes.includes(a))) return err(invalid(messages.verificationBeforeUpdateNotAutoVerified));
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
    attributesRequireVerificationBeforeUpdate: verifyBeforeUpdate,
    allowAdminCreateUserOnly: request.AdminCreateUserConfig?.AllowAdminCreateUserOnly ?? false,
    inviteMessage: inviteMessage(request.AdminCreateUserConfig?.InviteMessageTemplate),
  });
}

/** `InviteMessageTemplate` into the model (only the given fields), or `undefined` when absent. */
function inviteMessage(t: MessageTemplateType | undefined): UserPool['inviteMessage'] {
  if (t === undefined) return undefined;
  return { emailSubject: t.EmailSubject, emailMessage: t.EmailMessage, smsMessage: t.SMSMessage };
}

/**
 * Builds the `CreateUserPool` operation: input constraints, then the cross-member rules (aliases or
 * username attributes, recovery mechanisms, custom senders need a KMS key, phone auto-verification
 * needs SMS, `AttributesRequireVerificationBeforeUpdate` only names auto-verified attributes: R24.5),
 * then the pool is stored. `AdminCreateUserConfig` gives `AllowAdminCreateUserOnly` (R23.3) and the
 * invitation template AdminCreateUser sends (`UnusedAccountValidityDays` is accepted, not kept). `AccountRecoverySetting` is kept only when given (R5.4).
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
export function createUserPool(deps: CreateUserPoolDeps, options: CreateUserPoolOptions) {
  return operation(CREATE_USER_POOL_INPUT, async (request: CreateUserPoolInput): Promise<Result<CreateUserPoolOutput, RequestError>> => {
    const settings = poolSettings(request);
    if (settings.isErr()) return err(settings.error);
    const id = request.Id ?? `${options.region}_${randomString(deps.random, ALPHANUMERICS, 9)}`;
    const existing = await deps.pools.getPool(id);
    if (existing.isErr()) return err(fromPortFailure(existing.error));
    if (existing.value !== undefined) return err(invalid(messages.poolExists(id)));
    const now = deps.clock.now();
    const pool: UserPool = {
      ...settings.value,
      id,
      region: id.slice(0, id.lastIndexOf('_')),
      simulationSecret: simulationSecretOf(deps.secrets, id),
      creationDate: now,
      lastModifiedDate: now,
    };
    const put = await deps.pools.putPool(pool);
    return put.isErr() ? err(fromPortFailure(put.error)) : ok({ UserPool: toUserPoolType(pool, 0) });
  });
}
