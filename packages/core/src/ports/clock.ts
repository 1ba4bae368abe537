/**
 * Time, injectable for tests.
 *
 * @group Ports
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}
