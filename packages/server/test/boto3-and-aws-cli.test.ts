/**
 * The seed's flow driven by the clients people actually use: boto3 (`boto3_flow.py`,
 * `boto3_reset_and_clock.py`) and the AWS CLI, against the server on an ephemeral port serving
 * examples/local-config.json. The Python is `PYTHON`, else the first `python3` on PATH that imports
 * boto3. Outside CI a missing Python with boto3, or a missing aws, skips these tests and prints one
 * line saying which and how to enable them; under CI=true it fails them (issue 5).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOperations } from '../src/build-operations.js';
import type { ServerConfig } from '../src/config.js';
import { formatConfigIssues, parseConfigText } from '../src/config.js';
import type { RunningServer } from '../src/start-server.js';
import { startServer } from '../src/start-server.js';
import { announceSkip, fetchOutbox, findPython, probeTools, requireTool, runTool, serve, toolEnv, type ToolRun } from './support.js';

const CONFIG_FILE = fileURLToPath(new URL('../../../examples/local-config.json', import.meta.url));
const BOTO3_FLOW = fileURLToPath(new URL('./e2e/boto3_flow.py', import.meta.url));
const BOTO3_CONTROL = fileURLToPath(new URL('./e2e/boto3_reset_and_clock.py', import.meta.url));

const boto3 = findPython(['boto3']);
const awsCli = probeTools([{ label: 'the AWS CLI', command: 'aws', args: ['--version'] }]);
announceSkip(
  boto3,
  'the 2 boto3 tests of packages/server/test/boto3-and-aws-cli.test.ts (recovery flow; reset and clock over HTTP)',
  'pip install boto3 for a python3 on PATH, or set PYTHON=/path/to/python that has boto3',
);
announceSkip(awsCli, 'the 4 AWS CLI tests of packages/server/test/boto3-and-aws-cli.test.ts', 'pip install awscli (the aws command on PATH)');

/** Runs a command with the tools' clean environment and a deadline (30 s unless `timeoutMs`). */
const run = (command: string, args: readonly string[], timeoutMs = 30_000, env: NodeJS.ProcessEnv = toolEnv()): Promise<ToolRun> =>
  runTool(command, args, { timeoutMs, env });

/** The AWS CLI's one-line error (botocore adds the retry count when retries are configured). */
function cliError(name: string, operation: string, message: string): RegExp {
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^An error occurred \\(${name}\\) when calling the ${operation} operation(?: \\(reached max retries: \\d+\\))?: ${escaped}$`);
}

let server: RunningServer;
let manualServer: RunningServer;
let logLines: string[];

async function exampleConfig(): Promise<ServerConfig> {
  const config = parseConfigText(await readFile(CONFIG_FILE, 'utf8'), { baseDir: fileURLToPath(new URL('../../../examples/', import.meta.url)) });
  if (config.isErr()) throw new Error(`examples/local-config.json is invalid:\n${formatConfigIssues(config.error)}`);
  return config.value;
}

async function serveExample(clock: 'real' | 'manual', logger?: (line: string) => void): Promise<RunningServer> {
  const built = await buildOperations(await exampleConfig(), { clock, hasherCost: 1024 });
  if (built.isErr()) throw new Error(formatConfigIssues(built.error));
  return startServer({ port: 0, operations: built.value.operations, inspection: built.value.inspection, logger });
}

beforeAll(async () => {
  logLines = [];
  server = await serveExample('real', (line) => logLines.push(line));
  manualServer = await serveExample('manual');
});

afterAll(async () => {
  await server.close();
  await manualServer.close();
});

describe('boto3 against examples/local-config.json', () => {
  it('R1.4 R6.2 R6.3 R7.5 R8.5 R8.3 R2.5: forgot_password returns masked CodeDeliveryDetails, the outbox code confirms, and the errors are typed exceptions', async (ctx) => {
    requireTool(ctx, boto3);
    const result = await run(boto3.python, [BOTO3_FLOW, server.url]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('forgot_password alice: {"AttributeName": "email", "DeliveryMedium": "EMAIL", "Destination": "a***@e***"}');
    expect(result.stdout).toContain('reused code: CodeMismatchException');
    expect(result.stdout).toContain('unknown user: UserNotFoundException');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('BOTO3 FLOW OK');
    expect(result.code).toBe(0);
    // The script's requests reached this server, one log line each, with no code or password in them.
    expect(logLines.some((line) => line.startsWith('POST ConfirmForgotPassword 200 '))).toBe(true);
    const log = logLines.join('\n');
    expect(log).not.toContain('Passw0rd');
    for (const { code } of await fetchOutbox(server.url)) expect(log).not.toMatch(new RegExp(`\\b${code}\\b`));
  });
});

describe('boto3 and test control over HTTP (--clock manual)', () => {
  it('D9 D8 D21: resets the limits, the outbox and the codes with POST /_local/reset and expires a code by advancing the clock 1 h + 1 s', async (ctx) => {
    requireTool(ctx, boto3);
    const result = await run(boto3.python, [BOTO3_CONTROL, manualServer.url]);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        'sixth forgot_password: LimitExceededException',
        'reset outbox: still LimitExceededException',
        'reset limits: forgot_password ok',
        'advance 3601 s: ExpiredCodeException',
        'reset all: code gone, alice stays',
      ]),
    );
    expect(result.stdout.trim().split('\n').at(-1)).toBe('BOTO3 CONTROL OK');
    expect(result.code).toBe(0);
  });
});

describe('the AWS CLI against examples/local-config.json', () => {
  const cli = (...args: string[]): Promise<ToolRun> =>
    run('aws', ['--endpoint-url', server.url, '--region', 'us-east-1', '--output', 'json', 'cognito-idp', ...args, '--no-sign-request']);
  /** The code of the newest message to bob. */
  const bobsCode = async (): Promise<string> => (await fetchOutbox(server.url)).filter((m) => m.username === 'bob').at(-1)?.code ?? '';
  /** confirm-forgot-password for bob with `code` and a new password. */
  const confirmBob = (code: string): Promise<ToolRun> =>
    cli('confirm-forgot-password', '--client-id', 'exampleclient1', '--username', 'bob', '--confirmation-code', code, '--password', 'N3w-Passw0rd!');

  it('R1.4 R6.3 R7.5: forgot-password prints the masked phone, confirm-forgot-password with the outbox code exits 0', async (ctx) => {
    requireTool(ctx, awsCli);
    const forgot = await cli('forgot-password', '--client-id', 'exampleclient1', '--username', 'bob');
    expect(forgot.stderr).toBe('');
    expect(forgot.code).toBe(0);
    expect(JSON.parse(forgot.stdout)).toEqual({ CodeDeliveryDetails: { Destination: '+*******0100', DeliveryMedium: 'SMS', AttributeName: 'phone_number' } });

    const code = await bobsCode();
    expect(code).toMatch(/^\d{6}$/);
    const confirm = await confirmBob(code);
    expect(confirm.stderr).toBe('');
    expect(confirm.code).toBe(0);
    expect(confirm.stdout.trim()).toBe('');
  });

  it('R8.5 D1: an unknown user exits non-zero with the service error name and message', async (ctx) => {
    requireTool(ctx, awsCli);
    const result = await cli('forgot-password', '--client-id', 'exampleclient1', '--username', 'nobody');
    // AWS CLI v1 exits 255 on a service error, v2 254.
    expect([254, 255]).toContain(result.code);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toMatch(cliError('UserNotFoundException', 'ForgotPassword', 'Username/client id combination not found.'));
  });

  it('R7.5: a wrong code exits non-zero with CodeMismatchException', async (ctx) => {
    requireTool(ctx, awsCli);
    expect((await cli('forgot-password', '--client-id', 'exampleclient1', '--username', 'bob')).code).toBe(0);
    const code = await bobsCode();
    const wrong = code === '999999' ? '999998' : '999999';
    const result = await confirmBob(wrong);
    expect([254, 255]).toContain(result.code);
    expect(result.stderr.trim()).toMatch(cliError('CodeMismatchException', 'ConfirmForgotPassword', 'Invalid verification code provided, please try again.'));
  });
});

describe('E: the start banner', () => {
  it('prints an AWS CLI line that works as printed, without any AWS configuration or credentials', async (ctx) => {
    requireTool(ctx, awsCli);
    const served = await serve(['--config', CONFIG_FILE], { [CONFIG_FILE]: await readFile(CONFIG_FILE, 'utf8') });
    try {
      const line = served.out.find((l) => l.startsWith('  try: '))?.slice('  try: '.length) ?? '';
      expect(line).toMatch(
        /^aws cognito-idp forgot-password --endpoint-url http:\/\/127\.0\.0\.1:\d+ --region us-east-1 --no-sign-request --client-id exampleclient1 --username alice$/,
      );
      // No credentials, no config file, no region in the environment: only what the line says.
      const env: NodeJS.ProcessEnv = {
        PATH: process.env['PATH'],
        HOME: '/nonexistent',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PAGER: '',
      };
      const [command = '', ...args] = line.split(' ');
      const result = await run(command, args, 30_000, env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ CodeDeliveryDetails: { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' } });
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });
});
