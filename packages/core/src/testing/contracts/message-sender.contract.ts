import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { MessageSender } from '../../ports/message-sender.js';
import { messageFixture } from './fixtures.js';
import type { Make } from './support.js';

/**
 * Registers the {@link MessageSender} contract: a well-formed email or SMS is accepted. Run it against
 * a sender whose backend is faked or sandboxed: it really sends.
 *
 * @example
 * ```ts
 * describeMessageSenderContract('Outbox', () => new Outbox(new ManualClock()));
 * ```
 * @group Testing
 */
export function describeMessageSenderContract(name: string, make: Make<MessageSender>): void {
  describe(`MessageSender contract: ${name}`, () => {
    it('sends a well-formed email', async () => {
      const sender = await make();
      expect(await sender.send(messageFixture('EMAIL'))).toEqual(ok(undefined));
    });

    it('sends a well-formed SMS', async () => {
      const sender = await make();
      expect(await sender.send(messageFixture('SMS'))).toEqual(ok(undefined));
    });
  });
}
