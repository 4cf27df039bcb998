/**
 * Works through items with at most `concurrency` at a time, in order of start. A failing item does not
 * stop the others: the worker records its own outcome. The client's own limit still caps requests.
 */
export async function runPool<T>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  worker: (item: T) => Promise<void>,
): Promise<void> {
  const iterator =
    Symbol.asyncIterator in items
      ? (items as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (items as Iterable<T>)[Symbol.iterator]();
  // Async iterators must not be pulled concurrently: one pull at a time, shared by the workers.
  let pulling: Promise<IteratorResult<T>> = Promise.resolve({ done: false, value: undefined as T });
  const next = () => {
    pulling = pulling.then(() => Promise.resolve(iterator.next()));
    return pulling;
  };
  const lane = async () => {
    for (;;) {
      const result = await next();
      if (result.done) return;
      await worker(result.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
}
