/**
 * What the trigger tests share besides the harness: the function references of the triggers, the
 * keyring that decrypts custom senders' codes, and handlers that record or never answer.
 */
import { buildClient, CommitmentPolicy } from '@aws-crypto/client-node';
import { rawAesKeyring, type MemoryTriggerInvoker } from '../src/index.js';
import { ENCRYPTION_KEY } from './harness.js';

/** Function references of the triggers, as a pool's LambdaConfig holds them. */
export const FN = {
  customMessage: 'arn:aws:lambda:us-east-1:123456789012:function:custom-message',
  userMigration: 'arn:aws:lambda:us-east-1:123456789012:function:user-migration',
  customEmailSender: 'arn:aws:lambda:us-east-1:123456789012:function:custom-email-sender',
  customSmsSender: 'arn:aws:lambda:us-east-1:123456789012:function:custom-sms-sender',
  postConfirmation: 'arn:aws:lambda:us-east-1:123456789012:function:post-confirmation',
  kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
} as const;

/** The keyring a Cognito-style handler decrypts with (the harness's encryptor defaults, {@link ENCRYPTION_KEY}). */
export const KEYRING = rawAesKeyring(ENCRYPTION_KEY, 'cognito-recovery', 'code-key');

const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);

/** Decrypts a custom sender's `request.code` exactly as a handler written for Cognito does. */
export async function decryptCode(code: string): Promise<{ readonly plaintext: string; readonly context: Readonly<Record<string, string>> }> {
  const { plaintext, messageHeader } = await decrypt(KEYRING, Buffer.from(code, 'base64'));
  return { plaintext: plaintext.toString('utf8'), context: messageHeader.encryptionContext };
}

/** A handler that records the events it gets and answers them unchanged (or as `answer` makes them). */
export function recorder<E>(answer: (event: E) => unknown = (event) => event): { readonly events: E[]; readonly handler: (event: E) => Promise<unknown> } {
  const events: E[] = [];
  return {
    events,
    handler: (event: E) => {
      events.push(structuredClone(event));
      return Promise.resolve(answer(event));
    },
  };
}

/** What the custom senders and CustomMessage got, as {@link recordSenders} records it. */
export interface SenderEvents<E> {
  /** The events of the custom email sender. */
  readonly email: E[];
  /** The events of the custom SMS sender. */
  readonly sms: E[];
  /** The events of CustomMessage (the senders replace it, so it should get none). */
  readonly messages: unknown[];
}

/** Registers on `triggers` a {@link recorder} for each custom sender (answering `{}`) and one for CustomMessage. */
export function recordSenders<E>(triggers: MemoryTriggerInvoker): SenderEvents<E> {
  const email = recorder<E>(() => ({}));
  const sms = recorder<E>(() => ({}));
  const custom = recorder<unknown>();
  triggers.register(FN.customEmailSender, email.handler);
  triggers.register(FN.customSmsSender, sms.handler);
  triggers.register(FN.customMessage, custom.handler);
  return { email: email.events, sms: sms.events, messages: custom.events };
}
