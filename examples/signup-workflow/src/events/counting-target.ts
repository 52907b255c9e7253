import type { DeliveryTarget } from '@junction/core';
import type { EventJournal } from './event-journal.js';

/** A receiver that also counts the events of each delivery it dropped as already handled. */
export function countingDuplicates(receiver: DeliveryTarget, journal: EventJournal): DeliveryTarget {
  return {
    async receive(input) {
      const result = await receiver.receive(input);
      journal.duplicatesDropped += result.events.filter((e) => e.outcome === 'duplicate').length;
      return result;
    },
  };
}
