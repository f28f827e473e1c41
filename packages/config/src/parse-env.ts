import type { z } from 'zod';
import { ConfigError } from './errors.js';

/**
 * Validates `env` against `schema`, whose keys are variable names. Throws a
 * {@link ConfigError} naming every missing or malformed variable; values are
 * never repeated in the message, since some are secrets.
 */
export function parseEnv<Schema extends z.ZodObject>(
  schema: Schema,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<Schema> {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.');
    const missing = present[variable] === undefined;
    return missing ? `${variable} is required` : `${variable}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/**
 * Like {@link parseEnv}, but for a service's start-up: on a bad configuration
 * it prints the problems to stderr and exits with status 2.
 */
export function loadConfig<Schema extends z.ZodObject>(
  schema: Schema,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<Schema> {
  return exitOnConfigError(() => parseEnv(schema, env));
}

/**
 * Runs a start-up step that reads configuration (a file a variable names,
 * say): a {@link ConfigError} it throws is printed to stderr and the
 * process exits with status 2, as for a bad variable.
 */
export function exitOnConfigError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}
