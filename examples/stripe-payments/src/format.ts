/**
 * An amount in minor units as money, e.g. `2400, 'usd'` → `$24.00`. Every
 * currency in this demo has two decimals (Stripe's zero-decimal currencies,
 * such as JPY, would need no division).
 */
export function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}

/** A section title of the narrative. */
export function heading(title: string): string {
  return `\n${title}`;
}
