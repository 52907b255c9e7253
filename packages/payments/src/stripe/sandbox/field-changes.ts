/** What an update changed: each field's value before, as an event's `previous_attributes`. */
export interface FieldChanges {
  /** Sets `name` to `value` unless it is undefined or the same as now, keeping the value before. */
  set(name: string, value: unknown): void;
  /** The values before, by field. */
  readonly previous: Record<string, unknown>;
  /** Whether anything changed. */
  changed(): boolean;
}

/** Tracks the changes an update makes to `object`, for its `*.updated` event. */
export function trackChanges(object: Record<string, unknown>): FieldChanges {
  const previous: Record<string, unknown> = {};
  return {
    previous,
    set(name, value) {
      if (value === undefined || JSON.stringify(object[name]) === JSON.stringify(value)) return;
      if (!(name in previous)) previous[name] = object[name];
      object[name] = value;
    },
    changed: () => Object.keys(previous).length > 0,
  };
}
