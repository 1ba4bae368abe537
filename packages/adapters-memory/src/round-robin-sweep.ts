/**
 * A cursor walking round a Map, for the sweeps that keep the memory stores bounded.
 *
 * @module
 * @internal
 */

/**
 * Walks a Map's entries round and round, a few per call, deleting the stale ones: the hot path never
 * reorders the Map (delete-and-reinsert leaves holes that make every scan from the front slower), and
 * the live iterator survives insertions and deletions.
 *
 * @internal
 */
export class RoundRobinSweep<K, V> {
  readonly #map: Map<K, V>;
  #cursor: Iterator<[K, V]>;

  /** @param map - the Map to sweep (the sweep deletes from it). */
  constructor(map: Map<K, V>) {
    this.#map = map;
    this.#cursor = map.entries();
  }

  /** Looks at the next `count` entries (starting round again after the last) and deletes those `stale` holds for. */
  sweep(count: number, stale: (value: V, key: K) => boolean): void {
    for (let i = 0; i < count; i++) {
      let next = this.#cursor.next();
      if (next.done === true) {
        this.#cursor = this.#map.entries();
        next = this.#cursor.next();
        if (next.done === true) return;
      }
      const [key, value] = next.value;
      if (stale(value, key)) this.#map.delete(key);
    }
  }

  /** Starts again at the first entry (after the Map was cleared). */
  restart(): void {
    this.#cursor = this.#map.entries();
  }
}
