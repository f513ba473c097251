/**
 * Run `task` over `items` with at most `limit` running at once (at least one; `Infinity` for all); results keep the
 * input order. After a task rejects, no further task starts and the first rejection is thrown.
 * @example
 * const checks = await mapWithLimit(providers, 4, (provider) => probe(provider));
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  const width = Number.isNaN(limit) ? 1 : Math.max(1, Math.min(Math.floor(limit), items.length));
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const index = next++;
      try {
        results[index] = await task(items[index] as T, index);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}
