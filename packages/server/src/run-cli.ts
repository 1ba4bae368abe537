/**
 * The `cognito-recovery` command as a function: arguments and I/O in, exit code out.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import type { Result } from 'neverthrow';
import { err, ok } from 'neverthrow';
import type { Composition } from './compose.js';
import { buildOperations } from './compose.js';
import type { ServerConfig } from './config.js';
import { formatConfigIssues, parseConfigText } from './config.js';
import { startServer } from './start-server.js';

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
  /** Resolves with the signal's name when the process is asked to stop (SIGINT, SIGTERM). */
  readonly waitForStop: () => Promise<string>;
  /** Builds the operations from the configuration (default {@link buildOperations}). */
  readonly compose?: ((config: ServerConfig) => Promise<Composition>) | undefined;
}

/** Exit code of a usage or configuration error. @group Server */
export const EXIT_USAGE = 2;

const HELP = `Usage: cognito-recovery serve [options]

Serves Amazon Cognito's password recovery (ForgotPassword, ConfirmForgotPassword, …) on the Cognito
wire protocol, for the AWS CLI and the AWS SDKs.

Options:
  --host HOST        interface to bind (default 127.0.0.1)
  --port PORT        port to listen on, 0 for any free one (default 9229)
  --config FILE      JSON file with the pools, app clients and users to create
  --no-inspection    turn off GET /_local/outbox and POST /_local/reset
  -h, --help         show this help`;

interface ServeArgs {
  readonly host: string;
  readonly port: number;
  readonly configFile: string | undefined;
  readonly inspection: boolean;
}

type Parsed = { readonly kind: 'help' } | { readonly kind: 'serve'; readonly args: ServeArgs };

/**
 * Runs `cognito-recovery` with its arguments (without `node` and the script) and resolves with the exit
 * code: 0 after a clean stop on SIGINT/SIGTERM or for `--help`, 2 for a usage or configuration error,
 * 1 when the server cannot start.
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

  let server;
  let inspection;
  try {
    const composition = await (io.compose ?? buildOperations)(config.value);
    inspection = args.inspection ? composition.inspection : undefined;
    server = await startServer({
      host: args.host,
      port: args.port,
      operations: composition.operations,
      inspection,
      logger: io.stdout,
      onBug: (error, context) => {
        io.stderr(`cognito-recovery: operation ${context.operation} failed unexpectedly (request ${context.requestId}): ${describe(error)}`);
      },
    });
  } catch (error: unknown) {
    io.stderr(`cognito-recovery: cannot start: ${describe(error)}`);
    return 1;
  }

  const example = exampleIds(config.value);
  io.stdout(`cognito-recovery: serving Amazon Cognito (cognito-idp) on ${server.url}`);
  io.stdout(`  try: aws cognito-idp forgot-password --endpoint-url ${server.url} --client-id ${example.clientId} --username ${example.username}`);
  if (inspection !== undefined) io.stdout(`  outbox: GET ${server.url}/_local/outbox, reset: POST ${server.url}/_local/reset`);
  io.stdout('  stop with Ctrl-C');

  const signal = await io.waitForStop();
  await server.close();
  io.stdout(`cognito-recovery: stopped (${signal})`);
  return 0;
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
  return ok({ kind: 'serve', args: { host: values.host, port, configFile: values.config, inspection: values.inspection } });
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

function exampleIds(config: ServerConfig): { clientId: string; username: string } {
  const pool = config.pools.find((p) => p.clients.some((c) => c.id !== undefined)) ?? config.pools[0];
  return {
    clientId: pool?.clients.find((c) => c.id !== undefined)?.id ?? '<id>',
    username: pool?.users[0]?.username ?? '<name>',
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
