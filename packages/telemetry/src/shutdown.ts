import type { Logger } from './logger.js';

type Handler = () => Promise<void> | void;

/**
 * Runs `handlers` in order on SIGTERM or SIGINT, then exits: 0 when all of
 * them finished, 1 when one failed or they took longer than `graceMs`.
 */
export function onShutdown(logger: Logger, handlers: Handler[], graceMs = 10_000): void {
  let stopping = false;

  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown took too long');
      process.exit(1);
    }, graceMs);
    timer.unref();

    let code = 0;
    for (const handler of handlers) {
      try {
        await handler();
      } catch (error) {
        code = 1;
        logger.error({ err: error }, 'shutdown step failed');
      }
    }
    logger.info('stopped');
    process.exit(code);
  };

  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
