import { money } from '../format.js';
import type { Services } from '../setup/services.js';

/**
 * Emails the receipt for a paid invoice. The key is derived from the
 * invoice, so a webhook delivered twice (or a handler re-run after a crash)
 * sends one receipt.
 */
export async function sendReceipt(
  services: Services,
  invoice: { invoiceId: string; to: string; amount: number; currency: string },
): Promise<string> {
  const { id } = await services.resend.sendEmail(
    {
      from: services.emailFrom,
      to: invoice.to,
      subject: `Your Junction receipt: ${money(invoice.amount, invoice.currency)}`,
      text: `Thanks! Invoice ${invoice.invoiceId} for ${money(invoice.amount, invoice.currency)} is paid.\n`,
      tags: [{ name: 'kind', value: 'receipt' }],
    },
    { idempotencyKey: `invoice:${invoice.invoiceId}:receipt` },
  );
  return id;
}
