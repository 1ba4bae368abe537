/**
 * Synchronous sliding-window counters shared by the memory limiter and the memory code store.
 *
 * @module
 * @internal
 */
import { RoundRobinSweep } from './round-robin-sweep.js';

interface Window {
  /** Times of the recorded attempts, at most as many as the largest limit used for the key. */
  readonly stamps: number[];
  /** The window length last used for the key, to know when the whole entry is stale. */
  windowMs: number;
  /** The newest recorded attempt. */
  newest: number;
}

/** How many keys each call looks at for expiry. */
const SWEEP_PER_CALL = 2;

/**
 * Per key, the times of the attempts still in the window, never more than `limit` of them; an
 * attempt at `t` stops counting at `t + windowMs`. A cursor walks the keys round and round, a couple
 * per `attempt`, dropping those whose window has passed, so memory stays bounded by the keys active
 * within a window; the hot path never reorders the Map (delete-and-reinsert leaves holes that make
 * every scan from the front slower). Every method runs in one synchronous step.
 *
 * @internal
 */
export class SlidingWindows {
  readonly #windows = new Map<string, Window>();
  /** Drops the keys whose newest attempt has left its window, `SWEEP_PER_CALL` keys per `attempt`. */
  readonly #sweep = new RoundRobinSweep(this.#windows);

  /**
   * Records and allows the attempt if fewer than `limit` are in `(now - windowMs, now]`; otherwise
   * refuses it without recording. `count` includes this attempt when allowed.
   */
  attempt(key: string, limit: number, windowMs: number, now: number): { allowed: boolean; count: number } {
    this.#sweep.sweep(SWEEP_PER_CALL, (window) => window.newest <= now - window.windowMs);
    let window = this.#windows.get(key);
    if (window === undefined) {
      window = { stamps: [], windowMs, newest: now };
      this.#windows.set(key, window);
    } else {
      prune(window.stamps, now - windowMs);
    }
    window.windowMs = windowMs;
    const count = countUpTo(window.stamps, now);
    if (count >= limit) return { allowed: false, count };
    window.stamps.push(now);
    if (now > window.newest) window.newest = now;
    return { allowed: true, count: count + 1 };
  }

  /** Attempts recorded for `key` in `(now - windowMs, now]`. */
  count(key: string, windowMs: number, now: number): number {
    const window = this.#windows.get(key);
    if (window === undefined) return 0;
    const cutoff = now - windowMs;
    let count = 0;
    for (const t of window.stamps) if (t > cutoff && t <= now) count++;
    return count;
  }

  /** Whether `key` still has an attempt in its window at `now` (the entry the sweep would keep). */
  holds(key: string, now: number): boolean {
    const window = this.#windows.get(key);
    return window !== undefined && window.newest > now - window.windowMs;
  }

  /** Forgets every window (a local server's `POST /_local/reset`). */
  clear(): void {
    this.#windows.clear();
    this.#sweep.restart();
  }
}

/** Removes, in place, the times at or before `cutoff`. */
function prune(stamps: number[], cutoff: number): void {
  let kept = 0;
  for (const t of stamps) if (t > cutoff) stamps[kept++] = t;
  stamps.length = kept;
}

/** How many times are at or before `now` (times after it come from callers whose clock is ahead). */
function countUpTo(stamps: readonly number[], now: number): number {
  let count = 0;
  for (const t of stamps) if (t <= now) count++;
  return count;
}
