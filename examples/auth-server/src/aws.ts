/**
 * The same recovery on AWS: DynamoDB (one table) for pools, users, codes and attempt windows, SES for
 * email, SNS for SMS. Every process of the auth server can serve any request: the state is in DynamoDB.
 * See docs/aws.md for the table, IAM and the request counts.
 */
import { CreateTableCommand, DynamoDBClient, ResourceInUseException, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { SNSClient } from '@aws-sdk/client-sns';
import { createAwsRecovery, recoveryTableDefinition, TTL_ATTRIBUTE, type AwsClients, type AwsPorts } from '@cognito-recovery/adapters-aws';
import { ScryptPasswordHasher, type Recovery } from '@cognito-recovery/core';

/** Where the AWS composition finds its resources and its code key. */
export interface AwsSettings {
  /** AWS region of the clients (`AWS_REGION`, default us-east-1). */
  readonly region: string;
  /** An endpoint for every client, e.g. a local moto_server (`AWS_ENDPOINT_URL`); unset on AWS. */
  readonly endpoint?: string | undefined;
  /** The DynamoDB table (`RECOVERY_TABLE`). */
  readonly tableName: string;
  /**
   * The HMAC key of stored codes (`RECOVERY_CODE_KEY`, base64, at least 32 bytes): the same in every
   * process, so keep it in a secret store (Secrets Manager, SSM SecureString) and inject it at start.
   */
  readonly codeKey: Uint8Array;
  /** From address of the emails when the pool's EmailConfiguration has none (`RECOVERY_EMAIL_FROM`). */
  readonly emailFrom: string;
  /** Static credentials (`AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` of `env`); default: the SDK's provider chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
  /** scrypt cost of new password hashes; default 16384 (tests use 1024). */
  readonly hasherCost?: number | undefined;
}

/** Reads {@link AwsSettings} from the environment; throws naming every missing or invalid variable. */
export function awsSettingsFromEnv(env: NodeJS.ProcessEnv): AwsSettings {
  const problems: string[] = [];
  const tableName = env['RECOVERY_TABLE'] ?? 'cognito-recovery';
  const emailFrom = env['RECOVERY_EMAIL_FROM'] ?? '';
  if (emailFrom === '') problems.push('RECOVERY_EMAIL_FROM is not set (e.g. no-reply@example.com)');
  const codeKey = Buffer.from(env['RECOVERY_CODE_KEY'] ?? '', 'base64');
  if (codeKey.length < 32) problems.push('RECOVERY_CODE_KEY must be at least 32 bytes, base64 (e.g. `openssl rand -base64 32`)');
  if (problems.length > 0) throw new Error(`cannot start on AWS:\n  ${problems.join('\n  ')}`);
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  return {
    region: env['AWS_REGION'] ?? 'us-east-1',
    endpoint: env['AWS_ENDPOINT_URL'] === '' ? undefined : env['AWS_ENDPOINT_URL'],
    tableName,
    codeKey,
    emailFrom,
    credentials: accessKeyId === undefined || secretAccessKey === undefined ? undefined : { accessKeyId, secretAccessKey },
  };
}

/** The SDK clients, configured by you (credentials come from the default provider chain). */
export function awsClients(settings: AwsSettings): Required<Pick<AwsClients, 'dynamodb' | 'ses' | 'sns'>> {
  const config = {
    region: settings.region,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.credentials === undefined ? {} : { credentials: settings.credentials }),
  };
  return { dynamodb: new DynamoDBClient(config), ses: new SESv2Client(config), sns: new SNSClient(config) };
}

/** `createAwsRecovery` with the settings: the same `Recovery` as the memory one, plus its ports. */
export function awsRecovery(settings: AwsSettings, clients: AwsClients = awsClients(settings)): Recovery & AwsPorts {
  return createAwsRecovery(clients, {
    tableName: settings.tableName,
    codeKey: settings.codeKey,
    email: { defaultFrom: settings.emailFrom },
    // The caller of a failing table or service only sees InternalErrorException: log what failed.
    onPortFailure: (failure, { port, method }) => {
      console.error(`[port failure] ${port}.${method}: ${failure.reason}`);
    },
    ...(settings.hasherCost === undefined ? {} : { hasher: new ScryptPasswordHasher({ cost: settings.hasherCost }) }),
  });
}

/**
 * For local runs against moto_server (or a sandbox account): creates the table with TTL and the SES
 * identity of the From address. In production the table comes from your infrastructure code
 * (docs/aws.md) and the identity is verified in SES once.
 */
export async function provisionAwsResources(settings: AwsSettings, clients: ReturnType<typeof awsClients>): Promise<void> {
  try {
    await clients.dynamodb.send(new CreateTableCommand(recoveryTableDefinition(settings.tableName)));
    await clients.dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: settings.tableName,
        TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await clients.ses.send(new CreateEmailIdentityCommand({ EmailIdentity: settings.emailFrom }));
}
