import { randomUUID } from 'node:crypto';
import { buildClient, CommitmentPolicy, KmsKeyringNode } from '@aws-crypto/client-node';
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateKeyCommand, DecryptCommand, EncryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { describeMessageSenderContract } from '@cognito-recovery/core/testing';
import type { OutgoingMessage } from '@cognito-recovery/core';
import { err, ok } from 'neverthrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { CognitoPoolDirectory, KmsCodeEncryptor, LambdaTriggerInvoker, routingMessageSender, SesMessageSender, SnsMessageSender } from '../src/index.js';
import { mailConfig, motoDeliveries, withoutMoto } from './moto.js';

const FROM = 'no-reply@services.example.com';

function email(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    userPoolId: 'us-east-1_Services',
    username: 'alice',
    medium: 'EMAIL',
    destination: 'alice@example.com',
    subject: 'Your code',
    body: 'Your password reset code is 123456',
    code: '123456',
    emailConfiguration: { emailSendingAccount: 'DEVELOPER', from: FROM },
    smsConfiguration: undefined,
    ...overrides,
  };
}

describe.skipIf(withoutMoto)('AWS service adapters on moto', () => {
  const ses = new SESv2Client(mailConfig());
  const sns = new SNSClient(mailConfig());
  beforeAll(async () => {
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: FROM }));
  });
  const sender = (): ReturnType<typeof routingMessageSender> =>
    routingMessageSender(new SesMessageSender(ses, { defaultFrom: FROM }), new SnsMessageSender(sns, { senderId: 'MyApp', originationNumber: '+15555550199' }));

  // What the senders accepted is read back from moto's SES and SNS (its state API), by destination.
  describeMessageSenderContract('routingMessageSender(SES v2, SNS)', () => ({ sender: sender(), delivered: motoDeliveries }));

  describe('SesMessageSender', () => {
    it('sends from the pool From address, and falls back to defaultFrom', async () => {
      const suffix = randomUUID().slice(0, 8);
      const [first, second] = [`pool-from.${suffix}@example.com`, `default-from.${suffix}@example.com`];
      expect(await new SesMessageSender(ses).send(email({ destination: first }))).toEqual(ok(undefined));
      expect(
        await new SesMessageSender(ses, { defaultFrom: FROM }).send(
          email({ destination: second, emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' } }),
        ),
      ).toEqual(ok(undefined));
      const delivered = (await motoDeliveries()).filter((m) => m.destination === first || m.destination === second);
      expect(delivered.map((m) => [m.destination, m.from, m.subject, m.body])).toEqual([
        [first, FROM, 'Your code', 'Your password reset code is 123456'],
        [second, FROM, 'Your code', 'Your password reset code is 123456'],
      ]);
    });

    it('answers a DeliveryFailure for an unverified From address, and without any From address', async () => {
      const destination = `rejected.${randomUUID().slice(0, 8)}@example.com`;
      const rejected = await new SesMessageSender(ses).send(
        email({ destination, emailConfiguration: { emailSendingAccount: 'DEVELOPER', from: 'nobody@unverified.example.com' } }),
      );
      expect(rejected).toEqual(err({ kind: 'DeliveryFailure', reason: 'SES SendEmail: MessageRejected' }));
      expect((await motoDeliveries()).filter((m) => m.destination === destination)).toEqual([]);
      const noFrom = await new SesMessageSender(ses).send(email({ emailConfiguration: { emailSendingAccount: 'COGNITO_DEFAULT' } }));
      expect(noFrom.isErr() && noFrom.error.kind).toBe('DeliveryFailure');
    });
  });

  describe('SnsMessageSender', () => {
    it('answers a DeliveryFailure for a number SNS refuses', async () => {
      const result = await new SnsMessageSender(sns).send(email({ medium: 'SMS', destination: 'not-a-number', subject: undefined }));
      expect(result).toEqual(err({ kind: 'DeliveryFailure', reason: 'SNS Publish: InvalidParameterException' }));
    });
  });

  describe('KmsCodeEncryptor', () => {
    it('encrypts a code that the Encryption SDK decrypts back, with the pool id in the encryption context', async () => {
      const kms = new KMSClient(mailConfig());
      const key = await kms.send(new CreateKeyCommand({ Description: 'custom sender codes' }));
      const keyArn = key.KeyMetadata?.Arn ?? '';
      const ciphertext = (await new KmsCodeEncryptor(kms).encrypt('123456', keyArn, 'us-east-1_Kms'))._unsafeUnwrap();
      expect(ciphertext).toMatch(/^[A-Za-z0-9+/]+=*$/);
      const { decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT);
      const esdk = {
        generateDataKey: (input: GenerateDataKeyCommand['input']) => kms.send(new GenerateDataKeyCommand(input)),
        encrypt: (input: EncryptCommand['input']) => kms.send(new EncryptCommand(input)),
        decrypt: (input: DecryptCommand['input']) => kms.send(new DecryptCommand(input)),
      };
      const keyring = new KmsKeyringNode({ keyIds: [keyArn], clientProvider: () => esdk });
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- the SDK builds KmsKeyringNode through a mixin
      const { plaintext, messageHeader } = await decrypt(keyring, Buffer.from(ciphertext, 'base64'));
      expect(plaintext.toString('utf8')).toBe('123456');
      expect(messageHeader.encryptionContext).toMatchObject({ 'userpool-id': 'us-east-1_Kms' });
    });

    it('answers a PortFailure for an unknown key', async () => {
      const result = await new KmsCodeEncryptor(new KMSClient(mailConfig())).encrypt(
        '123456',
        'arn:aws:kms:us-east-1:123456789012:key/00000000-0000-0000-0000-000000000000',
        'us-east-1_Kms',
      );
      expect(result.isErr() && result.error.port).toBe('CodeEncryptor');
    });
  });

  describe('LambdaTriggerInvoker', () => {
    it('answers InvocationFailed, naming only the exception, for a function that does not exist', async () => {
      const result = await new LambdaTriggerInvoker(new LambdaClient(mailConfig())).invoke({
        userPoolId: 'us-east-1_Lambda',
        trigger: 'CustomMessage',
        functionRef: 'arn:aws:lambda:us-east-1:123456789012:function:missing',
        event: {},
        timeoutMs: 5_000,
      });
      expect(result).toEqual(err({ kind: 'InvocationFailed', reason: 'ResourceNotFoundException' }));
    });
  });

  describe('CognitoPoolDirectory', () => {
    it('mirrors a pool and its client from Cognito', async () => {
      const cognito = new CognitoIdentityProviderClient(mailConfig());
      const created = await cognito.send(
        new CreateUserPoolCommand({
          PoolName: 'mirrored',
          AliasAttributes: ['email', 'preferred_username'],
          AutoVerifiedAttributes: ['email'],
          UsernameConfiguration: { CaseSensitive: false },
          AccountRecoverySetting: {
            RecoveryMechanisms: [
              { Priority: 1, Name: 'verified_email' },
              { Priority: 2, Name: 'verified_phone_number' },
            ],
          },
          Policies: {
            PasswordPolicy: {
              MinimumLength: 12,
              RequireUppercase: true,
              RequireLowercase: true,
              RequireNumbers: false,
              RequireSymbols: false,
              TemporaryPasswordValidityDays: 3,
            },
          },
          VerificationMessageTemplate: {
            EmailSubject: 'Reset',
            EmailMessage: 'Code {####}',
            SmsMessage: 'SMS {####}',
            DefaultEmailOption: 'CONFIRM_WITH_CODE',
          },
          EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', From: FROM, SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/services.example.com' },
          SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sns', ExternalId: 'ext-1' },
          LambdaConfig: { CustomMessage: 'arn:aws:lambda:us-east-1:123456789012:function:custom-message' },
        }),
      );
      const poolId = created.UserPool?.Id ?? '';
      const client = await cognito.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web', GenerateSecret: true, PreventUserExistenceErrors: 'ENABLED' }),
      );
      const clientId = client.UserPoolClient?.ClientId ?? '';
      const directory = new CognitoPoolDirectory(cognito, { userPoolIds: [poolId], simulationSecret: 'simulation' });

      const pool = (await directory.getPool(poolId))._unsafeUnwrap();
      expect(pool).toMatchObject({
        id: poolId,
        name: 'mirrored',
        region: 'us-east-1',
        aliasAttributes: ['email', 'preferred_username'],
        caseSensitive: false,
        recoveryMechanisms: [
          { priority: 1, name: 'verified_email' },
          { priority: 2, name: 'verified_phone_number' },
        ],
        autoVerifiedAttributes: ['email'],
        passwordPolicy: { minimumLength: 12, requireNumbers: false, requireSymbols: false, temporaryPasswordValidityDays: 3 },
        verificationMessage: { emailSubject: 'Reset', emailMessage: 'Code {####}', smsMessage: 'SMS {####}' },
        emailConfiguration: { emailSendingAccount: 'DEVELOPER', from: FROM },
        smsConfiguration: { snsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sns', externalId: 'ext-1' },
        lambdaConfig: { customMessage: 'arn:aws:lambda:us-east-1:123456789012:function:custom-message' },
      });
      expect(pool?.simulationSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const app = (await directory.getClient(clientId))._unsafeUnwrap();
      expect(app).toMatchObject({ clientId, clientName: 'web', userPoolId: poolId, preventUserExistenceErrors: 'ENABLED' });
      expect(app?.clientSecret).toEqual(expect.any(String));
      expect(await directory.getClient('unknown-client')).toEqual(ok(undefined));
      expect((await directory.listClients(poolId))._unsafeUnwrap().map((c) => c.clientId)).toEqual([clientId]);
      expect((await directory.listPools())._unsafeUnwrap().map((p) => p.id)).toEqual([poolId]);
      const write = await directory.putPool(pool!);
      expect(write.isErr() && write.error.reason).toBe('CognitoPoolDirectory is read-only');
    });
  });
});
