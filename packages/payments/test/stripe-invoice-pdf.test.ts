import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { isApiError, isConfigurationError, isResponseTooLargeError, isTimeoutError } from '@junction/core';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createStripeClient,
  downloadInvoicePdf,
  isStripeError,
  isStripeInvoicePdfError,
  STRIPE_INVOICE_PDF_ORIGINS,
  type StripeClient,
} from '../src/stripe/index.js';
import { invoicePdfHandlers, invoicePdfUrl } from '../src/stripe/sandbox/invoice-pdf.js';
import { sampleInvoice } from './support/billing-samples.js';
import { listen } from './support/http-endpoint.js';

const API_KEY = 'sk_test_pdf_secret_key_0123456789';
const PDF = new TextEncoder().encode('%PDF-1.4\n% a tiny test PDF\n%%EOF\n');
const TOKEN = 'test_c2VjcmV0LWNhcGFiaWxpdHktdG9rZW4';

/** A real HTTP server on 127.0.0.1: routes by path, and every request's headers kept. */
interface Host {
  url: string;
  seen: { path: string; headers: IncomingHttpHeaders }[];
}
type Route = (req: IncomingMessage, res: ServerResponse) => void;

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function host(routes: Record<string, Route> = {}): Promise<Host> {
  const seen: Host['seen'] = [];
  const endpoint = await listen((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push({ path, headers: req.headers });
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404).end('Not Found');
  });
  closers.push(endpoint.close);
  return { url: endpoint.url, seen };
}

const pdfRoute: Route = (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': PDF.byteLength }).end(PDF);
};
const redirectTo =
  (location: string, status = 302): Route =>
  (_req, res) => {
    res.writeHead(status, { location }).end();
  };

/** The API: answers GET /v1/invoices/:id with `invoice`, recording what it was sent. */
async function api(invoice: Record<string, unknown>): Promise<LoopbackServer> {
  const origin = 'https://api.stripe.com';
  const server = await startLoopbackServer({
    origin,
    handlers: [http.get(`${origin}/v1/invoices/:id`, ({ params }) => HttpResponse.json({ ...invoice, id: params.id }))],
  });
  closers.push(() => server.close());
  return server;
}

function client(baseUrl?: string, more: { fetch?: typeof fetch } = {}): StripeClient {
  return createStripeClient({
    apiKey: API_KEY,
    stripeAccount: 'acct_connected',
    rateLimit: false,
    ...(baseUrl ? { baseUrl } : {}),
    ...more,
  });
}

const open = (invoicePdf: string) => ({ id: 'in_1', status: 'open' as const, invoice_pdf: invoicePdf });

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the download to fail');
    },
    (error: unknown) => error,
  );
}

describe('downloadInvoicePdf against a real server', () => {
  it('retrieves the invoice with the key, then fetches the PDF and its redirect with no credentials at all', async () => {
    const files = await host({ '/links/abc': pdfRoute });
    const pay = await host({ [`/invoice/acct_connected/${TOKEN}/pdf`]: redirectTo(`${files.url}/links/abc`) });
    const stripe = await api(sampleInvoice({ status: 'open', invoice_pdf: `${pay.url}/invoice/acct_connected/${TOKEN}/pdf?s=ap` }));

    const bytes = await downloadInvoicePdf(client(stripe.url), 'in_1', { allowedOrigins: [pay.url, files.url] });

    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).equals(Buffer.from(PDF))).toBe(true);
    // The API call carried the key and the account; the PDF hosts saw neither.
    expect(stripe.requests[0]?.headers).toMatchObject({ authorization: `Bearer ${API_KEY}`, 'stripe-account': 'acct_connected' });
    const pdfRequests = [...pay.seen, ...files.seen];
    expect(pdfRequests.map((r) => r.path)).toEqual([`/invoice/acct_connected/${TOKEN}/pdf`, '/links/abc']);
    for (const { headers } of pdfRequests) {
      expect(headers.authorization).toBeUndefined();
      expect(headers['stripe-account']).toBeUndefined();
      expect(headers['stripe-version']).toBeUndefined();
      expect(headers.cookie).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(API_KEY);
    }
  });

  it("sends through the client's own fetch", async () => {
    const pay = await host({ '/invoice/a/t/pdf': pdfRoute });
    const spy = vi.fn<typeof fetch>((input, init) => fetch(input, init));
    await downloadInvoicePdf(client(undefined, { fetch: spy }), open(`${pay.url}/invoice/a/t/pdf`), { allowedOrigins: [pay.url] });
    expect(spy).toHaveBeenCalledOnce();
    expect(String(spy.mock.calls[0]?.[0])).toBe(`${pay.url}/invoice/a/t/pdf`);
    expect(spy.mock.calls[0]?.[1]).toMatchObject({ redirect: 'manual', method: 'GET' });
  });

  it('refuses a redirect off the allowed origins, and never contacts it', async () => {
    const elsewhere = await host({ '/steal': pdfRoute });
    const pay = await host({
      '/to-server': redirectTo(`${elsewhere.url}/steal`),
      '/to-https': redirectTo('https://files.stripe.com.evil.example/steal', 307),
    });
    const options = { allowedOrigins: [pay.url, ...STRIPE_INVOICE_PDF_ORIGINS] };
    // A loopback server not listed: plain http is allowed only to a listed loopback origin.
    const toServer = await failure(downloadInvoicePdf(client(), open(`${pay.url}/to-server`), options));
    expect(isStripeInvoicePdfError(toServer) && toServer.reason).toBe('insecure_url');
    expect(String(toServer)).toContain(elsewhere.url.replace('http://', ''));
    expect(elsewhere.seen).toEqual([]);
    const toHttps = await failure(downloadInvoicePdf(client(), open(`${pay.url}/to-https`), options));
    expect(isStripeInvoicePdfError(toHttps) && toHttps.reason).toBe('origin_not_allowed');
    expect(String(toHttps)).toContain('https://files.stripe.com.evil.example');
  });

  it('refuses an invoice_pdf off the allowed origins before sending anything', async () => {
    const spy = vi.fn<typeof fetch>();
    const error = await failure(downloadInvoicePdf(client(), open('https://evil.example/invoice/pdf'), { fetch: spy }));
    expect(isStripeInvoicePdfError(error) && error.reason).toBe('origin_not_allowed');
    expect(spy).not.toHaveBeenCalled();
  });

  it('refuses http://, first hop or redirect, and an http origin in allowedOrigins', async () => {
    const spy = vi.fn<typeof fetch>();
    const direct = await failure(downloadInvoicePdf(client(), open(`http://pay.stripe.com/invoice/a/${TOKEN}/pdf`), { fetch: spy }));
    expect(isStripeInvoicePdfError(direct) && direct.reason).toBe('insecure_url');
    expect(spy).not.toHaveBeenCalled();

    const pay = await host({ '/invoice/a/t/pdf': redirectTo('http://files.stripe.com/links/abc', 301) });
    const allowedOrigins = [pay.url, ...STRIPE_INVOICE_PDF_ORIGINS];
    const downgraded = await failure(downloadInvoicePdf(client(), open(`${pay.url}/invoice/a/t/pdf`), { allowedOrigins }));
    expect(isStripeInvoicePdfError(downgraded) && downgraded.reason).toBe('insecure_url');

    const config = await failure(
      downloadInvoicePdf(client(), open('https://pay.stripe.com/x'), { allowedOrigins: ['http://files.stripe.com'] }),
    );
    expect(isConfigurationError(config)).toBe(true);
  });

  it('refuses a body over maxBytes, declared or streamed, and a declared one over the 20 MiB default', async () => {
    const big = new Uint8Array(4096).fill(0x25);
    const pay = await host({
      '/declared': (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': big.byteLength }).end(big),
      '/streamed': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.write(PDF);
        for (let i = 0; i < 8; i++) res.write(big);
        res.end();
      },
      '/huge': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': 21 * 1024 * 1024 });
        res.write(PDF);
      },
    });
    const options = { allowedOrigins: [pay.url], maxBytes: 1024 };
    const declared = await failure(downloadInvoicePdf(client(), open(`${pay.url}/declared`), options));
    expect(isResponseTooLargeError(declared) && declared).toMatchObject({ limitBytes: 1024, declaredBytes: 4096 });
    const streamed = await failure(downloadInvoicePdf(client(), open(`${pay.url}/streamed`), options));
    expect(isResponseTooLargeError(streamed) && streamed.declaredBytes).toBeUndefined();
    const huge = await failure(downloadInvoicePdf(client(), open(`${pay.url}/huge`), { allowedOrigins: [pay.url] }));
    expect(isResponseTooLargeError(huge) && huge).toMatchObject({ limitBytes: 20 * 1024 * 1024, declaredBytes: 21 * 1024 * 1024 });
  });

  it('refuses a body that is not a PDF', async () => {
    const pay = await host({
      '/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><p>Sign in</p>'),
      '/empty': (_req, res) => res.writeHead(200).end(),
    });
    for (const path of ['/page', '/empty']) {
      const error = await failure(downloadInvoicePdf(client(), open(`${pay.url}${path}`), { allowedOrigins: [pay.url] }));
      expect(isStripeInvoicePdfError(error) && error.reason).toBe('not_pdf');
    }
  });

  it('times out on a host that never answers, or stalls in the body; an abort rejects with its reason', async () => {
    const pay = await host({
      '/silent': () => {},
      '/stalls': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.write(PDF.subarray(0, 8));
      },
    });
    for (const path of ['/silent', '/stalls']) {
      const started = Date.now();
      const error = await failure(downloadInvoicePdf(client(), open(`${pay.url}${path}`), { allowedOrigins: [pay.url], timeoutMs: 150 }));
      expect(isTimeoutError(error) && error.timeoutMs).toBe(150);
      expect(Date.now() - started).toBeLessThan(5_000);
    }
    const controller = new AbortController();
    const reason = new Error('the user left');
    setTimeout(() => controller.abort(reason), 50);
    await expect(
      downloadInvoicePdf(client(), open(`${pay.url}/silent`), { allowedOrigins: [pay.url], signal: controller.signal }),
    ).rejects.toBe(reason);
  });

  it('says to finalize a draft first, retrieved by id or given whole', async () => {
    const stripe = await api(sampleInvoice());
    const byId = await failure(downloadInvoicePdf(client(stripe.url), 'in_draft'));
    expect(isStripeInvoicePdfError(byId) && byId).toMatchObject({ reason: 'no_pdf', invoiceId: 'in_draft' });
    expect(String(byId)).toMatch(/draft.*finalize it first.*finalizeInvoice/);
    const given = await failure(downloadInvoicePdf(client(), { id: 'in_2', status: 'draft', invoice_pdf: null }));
    expect(isStripeInvoicePdfError(given) && given.reason).toBe('no_pdf');
  });

  it('reads an error status as an ApiError that names the origin, never the capability URL', async () => {
    const pay = await host();
    const error = await failure(
      downloadInvoicePdf(client(), open(`${pay.url}/invoice/a/${TOKEN}/pdf?s=ap`), { allowedOrigins: [pay.url] }),
    );
    expect(isApiError(error) && error).toMatchObject({
      status: 404,
      retryable: false,
      request: { connector: 'stripe', operation: 'downloadInvoicePdf' },
    });
    expect(isStripeError(error)).toBe(false);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(String(error)).toContain(pay.url);
  });
});

describe('downloadInvoicePdf with the sandbox PDF handlers under msw', () => {
  const invoices = new Map<string, Record<string, unknown>>();
  const found: [string, string | undefined][] = [];
  const server = setupServer(
    ...invoicePdfHandlers({
      origin: 'https://pay.stripe.com',
      find(invoiceId, account) {
        found.push([invoiceId, account]);
        return invoices.get(`${account ?? ''}/${invoiceId}`);
      },
    }),
  );
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  function finalized(id: string, account: string | undefined, fields: Record<string, unknown>) {
    const invoice = sampleInvoice({
      id,
      status: 'open',
      invoice_pdf: invoicePdfUrl('https://pay.stripe.com', account, id, false),
      ...fields,
    });
    invoices.set(`${account ?? ''}/${id}`, invoice);
    return invoice as { id: string; status: 'open'; invoice_pdf: string };
  }

  it('downloads a valid PDF naming the number and amount, from the default origins', async () => {
    const invoice = finalized('in_msw1', undefined, { number: 'SBX-0001', amount_due: 1999, currency: 'eur' });
    expect(invoice.invoice_pdf).toMatch(/^https:\/\/pay\.stripe\.com\/invoice\/acct_\w+\/test_[\w-]+\/pdf\?s=ap$/);
    const bytes = await downloadInvoicePdf(client(), invoice);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text).toContain('(Invoice SBX-0001) Tj');
    expect(text).toContain('(Amount due: EUR 19.99) Tj');
    expectValidXref(text);
    expect(found.at(-1)).toEqual(['in_msw1', undefined]);
  });

  it("uses the currency's own decimals, serves a connected account's invoice, and answers 404 for an unknown one", async () => {
    const yen = finalized('in_msw2', 'acct_connected', { number: 'JP-0001', amount_due: 500, currency: 'jpy' });
    const text = new TextDecoder().decode(await downloadInvoicePdf(client(), yen));
    expect(text).toContain('(Amount due: JPY 500) Tj');
    expect(found.at(-1)).toEqual(['in_msw2', 'acct_connected']);

    const unknown = open(invoicePdfUrl('https://pay.stripe.com', undefined, 'in_missing', false));
    const error = await failure(downloadInvoicePdf(client(), unknown));
    expect(isApiError(error) && error.status).toBe(404);
    // A token is tied to its account: the same token under another account finds nothing.
    const moved = open(yen.invoice_pdf.replace('/acct_connected/', '/acct_other/'));
    expect(isApiError(await failure(downloadInvoicePdf(client(), moved)))).toBe(true);
  });
});

/** Checks the cross-reference table: `startxref` points at it, and each entry at its object. */
function expectValidXref(text: string): void {
  const start = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
  expect(text.slice(start, start + 5)).toBe('xref\n');
  const offsets = [...text.slice(start).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
  expect(offsets.length).toBe(5);
  offsets.forEach((offset, index) => {
    expect(text.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`);
  });
  const length = Number(/\/Length (\d+) >>\nstream\n/.exec(text)?.[1]);
  const streamStart = text.indexOf('stream\n') + 'stream\n'.length;
  expect(text.slice(streamStart + length, streamStart + length + '\nendstream'.length)).toBe('\nendstream');
}
