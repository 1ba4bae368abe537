/**
 * The recovery on the memory adapters: for development and tests. Everything lives in the process; the
 * "sent" messages are recorded in an outbox (and, here, logged so you can read the code).
 */
import { createMemoryPorts, type ManualClock, type Outbox } from '@cognito-recovery/adapters-memory';
import { createRecovery, type MessageSender, type PortFailureHook, type Recovery } from '@cognito-recovery/core';

/** A memory recovery and the handles a developer or a test reads. */
export interface MemoryBackend {
  readonly recovery: Recovery;
  /** Every message "sent": `outbox.latestCodeFor(userPoolId, username)`. */
  readonly outbox: Outbox;
  /** Follows the system time; `clock.advanceBy(ms)` jumps ahead (code expiry, limit windows). */
  readonly clock: ManualClock;
}

/** Options of {@link memoryBackend}. */
export interface MemoryBackendOptions {
  /** Called with each message as it is sent (e.g. `console.log`); default: silent. */
  readonly log?: ((line: string) => void) | undefined;
  /** scrypt cost; 1024 keeps tests fast, the default (16384) is for real use. */
  readonly hasherCost?: number | undefined;
}

/** `createMemoryPorts` + a sender that logs and records + `createRecovery`: ports are plain objects you can wrap. */
export function memoryBackend(options: MemoryBackendOptions = {}): MemoryBackend {
  const memory = createMemoryPorts({ realTime: true, ...(options.hasherCost === undefined ? {} : { hasherCost: options.hasherCost }) });
  const { log } = options;
  const sender: MessageSender =
    log === undefined
      ? memory.outbox
      : {
          send: (message) => {
            log(`[outbox] ${message.medium} to ${message.destination}: ${message.body}`);
            return memory.outbox.send(message);
          },
        };
  // The caller of a failing port only sees InternalErrorException: the hook is where it shows.
  const onPortFailure: PortFailureHook | undefined =
    log === undefined
      ? undefined
      : (failure, { port, method }) => {
          log(`[port failure] ${port}.${method}: ${failure.reason}`);
        };
  return { recovery: createRecovery({ ...memory.ports, sender }, { onPortFailure }), outbox: memory.outbox, clock: memory.clock };
}
