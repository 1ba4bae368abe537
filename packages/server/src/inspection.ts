/**
 * The local inspection routes (`/_local/*`): what a test or a developer reads back from a local server.
 *
 * @module
 */

/**
 * What the `/_local/*` routes read and clear; usually the memory adapter's outbox.
 *
 * @example
 * ```ts
 * const inspection: Inspection = { messages: () => outbox.messages(), clear: () => { outbox.clear(); } };
 * ```
 * @group Server
 */
export interface Inspection {
  /** Every message delivered so far, oldest first (served by `GET /_local/outbox`). */
  messages(): readonly unknown[];
  /** Forgets every recorded message (`POST /_local/reset`). */
  clear(): void;
}
