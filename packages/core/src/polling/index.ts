export {
  type ConnectorPollOf,
  createPoller,
  type PollEventsOf,
  type Poller,
  type PollerOptions,
  type PollResult,
} from './create-poller.js';
export type { CursorStore, PollCheckpoint } from './cursor-store.js';
export { createFileCursorStore } from './file-cursor-store.js';
export { createMemoryCursorStore } from './memory-cursor-store.js';
export { type AnyPollDefinition, definePoll, type PollDefinition, type PollPage } from './poll-definition.js';
