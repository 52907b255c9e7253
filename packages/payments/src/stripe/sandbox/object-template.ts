import { TEMPLATES } from './templates.generated.js';

/** The kinds of sample object the sandbox copies. */
export type TemplateName = keyof typeof TEMPLATES;

/** A deep copy of Stripe's sample object of `name`, to build a new object on. */
export function fromTemplate(name: TemplateName): Record<string, unknown> {
  return structuredClone(TEMPLATES[name]) as unknown as Record<string, unknown>;
}
