/** Runs at most a fixed number of the functions given to it at once. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/** Creates a {@link Limit} admitting `concurrency` tasks at a time, first come first served. */
export function createLimit(concurrency: number): Limit {
  const waiting: Array<() => void> = [];
  let running = 0;

  // The finishing task hands its slot to the next waiter directly, so a
  // newcomer cannot slip in between and exceed the bound.
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  };

  return async (task) => {
    if (running >= concurrency) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running += 1;
    }

    try {
      return await task();
    } finally {
      release();
    }
  };
}
