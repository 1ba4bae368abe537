/**
 * The wire shapes of the operations: the SDK's field names (PascalCase) for what the model keeps, shared
 * by several operations. Timestamps are epoch **seconds**, as the JSON protocol sends them.
 *
 * @module
 */
import type { ExplicitAuthFlow, PreventUserExistenceErrors } from '../model/app-client.js';
import type { AliasAttribute, RecoveryMechanismName, UsernameAttribute } from '../model/user-pool.js';
import type { UserStatus } from '../model/user.js';
import type { TokenValidityUnits } from '../rules/client-settings.js';

/** `CodeDeliveryDetailsType` (R6.1). @group Wire */
export interface CodeDeliveryDetails {
  /** The masked destination. */
  readonly Destination: string;
  /** `EMAIL` or `SMS`. */
  readonly DeliveryMedium: 'EMAIL' | 'SMS';
  /** `email` or `phone_number`. */
  readonly AttributeName: string;
}

/** `UserContextDataType`. @group Wire */
export interface UserContextData {
  /** Source IP. */
  readonly IpAddress?: string;
  /** Advanced-security fingerprint. */
  readonly EncodedData?: string;
}

/** `AnalyticsMetadataType`. @group Wire */
export interface AnalyticsMetadata {
  /** Pinpoint endpoint. */
  readonly AnalyticsEndpointId?: string;
}

/** `AttributeType`. @group Wire */
export interface AttributeType {
  /** Attribute name. */
  readonly Name: string;
  /** Attribute value. */
  readonly Value?: string;
}

/** `PasswordPolicyType`. @group Wire */
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

/** `UserPoolPolicyType`. @group Wire */
export interface UserPoolPolicyType {
  /** The password policy. */
  readonly PasswordPolicy?: PasswordPolicyType;
  /** `SignInPolicy` (accepted, not modelled). */
  readonly SignInPolicy?: unknown;
}

/** `RecoveryOptionType` (R5.1). @group Wire */
export interface RecoveryOptionType {
  /** 1 (highest) or 2. */
  readonly Priority: number;
  /** The mechanism. */
  readonly Name: RecoveryMechanismName;
}

/** `AccountRecoverySettingType` (R5.1). @group Wire */
export interface AccountRecoverySettingType {
  /** 1–2 mechanisms with distinct priorities. */
  readonly RecoveryMechanisms?: readonly RecoveryOptionType[];
}

/** `UsernameConfigurationType` (R3.4). @group Wire */
export interface UsernameConfigurationType {
  /** `true` (the API default) compares usernames exactly. */
  readonly CaseSensitive: boolean;
}

/** `VerificationMessageTemplateType` (D11). @group Wire */
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

/** `MessageTemplateType`: the AdminCreateUser invitation, with `{username}` and `{####}` placeholders. @group Wire */
export interface MessageTemplateType {
  /** SMS body. */
  readonly SMSMessage?: string;
  /** Email body. */
  readonly EmailMessage?: string;
  /** Email subject. */
  readonly EmailSubject?: string;
}

/** `AdminCreateUserConfigType`. @group Wire */
export interface AdminCreateUserConfigType {
  /** R23.3: only administrators create users (SignUp is refused). */
  readonly AllowAdminCreateUserOnly?: boolean;
  /** No longer used by Cognito (0–365): accepted, not kept. */
  readonly UnusedAccountValidityDays?: number;
  /** The invitation's texts. */
  readonly InviteMessageTemplate?: MessageTemplateType;
}

/** `UserAttributeUpdateSettingsType` (R24.5). @group Wire */
export interface UserAttributeUpdateSettingsType {
  /** Attributes whose new value stays pending until verified; each must be auto-verified. */
  readonly AttributesRequireVerificationBeforeUpdate?: readonly ('email' | 'phone_number')[];
}

/** `SmsConfigurationType` (R5.7). @group Wire */
export interface SmsConfigurationType {
  /** IAM role that publishes through SNS. */
  readonly SnsCallerArn: string;
  /** External id of the role's trust policy. */
  readonly ExternalId?: string;
  /** SNS region. */
  readonly SnsRegion?: string;
}

/** `EmailConfigurationType` (R5.7). @group Wire */
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

/** `CustomEmailLambdaVersionConfigType` / `CustomSMSLambdaVersionConfigType`. @group Wire */
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
 * @group Wire
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

/** `UserPoolType`, as far as the model keeps it (never the pool's simulation secret). @group Wire */
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
  /** `AllowAdminCreateUserOnly`, and the invitation template when the pool was given one. */
  readonly AdminCreateUserConfig: AdminCreateUserConfigType;
  /** R24.5: the list is empty when no attribute waits for verification. */
  readonly UserAttributeUpdateSettings: UserAttributeUpdateSettingsType;
  /** Epoch seconds. */
  readonly CreationDate: number;
  /** Epoch seconds. */
  readonly LastModifiedDate: number;
  /** Users in the pool when asked. */
  readonly EstimatedNumberOfUsers: number;
}

/** `UserPoolClientType`, as far as the model keeps it. @group Wire */
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
  /** R16.3, D23 (the default list for clients created without one). */
  readonly ExplicitAuthFlows?: readonly ExplicitAuthFlow[];
  /** R22.2; absent: every attribute is readable. */
  readonly ReadAttributes?: readonly string[];
  /** R23.3; absent: every attribute but `*_verified` is writable. */
  readonly WriteAttributes?: readonly string[];
  /** R21.8, in `TokenValidityUnits.AccessToken`. */
  readonly AccessTokenValidity?: number;
  /** R21.8, in `TokenValidityUnits.IdToken`. */
  readonly IdTokenValidity?: number;
  /** R21.8, in `TokenValidityUnits.RefreshToken`. */
  readonly RefreshTokenValidity?: number;
  /** R21.8 */
  readonly TokenValidityUnits?: TokenValidityUnits;
  /** R16.9, minutes. */
  readonly AuthSessionValidity?: number;
  /** R22.5, D40. */
  readonly EnableTokenRevocation?: boolean;
  /** Epoch seconds. */
  readonly CreationDate: number;
  /** Epoch seconds. */
  readonly LastModifiedDate: number;
}

/** `MFAOptionType` (legacy SMS MFA). @group Wire */
export interface MfaOptionType {
  /** `SMS`. */
  readonly DeliveryMedium?: 'SMS' | 'EMAIL';
  /** `phone_number`. */
  readonly AttributeName?: string;
}

/** `UserType`. @group Wire */
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

/** `NewDeviceMetadataType` (R21.1): only when a new device is tracked (not modelled yet). @group Wire */
export interface NewDeviceMetadataType {
  /** `<region>_<uuid>`. */
  readonly DeviceKey?: string;
  /** The device group. */
  readonly DeviceGroupKey?: string;
}

/**
 * `AuthenticationResultType` (R21.1, D35): the tokens of a sign-in or a refresh. `RefreshToken` is
 * absent from refresh results (R20.2, D36).
 *
 * @group Wire
 */
export interface AuthenticationResultType {
  /** The access token, a JWS (R21.2, R21.7). */
  readonly AccessToken: string;
  /** The access token's lifetime in seconds (D35). */
  readonly ExpiresIn: number;
  /** Always `Bearer`. */
  readonly TokenType: 'Bearer';
  /** The opaque refresh token (R21.3, D34); absent on refresh (R20.2). */
  readonly RefreshToken?: string;
  /** The ID token, a JWS (R21.2, R21.6). */
  readonly IdToken: string;
  /** Only when a new device is tracked. */
  readonly NewDeviceMetadata?: NewDeviceMetadataType;
}
