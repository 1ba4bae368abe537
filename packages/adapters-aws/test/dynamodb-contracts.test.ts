import {
  describeAttemptLimiterContract,
  describePoolDirectoryContract,
  describeRecoveryCodeStoreContract,
  describeUserStoreContract,
} from '@cognito-recovery/core/testing';
import { beforeAll, describe } from 'vitest';
import { cachedPoolDirectory, DynamoAttemptLimiter, DynamoPoolDirectory, DynamoRecoveryCodeStore, DynamoUserStore } from '../src/index.js';
import { dynamoClient, freshTable, withoutMoto } from './moto.js';

describe.skipIf(withoutMoto)('DynamoDB stores on moto', () => {
  const client = dynamoClient();
  // One fresh table per store; the suites keep tests apart with unique pool ids and keys.
  const tables: Record<string, string> = {};
  beforeAll(async () => {
    for (const label of ['pools', 'cached', 'stores', 'limits']) tables[label] = await freshTable(client, label);
  });
  const table = (label: string): { client: typeof client; tableName: string } => ({ client, tableName: tables[label] ?? '' });

  describePoolDirectoryContract('DynamoPoolDirectory', () => new DynamoPoolDirectory(table('pools')));
  describePoolDirectoryContract('cachedPoolDirectory(DynamoPoolDirectory)', () => cachedPoolDirectory(new DynamoPoolDirectory(table('cached')), 60_000));
  // The user store consumes codes in its own table, so the pair shares one.
  const stores = (): { users: DynamoUserStore; codes: DynamoRecoveryCodeStore } => ({
    users: new DynamoUserStore(table('stores')),
    codes: new DynamoRecoveryCodeStore(table('stores')),
  });
  describeUserStoreContract('DynamoUserStore', stores);
  describeRecoveryCodeStoreContract('DynamoRecoveryCodeStore', stores);
  describeAttemptLimiterContract('DynamoAttemptLimiter', () => new DynamoAttemptLimiter(table('limits')));
});
