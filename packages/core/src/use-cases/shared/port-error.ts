/**
 * The error a failed port call becomes for the caller.
 *
 * @module
 * @internal
 */
import type { CognitoError } from '../../errors.js';

/** A port failure as the caller sees it (`fromPortFailure`). @internal */
export type PortError = CognitoError<'InternalErrorException' | 'TooManyRequestsException'>;
