/**
 * A user pool, as the rules of the recovery flow need it.
 *
 * @module
 */

/** Attributes that can act as aliases (R3.2). @group Model */
export type AliasAttribute = 'email' | 'phone_number' | 'preferred_username';

/** Attributes that can act as the username (R3.3). @group Model */
export type UsernameAttribute = 'email' | 'phone_number';

/** A recovery mechanism name (R5.1). @group Model */
export type RecoveryMechanismName = 'verified_email' | 'verified_phone_number' | 'admin_only';

/** One entry of `AccountRecoverySetting.RecoveryMechanisms` (R5.1). @group Model */
export interface RecoveryMechanism {
  /** 1 is the highest priority. */
  readonly priority: 1 | 2;
  /** The mechanism. */
  readonly name: RecoveryMechanismName;
}

/** The pool's password policy (R7.6). @group Model */
export interface PasswordPolicy {
  /** 6–99; Cognito's default is 8. */
  readonly minimumLength: number;
  /** At least one Basic Latin upper-case letter. */
  readonly requireUppercase: boolean;
  /** At least one Basic Latin lower-case letter. */
  readonly requireLowercase: boolean;
  /** At least one digit. */
  readonly requireNumbers: boolean;
  /** At least one of Cognito's symbols (space counts). */
  readonly requireSymbols: boolean;
  /** 0–24 previous passwords that may not be reused. */
  readonly passwordHistorySize: number;
  /** Days a temporary password stays valid. */
  readonly temporaryPasswordValidityDays: number;
}

/** `VerificationMessageTemplate` fields used for the code message (D11). @group Model */
export interface MessageTemplate {
  /** Email subject. */
  readonly emailSubject?: string | undefined;
  /** Email body; contains `{####}`. */
  readonly emailMessage?: string | undefined;
  /** SMS body; contains `{####}`. */
  readonly smsMessage?: string | undefined;
}

/** `EmailConfiguration` (R5.7). @group Model */
export interface EmailConfiguration {
  /** `COGNITO_DEFAULT` or `DEVELOPER` (SES identity of the pool owner). */
  readonly emailSendingAccount: 'COGNITO_DEFAULT' | 'DEVELOPER';
  /** SES identity ARN (DEVELOPER). */
  readonly sourceArn?: string | undefined;
  /** From address. */
  readonly from?: string | undefined;
  /** Reply-to address. */
  readonly replyToEmailAddress?: string | undefined;
  /** SES configuration set. */
  readonly configurationSet?: string | undefined;
}

/** `SmsConfiguration` (R5.7, D13). @group Model */
export interface SmsConfiguration {
  /** IAM role Cognito uses to publish through SNS. */
  readonly snsCallerArn: string;
  /** External id of the role's trust policy. */
  readonly externalId?: string | undefined;
  /** Region of SNS. */
  readonly snsRegion?: string | undefined;
}

/** The Lambda triggers this flow uses (§9), by function reference (ARN or local name). @group Model */
export interface LambdaConfig {
  /** `CustomMessage_*`. */
  readonly customMessage?: string | undefined;
  /** `UserMigration_*`. */
  readonly userMigration?: string | undefined;
  /** `PostConfirmation_*`. */
  readonly postConfirmation?: string | undefined;
  /** `PreSignUp_*` (R23.4, R26.3). */
  readonly preSignUp?: string | undefined;
  /** `PreAuthentication_Authentication` (R26.7). */
  readonly preAuthentication?: string | undefined;
  /** `PostAuthentication_Authentication` (R26.8). */
  readonly postAuthentication?: string | undefined;
  /** Pre token generation, `TokenGeneration_*` (R26.9). */
  readonly preTokenGeneration?: string | undefined;
  /** `CustomEmailSender_*` (V1_0). */
  readonly customEmailSender?: string | undefined;
  /** `CustomSMSSender_*` (V1_0). */
  readonly customSmsSender?: string | undefined;
  /** KMS key that encrypts codes for the custom senders. */
  readonly kmsKeyId?: string | undefined;
}

/** Per-user limits of the recovery flow (D9) and the code validity (D8). @group Model */
export interface RecoveryLimits {
  /** Code validity in seconds (D8: 3600). */
  readonly codeValiditySeconds: number;
  /** Sliding window length in seconds (D9: 3600). */
  readonly windowSeconds: number;
  /** ForgotPassword requests per user per window (D9: 5, 5–20). */
  readonly forgotPasswordRequests: number;
  /** Failed ConfirmForgotPassword attempts per user per window (D9: 5). */
  readonly failedConfirmAttempts: number;
  /** Trigger timeout in milliseconds (D16: 5000). */
  readonly triggerTimeoutMs: number;
}

/**
 * A user pool.
 *
 * @group Model
 */
export interface UserPool {
  /** `<region>_<id>`. */
  readonly id: string;
  /** Pool name. */
  readonly name: string;
  /** Region (from the id). */
  readonly region: string;
  /** R3.2; empty when the pool uses username attributes or neither. */
  readonly aliasAttributes: readonly AliasAttribute[];
  /** R3.3. */
  readonly usernameAttributes: readonly UsernameAttribute[];
  /** `UsernameConfiguration.CaseSensitive` (R3.4; default true through the API). */
  readonly caseSensitive: boolean;
  /** `AccountRecoverySetting.RecoveryMechanisms`; `undefined` is the legacy rule (R5.4). */
  readonly recoveryMechanisms: readonly RecoveryMechanism[] | undefined;
  /** Attributes verified automatically (`AutoVerifiedAttributes`). */
  readonly autoVerifiedAttributes: readonly ('email' | 'phone_number')[];
  /** R7.6. */
  readonly passwordPolicy: PasswordPolicy;
  /** D11. */
  readonly verificationMessage: MessageTemplate;
  /** R5.7. */
  readonly emailConfiguration: EmailConfiguration;
  /** D13; `undefined` when the pool cannot send SMS. */
  readonly smsConfiguration: SmsConfiguration | undefined;
  /** §9. */
  readonly lambdaConfig: LambdaConfig;
  /** D8, D9, D16. */
  readonly limits: RecoveryLimits;
  /** `MfaConfiguration`. */
  readonly mfaConfiguration: 'OFF' | 'ON' | 'OPTIONAL';
  /** Per-pool secret for the simulated answers of D4; never leaves the library. */
  readonly simulationSecret: string;
  /**
   * `UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate` (R24.5); `undefined` or
   * empty: a changed email/phone is replaced at once and unverified (R24.4).
   */
  readonly attributesRequireVerificationBeforeUpdate?: readonly ('email' | 'phone_number')[] | undefined;
  /** `AdminCreateUserConfig.AllowAdminCreateUserOnly` (R23.3): SignUp is refused. */
  readonly allowAdminCreateUserOnly?: boolean | undefined;
  /**
   * `AdminCreateUserConfig.InviteMessageTemplate`: the AdminCreateUser invitation, `{username}` and
   * `{####}` (the temporary password) as placeholders; `undefined` fields use Cognito's default texts
   * (`DEFAULT_INVITE_*`).
   */
  readonly inviteMessage?: MessageTemplate | undefined;
  /** Epoch milliseconds. */
  readonly creationDate: number;
  /** Epoch milliseconds. */
  readonly lastModifiedDate: number;
}

/** Cognito's default password policy. @group Model */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minimumLength: 8,
  requireUppercase: true,
  requireLowercase: true,
  requireNumbers: true,
  requireSymbols: true,
  passwordHistorySize: 0,
  temporaryPasswordValidityDays: 7,
};

/**
 * The most code guesses per user per day a pool's limits may allow: 1% of the 10^6 codes. A pool's
 * `failedConfirmAttempts × ⌈86400 / windowSeconds⌉` must stay at or under it (D9).
 *
 * @group Model
 */
export const MAX_DAILY_GUESSES = 10_000;

/** Cognito's limits as this project models them (D8, D9, D16). @group Model */
export const DEFAULT_LIMITS: RecoveryLimits = {
  codeValiditySeconds: 3600,
  windowSeconds: 3600,
  forgotPasswordRequests: 5,
  failedConfirmAttempts: 5,
  triggerTimeoutMs: 5000,
};
