/** What {@link DeadlineHeap} holds: a deadline, and the slot the heap keeps it in (-1 when out). */
export interface Deadlined {
  readonly deadline: number;
  heapIndex: number;
}

/**
 * The waiting calls ordered by deadline, so one timer can serve every
 * call's max wait: the earliest is at the top, and a call that starts or
 * leaves comes out in O(log n). Calls with one max wait arrive in deadline
 * order, so pushing them costs no swaps.
 */
export class DeadlineHeap<T extends Deadlined> {
  readonly #items: T[] = [];

  /** The item with the earliest deadline. */
  peek(): T | undefined {
    return this.#items[0];
  }

  push(item: T): void {
    item.heapIndex = this.#items.length;
    this.#items.push(item);
    this.#up(item.heapIndex);
  }

  /** Takes `item` out; nothing happens when it is not in. */
  remove(item: T): void {
    const at = item.heapIndex;
    if (at < 0) return;
    item.heapIndex = -1;
    const last = this.#items.pop() as T;
    if (last === item) return;
    this.#items[at] = last;
    last.heapIndex = at;
    this.#up(at);
    this.#down(last.heapIndex);
  }

  #up(from: number): void {
    const items = this.#items;
    const item = items[from] as T;
    let at = from;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const above = items[parent] as T;
      if (above.deadline <= item.deadline) break;
      this.#place(above, at);
      at = parent;
    }
    this.#place(item, at);
  }

  #down(from: number): void {
    const items = this.#items;
    const item = items[from] as T;
    let at = from;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= items.length) break;
      const right = child + 1;
      if (right < items.length && (items[right] as T).deadline < (items[child] as T).deadline) child = right;
      const below = items[child] as T;
      if (below.deadline >= item.deadline) break;
      this.#place(below, at);
      at = child;
    }
    this.#place(item, at);
  }

  #place(item: T, at: number): void {
    this.#items[at] = item;
    item.heapIndex = at;
  }
}
