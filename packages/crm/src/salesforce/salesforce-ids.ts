const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;

/**
 * The 18-character, case-insensitive form of a Salesforce id: the 15-character
 * id plus three characters that encode which of its letters are uppercase.
 * Returns undefined for text that is not a 15- or 18-character id.
 */
export function toSalesforceId18(id: string): string | undefined {
  if (ID_18.test(id)) return `${id.slice(0, 15)}${suffixOf(id.slice(0, 15))}`;
  if (!ID_15.test(id)) return undefined;
  return `${id}${suffixOf(id)}`;
}

/** True when `a` and `b` name the same record (or org): one may be the 15-character form of the other. */
export function sameSalesforceId(a: string, b: string): boolean {
  const x = toSalesforceId18(a);
  const y = toSalesforceId18(b);
  return x !== undefined && x === y;
}

function suffixOf(id15: string): string {
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    out += SUFFIX_ALPHABET.charAt(bits);
  }
  return out;
}
