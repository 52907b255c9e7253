import { JunctionError, type JunctionErrorOptions } from '@junction/core';
import { brand, hasBrand } from '@junction/core/utils';

/**
 * Why an invoice PDF could not be downloaded, when no core error says it
 * better (timeouts, network failures, error statuses and oversized bodies
 * are core's `TimeoutError`, `NetworkError`, `ApiError` and `ResponseTooLargeError`):
 *
 * - `no_pdf`: the invoice has no `invoice_pdf` yet (a draft): finalize it first.
 * - `insecure_url`: the PDF URL, or a redirect, is not https.
 * - `origin_not_allowed`: the PDF URL, or a redirect, leaves the allowed origins.
 * - `bad_redirect`: a redirect without a usable `Location`, or one fetch would not show (a browser's opaque redirect).
 * - `too_many_redirects`: more redirects than a PDF download takes.
 * - `not_pdf`: the body does not start with `%PDF-`.
 */
export type StripeInvoicePdfErrorReason =
  | 'no_pdf'
  | 'insecure_url'
  | 'origin_not_allowed'
  | 'bad_redirect'
  | 'too_many_redirects'
  | 'not_pdf';

/** Options for {@link StripeInvoicePdfError}. */
export interface StripeInvoicePdfErrorOptions extends JunctionErrorOptions {
  reason: StripeInvoicePdfErrorReason;
  /** The invoice, when its id is known. */
  invoiceId?: string;
}

/**
 * An invoice PDF was not downloaded, for a reason `reason` names. Never
 * retried: the same URL would give the same answer. Its message names URLs
 * by origin only, since an `invoice_pdf` URL is itself the key to the PDF.
 */
export class StripeInvoicePdfError extends JunctionError {
  readonly reason: StripeInvoicePdfErrorReason;
  readonly invoiceId?: string;
  readonly retryable = false;

  constructor(message: string, options: StripeInvoicePdfErrorOptions) {
    super(message, options);
    this.reason = options.reason;
    if (options.invoiceId !== undefined) this.invoiceId = options.invoiceId;
    brand(this, 'StripeInvoicePdfError');
  }
}

/** True when `value` is a {@link StripeInvoicePdfError}. */
export function isStripeInvoicePdfError(value: unknown): value is StripeInvoicePdfError {
  return hasBrand(value, 'StripeInvoicePdfError');
}
