import { SandboxError } from './sandbox-error.js';
import type { StripeObject } from './store.js';
import type { StripeRequest } from './stripe-handler.js';

/** A customer's `invoice_settings`, as API version 2023-08-16 shows them. */
export interface InvoiceSettings {
  custom_fields: { name: string; value: string }[] | null;
  default_payment_method: string | null;
  footer: string | null;
  rendering_options: { amount_tax_display: string | null } | null;
}

/** `invoice_settings` as a request gives them: each field optional, `''` to clear one. */
export interface InvoiceSettingsInput {
  custom_fields?: { name: string; value: string }[] | '';
  default_payment_method?: string;
  footer?: string;
  rendering_options?: { amount_tax_display?: string } | '';
}

const PARAM = 'invoice_settings[default_payment_method]';

/** The PaymentMethod `customer`'s invoices and subscriptions are charged by default (`invoice_settings.default_payment_method`), or null. */
export function defaultPaymentMethod(customer: StripeObject): string | null {
  const settings = customer.invoice_settings as Partial<InvoiceSettings> | null | undefined;
  return settings?.default_payment_method ?? null;
}

/**
 * Checks that `id` can be the default of `customer`: a PaymentMethod
 * attached to it. Otherwise Stripe's 400: `No such PaymentMethod` for an id
 * the account does not hold (a test token too), and "The customer does not
 * have a payment method with the ID …" for one attached elsewhere or nowhere.
 */
export function checkDefaultPaymentMethod(request: StripeRequest, customer: string, id: string, param = PARAM): string {
  const found = request.store.paymentMethods.get(id);
  if (found?.customer === customer) return id;
  throw new SandboxError(400, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    param,
    message: found
      ? `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`
      : `No such PaymentMethod: '${id}'; It's possible this PaymentMethod exists on one of your connected accounts, in which case you should retry this request on that connected account. Learn more at https://stripe.com/docs/connect/authentication`,
    doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
  });
}

/** `current` after `input` (a field given replaces it, `''` clears it); `default_payment_method` as given, unchecked. */
export function mergeInvoiceSettings(current: InvoiceSettings, input: InvoiceSettingsInput | undefined): InvoiceSettings {
  if (!input) return current;
  const { custom_fields: fields, default_payment_method: paymentMethod, footer, rendering_options: rendering } = input;
  return {
    custom_fields: fields === undefined ? current.custom_fields : fields === '' ? null : fields,
    default_payment_method: paymentMethod === undefined ? current.default_payment_method : paymentMethod || null,
    footer: footer === undefined ? current.footer : footer || null,
    rendering_options:
      rendering === undefined
        ? current.rendering_options
        : rendering === ''
          ? null
          : { amount_tax_display: rendering.amount_tax_display || null },
  };
}

/** The `invoice_settings` of a customer that has none set. */
export const NO_INVOICE_SETTINGS: Readonly<InvoiceSettings> = {
  custom_fields: null,
  default_payment_method: null,
  footer: null,
  rendering_options: null,
};

/** Clears `customer`'s default if it is `paymentMethod` (detached), returning the settings before; undefined if it was not. */
export function clearDefault(customer: StripeObject, paymentMethod: string): InvoiceSettings | undefined {
  if (defaultPaymentMethod(customer) !== paymentMethod) return undefined;
  const before = customer.invoice_settings as InvoiceSettings;
  customer.invoice_settings = { ...before, default_payment_method: null };
  return before;
}
