/**
 * Shared helpers of the server's end-to-end tests: a real memory recovery behind the wire, the
 * external tools some tests need (python3 + boto3, the AWS CLI, Chromium), and small HTTP helpers.
 */
import { createHmac } from 'node:crypto';
import { execFile, spawnSync } from 'node:child_process';
import { accessSync, constants, cpSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { CognitoIdentityProviderClient, type CognitoIdentityProviderClientConfig } from '@aws-sdk/client-cognito-identity-provider';
import { createMemoryRecovery, type MemoryPorts, type SentMessage } from '@cognito-recovery/adapters-memory';
import type { PgliteRecovery } from '@cognito-recovery/adapters-postgres/pglite';
import type { Recovery } from '@cognito-recovery/core';
import { okAsync } from 'neverthrow';
import { afterAll, beforeAll, it, type TestContext } from 'vitest';
import { operationsOf, type Composition } from '../src/compose.js';
import type { Inspection } from '../src/inspection.js';
import { memoryInspection } from '../src/memory-inspection.js';
import type { OperationTable } from '../src/operation.js';
import { runCli, type CliIo } from '../src/run-cli.js';
import { localToolEnv } from '../src/tool-env.js';

/** `CI=true` turns a missing external tool into a failure instead of a skip. */
export const IN_CI = process.env['CI'] === 'true';

/** A real memory recovery and what the server needs from it. */
export interface RealComposition {
  readonly memory: Recovery & MemoryPorts;
  readonly operations: OperationTable;
  readonly inspection: Inspection;
}

/** A memory recovery with a cheap password hash, as the server would serve it (a real clock unless `manualClock`). */
export function realComposition(options: { readonly manualClock?: boolean } = {}): RealComposition {
  const memory = createMemoryRecovery(options.manualClock === true ? { now: Date.now(), hasherCost: 1024 } : { realTime: true, hasherCost: 1024 });
  return { memory, operations: operationsOf(memory), inspection: memoryInspection(memory) };
}

/** R2.5: Base64(HMAC_SHA256(clientSecret, username + clientId)), computed here independently of the core. */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId, 'utf8')
    .digest('base64');
}

/** The attributes of a user whose `email` is verified (a recovery channel): `email` and `email_verified: true`. */
export function verifiedEmail(email: string): { Name: string; Value: string }[] {
  return [
    { Name: 'email', Value: email },
    { Name: 'email_verified', Value: 'true' },
  ];
}

/** Creates the pool `poolId` where a verified email is an alias, with an app client `web` without a secret; resolves with the client's id. */
export async function seedPool(recovery: Recovery, poolName: string, poolId: string): Promise<string> {
  (await recovery.createUserPool({ PoolName: poolName, Id: poolId, AliasAttributes: ['email'] }))._unsafeUnwrap();
  return (await recovery.createUserPoolClient({ UserPoolId: poolId, ClientName: 'web' }))._unsafeUnwrap().UserPoolClient.ClientId;
}

/**
 * Creates `username` in `poolId` as an administrator would, without an invitation: with a verified
 * `email` (default `<username>@example.com`) and, when `password` is given, that permanent password
 * (the user is then `CONFIRMED`). Fails the test when either call fails.
 */
export async function seedUser(
  recovery: Recovery,
  poolId: string,
  username: string,
  options: { readonly email?: string; readonly password?: string } = {},
): Promise<void> {
  const email = options.email ?? `${username}@example.com`;
  (await recovery.adminCreateUser({ UserPoolId: poolId, Username: username, UserAttributes: verifiedEmail(email), MessageAction: 'SUPPRESS' }))._unsafeUnwrap();
  if (options.password === undefined) return;
  (await recovery.adminSetUserPassword({ UserPoolId: poolId, Username: username, Password: options.password, Permanent: true }))._unsafeUnwrap();
}

/**
 * An AWS SDK v3 client of `endpoint`: dummy credentials (admin calls are signed, never checked), no
 * retries; through `requestHandler` when given (such as `inProcessHandler(…)`).
 */
export function sdkClient(endpoint: string, requestHandler?: CognitoIdentityProviderClientConfig['requestHandler']): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    ...(requestHandler === undefined ? {} : { requestHandler }),
  });
}

/** What `promise` rejected with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the call to fail');
}

/** The outbox as `GET /_local/outbox` serves it. */
export async function fetchOutbox(endpoint: string): Promise<readonly SentMessage[]> {
  const res = await fetch(`${endpoint}/_local/outbox`);
  if (res.status !== 200) throw new Error(`GET /_local/outbox answered ${res.status}`);
  return ((await res.json()) as { messages: SentMessage[] }).messages;
}

/** Whether an external tool is usable, and why not. */
export interface ToolCheck {
  readonly available: boolean;
  readonly reason: string;
}

/**
 * Runs each probe (a command that exits 0 when the tool is usable) and reports the first that fails.
 * Synchronous so that a test file can decide at load time.
 */
export function probeTools(probes: readonly { readonly label: string; readonly command: string; readonly args: readonly string[] }[]): ToolCheck {
  for (const probe of probes) {
    const result = spawnSync(probe.command, probe.args, { timeout: 15_000, stdio: 'pipe', env: toolEnv() });
    if (result.error !== undefined || result.status !== 0) {
      const why = result.error?.message ?? `exit ${String(result.status)}: ${result.stderr.toString('utf8').trim().split('\n').at(-1) ?? ''}`;
      return { available: false, reason: `${probe.label} is not usable (${probe.command} ${probe.args.join(' ')}: ${why})` };
    }
  }
  return { available: true, reason: '' };
}

/** Skips the test when the tool is missing, except under `CI=true`, where it fails (issue 5: CI must run them). */
export function requireTool(ctx: TestContext, check: ToolCheck): void {
  if (check.available) return;
  if (IN_CI) throw new Error(`${check.reason}; it is required under CI=true (.ci/run installs or checks it)`);
  ctx.skip(`${check.reason}; skipped outside CI`);
}

/** A Python interpreter that can import the modules, or why there is none. */
export interface PythonCheck extends ToolCheck {
  /** The interpreter to run (`PYTHON`, or the first `python3` on `PATH` that imports the modules). */
  readonly python: string;
}

/** Every `python3` on `PATH`, in order, once each (`/bin` and `/usr/bin` are often one folder). */
function pythonsOnPath(): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'python3');
    let real: string;
    try {
      accessSync(candidate, constants.X_OK);
      real = join(realpathSync(dir), 'python3');
    } catch {
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    found.push(candidate);
  }
  return found;
}

/**
 * Finds a Python that can import `modules`: `PYTHON` first when set, then each `python3` on `PATH`
 * (a pyenv shim and /usr/bin/python3 can differ in what they have installed).
 */
export function findPython(modules: readonly string[]): PythonCheck {
  const fromEnv = process.env['PYTHON'];
  const candidates = [...(fromEnv === undefined || fromEnv === '' ? [] : [fromEnv]), ...pythonsOnPath()];
  const tried: string[] = [];
  const script = modules.map((m) => `import ${m}`).join('; ');
  for (const python of candidates) {
    const result = spawnSync(python, ['-c', script], { timeout: 15_000, stdio: 'pipe', env: toolEnv() });
    if (result.error === undefined && result.status === 0) return { available: true, reason: '', python };
    const why = result.error?.message ?? result.stderr.toString('utf8').trim().split('\n').at(-1) ?? `exit ${String(result.status)}`;
    tried.push(`${python === fromEnv ? 'PYTHON=' : ''}${python} (${why})`);
  }
  const list = tried.length === 0 ? 'no PYTHON set and no python3 on PATH' : `tried ${tried.join(', ')}`;
  return { available: false, reason: `no Python can import ${modules.join(', ')}: ${list}`, python: 'python3' };
}

/**
 * Prints one line, once per test file, naming the tests a missing tool skips and how to enable them,
 * so that a skip is never silent (under `CI=true` the tests fail instead).
 */
export function announceSkip(check: ToolCheck, what: string, howToEnable: string): void {
  if (check.available || IN_CI) return;
  process.stderr.write(`SKIPPED ${what}: ${check.reason}. To run them: ${howToEnable}. Under CI=true they fail instead.\n`);
}

/**
 * The environment for python3, boto3 and the AWS CLI: {@link localToolEnv} (dummy credentials, no
 * profile, no config or credentials file of the machine, no instance metadata lookups), no retries.
 */
export function toolEnv(): NodeJS.ProcessEnv {
  return {
    ...localToolEnv(),
    // One attempt: a 500 must show up as a failure now, not after the CLI's retries and back-off.
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

/** How an external command ended: its exit code and output. */
export interface ToolRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command (python3, aws) with the tools' clean environment ({@link toolEnv} unless `env`) and a
 * deadline; resolves with its exit code and output, rejects when it was killed or could not start.
 */
export function runTool(
  command: string,
  args: readonly string[],
  options: { readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv; readonly maxBuffer?: number } = {},
): Promise<ToolRun> {
  const { timeoutMs = 30_000, env = toolEnv(), maxBuffer = 4 * 1024 * 1024 } = options;
  return new Promise((resolve, reject) => {
    execFile(command, args, { env, timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer }, (error, stdout, stderr) => {
      if (error === null) resolve({ code: 0, stdout, stderr });
      else if (typeof error.code === 'number' && error.killed !== true) resolve({ code: error.code, stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} did not finish: ${error.message}\n${stderr}`));
    });
  });
}

/** The I/O of a `runCli` test: captured lines, files from a map, the server URL once printed, a stop signal to send. */
export interface TestIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
  /** Resolves with the server URL once the command prints it. */
  readonly started: Promise<string>;
  /** Sends the stop signal. */
  stop(signal?: string): void;
}

/** Options of {@link testIo}. */
export interface TestIoOptions {
  /** What the command composes with: a fixed composition, or a function in place of `buildOperations` (default: the command's own). */
  readonly compose?: Composition | NonNullable<CliIo['compose']>;
  /** `started` resolves once the whole banner is printed (its last line, `  stop with Ctrl-C`), not at its first line. */
  readonly startedAfterBanner?: boolean;
}

/**
 * A {@link TestIo} reading `files` (others are ENOENT), composing with `compose` when given (a
 * {@link Composition}, or {@link TestIoOptions}).
 */
export function testIo(files: Readonly<Record<string, string>> = {}, compose?: Composition | TestIoOptions): TestIo {
  const options: TestIoOptions = compose === undefined || 'operations' in compose ? { compose } : compose;
  const out: string[] = [];
  const err: string[] = [];
  let onStarted: (url: string) => void = () => undefined;
  const started = new Promise<string>((resolve) => {
    onStarted = resolve;
  });
  let onStop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    onStop = resolve;
  });
  let url = '';
  const composition = options.compose;
  return {
    out,
    err,
    started,
    stop: (signal = 'SIGTERM') => {
      onStop(signal);
    },
    stdout: (line) => {
      out.push(line);
      url = /serving Amazon Cognito \(cognito-idp\) on (\S+)$/.exec(line)?.[1] ?? url;
      if (options.startedAfterBanner === true ? line === '  stop with Ctrl-C' : url !== '') onStarted(url);
    },
    stderr: (line) => err.push(line),
    readFile: (path) => {
      const text = files[path];
      return text === undefined ? Promise.reject(new Error(`ENOENT: no such file or directory, open '${path}'`)) : Promise.resolve(text);
    },
    waitForStop: () => stopped,
    compose: composition === undefined ? undefined : typeof composition === 'function' ? composition : () => okAsync(composition),
  };
}

/** A `cognito-recovery serve --port 0 …` run in this process on a {@link TestIo}. */
export interface ServeRun {
  readonly io: TestIo;
  /** Resolves with the exit code. */
  readonly exit: Promise<number>;
}

/** Runs `serve --port 0 ...args` on a {@link testIo} of `files` (its `started` waits for the whole banner) until it exits, e.g. a refused start. */
export function runServe(args: readonly string[], files: Readonly<Record<string, string>> = {}, compose?: TestIoOptions['compose']): ServeRun {
  const io = testIo(files, { compose, startedAfterBanner: true });
  return { io, exit: runCli(['serve', '--port', '0', ...args], io) };
}

/** A started {@link runServe}: its URL and output, and `stop()`. */
export interface Served {
  readonly url: string;
  readonly out: readonly string[];
  readonly err: readonly string[];
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number>;
}

/** {@link runServe} until the banner is printed; rejects with the error output when the command exits first. */
export async function serve(args: readonly string[], files: Readonly<Record<string, string>> = {}, compose?: TestIoOptions['compose']): Promise<Served> {
  const { io, exit } = runServe(args, files, compose);
  const url = await Promise.race([io.started, exit.then((code) => Promise.reject(new Error(`exited ${code}: ${io.err.join('\n')}`)))]);
  return {
    url,
    out: io.out,
    err: io.err,
    stop: async () => {
      io.stop();
      return exit;
    },
  };
}

/** What {@link pgliteDataDirs} gives a test file. */
export interface PgliteDataDirs {
  /** A path that does not exist yet. */
  readonly newDir: () => string;
  /** A directory holding a copy of an empty migrated PGlite database, still without pool or code key. */
  readonly freshDir: () => string;
  /** A test (with the directories' timeout) whose body runs on its own {@link PgliteDataDirs.freshDir}. */
  readonly itOnFreshDir: (name: string, body: (dataDir: string) => Promise<void>) => void;
}

/**
 * Temporary data directories for the `--data-dir` tests, removed after the file's tests: `newDir()` a
 * path that does not exist yet, `freshDir()` one holding a copy of an empty migrated PGlite database
 * (made once before the tests: PGlite takes seconds to create one), still without pool or code key.
 */
export function pgliteDataDirs(prefix: string, timeoutMs: number): PgliteDataDirs {
  const dirs: string[] = [];
  const newDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return join(dir, 'data');
  };
  let template = '';
  beforeAll(async () => {
    template = join(newDir(), 'pglite');
    const { createPgliteRecovery } = await import('@cognito-recovery/adapters-postgres/pglite');
    await (await createPgliteRecovery({ dataDir: template, codeKey: new Uint8Array(32) })).close();
  }, timeoutMs);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, timeoutMs);
  const freshDir = (): string => {
    const dir = newDir();
    cpSync(template, join(dir, 'pglite'), { recursive: true });
    return dir;
  };
  return {
    newDir,
    freshDir,
    itOnFreshDir: (name, body) => {
      it(name, () => body(freshDir()), timeoutMs);
    },
  };
}

/** Opens a `--data-dir` directory's database directly, with the directory's code key, runs `use` on it and closes it. */
export async function withDataDirRecovery<T>(dataDir: string, use: (recovery: PgliteRecovery) => Promise<T>): Promise<T> {
  const codeKey = Buffer.from(readFileSync(join(dataDir, 'code-key'), 'utf8').trim(), 'base64');
  const { createPgliteRecovery } = await import('@cognito-recovery/adapters-postgres/pglite');
  const recovery = await createPgliteRecovery({ dataDir: join(dataDir, 'pglite'), codeKey });
  try {
    return await use(recovery);
  } finally {
    await recovery.close();
  }
}
