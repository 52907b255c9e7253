import { bearer, defineConnector, defineOperation } from '@junction/core';
import { openEnum } from '@junction/core/utils';
import { z } from 'zod';

/** A note as the Notes API returns it. Only what we use is declared; new fields pass through. */
export const Note = z.object({
  id: z.string(),
  text: z.string(),
  color: openEnum(['yellow', 'blue', 'green']),
  created: z.number(),
});

/** One page of notes: `has_more` says whether to ask for the next one. */
const NotePage = z.object({ data: z.array(Note), has_more: z.boolean() });

/**
 * The whole integration with the (fictitious) Notes API: authentication,
 * endpoints, how its errors read. Everything else comes from the core.
 */
export const notes = defineConnector({
  name: 'notes',
  baseUrl: 'https://api.notes.example',
  headers: { 'Notes-Version': '2025-01-01' },
  auth: bearer(),
  errors: {
    parse: (body) => {
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      return error && { code: error.code, message: error.message };
    },
  },
  operations: {
    createNote: defineOperation({
      method: 'POST',
      path: '/v1/notes',
      input: z.object({ text: z.string().min(1).max(280), color: z.enum(['yellow', 'blue', 'green']).default('yellow') }),
      output: Note,
    }),
    getNote: defineOperation({ method: 'GET', path: '/v1/notes/{id}', input: z.object({ id: z.string() }), output: Note }),
    listNotes: defineOperation({
      method: 'GET',
      path: '/v1/notes',
      input: z.object({ limit: z.number().int().min(1).max(100).optional(), after: z.string().optional() }),
      output: NotePage,
      paginate: {
        style: 'cursor',
        items: (page) => page.data,
        nextCursor: (page) => (page.has_more ? page.data.at(-1)?.id : undefined),
        cursorParam: 'after',
      },
    }),
  },
});
