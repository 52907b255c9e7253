import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { headerLookup } from '../../../src/webhooks/verify/header-lookup.js';
import { joinChunks, part, signedContent } from '../../../src/webhooks/verify/signed-parts.js';

const context = (body: Uint8Array) => ({ body, timestamp: '1700000000', id: 'msg_1', header: headerLookup({}) });

describe('signedContent', () => {
  it('yields the pieces in template order, adjacent text as one string and the body as given (not copied)', () => {
    const body = new Uint8Array([0xff, 0x00, 0x7b]);
    const chunks = signedContent([part.id, ' → ', part.timestamp, '.', part.body, '!'])(context(body));
    expect(chunks).toEqual(['msg_1 → 1700000000.', body, '!']);
    expect(chunks[1]).toBe(body);
  });

  it('hashes chunk by chunk to the same HMAC as the joined bytes', () => {
    const body = new TextEncoder().encode('{"amount":"12€"}');
    const chunks = signedContent([part.timestamp, '.é.', part.body])(context(body));
    const joined = joinChunks(chunks);
    expect(Buffer.from(joined).toString('utf8')).toBe('1700000000.é.{"amount":"12€"}');
    const hmac = createHmac('sha256', 'k');
    for (const chunk of chunks) hmac.update(chunk);
    expect(hmac.digest('hex')).toBe(createHmac('sha256', 'k').update(joined).digest('hex'));
  });

  it('joins an empty template to no bytes', () => {
    expect(joinChunks(signedContent([])(context(new Uint8Array(0))))).toEqual(new Uint8Array(0));
  });
});
