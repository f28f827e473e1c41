/** A timer that runs `beat` every interval until stopped; one beat at a time. */
export interface Heartbeat {
  stop(): void;
}

/**
 * Calls `beat` every `intervalMs`. A beat that is still running when the
 * next one is due is not doubled; errors go to `onError`.
 */
export function startHeartbeat(
  intervalMs: number,
  beat: () => Promise<void>,
  onError: (error: unknown) => void,
): Heartbeat {
  let running = false;

  const timer = setInterval(() => {
    if (running) return;
    running = true;
    beat()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, intervalMs);

  return { stop: () => clearInterval(timer) };
}
