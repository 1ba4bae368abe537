import { randomInt } from 'node:crypto';
import { ok } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import type { DeliveredMessage, ReadDeliveries } from '../deliveries.js';
import type { MessageSender } from '../../index.js';
import { messageFixture } from './fixtures.js';
import { uniqueSuffix, type Make } from './support.js';

/**
 * A {@link MessageSender} with a way to read back what reached its backend (the memory outbox, moto's
 * SES and SNS, a mail catcher…), for {@link describeMessageSenderContract}.
 *
 * @example
 * ```ts
 * const outbox = new Outbox(new ManualClock());
 * const probe: SenderProbe = { sender: outbox, delivered: () => outbox.messages() };
 * ```
 * @group Testing
 */
export interface SenderProbe {
  /** The sender under test. */
  readonly sender: MessageSender;
  /** What reached its backend, oldest first (at least the messages to the destinations a test used). */
  readonly delivered: ReadDeliveries;
}

/** A unique address and phone number per test, so a backend shared with other tests can be read by destination. */
function destinations(): { readonly email: string; readonly other: string; readonly phone: string } {
  const suffix = uniqueSuffix();
  return { email: `alice.${suffix}@example.com`, other: `bob.${suffix}@example.com`, phone: `+1555${randomInt(1_000_000, 10_000_000)}` };
}

/** What the backend got for `destination`, as the fields the contract compares. */
async function to(probe: SenderProbe, destination: string): Promise<Pick<DeliveredMessage, 'medium' | 'destination' | 'subject' | 'body'>[]> {
  return (await probe.delivered())
    .filter((m) => m.destination === destination)
    .map((m) => ({ medium: m.medium, destination: m.destination, subject: m.medium === 'SMS' ? undefined : m.subject, body: m.body }));
}

/**
 * Registers the {@link MessageSender} contract: a well-formed email or SMS is accepted and reaches its
 * destination with its subject and body, once per send, in order, and nowhere else. Run it against a
 * sender whose backend is faked or sandboxed: it really sends. `make` answers a {@link SenderProbe}.
 *
 * @example
 * ```ts
 * describeMessageSenderContract('Outbox', () => {
 *   const outbox = new Outbox(new ManualClock());
 *   return { sender: outbox, delivered: () => outbox.messages() };
 * });
 * ```
 * @group Testing
 */
export function describeMessageSenderContract(name: string, make: Make<SenderProbe>): void {
  describe(`MessageSender contract: ${name}`, () => {
    it('sends a well-formed email: it reaches its address with its subject and body', async () => {
      const probe = await make();
      const { email } = destinations();
      const message = messageFixture('EMAIL', { destination: email, body: 'Your password reset code is 123456' });
      expect(await to(probe, email)).toEqual([]);
      expect(await probe.sender.send(message)).toEqual(ok(undefined));
      expect(await to(probe, email)).toEqual([{ medium: 'EMAIL', destination: email, subject: message.subject, body: message.body }]);
    });

    it('sends a well-formed SMS: it reaches its number with its body', async () => {
      const probe = await make();
      const { phone } = destinations();
      const message = messageFixture('SMS', { destination: phone, body: 'Your password reset code is 654321' });
      expect(await probe.sender.send(message)).toEqual(ok(undefined));
      expect(await to(probe, phone)).toEqual([{ medium: 'SMS', destination: phone, subject: undefined, body: message.body }]);
    });

    it('delivers once per send, in the order sent, each message to its own destination only', async () => {
      const probe = await make();
      const { email, other } = destinations();
      const first = messageFixture('EMAIL', { destination: email, body: 'Your password reset code is 111111' });
      const second = messageFixture('EMAIL', { destination: email, body: 'Your password reset code is 222222' });
      const elsewhere = messageFixture('EMAIL', { destination: other, body: 'Your password reset code is 333333' });
      for (const message of [first, elsewhere, second]) expect(await probe.sender.send(message)).toEqual(ok(undefined));
      expect((await to(probe, email)).map((m) => m.body)).toEqual([first.body, second.body]);
      expect((await to(probe, other)).map((m) => m.body)).toEqual([elsewhere.body]);
    });
  });
}
