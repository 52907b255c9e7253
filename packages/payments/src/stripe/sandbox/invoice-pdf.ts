import { type HttpHandler, HttpResponse, http } from 'msw';

// Invoice PDFs as Stripe serves them: a capability URL on pay.stripe.com
// (`/invoice/acct_…/test_…/pdf?s=ap`) that needs no API key, answering a PDF.
// The token is the account and invoice id, base64url-encoded, as Stripe's
// opaque one looks; it is no secret here.

/** The account named in the URL of a platform (not Connect) invoice. */
const PLATFORM_ACCOUNT = 'acct_Sbx';

/**
 * The `invoice_pdf` of an invoice: `${origin}/invoice/acct_…/test_…/pdf?s=ap`
 * (`live_…` in live mode), Stripe's shape. `origin` is https://pay.stripe.com
 * in process, or a loopback server's own URL.
 */
export function invoicePdfUrl(origin: string, account: string | undefined, invoiceId: string, livemode: boolean): string {
  const owner = account ?? PLATFORM_ACCOUNT;
  const token = `${livemode ? 'live' : 'test'}_${Buffer.from(`${owner},${invoiceId}`).toString('base64url')}`;
  return `${trimmed(origin)}/invoice/${owner}/${token}/pdf?s=ap`;
}

/** Options for {@link invoicePdfHandlers}. */
export interface InvoicePdfHandlersOptions {
  /** The origin the URLs were made with (see {@link invoicePdfUrl}). */
  origin: string;
  /** The stored invoice, or undefined when there is none; `account` is undefined for the platform's. */
  find(invoiceId: string, account: string | undefined): Record<string, unknown> | undefined;
}

/**
 * msw handlers answering the URLs {@link invoicePdfUrl} makes: a small valid
 * PDF naming the invoice's number and amount due, or 404 for an unknown
 * invoice, a draft (no PDF yet) or a malformed token. No API key is needed.
 */
export function invoicePdfHandlers(options: InvoicePdfHandlersOptions): HttpHandler[] {
  return [
    http.get(`${trimmed(options.origin)}/invoice/:account/:token/pdf`, ({ params }) => {
      const invoiceId = invoiceIdOf(String(params.account), String(params.token));
      const account = params.account === PLATFORM_ACCOUNT ? undefined : String(params.account);
      const invoice = invoiceId === undefined ? undefined : options.find(invoiceId, account);
      if (!invoice || invoice.status === 'draft')
        return new HttpResponse('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
      const number = typeof invoice.number === 'string' ? invoice.number : String(invoice.id);
      return new HttpResponse(invoicePdf(invoice), {
        headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="Invoice-${ascii(number)}.pdf"` },
      });
    }),
  ];
}

function invoiceIdOf(account: string, token: string): string | undefined {
  const encoded = /^(?:test|live)_([A-Za-z0-9_-]+)$/.exec(token)?.[1];
  if (!encoded) return undefined;
  const [owner, invoiceId] = Buffer.from(encoded, 'base64url').toString('utf8').split(',');
  return owner === account && invoiceId ? invoiceId : undefined;
}

/** A one-page PDF: the invoice's number and amount due, in Helvetica. */
function invoicePdf(invoice: Record<string, unknown>): Uint8Array {
  const number = typeof invoice.number === 'string' ? invoice.number : '(no number)';
  const lines = [
    `Invoice ${number}`,
    `Amount due: ${amountOf(invoice)}`,
    `${String(invoice.id)} (${invoice.livemode ? 'live' : 'test'} mode)`,
  ];
  const text = lines.map((line, index) => `${index === 0 ? '' : '0 -24 Td '}(${pdfString(line)}) Tj`).join('\n');
  const content = `BT /F1 16 Tf 72 720 Td\n${text}\nET`;
  return pdfDocument([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ]);
}

/** `USD 10.00` from the amount due in minor units, with the currency's own decimals. */
function amountOf(invoice: Record<string, unknown>): string {
  const minor = typeof invoice.amount_due === 'number' ? invoice.amount_due : Number(invoice.total ?? 0);
  const currency = String(invoice.currency ?? 'usd').toUpperCase();
  try {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'code' });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return ascii(format.format(minor / 10 ** digits));
  } catch {
    return `${minor} ${currency} (minor units)`;
  }
}

/** A PDF file of these objects (numbered from 1, the first the catalog), with its cross-reference table. */
function pdfDocument(objects: readonly string[]): Uint8Array {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  const entries = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Every byte is ASCII, so the offsets counted in characters are offsets in bytes.
  return new TextEncoder().encode(body);
}

function pdfString(text: string): string {
  return ascii(text).replace(/[\\()]/g, (c) => `\\${c}`);
}

function ascii(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/[^\x20-\x7e]/g, '?');
}

function trimmed(origin: string): string {
  return origin.replace(/\/+$/, '');
}
