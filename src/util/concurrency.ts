/** Bounded concurrency for the agent's own I/O (uploads of a folder, parts of a file). */

/**
 * Runs `work` for every item, at most `limit` at a time, and resolves once all have settled:
 * to nothing when all succeeded, else rejects with the first error (after the others settled,
 * so that nothing is still running when the caller cleans up). Items start in order.
 */
export async function forEachLimit<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && failure === undefined) {
      const index = next++;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}

/**
 * Waits for every promise to settle, then rejects with the first error if any: work started
 * together is over, all of it, before the caller reacts to a failure (say, marks an upload failed).
 */
export async function allSettledOrThrow(work: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}
