import { isApiError } from '@junction/core';
import { type LoopbackServer, startLoopbackServer } from '@junction/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSendgridClient, type SendgridTemplate, sendgridEmail } from '../src/sendgrid/index.js';
import { createSendgridSandbox, type SendgridSandbox } from '../src/sendgrid/sandbox/index.js';

const TEMPLATES: SendgridTemplate[] = [
  { id: 'd-5f2f0000-0000-4000-8000-000000000001', name: 'Welcome', generation: 'dynamic', updated_at: '2026-11-30 10:00:00', versions: [] },
  {
    id: '8b3f0000-0000-4000-8000-000000000002',
    name: 'Old receipt',
    generation: 'legacy',
    updated_at: '2020-01-01 10:00:00',
    versions: [],
  },
];

let sandbox: SendgridSandbox;
let server: LoopbackServer;
beforeAll(async () => {
  sandbox = createSendgridSandbox({ templates: TEMPLATES });
  server = await startLoopbackServer({ handlers: sandbox.handlers, origin: sandbox.origin });
});
afterAll(() => server.close());

describe('SendGrid transactional templates', () => {
  it('lists by generation (legacy unless asked, as SendGrid does) and retrieves one; an unknown id is a 404', async () => {
    const sendgrid = createSendgridClient({ apiKey: sandbox.apiKey, baseUrl: server.url });
    expect((await sendgrid.listTemplates({ page_size: 10 })).result.map((t) => t.name)).toEqual(['Old receipt']);
    expect((await sendgrid.listTemplates({ page_size: 10, generations: 'dynamic' })).result.map((t) => t.name)).toEqual(['Welcome']);
    expect(await sendgrid.getTemplate({ template_id: TEMPLATES[0]?.id ?? '' })).toMatchObject({ name: 'Welcome', generation: 'dynamic' });
    const missing = await sendgrid.getTemplate({ template_id: 'nope' }).catch((e: unknown) => e);
    expect(isApiError(missing) && missing.status).toBe(404);
  });

  it('refuses a page size SendGrid refuses before sending', async () => {
    const sendgrid = createSendgridClient({ apiKey: sandbox.apiKey, baseUrl: server.url });
    const before = server.requests.length;
    await expect(sendgrid.listTemplates({ page_size: 500 })).rejects.toThrow(/page_size/);
    expect(server.requests.length).toBe(before);
  });

  it('sends with a dynamic template and its data through the unified interface', async () => {
    const email = sendgridEmail(createSendgridClient({ apiKey: sandbox.apiKey, baseUrl: server.url }));
    await email.send({
      from: 'app@example.com',
      to: 'jenny@example.com',
      template: { id: TEMPLATES[0]?.id ?? '', data: { name: 'Jenny' } },
    });
    expect(sandbox.outbox.at(-1)?.mail).toMatchObject({
      template_id: TEMPLATES[0]?.id,
      personalizations: [{ dynamic_template_data: { name: 'Jenny' } }],
    });
  });
});
