import { SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';

/**
 * Stripe's refusal to confirm an intent with automatic payment methods that
 * may redirect (the default since API version 2023-08-16) without a
 * `return_url` to come back to.
 */
export function requireReturnUrl(intent: StripeObject, kind: 'PaymentIntent' | 'SetupIntent', returnUrl: string | undefined): void {
  const automatic = intent.automatic_payment_methods as { enabled?: boolean; allow_redirects?: string } | null;
  if (!automatic?.enabled || automatic.allow_redirects === 'never' || returnUrl) return;
  throw new SandboxError(400, {
    type: 'invalid_request_error',
    message: `This ${kind} is configured to accept payment methods enabled in your Dashboard. Because some of these payment methods might redirect your customer off of your page, you must provide a \`return_url\`. If you don't want to accept redirect-based payment methods, set \`automatic_payment_methods[enabled]\` to \`true\` and \`automatic_payment_methods[allow_redirects]\` to \`never\` when creating Setup Intents and Payment Intents.`,
  });
}

/** An intent's `automatic_payment_methods`: on unless types are listed, since API version 2023-08-16. */
export function automaticPaymentMethods(
  types: readonly string[] | undefined,
  automatic: { enabled?: boolean; allow_redirects?: string } | undefined,
): { enabled: boolean; allow_redirects?: string } | null {
  if (types) return null;
  return { enabled: automatic?.enabled !== false, ...(automatic?.allow_redirects ? { allow_redirects: automatic.allow_redirects } : {}) };
}
