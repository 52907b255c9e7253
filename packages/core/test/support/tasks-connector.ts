import { z } from 'zod';
import { bearer, defineConnector, defineOperation } from '../../src/index.js';
import { openEnum } from '../../src/utils.js';

/** A small fictitious "tasks" API, written the way a user would write a custom connector. */
export const Task = z.object({
  id: z.string(),
  title: z.string(),
  status: openEnum(['open', 'done']),
  tags: z.array(z.string()).optional(),
  createdAt: z.number(),
});
export type Task = z.infer<typeof Task>;

export const TaskPage = z.object({
  data: z.array(Task),
  has_more: z.boolean(),
});

export const tasks = defineConnector({
  name: 'tasks',
  baseUrl: 'https://tasks.example.test/api',
  headers: { 'Tasks-Version': '2024-06-01' },
  auth: bearer(),
  errors: {
    requestIdHeader: 'x-tasks-request',
    parse: (body) => {
      const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error;
      return error ? { code: error.code, message: error.message } : undefined;
    },
  },
  operations: {
    createTask: defineOperation({
      method: 'POST',
      path: '/tasks',
      input: z.object({ title: z.string().min(1), tags: z.array(z.string()).optional() }),
      output: Task,
    }),
    getTask: defineOperation({
      method: 'GET',
      path: '/tasks/{id}',
      input: z.object({ id: z.string() }),
      output: Task,
    }),
    updateTask: defineOperation({
      method: 'PATCH',
      path: '/tasks/{id}',
      input: z.object({ id: z.string(), title: z.string().optional(), status: z.enum(['open', 'done']).optional() }),
      output: Task,
    }),
    deleteTask: defineOperation({
      method: 'DELETE',
      path: '/tasks/{id}',
      input: z.object({ id: z.string() }),
    }),
    listTasks: defineOperation({
      method: 'GET',
      path: '/tasks',
      input: z.object({
        limit: z.number().int().max(100).optional(),
        starting_after: z.string().optional(),
        status: z.string().optional(),
      }),
      output: TaskPage,
      paginate: {
        style: 'cursor',
        items: (page) => page.data,
        nextCursor: (page) => (page.has_more ? page.data.at(-1)?.id : undefined),
        cursorParam: 'starting_after',
      },
    }),
  },
});
