/**
 * The shared recovery flow suite (`describeRecoveryFlow` of `@cognito-recovery/core/testing`) on the
 * DynamoDB composition: `createAwsPorts` on a moto table, SES and SNS on moto (the deliveries are
 * what they accepted), and a manual clock (the composition takes a `Clock` port), so no capability is
 * missing.
 */
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { describeRecoveryFlow, describeSignInFlow } from '@cognito-recovery/core/testing';
import { beforeAll, describe } from 'vitest';
import { anAwsHarness } from './aws-harness.js';
import { dynamoClient, freshTable, mailConfig, withoutMoto } from './moto.js';

const FROM = 'no-reply@flow.example.com';

describe.skipIf(withoutMoto)('the DynamoDB composition on moto', () => {
  const dynamodb = dynamoClient();
  const ses = new SESv2Client(mailConfig());
  const sns = new SNSClient(mailConfig());
  let tableName = '';
  beforeAll(async () => {
    tableName = await freshTable(dynamodb, 'recovery-flow');
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: FROM }));
  });

  describeRecoveryFlow('DynamoDB, SES and SNS on moto', () => anAwsHarness({ dynamodb, ses, sns }, { tableName, defaultFrom: FROM }), { timeoutMs: 60_000 });
  describeSignInFlow('DynamoDB, SES and SNS on moto', () => anAwsHarness({ dynamodb, ses, sns }, { tableName, defaultFrom: FROM }), { timeoutMs: 60_000 });
});
