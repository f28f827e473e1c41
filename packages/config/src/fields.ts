import { z } from 'zod';

/** A `host:port` listen address. */
export interface ListenAddress {
  host: string;
  port: number;
}

const hostPort = /^(?<host>\[[0-9a-fA-F:]+\]|[^:\s]+):(?<port>\d{1,5})$/;

/** `host:port`, parsed; port 0 asks the kernel for a free one. */
export const listenAddress = z.string().transform((value, context): ListenAddress => {
  const match = hostPort.exec(value.trim());
  const port = Number(match?.groups?.port);
  if (!match?.groups?.host || port > 65_535) {
    context.addIssue({ code: 'custom', message: `expected host:port, got "${value}"` });
    return z.NEVER;
  }
  return { host: match.groups.host.replace(/^\[|\]$/g, ''), port };
});

/** An http(s) base URL, stored without a trailing slash. */
export const httpUrl = z
  .string()
  .trim()
  .refine((value) => /^https?:\/\/[^/\s]+/.test(value) && URL.canParse(value), {
    message: 'expected an http:// or https:// URL',
  })
  .transform((value) => value.replace(/\/+$/, ''));

/** `DATABASE_URL`: a `postgres://` or `postgresql://` connection URL. */
export const databaseUrl = z
  .string()
  .trim()
  .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL');

/** Comma-separated NATS servers. */
export const natsServers = z
  .string()
  .trim()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((server) => server.trim())
      .filter(Boolean),
  );

/** `true` or `false`, nothing else. */
export const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

/** A grpc-js target: `host:port` or `dns:///host:port`. */
export const grpcTarget = z
  .string()
  .trim()
  .regex(/^(dns:\/\/\/)?[^\s/]+:\d{1,5}$/, 'expected host:port or dns:///host:port');

/** The path of a file the service reads at start-up (a credentials file, say). */
export const filePath = z.string().trim().min(1);

/** A non-empty secret; its value never appears in an error. */
export const secret = z.string().min(1, 'must not be empty');

/** A site name: lowercase letters, digits, `-` and `_`, as it names a durable consumer. */
export const siteName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected lowercase letters, digits, - or _');

/** `LOG_LEVEL`: how much a service logs; `info` when unset. */
export const logLevel = z
  .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal'])
  .default('info');

/** A positive integer given as text, with a default. */
export function positiveInt(defaultValue: number) {
  return z.coerce.number().int().positive().default(defaultValue);
}
