/**
 * A small auth server's password-recovery API on plain `node:http`:
 *
 * - `POST /password/forgot`  `{ "username": "alice" }` → 200 `{ "delivery": { "medium", "destination", "attribute" } }`
 * - `POST /password/confirm` `{ "username": "alice", "code": "123456", "password": "…" }` → 204
 *
 * Errors are `{ "error": "<code>", "message": "…" }` with the HTTP status of {@link httpErrorOf}. The
 * server does not care which adapters are behind `recovery`: `memory.ts` and `aws.ts` build one.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { computeSecretHash, type ConfirmForgotPasswordError, type ForgotPasswordError, type Recovery } from '@cognito-recovery/core';

/** The app client this server calls the recovery as, and its secret when it has one. */
export interface AppClientSettings {
  /** The app client id (`CreateUserPoolClient`'s `ClientId`). */
  readonly clientId: string;
  /**
   * The app client secret, from your secret store. This server is a confidential client: it computes
   * the `SecretHash` itself, so the secret never reaches a browser.
   */
  readonly clientSecret?: string | undefined;
}

/** What `createAuthServer` needs: the recovery (any adapters) and the app client to use. */
export interface AuthServerOptions extends AppClientSettings {
  /** The use cases, e.g. `createMemoryRecovery()` or `createAwsRecovery(…)`. */
  readonly recovery: Pick<Recovery, 'forgotPassword' | 'confirmForgotPassword'>;
}

/** An error of this API: the HTTP status, a stable code for your clients, and a message for people. */
export interface HttpError {
  readonly status: number;
  readonly error: string;
  readonly message: string;
}

type RecoveryErrorName = ForgotPasswordError['name'] | ConfirmForgotPasswordError['name'];

/**
 * Every error the two use cases can answer, mapped to this API's status and code. The table is a
 * `Record` over the use cases' error unions, so a new error name in the core stops this file from
 * compiling until it is mapped.
 */
const HTTP_ERRORS: Readonly<Record<RecoveryErrorName, readonly [status: number, error: string]>> = {
  // The request itself is wrong (Cognito's validation messages are safe to show).
  InvalidParameterException: [400, 'invalid_request'],
  SerializationException: [400, 'invalid_request'],
  // Wrong, expired, reused or superseded code; under PreventUserExistenceErrors=ENABLED also an unknown user.
  CodeMismatchException: [400, 'invalid_code'],
  ExpiredCodeException: [400, 'invalid_code'],
  InvalidPasswordException: [400, 'weak_password'],
  PasswordHistoryPolicyViolationException: [400, 'weak_password'],
  // Only under PreventUserExistenceErrors=LEGACY: prefer ENABLED so this never reveals who has an account.
  UserNotFoundException: [404, 'user_not_found'],
  // Disabled user, admin-only recovery, or a wrong/missing SecretHash (a configuration error of this server).
  NotAuthorizedException: [403, 'not_allowed'],
  // Too many ForgotPassword requests or failed confirms for this user (the pool's RecoveryLimits), or throttling.
  LimitExceededException: [429, 'too_many_attempts'],
  TooManyRequestsException: [429, 'too_many_attempts'],
  // Misconfiguration on your side: unknown client id, no SMS/email configuration, trigger failures.
  ResourceNotFoundException: [500, 'misconfigured'],
  InvalidSmsRoleAccessPolicyException: [500, 'misconfigured'],
  InvalidSmsRoleTrustRelationshipException: [500, 'misconfigured'],
  InvalidEmailRoleAccessPolicyException: [500, 'misconfigured'],
  UserLambdaValidationException: [502, 'trigger_failed'],
  InvalidLambdaResponseException: [502, 'trigger_failed'],
  UnexpectedLambdaException: [502, 'trigger_failed'],
  // The email or SMS could not be sent; the code was revoked, the user may ask again.
  CodeDeliveryFailureException: [502, 'delivery_failed'],
  InternalErrorException: [500, 'internal_error'],
};

/**
 * This API's answer for a recovery error. Server-side faults never echo Cognito's message (it is generic
 * anyway); client errors carry it, since it is written for people ("Invalid verification code provided,
 * please try again.").
 */
export function httpErrorOf(error: ForgotPasswordError | ConfirmForgotPasswordError): HttpError {
  const [status, code] = HTTP_ERRORS[error.name];
  return { status, error: code, message: status >= 500 ? 'The password could not be reset; try again later.' : error.message };
}

const MAX_BODY_BYTES = 16 * 1024;

/** Reads a JSON object body of at most 16 KiB; `undefined` when it is not one. */
async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const bytes = chunk as Buffer;
    size += bytes.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(bytes);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
}

function sendError(res: ServerResponse, { status, error, message }: HttpError): void {
  send(res, status, { error, message });
}

const badRequest = (message: string): HttpError => ({ status: 400, error: 'invalid_request', message });

/** The request handler: routing, body parsing, the two use cases, the error mapping. */
export function authRequestListener(options: AuthServerOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { recovery, clientId, clientSecret } = options;
  // SecretHash = Base64(HMAC-SHA256(clientSecret, username + clientId)), over the username as typed.
  const secretHash = (username: string): { SecretHash?: string } =>
    clientSecret === undefined ? {} : { SecretHash: computeSecretHash(clientSecret, username, clientId) };

  return async (req, res) => {
    const route = `${req.method ?? ''} ${req.url ?? ''}`;
    if (route !== 'POST /password/forgot' && route !== 'POST /password/confirm') {
      sendError(res, { status: 404, error: 'not_found', message: 'Unknown route.' });
      return;
    }
    const body = await readJson(req);
    if (body === undefined) {
      sendError(res, badRequest('Send a JSON object of at most 16 KiB.'));
      return;
    }
    const { username, code, password } = body;
    if (typeof username !== 'string') {
      sendError(res, badRequest('username must be a string.'));
      return;
    }

    if (route === 'POST /password/forgot') {
      const result = await recovery.forgotPassword({ ClientId: clientId, Username: username, ...secretHash(username) });
      if (result.isErr()) {
        sendError(res, httpErrorOf(result.error));
        return;
      }
      const details = result.value.CodeDeliveryDetails;
      send(res, 200, { delivery: { medium: details.DeliveryMedium, destination: details.Destination, attribute: details.AttributeName } });
      return;
    }

    if (typeof code !== 'string' || typeof password !== 'string') {
      sendError(res, badRequest('code and password must be strings.'));
      return;
    }
    const result = await recovery.confirmForgotPassword({
      ClientId: clientId,
      Username: username,
      ConfirmationCode: code,
      Password: password,
      ...secretHash(username),
    });
    if (result.isErr()) {
      sendError(res, httpErrorOf(result.error));
      return;
    }
    send(res, 204);
  };
}

/** A `node:http` server with the two routes; call `listen` on it. */
export function createAuthServer(options: AuthServerOptions): Server {
  const listener = authRequestListener(options);
  return createServer((req, res) => {
    listener(req, res).catch((error: unknown) => {
      // The use cases never throw (they answer Results); this is a bug or a broken socket.
      console.error('auth server bug:', error);
      if (!res.headersSent) sendError(res, { status: 500, error: 'internal_error', message: 'Internal error.' });
      else res.destroy();
    });
  });
}
