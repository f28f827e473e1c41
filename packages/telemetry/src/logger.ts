import { pino } from 'pino';

/** The structured JSON logger every service uses. */
export type Logger = pino.Logger;

/** Header and field names whose values never reach a log line. */
const redacted = [
  'authorization',
  'password',
  'secret',
  'token',
  '*.authorization',
  '*.password',
  '*.secret',
  '*.token',
  'req.headers.authorization',
];

/**
 * Creates the service's root logger: JSON on stdout at `level` (the
 * service's `LOG_LEVEL`, parsed with its configuration), secrets redacted.
 * Jobs take child loggers from it.
 */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    redact: { paths: redacted, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** A logger that drops everything; the default for libraries and tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
