/**
 * A one-at-a-time task runner. Store operations await encryption between reading and writing the
 * file, so two of them interleaving can undo each other (a re-encrypt-on-read writing back an old
 * value over a newer set). Running them in call order makes every operation atomic.
 */

/** Runs tasks strictly one after another, in the order they were submitted. */
export interface SerialQueue {
  /** Resolves or rejects like `task`; a failed task does not stop the ones queued after it. */
  run<T>(task: () => Promise<T> | T): Promise<T>;
}

/** Creates an empty {@link SerialQueue}. */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T> | T): Promise<T> {
      const result = tail.then(() => task());
      // The chain continues after a failure; the caller still sees the rejection through `result`.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
