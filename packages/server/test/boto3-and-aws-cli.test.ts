/**
 * The seed's flow driven by the clients people actually use: boto3 (`boto3_flow.py`) and the AWS CLI,
 * against the server on an ephemeral port serving examples/local-config.json. Outside CI a missing
 * python3, boto3 or aws skips these tests with the reason; under CI=true it fails them (issue 5).
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOperations } from '../src/compose.js';
import { formatConfigIssues, parseConfigText } from '../src/config.js';
import type { RunningServer } from '../src/start-server.js';
import { startServer } from '../src/start-server.js';
import { fetchOutbox, probeTools, requireTool, toolEnv } from './support.js';

const CONFIG_FILE = fileURLToPath(new URL('../../../examples/local-config.json', import.meta.url));
const BOTO3_FLOW = fileURLToPath(new URL('./e2e/boto3_flow.py', import.meta.url));

const boto3 = probeTools([
  { label: 'python3', command: 'python3', args: ['--version'] },
  { label: 'boto3', command: 'python3', args: ['-c', 'import boto3'] },
]);
const awsCli = probeTools([{ label: 'the AWS CLI', command: 'aws', args: ['--version'] }]);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command with the tools' clean environment and a deadline; resolves with its exit code and output. */
function run(command: string, args: readonly string[], timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { env: toolEnv(), timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error === null) {
        resolve({ code: 0, stdout, stderr });
        return;
      }
      if (typeof error.code === 'number' && error.killed !== true) {
        resolve({ code: error.code, stdout, stderr });
        return;
      }
      reject(new Error(`${command} ${args.join(' ')} did not finish: ${error.message}\n${stderr}`));
    });
  });
}

/** The AWS CLI's one-line error (botocore adds the retry count when retries are configured). */
function cliError(name: string, operation: string, message: string): RegExp {
  const escaped = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^An error occurred \\(${name}\\) when calling the ${operation} operation(?: \\(reached max retries: \\d+\\))?: ${escaped}$`);
}

let server: RunningServer;
let logLines: string[];

beforeAll(async () => {
  const config = parseConfigText(await readFile(CONFIG_FILE, 'utf8'), { baseDir: fileURLToPath(new URL('../../../examples/', import.meta.url)) });
  if (config.isErr()) throw new Error(`examples/local-config.json is invalid:\n${formatConfigIssues(config.error)}`);
  const { operations, inspection } = await buildOperations(config.value);
  logLines = [];
  server = await startServer({ port: 0, operations, inspection, logger: (line) => logLines.push(line) });
});

afterAll(async () => {
  await server.close();
});

describe('boto3 against examples/local-config.json', () => {
  it('R1.4 R6.2 R6.3 R7.5 R8.5 R8.3 R2.5: forgot_password returns masked CodeDeliveryDetails, the outbox code confirms, and the errors are typed exceptions', async (ctx) => {
    requireTool(ctx, boto3);
    const result = await run('python3', [BOTO3_FLOW, server.url]);
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

describe('the AWS CLI against examples/local-config.json', () => {
  const cli = (...args: string[]): Promise<Run> =>
    run('aws', ['--endpoint-url', server.url, '--region', 'us-east-1', '--output', 'json', 'cognito-idp', ...args, '--no-sign-request']);

  it('R1.4 R6.3 R7.5: forgot-password prints the masked phone, confirm-forgot-password with the outbox code exits 0', async (ctx) => {
    requireTool(ctx, awsCli);
    const forgot = await cli('forgot-password', '--client-id', 'exampleclient1', '--username', 'bob');
    expect(forgot.stderr).toBe('');
    expect(forgot.code).toBe(0);
    expect(JSON.parse(forgot.stdout)).toEqual({ CodeDeliveryDetails: { Destination: '+*******0100', DeliveryMedium: 'SMS', AttributeName: 'phone_number' } });

    const code = (await fetchOutbox(server.url)).filter((m) => m.username === 'bob').at(-1)?.code ?? '';
    expect(code).toMatch(/^\d{6}$/);
    const confirm = await cli('confirm-forgot-password', '--client-id', 'exampleclient1', '--username', 'bob', '--confirmation-code', code, '--password', 'N3w-Passw0rd!');
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
    const code = (await fetchOutbox(server.url)).filter((m) => m.username === 'bob').at(-1)?.code ?? '';
    const wrong = code === '999999' ? '999998' : '999999';
    const result = await cli('confirm-forgot-password', '--client-id', 'exampleclient1', '--username', 'bob', '--confirmation-code', wrong, '--password', 'N3w-Passw0rd!');
    expect([254, 255]).toContain(result.code);
    expect(result.stderr.trim()).toMatch(cliError('CodeMismatchException', 'ConfirmForgotPassword', 'Invalid verification code provided, please try again.'));
  });
});
