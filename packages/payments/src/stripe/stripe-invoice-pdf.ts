import { ConfigurationError } from '@junction/core';
import { clientFetchOf } from './stripe-client-fetch.js';
import type { StripeClient } from './stripe-connector.js';
import { StripeInvoicePdfError } from './stripe-invoice-pdf-error.js';
import { fetchPdf } from './stripe-invoice-pdf-fetch.js';
import { type InvoicePdfOrigin, originCheck, STRIPE_INVOICE_PDF_ORIGINS } from './stripe-invoice-pdf-origins.js';
import type { Invoice } from './stripe-objects.generated.js';

const DEFAULT_TIMEOUT_MS = 30_000;
// Generous for a generated invoice: the limit is there to stop a runaway body, not a long invoice.
const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

/** What {@link downloadInvoicePdf} needs of an invoice: an `Invoice`, or your own copy of these fields. */
export type InvoicePdfSource = Pick<Invoice, 'id' | 'invoice_pdf' | 'status'>;

/** Options for {@link downloadInvoicePdf}. */
export interface DownloadInvoicePdfOptions {
  /**
   * Where the PDF and its redirects may be fetched from. Replaces the
   * default, {@link STRIPE_INVOICE_PDF_ORIGINS}; give a sandbox's origin
   * here (`[...STRIPE_INVOICE_PDF_ORIGINS, sandboxOrigin]` to keep Stripe's
   * too). https only, except a loopback origin listed exactly
   * (`http://127.0.0.1:4242`).
   */
  allowedOrigins?: readonly InvoicePdfOrigin[];
  /** Time allowed for the whole download (every redirect and the body), in ms; `false` for none. Default 30 s. */
  timeoutMs?: number | false;
  /** The largest PDF accepted, in bytes; a bigger one is refused before it is read whole. Default 20 MiB. */
  maxBytes?: number;
  /** Cancels the download (and the invoice's retrieval, when given an id); it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The fetch to download with. Default: the client's own `fetch` option, else the global fetch (looked up per call, so msw sees it). */
  fetch?: typeof fetch;
}

/**
 * Downloads an invoice's PDF (`invoice.invoice_pdf`) as bytes. Given an id,
 * retrieves the invoice first. The PDF URL is a capability URL: it is
 * fetched with no `Authorization` or `Stripe-Account` header (the secret
 * key never leaves for it), over https only, following redirects one by one
 * and only within `allowedOrigins`, under a timeout and a size limit, and
 * the body must be a PDF (`%PDF-`).
 *
 * Throws a `StripeInvoicePdfError` (`reason: 'no_pdf'`) for an invoice with
 * no PDF yet (a draft: finalize it first) and for a refused URL, redirect or
 * body; core's `TimeoutError`, `NetworkError`, `ApiError` (an error status
 * from the PDF host) and `ResponseTooLargeError` otherwise.
 *
 * @example
 * const pdf = await downloadInvoicePdf(stripe, 'in_123');
 * await writeFile('invoice.pdf', pdf);
 */
export async function downloadInvoicePdf(
  stripe: StripeClient,
  invoice: string | InvoicePdfSource,
  options: DownloadInvoicePdfOptions = {},
): Promise<Uint8Array> {
  // Checked before anything is sent, so a wrong setting never costs a request.
  const allowed = originCheck(options.allowedOrigins ?? STRIPE_INVOICE_PDF_ORIGINS);
  const timeoutMs = checkedTimeout(options.timeoutMs);
  const maxBytes = checkedMaxBytes(options.maxBytes);
  const found =
    typeof invoice === 'string' ? await stripe.retrieveInvoice({ id: invoice }, options.signal ? { signal: options.signal } : {}) : invoice;
  if (!found.invoice_pdf) throw noPdf(found);
  const fetchWith = options.fetch ?? clientFetchOf(stripe) ?? ((input, init) => globalThis.fetch(input, init));
  return fetchPdf(found.invoice_pdf, { fetch: fetchWith, allowed, timeoutMs, maxBytes, signal: options.signal, invoiceId: found.id });
}

function noPdf(invoice: InvoicePdfSource): StripeInvoicePdfError {
  const { id, status } = invoice;
  const message =
    status === 'draft'
      ? `Invoice ${id} is a draft, and Stripe makes an invoice's PDF only when it is finalized: finalize it first (stripe.finalizeInvoice({ id: '${id}' })), then download its PDF.`
      : `Invoice ${id} has no PDF (invoice_pdf is empty, status ${status ?? 'unknown'}). Stripe makes the PDF when an invoice is finalized: finalize it first, or, if it was finalized after this copy was read, pass its id to read it fresh.`;
  return new StripeInvoicePdfError(message, { reason: 'no_pdf', invoiceId: id });
}

function checkedTimeout(value: number | false | undefined): number | false {
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (value === false || (Number.isFinite(value) && value > 0)) return value;
  throw new ConfigurationError(`timeoutMs must be a positive number of milliseconds, or false for none; got ${value}.`);
}

function checkedMaxBytes(value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_BYTES;
  if (Number.isSafeInteger(value) && value > 0) return value;
  throw new ConfigurationError(`maxBytes must be a positive whole number of bytes; got ${value}.`);
}
