/**
 * The `cognito-recovery` command as a function: arguments and I/O in, exit code out.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { computeSecretHash } from '@cognito-recovery/core';
import type { Result, ResultAsync } from 'neverthrow';
import { err, ok } from 'neverthrow';
import { checkAllowedHost, checkOriginPattern, DEFAULT_CORS_ORIGINS, isLoopbackHost } from './access.js';
import type { BuildOperationsOptions } from './build-operations.js';
import { buildOperations, LOCAL_HASH_COST } from './build-operations.js';
import type { Composition } from './compose.js';
import type { ConfigIssue, ServerConfig } from './config.js';
import { checkHashCost, formatConfigIssues, parseConfigText } from './config.js';
import type { DirectoryView, Inspection } from './inspection.js';
import { startServer } from './start-server.js';
import { checkIssuerBaseUrl, tokenIssuer } from './well-known.js';

/**
 * Everything the command touches outside itself, so that it can run in a test.
 *
 * @group Server
 */
export interface CliIo {
  /** Writes one line of normal output (the endpoint, request log lines). */
  readonly stdout: (line: string) => void;
  /** Writes one line of error output. */
  readonly stderr: (line: string) => void;
  /** Reads a file as UTF-8 text. */
  readonly readFile: (path: string) => Promise<string>;
  /**
   * Resolves with the signal's name when the process is asked to stop (SIGINT, SIGTERM). Called once,
   * before the composition is built, so a signal during a slow start still stops (and closes) cleanly.
   */
  readonly waitForStop: () => Promise<string>;
  /** Builds the operations from the configuration (default {@link buildOperations}). */
  readonly compose?: ((config: ServerConfig, options: BuildOperationsOptions) => ResultAsync<Composition, readonly ConfigIssue[]>) | undefined;
}

/** Exit code of a usage or configuration error. @group Server */
export const EXIT_USAGE = 2;

const HELP = `Usage: cognito-recovery serve [options]

Serves Amazon Cognito's password recovery (ForgotPassword, ConfirmForgotPassword, …) on the Cognito
wire protocol, for the AWS CLI, the AWS SDKs, Amplify and amazon-cognito-identity-js.

Options:
  --host HOST            interface to bind (default 127.0.0.1; anything else prints a warning)
  --port PORT            port to listen on, 0 for any free one (default 9229)
  --config FILE          JSON file with the pools, app clients and users to create
  --data-dir DIR         keep pools, clients, users, codes and limit windows in PGlite under DIR, across
                         restarts (default: in memory; the outbox stays in memory); one server per DIR
  --cors-origin ORIGIN   a browser origin the Cognito API answers CORS for, e.g. http://localhost:5173
                         or http://localhost:* (any port); repeatable; replaces the default
                         http://localhost:* and http://127.0.0.1:* (and the config's "corsOrigins")
  --allowed-host NAME    a Host name requests may use besides localhost, 127.x.x.x and [::1];
                         repeatable (replaces the config's "allowedHosts")
  --clock MODE           real (default): the system time; manual: starts now and moves only with
                         POST /_local/clock {"advanceSeconds": N} or {"now": "<ISO time>"}
  --issuer-base-url URL  tokens' iss is URL/<poolId> (e.g. http://localhost:9229, so apps fetch the
                         JWKS from here); default https://cognito-idp.<region>.amazonaws.com
                         (replaces the config's "issuerBaseUrl")
  --hash-cost N          scrypt cost N of password hashes, a power of two from 2 to 1048576
                         (default 16: fast, for test users; replaces the config's "hashCost")
  --no-inspection        turn off the /_local/ console, outbox, reset and clock routes
  -h, --help             show this help

Local routes (unless --no-inspection; never with CORS):
  GET  /_local/                the console: pools, clients, users, the outbox
  GET  /_local/outbox          every delivered message, codes included
  POST /_local/reset[?scope=]  outbox | limits | codes | all (default): pools and users stay
  GET  /_local/clock, POST /_local/clock (--clock manual)

Token verification (public, as on Cognito):
  GET  /<poolId>/.well-known/jwks.json            the pool's two signing keys
  GET  /<poolId>/.well-known/openid-configuration  the discovery document
  (also under the path of --issuer-base-url; with --data-dir the keys are kept in DIR/signing-keys.json)`;

interface ServeArgs {
  readonly host: string;
  readonly port: number;
  readonly configFile: string | undefined;
  readonly inspection: boolean;
  readonly corsOrigins: readonly string[] | undefined;
  readonly allowedHosts: readonly string[] | undefined;
  readonly clock: 'real' | 'manual';
  readonly dataDir: string | undefined;
  readonly issuerBaseUrl: string | undefined;
  readonly hashCost: number | undefined;
}

type Parsed = { readonly kind: 'help' } | { readonly kind: 'serve'; readonly args: ServeArgs };

/**
 * Runs `cognito-recovery` with its arguments (without `node` and the script) and resolves with the exit
 * code: 0 after a clean stop on SIGINT/SIGTERM or for `--help`, 2 for a usage or configuration error,
 * 1 when the server cannot start (a port in use, a `--data-dir` another server has open). With a data
 * directory, the database is closed on the stop signal, after the server has stopped.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2), nodeCliIo());
 * ```
 * @group Server
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (parsed.isErr()) {
    io.stderr(`cognito-recovery: ${parsed.error}`);
    io.stderr('Run cognito-recovery --help for usage.');
    return EXIT_USAGE;
  }
  if (parsed.value.kind === 'help') {
    io.stdout(HELP);
    return 0;
  }
  const args = parsed.value.args;

  const config = await loadConfig(args.configFile, io);
  if (config.isErr()) {
    io.stderr(config.error);
    return EXIT_USAGE;
  }
  const dataDir = args.dataDir ?? config.value.dataDir;
  const issuerBaseUrl = args.issuerBaseUrl ?? config.value.issuerBaseUrl;
  const signingKeys = config.value.signingKeys;
  // Listen for the stop signal from here on: one that comes while a data directory is being opened
  // (the first start in a fresh one takes seconds) stops the server once it is up, cleanly.
  const stop = io.waitForStop();
  let built;
  try {
    built = await (io.compose ?? buildOperations)(config.value, {
      clock: args.clock,
      dataDir,
      issuerBaseUrl,
      hasherCost: args.hashCost ?? config.value.hashCost ?? LOCAL_HASH_COST,
      ...(signingKeys === undefined ? {} : { signingKeys }),
    });
  } catch (error: unknown) {
    io.stderr(`cognito-recovery: cannot start: ${await describeStartError(error, dataDir)}`);
    return 1;
  }
  if (built.isErr()) {
    io.stderr(`cognito-recovery: invalid config file ${args.configFile ?? ''}:\n${formatConfigIssues(built.error).replace(/^/gm, '  ')}`);
    return EXIT_USAGE;
  }
  const composition = built.value;
  const inspection = args.inspection ? composition.inspection : undefined;
  const corsOrigins = args.corsOrigins ?? config.value.corsOrigins ?? DEFAULT_CORS_ORIGINS;

  let server;
  try {
    server = await startServer({
      host: args.host,
      port: args.port,
      operations: composition.operations,
      inspection,
      corsOrigins,
      allowedHosts: args.allowedHosts ?? config.value.allowedHosts,
      wellKnown: composition.wellKnown,
      logger: io.stdout,
      onBug: (error, context) => {
        io.stderr(`cognito-recovery: operation ${context.operation} failed unexpectedly (request ${context.requestId}): ${describe(error)}`);
      },
    });
  } catch (error: unknown) {
    io.stderr(`cognito-recovery: cannot start: ${describe(error)}`);
    await composition.close?.();
    return 1;
  }

  if (!isLoopbackHost(args.host)) {
    io.stderr(
      `cognito-recovery: WARNING: listening on ${args.host}, which is not a loopback address: anyone who can reach port ${server.port} can call this endpoint` +
        (inspection === undefined ? '.' : ` and read every delivered code at /_local/outbox and /_local/ (turn those off with --no-inspection).`) +
        ' Clients must name an allowed Host: add --allowed-host <name> for each name they use.',
    );
  }
  for (const note of composition.notes ?? []) io.stdout(`cognito-recovery: note: ${note}`);
  const directory = await directoryOf(composition.inspection);
  for (const line of banner(server.url, directory, inspection, corsOrigins, composition.dataDir, issuerBaseUrl)) io.stdout(line);

  const signal = await stop;
  await server.close();
  await composition.close?.();
  io.stdout(`cognito-recovery: stopped (${signal})`);
  return 0;
}

/** Why the composition could not be built: a data directory in use says which process holds it. */
async function describeStartError(error: unknown, dataDir: string | undefined): Promise<string> {
  if (dataDir === undefined) return describe(error);
  const { isDataDirectoryInUse } = await import('./data-dir.js');
  if (!isDataDirectoryInUse(error)) return `--data-dir ${dataDir}: ${describe(error)}`;
  return error.pid === process.pid
    ? `the data directory ${dataDir} is already open in this process: one server per data directory`
    : `the data directory ${dataDir} is in use by another server (process ${error.pid}): one server per data directory, since two would corrupt it. ` +
        `Stop that server first, use another --data-dir, or delete ${error.lockFile} if process ${error.pid} is not a cognito-recovery server.`;
}

/**
 * The real process's {@link CliIo}: console streams, the file system, SIGINT and SIGTERM.
 *
 * @group Server
 */
export function nodeCliIo(): CliIo {
  return {
    stdout: (line) => {
      process.stdout.write(`${line}\n`);
    },
    stderr: (line) => {
      process.stderr.write(`${line}\n`);
    },
    readFile: (path) => readFile(path, 'utf8'),
    waitForStop: () =>
      new Promise((resolve) => {
        const stop = (signal: NodeJS.Signals): void => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          resolve(signal);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      }),
  };
}

function parseCommandLine(argv: readonly string[]): Result<Parsed, string> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      allowNegative: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '9229' },
        config: { type: 'string' },
        inspection: { type: 'boolean', default: true },
        'cors-origin': { type: 'string', multiple: true },
        'allowed-host': { type: 'string', multiple: true },
        clock: { type: 'string', default: 'real' },
        'data-dir': { type: 'string' },
        'issuer-base-url': { type: 'string' },
        'hash-cost': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error: unknown) {
    return err(describe(error));
  }
  if (values.help || positionals[0] === 'help') return ok({ kind: 'help' });
  if (positionals.length === 0) return err('missing command (serve)');
  if (positionals[0] !== 'serve') return err(`unknown command ${positionals[0] ?? ''}`);
  if (positionals.length > 1) return err(`unexpected argument ${positionals[1] ?? ''}`);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) return err(`--port must be an integer from 0 to 65535, got ${values.port}`);
  if (values.host === '') return err('--host must not be empty');
  const clock = values.clock;
  if (clock !== 'real' && clock !== 'manual') return err(`--clock must be real or manual, got ${clock}`);
  if (clock === 'manual' && !values.inspection) return err('--clock manual moves only through POST /_local/clock, which --no-inspection turns off');
  const dataDir = values['data-dir'];
  if (dataDir?.trim() === '') return err('--data-dir must not be empty');
  const issuerBaseUrl = values['issuer-base-url'] === undefined ? ok(undefined) : checkIssuerBaseUrl(values['issuer-base-url']);
  if (issuerBaseUrl.isErr()) return err(`--issuer-base-url ${issuerBaseUrl.error}`);
  const hashCost = values['hash-cost'] === undefined ? ok(undefined) : checkHashCost(values['hash-cost']);
  if (hashCost.isErr()) return err(`--hash-cost ${hashCost.error}, got ${values['hash-cost'] ?? ''}`);
  const corsOrigins = checkAll(values['cors-origin'], checkOriginPattern, '--cors-origin');
  if (corsOrigins.isErr()) return err(corsOrigins.error);
  const allowedHosts = checkAll(values['allowed-host'], checkAllowedHost, '--allowed-host');
  if (allowedHosts.isErr()) return err(allowedHosts.error);
  return ok({
    kind: 'serve',
    args: {
      host: values.host,
      port,
      configFile: values.config,
      inspection: values.inspection,
      corsOrigins: corsOrigins.value,
      allowedHosts: allowedHosts.value,
      clock,
      dataDir,
      issuerBaseUrl: issuerBaseUrl.value,
      hashCost: hashCost.value,
    },
  });
}

function checkAll(
  values: readonly string[] | undefined,
  check: (value: string) => Result<string, string>,
  flag: string,
): Result<readonly string[] | undefined, string> {
  if (values === undefined) return ok(undefined);
  const checked: string[] = [];
  for (const value of values) {
    const result = check(value);
    if (result.isErr()) return err(`${flag} ${result.error}`);
    checked.push(result.value);
  }
  return ok(checked);
}

async function loadConfig(file: string | undefined, io: CliIo): Promise<Result<ServerConfig, string>> {
  if (file === undefined) return ok({ pools: [] });
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (error: unknown) {
    return err(`cognito-recovery: cannot read config file ${file}: ${describe(error)}`);
  }
  return parseConfigText(text, { baseDir: dirname(file) }).mapErr(
    (issues) => `cognito-recovery: invalid config file ${file}:\n${formatConfigIssues(issues).replace(/^/gm, '  ')}`,
  );
}

async function directoryOf(inspection: Inspection | undefined): Promise<DirectoryView | undefined> {
  try {
    return await inspection?.directory?.();
  } catch {
    return undefined;
  }
}

/**
 * The start banner: what to point a client at. It shows the configuration's client secrets on
 * purpose (they are local values, needed for a SecretHash) but never a password or a code.
 */
function banner(
  url: string,
  directory: DirectoryView | undefined,
  inspection: Inspection | undefined,
  corsOrigins: readonly string[],
  dataDir: string | undefined,
  issuerBaseUrl: string | undefined,
): string[] {
  const lines = [`cognito-recovery: serving Amazon Cognito (cognito-idp) on ${url}`];
  const pools = directory?.pools ?? [];
  if (directory === undefined) lines.push('  (the pools, clients and users are not listed: the composition does not show them)');
  else if (pools.length === 0) lines.push('  no user pools yet: start with --config FILE (see examples/local-config.json) or call CreateUserPool');
  for (const pool of pools) {
    lines.push(`  user pool ${pool.id} (${pool.name})`);
    for (const client of pool.clients) {
      lines.push(
        `    app client ${client.id} (${client.name}): ` +
          (client.secret === undefined
            ? 'no secret'
            : `secret ${client.secret} (requests need a SecretHash; Amplify and amazon-cognito-identity-js cannot use this client)`),
      );
    }
    if (pool.clients.length === 0) lines.push('    no app clients');
    lines.push(
      pool.users.length === 0
        ? '    no users'
        : `    users: ${pool.users.map((u) => `${u.username} (${u.status}${u.enabled ? '' : ', disabled'})`).join(', ')}`,
    );
  }
  if (inspection !== undefined) {
    lines.push(`  console: ${url}/_local/`);
    lines.push(`  outbox: GET ${url}/_local/outbox, reset: POST ${url}/_local/reset`);
    if (inspection.clock?.mode === 'manual') lines.push(`  clock: manual; move it with POST ${url}/_local/clock {"advanceSeconds": 3600}`);
  }
  lines.push(`  browsers: CORS for ${corsOrigins.join(', ')}`);
  lines.push(`  try: ${tryLine(url, pools)}`);
  const example = pools[0]?.id ?? '<poolId>';
  lines.push(`  tokens: iss ${tokenIssuer(example, issuerBaseUrl)}, JWKS at ${url}/${example}/.well-known/jwks.json`);
  lines.push(
    dataDir === undefined
      ? '  data: in memory, gone when the server stops (--data-dir DIR keeps it across restarts)'
      : `  data: ${dataDir} (PGlite: pools, clients, users, codes and limits survive restarts; the outbox does not)`,
  );
  lines.push('  stop with Ctrl-C');
  return lines;
}

/** An AWS CLI line that works without any AWS configuration: a client without a secret if there is one. */
function tryLine(url: string, pools: DirectoryView['pools']): string {
  const base = `aws cognito-idp forgot-password --endpoint-url ${url} --region us-east-1 --no-sign-request`;
  const choices = pools.flatMap((pool) => pool.clients.map((client) => ({ pool, client })));
  const choice = choices.find((c) => c.client.secret === undefined && c.pool.users.length > 0) ?? choices.find((c) => c.pool.users.length > 0) ?? choices[0];
  if (choice === undefined) return `${base} --client-id <client-id> --username <username>`;
  const username = choice.pool.users[0]?.username;
  if (username === undefined) return `${base} --client-id ${choice.client.id} --username <username>`;
  const secret = choice.client.secret;
  return `${base} --client-id ${choice.client.id} --username ${shellWord(username)}${secret === undefined ? '' : ` --secret-hash ${computeSecretHash(secret, username, choice.client.id)}`}`;
}

/** A username as one shell word. */
function shellWord(text: string): string {
  return /^[\w@.+=,:/-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
