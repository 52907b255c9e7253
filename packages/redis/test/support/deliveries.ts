/**
 * The deliveries, in sending order: every event once, and `duplicates` of them
 * a second time. Half the second copies land within a few places of the first
 * (a concurrent redelivery: both in flight at once), the rest anywhere (a
 * later one, after the first was handled).
 */
export function deliveryOrder(bodies: string[], duplicates: number): string[] {
  const keyed = bodies.map((body) => ({ body, at: Math.random() * bodies.length }));
  const twins = shuffle([...keyed]).slice(0, duplicates);
  twins.forEach((twin, i) => {
    const at = i % 2 === 0 ? twin.at + (Math.random() - 0.5) * 24 : Math.random() * bodies.length;
    keyed.push({ body: twin.body, at });
  });
  return keyed.sort((a, b) => a.at - b.at).map((d) => d.body);
}

/** Shuffles `items` in place (Fisher-Yates) and returns it. */
function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** Runs `task` on every item with at most `limit` running at once. */
export async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: limit }, lane));
}
