const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Makes Stripe-looking ids (`cus_…`, `pi_…`): a prefix, then a counter in
 * base 62 padded to 14 characters, so ids are unique, sort in creation
 * order, and repeat from run to run.
 */
export class IdGenerator {
  #next = 0;

  /** The next id with `prefix`, e.g. `cus_Sbx00000000001`. */
  next(prefix: string): string {
    this.#next += 1;
    let n = this.#next;
    let digits = '';
    while (n > 0) {
      digits = ALPHABET[n % 62] + digits;
      n = Math.floor(n / 62);
    }
    return `${prefix}_Sbx${digits.padStart(11, '0')}`;
  }

  /** A secret-looking suffix (for `client_secret`), derived from the counter. */
  secret(): string {
    return this.next('secret').slice('secret_'.length).split('').reverse().join('');
  }

  reset(): void {
    this.#next = 0;
  }
}
