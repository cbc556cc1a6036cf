// Overlaps fetching the next page from Salesforce with writing the current one to Postgres:
// the next `next()` is already in flight while the caller works on a page.

export async function* prefetch<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  try {
    for (;;) {
      const result = await pending;
      if (result.done) return;
      pending = iterator.next();
      // Keep an early failure of the prefetch from being reported as unhandled.
      pending.catch(() => undefined);
      yield result.value;
    }
  } finally {
    await iterator.return?.();
  }
}
