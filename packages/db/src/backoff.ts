/** How failed repositories back off: exponentially from `baseMs`, never beyond `capMs`. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** 10 seconds after the first failure, doubling, at most an hour. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 10_000, capMs: 60 * 60 * 1000 };

/**
 * When a repository that failed `retryCount` times (1 after the first
 * failure) may be tried again. The delay is `base * 2^(count-1)`, capped,
 * then jittered down by up to half, so retries of repositories that failed
 * together spread out while a later retry never comes sooner than an
 * earlier one's latest.
 */
export function nextRetryAt(
  retryCount: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  now: Date = new Date(),
  random: () => number = Math.random,
): Date {
  const exponent = Math.min(Math.max(retryCount, 1) - 1, 40);
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** exponent);

  const jitter = Math.min(Math.max(random(), 0), 1);
  const delay = ceiling / 2 + (ceiling / 2) * jitter;

  return new Date(now.getTime() + Math.round(delay));
}
