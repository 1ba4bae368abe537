/**
 * `@cognito-recovery/server`: the Amazon Cognito wire protocol (AWS JSON 1.1, `X-Amz-Target`) over
 * `node:http`, an in-process handler for AWS SDK v3 clients, and the `cognito-recovery` command.
 *
 * @packageDocumentation
 */
export { checkAllowedHost, checkOriginPattern, DEFAULT_CORS_ORIGINS, hostMatcher, isLoopbackHost, originMatcher } from './access.js';
export type { BuildOperationsOptions } from './build-operations.js';
export { LOCAL_HASH_COST, buildOperations } from './build-operations.js';
export type { Composition } from './compose.js';
export { operationsOf, outboxInspection } from './compose.js';
export type { ClientConfig, ConfigIssue, ParseConfigOptions, PoolConfig, ServerConfig, TriggersConfig, UserConfig } from './config.js';
export { formatConfigIssues, parseConfig, parseConfigText } from './config.js';
export type { InProcessHandlerConfig, InProcessHandlerOptions } from './in-process-handler.js';
export { inProcessHandler } from './in-process-handler.js';
export type { ClientView, DirectoryView, Inspection, InspectionClock, PoolView, ResetScope, UserView } from './inspection.js';
export { RESET_SCOPES } from './inspection.js';
export { memoryInspection } from './memory-inspection.js';
export type { Operation, OperationTable } from './operation.js';
export type { BugReporter, RequestLogger } from './request-log.js';
export type { RequestListenerOptions } from './request-listener.js';
export { createRequestListener, DEFAULT_BODY_TIMEOUT_MS, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DISCARD_BYTES } from './request-listener.js';
export type { CliIo } from './run-cli.js';
export { EXIT_USAGE, nodeCliIo, runCli } from './run-cli.js';
export type { RunningServer, StartServerOptions } from './start-server.js';
export { startServer } from './start-server.js';
export { localToolEnv } from './tool-env.js';
export type { WellKnown, WellKnownOptions, WellKnownPool } from './well-known.js';
export { checkIssuerBaseUrl, tokenIssuer, wellKnownOf } from './well-known.js';
