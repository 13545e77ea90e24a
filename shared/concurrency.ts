/**
 * Runs `work` over `items` with at most `limit` in flight, each result at its item's index: enough
 * calls at once to hide DynamoDB's round trips, few enough to stay inside a table's capacity and
 * the SDK's connection pool.
 */
export async function mapAtMost<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!, i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
