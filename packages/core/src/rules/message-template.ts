/**
 * The code message (D11).
 *
 * @module
 */
import type { MessageTemplate } from '../model/user-pool.js';
import type { DeliveryMedium } from '../ports/message-sender.js';
import { CODE_PARAMETER } from './codes.js';

/** D11: the default subject. @group Rules */
export const DEFAULT_EMAIL_SUBJECT = 'Your verification code';
/** D11: the default body, both media. @group Rules */
export const DEFAULT_MESSAGE = `Your verification code is ${CODE_PARAMETER}. `;

/** A rendered message. @group Rules */
export interface RenderedMessage {
  /** Subject (EMAIL only). */
  readonly subject: string | undefined;
  /** Body with the code. */
  readonly body: string;
}

/**
 * Renders the pool's verification template for a medium, falling back to D11's defaults, with every
 * `{####}` replaced by the code.
 *
 * @group Rules
 */
export function renderMessage(template: MessageTemplate, medium: DeliveryMedium, code: string): RenderedMessage {
  if (medium === 'SMS') return { subject: undefined, body: (template.smsMessage ?? DEFAULT_MESSAGE).replaceAll(CODE_PARAMETER, code) };
  return {
    subject: template.emailSubject ?? DEFAULT_EMAIL_SUBJECT,
    body: (template.emailMessage ?? DEFAULT_MESSAGE).replaceAll(CODE_PARAMETER, code),
  };
}
