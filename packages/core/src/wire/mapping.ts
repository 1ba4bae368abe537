/**
 * The mappings from the model to its wire shapes ({@link UserPoolType}, {@link UserType}, …). Timestamps
 * leave as epoch **seconds**.
 *
 * @module
 * @internal
 */
import type { AppClient } from '../model/app-client.js';
import type { UserPool } from '../model/user-pool.js';
import type { Attributes, User } from '../model/user.js';
import type { DeliveryChannel } from '../rules/delivery-selection.js';
import { DEFAULT_EXPLICIT_AUTH_FLOWS } from '../rules/auth-flows.js';
import { describeTokenValidity } from '../rules/client-settings.js';
import { maskEmail, maskPhone } from '../rules/masking.js';
import type {
  AttributeType,
  CodeDeliveryDetails,
  LambdaConfigType,
  MessageTemplateType,
  UserPoolClientType,
  UserPoolType,
  UserType,
  VerificationMessageTemplateType,
} from './types.js';

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

/** The invitation template the pool was given (only its given fields), or `undefined`. */
function inviteTemplateOf(pool: UserPool): MessageTemplateType | undefined {
  const t = pool.inviteMessage;
  if (t === undefined) return undefined;
  return defined({ SMSMessage: t.smsMessage, EmailMessage: t.emailMessage, EmailSubject: t.emailSubject });
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
      pool.recoveryMechanisms === undefined ? undefined : { RecoveryMechanisms: pool.recoveryMechanisms.map((m) => ({ Priority: m.priority, Name: m.name })) },
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
    AdminCreateUserConfig: defined({
      AllowAdminCreateUserOnly: pool.allowAdminCreateUserOnly ?? false,
      InviteMessageTemplate: inviteTemplateOf(pool),
    }),
    UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: [...(pool.attributesRequireVerificationBeforeUpdate ?? [])] },
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
    ExplicitAuthFlows: client.explicitAuthFlows ?? DEFAULT_EXPLICIT_AUTH_FLOWS, // D23
    ReadAttributes: client.readAttributes,
    WriteAttributes: client.writeAttributes,
    ...describeTokenValidity(client.tokenValidity), // R21.8, D35
    AuthSessionValidity: client.authSessionValidity ?? 3, // R16.9
    EnableTokenRevocation: client.enableTokenRevocation ?? true, // D40
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
  // Defined, not assigned: `out['__proto__'] = v` would set the prototype and drop the attribute, so
  // the schema check would never see (and refuse) it.
  for (const { Name, Value } of list ?? []) Object.defineProperty(out, Name, { value: Value ?? '', enumerable: true, writable: true, configurable: true });
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

/** Masks a chosen channel into the wire's `CodeDeliveryDetails` (§6). @internal */
export function deliveryDetails(channel: DeliveryChannel): CodeDeliveryDetails {
  return {
    Destination: channel.medium === 'EMAIL' ? maskEmail(channel.destination) : maskPhone(channel.destination),
    DeliveryMedium: channel.medium,
    AttributeName: channel.attributeName,
  };
}
