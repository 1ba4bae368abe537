/**
 * The directory operations' wire shapes (SDK field names) and the mappings from the model to them.
 * Timestamps leave as epoch **seconds**: the JSON protocol sends `CreationDate` and friends as
 * numbers of seconds.
 *
 * @module
 */
import type { AppClient, PreventUserExistenceErrors } from '../../model/app-client.js';
import type { AliasAttribute, RecoveryMechanismName, UserPool, UsernameAttribute } from '../../model/user-pool.js';
import type { Attributes, User, UserStatus } from '../../model/user.js';
import type { AttributeType } from './types.js';

/** `PasswordPolicyType`. @group Use cases */
export interface PasswordPolicyType {
  /** 6–99. */
  readonly MinimumLength?: number;
  /** Require a Basic Latin upper-case letter. */
  readonly RequireUppercase?: boolean;
  /** Require a Basic Latin lower-case letter. */
  readonly RequireLowercase?: boolean;
  /** Require a digit. */
  readonly RequireNumbers?: boolean;
  /** Require a symbol. */
  readonly RequireSymbols?: boolean;
  /** 0–24 previous passwords that may not be reused. */
  readonly PasswordHistorySize?: number;
  /** 0–365 days a temporary password stays valid. */
  readonly TemporaryPasswordValidityDays?: number;
}

/** `UserPoolPolicyType`. @group Use cases */
export interface UserPoolPolicyType {
  /** The password policy. */
  readonly PasswordPolicy?: PasswordPolicyType;
  /** `SignInPolicy` (accepted, not modelled). */
  readonly SignInPolicy?: unknown;
}

/** `RecoveryOptionType` (R5.1). @group Use cases */
export interface RecoveryOptionType {
  /** 1 (highest) or 2. */
  readonly Priority: number;
  /** The mechanism. */
  readonly Name: RecoveryMechanismName;
}

/** `AccountRecoverySettingType` (R5.1). @group Use cases */
export interface AccountRecoverySettingType {
  /** 1–2 mechanisms with distinct priorities. */
  readonly RecoveryMechanisms?: readonly RecoveryOptionType[];
}

/** `UsernameConfigurationType` (R3.4). @group Use cases */
export interface UsernameConfigurationType {
  /** `true` (the API default) compares usernames exactly. */
  readonly CaseSensitive: boolean;
}

/** `VerificationMessageTemplateType` (D11). @group Use cases */
export interface VerificationMessageTemplateType {
  /** SMS body with `{####}`. */
  readonly SmsMessage?: string;
  /** Email body with `{####}`. */
  readonly EmailMessage?: string;
  /** Email subject. */
  readonly EmailSubject?: string;
  /** Link-style body (accepted, not modelled). */
  readonly EmailMessageByLink?: string;
  /** Link-style subject (accepted, not modelled). */
  readonly EmailSubjectByLink?: string;
  /** `CONFIRM_WITH_CODE` (the only style modelled) or `CONFIRM_WITH_LINK`. */
  readonly DefaultEmailOption?: 'CONFIRM_WITH_LINK' | 'CONFIRM_WITH_CODE';
}

/** `SmsConfigurationType` (R5.7). @group Use cases */
export interface SmsConfigurationType {
  /** IAM role that publishes through SNS. */
  readonly SnsCallerArn: string;
  /** External id of the role's trust policy. */
  readonly ExternalId?: string;
  /** SNS region. */
  readonly SnsRegion?: string;
}

/** `EmailConfigurationType` (R5.7). @group Use cases */
export interface EmailConfigurationType {
  /** SES identity ARN (DEVELOPER). */
  readonly SourceArn?: string;
  /** Reply-to address. */
  readonly ReplyToEmailAddress?: string;
  /** `COGNITO_DEFAULT` (default) or `DEVELOPER`. */
  readonly EmailSendingAccount?: 'COGNITO_DEFAULT' | 'DEVELOPER';
  /** From address. */
  readonly From?: string;
  /** SES configuration set. */
  readonly ConfigurationSet?: string;
}

/** `CustomEmailLambdaVersionConfigType` / `CustomSMSLambdaVersionConfigType`. @group Use cases */
export interface CustomSenderLambdaType {
  /** Only `V1_0` exists. */
  readonly LambdaVersion: 'V1_0';
  /** The function (an ARN, or a local name for in-process triggers). */
  readonly LambdaArn: string;
}

/**
 * `LambdaConfigType`. The triggers of this flow are stored; the others are accepted and ignored. Function
 * references may be ARNs or, for in-process triggers, plain names.
 *
 * @group Use cases
 */
export interface LambdaConfigType {
  /** `CustomMessage_*`. */
  readonly CustomMessage?: string;
  /** `UserMigration_*`. */
  readonly UserMigration?: string;
  /** `PostConfirmation_*`. */
  readonly PostConfirmation?: string;
  /** `PreSignUp_*`. */
  readonly PreSignUp?: string;
  /** Custom email sender (needs `KMSKeyID`). */
  readonly CustomEmailSender?: CustomSenderLambdaType;
  /** Custom SMS sender (needs `KMSKeyID`). */
  readonly CustomSMSSender?: CustomSenderLambdaType;
  /** KMS key of the custom senders. */
  readonly KMSKeyID?: string;
  /** Accepted, not modelled. */
  readonly PreAuthentication?: string;
  /** Accepted, not modelled. */
  readonly PostAuthentication?: string;
  /** Accepted, not modelled. */
  readonly DefineAuthChallenge?: string;
  /** Accepted, not modelled. */
  readonly CreateAuthChallenge?: string;
  /** Accepted, not modelled. */
  readonly VerifyAuthChallengeResponse?: string;
  /** Accepted, not modelled. */
  readonly PreTokenGeneration?: string;
  /** Accepted, not modelled. */
  readonly PreTokenGenerationConfig?: unknown;
}

/** `UserPoolType`, as far as the model keeps it (never the pool's simulation secret). @group Use cases */
export interface UserPoolType {
  /** `<region>_<id>`. */
  readonly Id: string;
  /** `PoolName`. */
  readonly Name: string;
  /** `arn:aws:cognito-idp:<region>:000000000000:userpool/<id>`. */
  readonly Arn: string;
  /** R3.2; absent when none. */
  readonly AliasAttributes?: readonly AliasAttribute[];
  /** R3.3; absent when none. */
  readonly UsernameAttributes?: readonly UsernameAttribute[];
  /** R3.4. */
  readonly UsernameConfiguration: UsernameConfigurationType;
  /** Only when the pool was created with one (R5.4, §12.15). */
  readonly AccountRecoverySetting?: AccountRecoverySettingType;
  /** The password policy. */
  readonly Policies: { readonly PasswordPolicy: Required<PasswordPolicyType> };
  /** D11. */
  readonly VerificationMessageTemplate: VerificationMessageTemplateType;
  /** Legacy mirror of `VerificationMessageTemplate.EmailMessage`. */
  readonly EmailVerificationMessage?: string;
  /** Legacy mirror of `VerificationMessageTemplate.EmailSubject`. */
  readonly EmailVerificationSubject?: string;
  /** Legacy mirror of `VerificationMessageTemplate.SmsMessage`. */
  readonly SmsVerificationMessage?: string;
  /** Absent when none. */
  readonly AutoVerifiedAttributes?: readonly ('email' | 'phone_number')[];
  /** Absent when the pool cannot send SMS. */
  readonly SmsConfiguration?: SmsConfigurationType;
  /** R5.7. */
  readonly EmailConfiguration: EmailConfigurationType;
  /** The stored triggers. */
  readonly LambdaConfig: LambdaConfigType;
  /** `OFF`, `ON` or `OPTIONAL`. */
  readonly MfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL';
  /** Epoch seconds. */
  readonly CreationDate: number;
  /** Epoch seconds. */
  readonly LastModifiedDate: number;
  /** Users in the pool when asked. */
  readonly EstimatedNumberOfUsers: number;
}

/** `UserPoolClientType`, as far as the model keeps it. @group Use cases */
export interface UserPoolClientType {
  /** The pool. */
  readonly UserPoolId: string;
  /** `ClientName`. */
  readonly ClientName: string;
  /** `ClientId`. */
  readonly ClientId: string;
  /** Only when the client has a secret. */
  readonly ClientSecret?: string;
  /** R8.2. */
  readonly PreventUserExistenceErrors: PreventUserExistenceErrors;
  /** Epoch seconds. */
  readonly CreationDate: number;
  /** Epoch seconds. */
  readonly LastModifiedDate: number;
}

/** `MFAOptionType` (legacy SMS MFA). @group Use cases */
export interface MfaOptionType {
  /** `SMS`. */
  readonly DeliveryMedium?: 'SMS' | 'EMAIL';
  /** `phone_number`. */
  readonly AttributeName?: string;
}

/** `UserType`. @group Use cases */
export interface UserType {
  /** The canonical username (the sub in username-attribute pools, R3.3). */
  readonly Username: string;
  /** Every attribute, `sub` included. */
  readonly Attributes: readonly AttributeType[];
  /** Epoch seconds. */
  readonly UserCreateDate: number;
  /** Epoch seconds. */
  readonly UserLastModifiedDate: number;
  /** `Enabled`. */
  readonly Enabled: boolean;
  /** `UserStatus`. */
  readonly UserStatus: UserStatus;
}

/** Epoch milliseconds to the JSON protocol's epoch seconds. @internal */
export function epochSeconds(ms: number): number {
  return ms / 1000;
}

/** The pool's ARN, under the placeholder account `000000000000`. @internal */
export function poolArn(pool: Pick<UserPool, 'id' | 'region'>): string {
  return `arn:aws:cognito-idp:${pool.region}:000000000000:userpool/${pool.id}`;
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The pool's `LambdaConfig` on the wire. @internal */
export function toLambdaConfigType(pool: UserPool): LambdaConfigType {
  const l = pool.lambdaConfig;
  return defined({
    CustomMessage: l.customMessage,
    UserMigration: l.userMigration,
    PostConfirmation: l.postConfirmation,
    PreSignUp: l.preSignUp,
    CustomEmailSender: l.customEmailSender === undefined ? undefined : { LambdaVersion: 'V1_0' as const, LambdaArn: l.customEmailSender },
    CustomSMSSender: l.customSmsSender === undefined ? undefined : { LambdaVersion: 'V1_0' as const, LambdaArn: l.customSmsSender },
    KMSKeyID: l.kmsKeyId,
  });
}

/**
 * A pool as `UserPoolType`. `AccountRecoverySetting` appears only when the pool has one (R5.4,
 * §12.15); the simulation secret never leaves.
 *
 * @internal
 */
export function toUserPoolType(pool: UserPool, estimatedNumberOfUsers: number): UserPoolType {
  const p = pool.passwordPolicy;
  const t = pool.verificationMessage;
  const template: VerificationMessageTemplateType = defined({
    SmsMessage: t.smsMessage,
    EmailMessage: t.emailMessage,
    EmailSubject: t.emailSubject,
    DefaultEmailOption: 'CONFIRM_WITH_CODE' as const,
  });
  const e = pool.emailConfiguration;
  const s = pool.smsConfiguration;
  return defined({
    Id: pool.id,
    Name: pool.name,
    Arn: poolArn(pool),
    AliasAttributes: pool.aliasAttributes.length > 0 ? [...pool.aliasAttributes] : undefined,
    UsernameAttributes: pool.usernameAttributes.length > 0 ? [...pool.usernameAttributes] : undefined,
    UsernameConfiguration: { CaseSensitive: pool.caseSensitive },
    AccountRecoverySetting:
      pool.recoveryMechanisms === undefined
        ? undefined
        : { RecoveryMechanisms: pool.recoveryMechanisms.map((m) => ({ Priority: m.priority, Name: m.name })) },
    Policies: {
      PasswordPolicy: {
        MinimumLength: p.minimumLength,
        RequireUppercase: p.requireUppercase,
        RequireLowercase: p.requireLowercase,
        RequireNumbers: p.requireNumbers,
        RequireSymbols: p.requireSymbols,
        PasswordHistorySize: p.passwordHistorySize,
        TemporaryPasswordValidityDays: p.temporaryPasswordValidityDays,
      },
    },
    VerificationMessageTemplate: template,
    EmailVerificationMessage: t.emailMessage,
    EmailVerificationSubject: t.emailSubject,
    SmsVerificationMessage: t.smsMessage,
    AutoVerifiedAttributes: pool.autoVerifiedAttributes.length > 0 ? [...pool.autoVerifiedAttributes] : undefined,
    SmsConfiguration: s === undefined ? undefined : defined({ SnsCallerArn: s.snsCallerArn, ExternalId: s.externalId, SnsRegion: s.snsRegion }),
    EmailConfiguration: defined({
      EmailSendingAccount: e.emailSendingAccount,
      SourceArn: e.sourceArn,
      From: e.from,
      ReplyToEmailAddress: e.replyToEmailAddress,
      ConfigurationSet: e.configurationSet,
    }),
    LambdaConfig: toLambdaConfigType(pool),
    MfaConfiguration: pool.mfaConfiguration,
    CreationDate: epochSeconds(pool.creationDate),
    LastModifiedDate: epochSeconds(pool.lastModifiedDate),
    EstimatedNumberOfUsers: estimatedNumberOfUsers,
  });
}

/** An app client as `UserPoolClientType`. @internal */
export function toUserPoolClientType(client: AppClient): UserPoolClientType {
  return defined({
    UserPoolId: client.userPoolId,
    ClientName: client.clientName,
    ClientId: client.clientId,
    ClientSecret: client.clientSecret,
    PreventUserExistenceErrors: client.preventUserExistenceErrors,
    CreationDate: epochSeconds(client.creationDate),
    LastModifiedDate: epochSeconds(client.lastModifiedDate),
  });
}

/** Attributes as the wire's `[{Name, Value}]`, `sub` first, then by name. @internal */
export function toAttributeList(attributes: Attributes): AttributeType[] {
  return Object.entries(attributes)
    .sort(([a], [b]) => (a === 'sub' ? -1 : b === 'sub' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([Name, Value]) => ({ Name, Value }));
}

/** The wire's `[{Name, Value}]` as a map; a later entry wins, a missing `Value` is the empty string. @internal */
export function fromAttributeList(list: readonly AttributeType[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { Name, Value } of list ?? []) out[Name] = Value ?? '';
  return out;
}

/** A user as `UserType`. @internal */
export function toUserType(user: User): UserType {
  return {
    Username: user.username,
    Attributes: toAttributeList(user.attributes),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}
