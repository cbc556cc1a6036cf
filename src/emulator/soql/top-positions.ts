// ORDER BY ... LIMIT k over many rows: keeps the k first positions in a bounded max-heap
// instead of sorting everything, so `ORDER BY SystemModstamp LIMIT 2000` over a million rows
// costs about one comparison per row.

export type PositionCompare = (a: number, b: number) => number;

/** The first `count` of positions 0..size-1 in `compare` order, sorted. `compare` must be a total order. */
export function topPositions(size: number, count: number, compare: PositionCompare): number[] {
  const heap: number[] = [];
  if (count <= 0) return heap;
  for (let position = 0; position < size; position++) {
    if (heap.length < count) {
      heap.push(position);
      siftUp(heap, heap.length - 1, compare);
    } else if (compare(position, heap[0] as number) < 0) {
      heap[0] = position;
      siftDown(heap, compare);
    }
  }
  return heap.sort(compare);
}

// The heap's root is its last-ordered position: the one a better row replaces.
function siftUp(heap: number[], index: number, compare: PositionCompare): void {
  let child = index;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (compare(heap[parent] as number, heap[child] as number) >= 0) return;
    swap(heap, parent, child);
    child = parent;
  }
}

function siftDown(heap: number[], compare: PositionCompare): void {
  let parent = 0;
  for (;;) {
    const left = parent * 2 + 1;
    const right = left + 1;
    let largest = parent;
    if (left < heap.length && compare(heap[left] as number, heap[largest] as number) > 0) largest = left;
    if (right < heap.length && compare(heap[right] as number, heap[largest] as number) > 0) largest = right;
    if (largest === parent) return;
    swap(heap, parent, largest);
    parent = largest;
  }
}

function swap(heap: number[], i: number, j: number): void {
  const held = heap[i] as number;
  heap[i] = heap[j] as number;
  heap[j] = held;
}
