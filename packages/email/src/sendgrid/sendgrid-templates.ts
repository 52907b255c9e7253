import { defineOperation } from '@junction/core';
import { z } from 'zod';

// Transactional templates, with the field names and limits of tsg_templates_v3.json.

/** A template's kind: `dynamic` (handlebars, `dynamic_template_data`) or `legacy` (substitutions). */
export const SendgridTemplateGeneration = z.enum(['legacy', 'dynamic']);

/** One version of a template: its subject and whether it is the one sent (`active: 1`). */
export const SendgridTemplateVersion = z.looseObject({
  id: z.string(),
  template_id: z.string().optional(),
  active: z.union([z.literal(0), z.literal(1)]).optional(),
  name: z.string().optional(),
  subject: z.string().optional(),
  updated_at: z.string().optional(),
});

/** A transactional template (spec: TransactionalTemplate). */
export const SendgridTemplate = z.looseObject({
  id: z.string(),
  name: z.string(),
  generation: SendgridTemplateGeneration,
  updated_at: z.string(),
  versions: z.array(SendgridTemplateVersion).optional(),
});
/** A transactional template. */
export type SendgridTemplate = z.infer<typeof SendgridTemplate>;

/** The template endpoints: list (a page of `page_size`, 1 to 200, required by SendGrid) and retrieve. */
export const sendgridTemplateOperations = {
  listTemplates: defineOperation({
    method: 'GET',
    path: '/v3/templates',
    input: z.object({
      page_size: z.number().int().min(1).max(200),
      generations: z.enum(['legacy', 'dynamic', 'legacy,dynamic']).optional(),
      page_token: z.string().optional(),
    }),
    output: z.object({ result: z.array(SendgridTemplate), _metadata: z.looseObject({ next: z.string().optional() }).optional() }),
    description: 'Lists transactional templates.',
  }),
  getTemplate: defineOperation({
    method: 'GET',
    path: '/v3/templates/{template_id}',
    input: z.object({ template_id: z.string().min(1) }),
    output: SendgridTemplate,
    description: 'Retrieves one transactional template with its versions.',
  }),
};
