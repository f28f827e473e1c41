/** Runs at most `concurrency` of the functions given to it at once. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Creates a {@link Limiter} admitting `concurrency` tasks at a time, in order. */
export function createLimiter(concurrency: number): Limiter {
  const waiting: Array<() => void> = [];
  let running = 0;

  // A finished task hands its slot straight to the next waiter: were the
  // slot freed first, a task arriving before the waiter wakes could take it
  // too, and one more task than allowed would run.
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
