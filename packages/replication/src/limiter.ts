/** Runs at most `concurrency` of the functions given to it at once. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

/** Creates a {@link Limiter} admitting `concurrency` tasks at a time, in order. */
export function createLimiter(concurrency: number): Limiter {
  const waiting: Array<() => void> = [];
  let running = 0;

  const release = () => {
    running -= 1;
    waiting.shift()?.();
  };

  return async (task) => {
    if (running >= concurrency) {
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
    running += 1;

    try {
      return await task();
    } finally {
      release();
    }
  };
}
