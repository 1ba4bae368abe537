// DynamoDB cost: requests per ForgotPassword and per ConfirmForgotPassword on the AWS composition
// (createAwsPorts from @cognito-recovery/adapters-aws) against moto_server on a free loopback port,
// counted with an SDK middleware on the DynamoDB client (every attempt). Messages go to a recording
// sender (SES is not what is counted). Pools are created in DynamoDB; the counts are with the
// per-process pool cache warm (after one warm-up call). Prints a null result with a
// reason when moto_server or the AWS composition is not available.
import { randomBytes, randomUUID } from 'node:crypto';
import { Agent } from 'node:http';
import { emitResult, freePort, importModules, killChild, log, spawnChild, unwrap, waitForHttp, withTimeout } from './lib.mjs';
import { createPoolAndClient, insertUsers, usernameOf } from './fixture.mjs';

const OPS = 5;
const PASSWORD = 'Bench-passw0rd!';

function skip(reason) {
  log(`dynamodb: skipped: ${reason}`);
  emitResult({ forgotPasswordRequests: null, confirmRequests: null, reason });
}

/** Counts the requests a client sends, by command, at the deserialize step (so retries count). */
function countRequests(client) {
  let calls = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'deserialize', name: 'benchCountRequests' },
  );
  return {
    total: () => calls.length,
    byCommand: () => calls.reduce((acc, c) => ({ ...acc, [c]: (acc[c] ?? 0) + 1 }), {}),
    reset: () => {
      calls = [];
    },
  };
}

async function main() {
  let modules;
  try {
    modules = await importModules({
      aws: '@cognito-recovery/adapters-aws',
      dynamo: '@aws-sdk/client-dynamodb',
      core: '@cognito-recovery/core',
      neverthrow: 'neverthrow',
    });
  } catch (error) {
    return skip(`the AWS composition cannot be loaded: ${error.message}`);
  }
  const { aws, dynamo, core, neverthrow } = modules;
  if (typeof aws.createAwsPorts !== 'function' || typeof aws.recoveryTableDefinition !== 'function') {
    return skip('@cognito-recovery/adapters-aws has no createAwsPorts / recoveryTableDefinition yet');
  }
  const Hasher = core.ScryptPasswordHasher;

  const port = await freePort();
  const moto = spawnChild('moto_server', ['-H', '127.0.0.1', '-p', String(port)]);
  const spawnFailed = await Promise.race([moto.spawnError, new Promise((resolve) => setTimeout(() => resolve(undefined), 300))]);
  if (spawnFailed !== undefined) return skip(`moto_server cannot be started: ${spawnFailed.message}`);
  try {
    const endpoint = `http://127.0.0.1:${port}`;
    await waitForHttp(`${endpoint}/moto-api/`, moto, 60_000, 'moto_server');
    const dynamodb = new dynamo.DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: 1 }) },
      maxAttempts: 1,
    });
    const tableName = `bench-${randomUUID().slice(0, 8)}`;
    await dynamodb.send(new dynamo.CreateTableCommand(aws.recoveryTableDefinition(tableName)));

    const sent = [];
    const sender = { send: (message) => (sent.push(message), neverthrow.okAsync(undefined)) };
    const { ports } = aws.createAwsPorts({ dynamodb }, { tableName, codeKey: randomBytes(32), hasher: new Hasher({ cost: 1024 }) });
    const allPorts = { ...ports, sender };
    const recovery = { ...core.createRecovery(allPorts), ports: allPorts };

    const setup = await createPoolAndClient(recovery);
    await insertUsers(recovery, setup.pool, OPS + 1, Date.now());
    const counter = countRequests(dynamodb);
    const forgot = (i) => {
      const Username = usernameOf(i);
      return unwrap(recovery.forgotPassword({ ClientId: setup.clientId, Username, SecretHash: setup.secretHash(Username) }), 'ForgotPassword');
    };

    await forgot(OPS); // warm-up: the pool and client are in the per-process cache from here on
    counter.reset();
    for (let i = 0; i < OPS; i++) await forgot(i);
    const forgotTotal = counter.total();
    const forgotByCommand = counter.byCommand();

    const codes = new Map(sent.map((m) => [m.username, m.code]));
    counter.reset();
    for (let i = 0; i < OPS; i++) {
      const Username = usernameOf(i);
      await unwrap(
        recovery.confirmForgotPassword({
          ClientId: setup.clientId,
          Username,
          SecretHash: setup.secretHash(Username),
          ConfirmationCode: codes.get(Username),
          Password: PASSWORD,
        }),
        'ConfirmForgotPassword',
      );
    }
    const confirmTotal = counter.total();
    const confirmByCommand = counter.byCommand();
    dynamodb.destroy();
    const perOp = (byCommand) => Object.fromEntries(Object.entries(byCommand).map(([k, v]) => [k, v / OPS]));
    const result = {
      forgotPasswordRequests: forgotTotal / OPS,
      confirmRequests: confirmTotal / OPS,
      forgotPasswordByCommand: perOp(forgotByCommand),
      confirmByCommand: perOp(confirmByCommand),
      operations: OPS,
    };
    log(`dynamodb: ForgotPassword ${result.forgotPasswordRequests} requests (${JSON.stringify(result.forgotPasswordByCommand)})`);
    log(`dynamodb: ConfirmForgotPassword ${result.confirmRequests} requests (${JSON.stringify(result.confirmByCommand)})`);
    emitResult(result);
  } finally {
    await killChild(moto);
  }
}

await withTimeout(main(), 150_000, 'dynamodb benchmark');
