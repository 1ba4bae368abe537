/**
 * Fault injection and call recording for any {@link Ports}: every method of the Result-returning ports
 * (pools, users, codes, limiter, sender, hasher, triggers, encryptor) goes through a wrapper that can
 * fail it on a seeded schedule, and every call (random draws included) is logged.
 *
 * @module
 */
import { err, errAsync, ResultAsync } from 'neverthrow';
import { portFailure, type PortFailure } from '../errors.js';
import type { Ports } from '../ports/index.js';
import type { DeliveryFailure } from '../ports/message-sender.js';
import type { TriggerFailure } from '../ports/trigger-invoker.js';
import { seededRandom } from './seeded-random.js';

/**
 * How an injected fault behaves:
 * - `error`: the call is not made; it answers a `PortFailure` (the store or service refused it).
 * - `throttle`: as `error`, with `throttled: true` (the caller sees `TooManyRequestsException`).
 * - `timeout`: the call IS made (its effect happens), but the caller only gets a `PortFailure`
 *   (`timed out`), `delayMs` later: the ambiguous outcome of a request whose answer was lost.
 * - `late`: the call is made and its real answer arrives `delayMs` late.
 * - `partial`: senders only: the message is delivered, then the sender answers a `DeliveryFailure`
 *   ("accepted but then failed"); on other ports it behaves as `timeout`.
 *
 * For the trigger invoker, `error` and `throttle` answer `InvocationFailed`, `timeout` and `partial`
 * answer `Timeout` (after running the function).
 *
 * @group Testing
 */
export type FaultKind = 'error' | 'throttle' | 'timeout' | 'late' | 'partial';

/** The ports {@link withFaults} can fail. @group Testing */
export type FaultablePort = 'pools' | 'users' | 'codes' | 'limiter' | 'sender' | 'hasher' | 'triggers' | 'encryptor';

/** Every {@link FaultablePort}. @group Testing */
export const FAULTABLE_PORTS: readonly FaultablePort[] = ['pools', 'users', 'codes', 'limiter', 'sender', 'hasher', 'triggers', 'encryptor'];

/** One call through the wrapped ports. @group Testing */
export interface PortCall {
  /** Position in the log, from 0. */
  readonly seq: number;
  /** The port (`random` and `clock` included, which are never failed). */
  readonly port: FaultablePort | 'random' | 'clock';
  /** The method called. */
  readonly method: string;
  /** The fault injected into this call, if any. */
  readonly fault: FaultKind | undefined;
}

/**
 * When calls fail. Each call of a port listed in `ports` (default all) fails with probability `rate`,
 * its kind drawn uniformly from `kinds` (default every kind), both from a PRNG seeded with `seed`, so
 * a schedule replays exactly. `plan`, when given, decides instead (return `undefined` for no fault).
 *
 * @group Testing
 */
export interface FaultSchedule {
  /** PRNG seed. */
  readonly seed: number;
  /** Probability that a call of a listed port fails, 0–1. */
  readonly rate: number;
  /** Kinds to draw from (default all). */
  readonly kinds?: readonly FaultKind[] | undefined;
  /** Ports that may fail (default {@link FAULTABLE_PORTS}). */
  readonly ports?: readonly FaultablePort[] | undefined;
  /** Delay of `timeout`, `late` and `partial` answers in ms (default 1). */
  readonly delayMs?: number | undefined;
  /** Decides per call instead of the seeded draw. */
  readonly plan?: ((call: Omit<PortCall, 'fault' | 'seq'>) => FaultKind | undefined) | undefined;
}

/**
 * The wrapped ports and the controls of {@link withFaults}.
 *
 * @group Testing
 */
export interface FaultyPorts {
  /** The ports to compose a recovery from. */
  readonly ports: Ports;
  /** Every call so far, oldest first (the live array). */
  readonly calls: readonly PortCall[];
  /** Turns injection on or off (setup and invariant checks run with it off); calls are logged either way. */
  setEnabled(enabled: boolean): void;
  /** The calls logged since position `from` (e.g. `calls.length` before an operation). */
  since(from: number): readonly PortCall[];
}

const ALL_KINDS: readonly FaultKind[] = ['error', 'throttle', 'timeout', 'late', 'partial'];

function later<T>(ms: number, value: T): Promise<T> {
  return new Promise((resolve) =>
    setTimeout(() => {
      resolve(value);
    }, ms),
  );
}

function failureFor(port: FaultablePort, kind: FaultKind, method: string): PortFailure | DeliveryFailure | TriggerFailure {
  if (port === 'triggers') return kind === 'error' || kind === 'throttle' ? { kind: 'InvocationFailed', reason: `injected ${kind}` } : { kind: 'Timeout' };
  if (port === 'sender' && kind === 'partial') return { kind: 'DeliveryFailure', reason: 'injected: accepted, then failed' };
  const reason = kind === 'error' || kind === 'throttle' ? `injected ${kind} in ${method}` : `injected timeout in ${method}`;
  return { ...portFailure(port, reason), throttled: kind === 'throttle' };
}

/**
 * Wraps every Result-returning port of `ports` so that calls fail on `schedule`, and logs every call
 * (with `random` draws, so tests can compare the sequences of two paths). With `rate: 0` it is a pure
 * recorder.
 *
 * @example
 * ```ts
 * const faulty = withFaults(memory.ports, { seed: 7, rate: 0.05, kinds: ['error', 'timeout'] });
 * const recovery = createRecovery(faulty.ports);
 * const before = faulty.calls.length;
 * await recovery.forgotPassword({ ClientId, Username: 'alice' });
 * const injected = faulty.since(before).filter((c) => c.fault !== undefined);
 * ```
 * @group Testing
 */
export function withFaults(ports: Ports, schedule: FaultSchedule): FaultyPorts {
  const draw = seededRandom(schedule.seed);
  const kinds = schedule.kinds ?? ALL_KINDS;
  const faultable = new Set(schedule.ports ?? FAULTABLE_PORTS);
  const delayMs = schedule.delayMs ?? 1;
  const calls: PortCall[] = [];
  let enabled = true;

  const decide = (port: FaultablePort, method: string): FaultKind | undefined => {
    if (!enabled || !faultable.has(port)) return undefined;
    if (schedule.plan !== undefined) return schedule.plan({ port, method });
    if (draw() >= schedule.rate) return undefined;
    const kind = kinds[Math.floor(draw() * kinds.length)];
    return kind === 'partial' && port !== 'sender' ? 'timeout' : kind;
  };

  const wrap = <T extends object>(port: FaultablePort, target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]): unknown => {
          const fault = decide(port, property);
          calls.push({ seq: calls.length, port, method: property, fault });
          const call = (): unknown => (value as (...a: unknown[]) => unknown).apply(object, args);
          switch (fault) {
            case undefined:
              return call();
            case 'error':
            case 'throttle':
              return errAsync(failureFor(port, fault, property));
            case 'late': {
              const result = call();
              if (!(result instanceof ResultAsync)) return result;
              const answer = result as ResultAsync<unknown, unknown>;
              return new ResultAsync((async () => later(delayMs, await answer))());
            }
            case 'timeout':
            case 'partial': {
              const result = call();
              if (!(result instanceof ResultAsync)) return result;
              const answer = result as ResultAsync<unknown, unknown>;
              const failure = failureFor(port, fault, property);
              return new ResultAsync(
                (async () => {
                  const settled = await answer; // the effect happened; its answer is lost
                  return later(
                    delayMs,
                    settled.andThen(() => err(failure)).orElse(() => err(failure)),
                  );
                })(),
              );
            }
          }
        };
      },
    });

  const random = ports.random;
  const wrapped: Ports = {
    ...ports,
    pools: wrap('pools', ports.pools),
    users: wrap('users', ports.users),
    codes: wrap('codes', ports.codes),
    limiter: wrap('limiter', ports.limiter),
    sender: wrap('sender', ports.sender),
    hasher: wrap('hasher', ports.hasher),
    triggers: ports.triggers === undefined ? undefined : wrap('triggers', ports.triggers),
    encryptor: ports.encryptor === undefined ? undefined : wrap('encryptor', ports.encryptor),
    random: {
      randomInt: (min, max) => {
        calls.push({ seq: calls.length, port: 'random', method: 'randomInt', fault: undefined });
        return random.randomInt(min, max);
      },
      uuid: () => {
        calls.push({ seq: calls.length, port: 'random', method: 'uuid', fault: undefined });
        return random.uuid();
      },
      bytes: (length) => {
        calls.push({ seq: calls.length, port: 'random', method: 'bytes', fault: undefined });
        return random.bytes(length);
      },
    },
  };
  return {
    ports: wrapped,
    calls,
    setEnabled(value) {
      enabled = value;
    },
    since: (from) => calls.slice(from),
  };
}
