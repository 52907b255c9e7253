import { describe, expect, it } from 'vitest';
import { decodeText, hexToBytes } from '../../../src/webhooks/verify/text-codec.js';

describe('hexToBytes', () => {
  it('decodes lower-, upper- and mixed-case hex to the same bytes', () => {
    const bytes = Uint8Array.from([0x00, 0x0f, 0x7a, 0x80, 0xab, 0xff]);
    expect(hexToBytes('000f7a80abff')).toEqual(bytes);
    expect(hexToBytes('000F7A80ABFF')).toEqual(bytes);
    expect(hexToBytes('000f7A80aBfF')).toEqual(bytes);
  });

  it('decodes a 64-character HMAC-SHA256 signature as Buffer does', () => {
    const hex = '5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd';
    expect(hexToBytes(hex)).toEqual(new Uint8Array(Buffer.from(hex, 'hex')));
  });

  it('refuses empty text and an odd number of digits', () => {
    expect(hexToBytes('')).toBeUndefined();
    expect(hexToBytes('a')).toBeUndefined();
    expect(hexToBytes('abc')).toBeUndefined();
  });

  it('refuses any character that is not a hex digit, wherever it is', () => {
    for (const text of ['0g', 'g0', 'ab cd', ' abc', 'abc ', '0x12', 'zz', 'ab-d', 'abcd\n', '\u0661\u0662', 'ab\u00e9f', '\uff10\uff11']) {
      expect(hexToBytes(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('is what decodeText uses for hex', () => {
    expect(decodeText('DEADbeef', 'hex')).toEqual(Uint8Array.from([0xde, 0xad, 0xbe, 0xef]));
    expect(decodeText('deadbee', 'hex')).toBeUndefined();
    expect(decodeText('', 'hex')).toBeUndefined();
  });
});
