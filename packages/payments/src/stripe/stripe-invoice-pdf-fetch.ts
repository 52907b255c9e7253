import {
  ApiError,
  isJunctionError,
  isRetryableStatus,
  NetworkError,
  REDACTED,
  type RequestSummary,
  ResponseTooLargeError,
  TimeoutError,
} from '@junction/core';
import { type AttemptSignal, concatBytes, deadlineSignal, systemCode } from '@junction/core/utils';
import { StripeInvoicePdfError } from './stripe-invoice-pdf-error.js';
import type { OriginCheck } from './stripe-invoice-pdf-origins.js';

// One GET of an invoice PDF, and of each redirect it takes, with nothing of
// the API's credentials: the URL is the only key. Every hop is checked
// against the allowed origins before it is sent.

/** What {@link fetchPdf} needs, every default already applied. */
export interface PdfFetchSettings {
  fetch: typeof fetch;
  allowed: OriginCheck;
  /** For the whole download: every hop and the body. */
  timeoutMs: number | false;
  maxBytes: number;
  signal: AbortSignal | undefined;
  /** For error messages. */
  invoiceId: string;
}

// pay.stripe.com redirects once, to the file store; a few more leave room without looping for long.
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/**
 * Downloads the PDF at `start`: manual redirects within the allowed origins,
 * one deadline for it all, the body counted against `maxBytes` as it
 * arrives, and refused unless it starts with `%PDF-`.
 */
export async function fetchPdf(start: string, settings: PdfFetchSettings): Promise<Uint8Array> {
  let url = checked(parse(start, settings), settings, 'The invoice_pdf URL');
  const deadline = deadlineSignal(settings.signal, settings.timeoutMs, 'The download');
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await settings.fetch(url.href, {
        method: 'GET',
        headers: { accept: 'application/pdf' },
        redirect: 'manual',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        signal: deadline.signal,
      });
      if (!REDIRECT_STATUSES.has(response.status)) return await readPdf(response, url, settings);
      discard(response);
      if (redirects === MAX_REDIRECTS) throw pdfError(settings, 'too_many_redirects', `Gave up after ${MAX_REDIRECTS} redirects.`, url);
      url = checked(nextUrl(response, url, settings), settings, `A redirect from ${url.origin}`);
    }
  } catch (error) {
    throw failure(error, url, settings, deadline);
  } finally {
    deadline.clear();
  }
}

async function readPdf(response: Response, url: URL, settings: PdfFetchSettings): Promise<Uint8Array> {
  if (response.type === 'opaqueredirect') {
    throw pdfError(settings, 'bad_redirect', 'The fetch in use hides redirects (a browser fetch): download the PDF from a server.', url);
  }
  if (response.status !== 200) {
    discard(response);
    const expired = [403, 404, 410].includes(response.status)
      ? ': the link may have expired; retrieve the invoice again for a fresh invoice_pdf'
      : '';
    throw new ApiError(`${url.origin} answered ${response.status} to the download of invoice ${settings.invoiceId}'s PDF${expired}.`, {
      status: response.status,
      retryable: isRetryableStatus(response.status),
      request: summary(url),
    });
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > settings.maxBytes) {
    discard(response);
    throw tooLarge(url, settings, declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    size += next.value.byteLength;
    if (size > settings.maxBytes) {
      reader?.cancel().catch(() => {});
      throw tooLarge(url, settings);
    }
    chunks.push(next.value);
    // Said as soon as the first bytes are in, not after a whole web page.
    if (size >= PDF_MAGIC.length && chunks.length === 1 && !isPdf(next.value)) {
      reader?.cancel().catch(() => {});
      throw notPdf(response, url, settings);
    }
  }
  const bytes = concatBytes(chunks, size);
  if (!isPdf(bytes)) throw notPdf(response, url, settings);
  return bytes;
}

function parse(href: string, settings: PdfFetchSettings): URL {
  try {
    return new URL(href);
  } catch {
    throw pdfError(settings, 'insecure_url', 'The invoice_pdf is not a URL.');
  }
}

function nextUrl(response: Response, from: URL, settings: PdfFetchSettings): URL {
  const location = response.headers.get('location');
  if (!location) throw pdfError(settings, 'bad_redirect', `${from.origin} answered ${response.status} without a Location.`, from);
  try {
    return new URL(location, from);
  } catch {
    throw pdfError(settings, 'bad_redirect', `${from.origin} redirected to something that is not a URL.`, from);
  }
}

function checked(url: URL, settings: PdfFetchSettings, what: string): URL {
  const refused = settings.allowed(url);
  if (refused === 'insecure_url') {
    throw pdfError(settings, refused, `${what} goes to ${url.protocol}//${url.host}, which is not https; it was not fetched.`, url);
  }
  if (refused) {
    throw pdfError(
      settings,
      refused,
      `${what} goes to ${url.protocol}//${url.host}, which is not an allowed origin; it was not fetched. Pass allowedOrigins to allow it (e.g. a sandbox's origin).`,
      url,
    );
  }
  return url;
}

/** The URL as errors show it: origin only, since the path and query are the key to the PDF. */
function summary(url: URL): RequestSummary {
  return { connector: 'stripe', operation: 'downloadInvoicePdf', method: 'GET', url: `${url.origin}/${REDACTED}` };
}

function pdfError(settings: PdfFetchSettings, reason: StripeInvoicePdfError['reason'], detail: string, url?: URL) {
  return new StripeInvoicePdfError(`The PDF of invoice ${settings.invoiceId} was not downloaded: ${detail}`, {
    reason,
    invoiceId: settings.invoiceId,
    ...(url ? { request: summary(url) } : {}),
  });
}

function notPdf(response: Response, url: URL, settings: PdfFetchSettings): StripeInvoicePdfError {
  const type = response.headers.get('content-type');
  return pdfError(settings, 'not_pdf', `${url.origin} answered a body that is not a PDF${type ? ` (${type})` : ''}.`, url);
}

function tooLarge(url: URL, settings: PdfFetchSettings, declared?: number): ResponseTooLargeError {
  const size = declared === undefined ? 'more than' : `${declared} bytes, over`;
  return new ResponseTooLargeError(
    `The PDF of invoice ${settings.invoiceId} from ${url.origin} is ${size} the limit of ${settings.maxBytes} bytes; it was not read. Raise maxBytes if such a PDF is expected.`,
    { limitBytes: settings.maxBytes, status: 200, request: summary(url), ...(declared === undefined ? {} : { declaredBytes: declared }) },
  );
}

/** Our own errors as they are; the caller's abort as its reason (as fetch does); the deadline as a TimeoutError; the rest as a NetworkError. */
function failure(error: unknown, url: URL, settings: PdfFetchSettings, deadline: AttemptSignal): unknown {
  if (isJunctionError(error)) return error;
  if (settings.signal?.aborted) return settings.signal.reason;
  const request = summary(url);
  if (deadline.timedOut()) {
    const timeoutMs = settings.timeoutMs === false ? 0 : settings.timeoutMs;
    return new TimeoutError(`The PDF of invoice ${settings.invoiceId} did not arrive from ${url.origin} within ${timeoutMs} ms.`, {
      timeoutMs,
      request,
    });
  }
  const code = systemCode(error);
  return new NetworkError(`The PDF of invoice ${settings.invoiceId} could not be fetched from ${url.origin}: ${code ?? 'fetch failed'}.`, {
    request,
    ...(code ? { code } : {}),
    cause: redactedCause(error, url),
  });
}

// A fetch error may quote the URL it failed on, and the URL is the key to the PDF.
function redactedCause(error: unknown, url: URL): { name: string; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  return { name: error.name, message: error.message.replaceAll(url.href, `${url.origin}/${REDACTED}`) };
}

function isPdf(bytes: Uint8Array): boolean {
  return PDF_MAGIC.every((byte, index) => bytes[index] === byte);
}

// Not awaited: a cancel can wait on the body's source (msw's never settles), and nothing more is read anyway.
function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}
