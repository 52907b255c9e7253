import { ConfigurationError } from '@junction/core';
import type { StripeInvoicePdfErrorReason } from './stripe-invoice-pdf-error.js';

/** An allowed origin: exactly (`https://pay.stripe.com`), or any origin a pattern matches (https only). */
export type InvoicePdfOrigin = string | RegExp;

/**
 * Where Stripe serves invoice PDFs. `invoice_pdf` is a capability URL on
 * pay.stripe.com (`/invoice/acct_…/test_…/pdf?s=ap`, no API key needed),
 * which redirects to Stripe's file storage: files.stripe.com, or the
 * `stripe-upload-api` S3 bucket in one of its regions (a pre-signed URL),
 * as Stripe has done since late 2021.
 */
export const STRIPE_INVOICE_PDF_ORIGINS: readonly InvoicePdfOrigin[] = [
  'https://pay.stripe.com',
  'https://files.stripe.com',
  /^https:\/\/stripe-upload-api\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/,
];

// Plain http is allowed only to these, and only when listed exactly: a local sandbox.
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Says whether a URL may be fetched; undefined when it may, else why not. */
export type OriginCheck = (url: URL) => StripeInvoicePdfErrorReason | undefined;

/**
 * Checks the allowed origins once, then answers for each URL: https on an
 * allowed origin, or http on a loopback origin listed exactly (for a local
 * sandbox). A URL with credentials in it is never allowed.
 */
export function originCheck(allowed: readonly InvoicePdfOrigin[]): OriginCheck {
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const entry of allowed) {
    if (entry instanceof RegExp) patterns.push(entry);
    else exact.add(checkedOrigin(entry));
  }
  return (url) => {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'insecure_url';
    if (url.username || url.password) return 'origin_not_allowed';
    if (url.protocol === 'http:') return exact.has(url.origin) ? undefined : 'insecure_url';
    return exact.has(url.origin) || patterns.some((pattern) => pattern.test(url.origin)) ? undefined : 'origin_not_allowed';
  };
}

function checkedOrigin(entry: string): string {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new ConfigurationError(`allowedOrigins: ${JSON.stringify(entry)} is not a URL; give origins such as "https://pay.stripe.com".`);
  }
  if (url.origin !== entry.replace(/\/$/, '').toLowerCase()) {
    throw new ConfigurationError(
      `allowedOrigins: ${JSON.stringify(entry)} is not an origin; give only scheme, host and port: "${url.origin}".`,
    );
  }
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopback) {
    throw new ConfigurationError(
      `allowedOrigins: ${JSON.stringify(entry)} is not https. Invoice PDFs are fetched over https only; plain http is allowed only to a loopback address (127.0.0.1, [::1], localhost), for a local sandbox.`,
    );
  }
  return url.origin;
}
