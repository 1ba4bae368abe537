/**
 * Shared, already-settled answers: a port call that succeeds with nothing allocates nothing.
 *
 * @module
 * @internal
 */
import { okAsync, type ResultAsync } from 'neverthrow';

/** `okAsync(undefined)`, created once (a settled ResultAsync can be awaited any number of times). @internal */
export const OK_UNDEFINED: ResultAsync<undefined, never> = okAsync(undefined);
