import { booleanFlag, listenAddress, loadConfig, logLevel, secret, z } from '@geo/config';
import { maxTokenTtlSeconds } from '@geo/tokens';
import { secondaryServices } from './secondary-services.js';

/** A comma-separated list of file paths, at least one. */
const fileList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((file) => file.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1, 'expected one or more comma-separated files'));

/**
 * The environment token-issuer reads, with its defaults:
 *
 * - `GEO_REGISTRY_KEY_FILE`: PEM private keys (RSA, or EC P-256) all registries trust,
 *   comma-separated; several during a key rotation. The newest signs: the one whose
 *   certificate's notBefore is latest when every key has a certificate, else the last listed.
 * - `GEO_REGISTRY_CERT_FILE`: optional PEM certificates of those keys, comma-separated
 *   (the registries' `rootcertbundle` will do); they date the keys and feed `x5c`.
 * - `GEO_TOKEN_X5C`: `true` to send the signing key's certificate as `x5c` (default `false`).
 * - `GEO_TOKEN_ISSUER`: the `iss` of every token.
 * - `GEO_TOKEN_SERVICE`: the primary registry's service, the `aud` of tokens for it
 *   (default `container_registry`).
 * - `GEO_TOKEN_SECONDARY_SERVICES`: `site=service,...`, the service of each site's
 *   secondary registry; each must differ from `GEO_TOKEN_SERVICE`, so a token for a
 *   secondary is never valid on the primary. Unset: no secondary tokens.
 * - `GEO_TOKEN_ISSUER_SECRET`: the bearer secret gRPC callers present.
 * - `GEO_TOKEN_ACCOUNTS_FILE`: accounts for the Docker token endpoint; unset, every
 *   login there is refused.
 * - `GEO_TOKEN_ISSUER_LISTEN`, `GEO_TOKEN_ISSUER_HTTP_LISTEN`: gRPC and HTTP `host:port`.
 * - `GEO_TOKEN_TTL_SECONDS`: token lifetime (default 300, at most 3600).
 * - `GEO_METRICS_LISTEN`: `host:port` of `/metrics` (off when unset).
 * - `LOG_LEVEL`: `debug`, `info` (default), `warn` or `error`.
 */
export const configSchema = z
  .object({
    GEO_REGISTRY_KEY_FILE: fileList,
    GEO_REGISTRY_CERT_FILE: fileList.optional(),
    GEO_TOKEN_X5C: booleanFlag.default(false),
    GEO_TOKEN_ISSUER: z.string().trim().min(1),
    GEO_TOKEN_SERVICE: z.string().trim().min(1).default('container_registry'),
    GEO_TOKEN_SECONDARY_SERVICES: secondaryServices.default(new Map()),
    GEO_TOKEN_ISSUER_SECRET: secret,
    GEO_TOKEN_ACCOUNTS_FILE: z.string().trim().min(1).optional(),
    GEO_TOKEN_ISSUER_LISTEN: listenAddress,
    GEO_TOKEN_ISSUER_HTTP_LISTEN: listenAddress,
    GEO_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().max(maxTokenTtlSeconds).default(300),
    GEO_METRICS_LISTEN: listenAddress.optional(),
    LOG_LEVEL: logLevel,
  })
  .superRefine((config, context) => {
    const services = [...config.GEO_TOKEN_SECONDARY_SERVICES.values()];
    if (services.includes(config.GEO_TOKEN_SERVICE)) {
      context.addIssue({
        code: 'custom',
        path: ['GEO_TOKEN_SECONDARY_SERVICES'],
        message: 'a secondary service must differ from GEO_TOKEN_SERVICE',
      });
    }
  });

/** The parsed configuration of token-issuer. */
export type TokenIssuerConfig = z.infer<typeof configSchema>;

/** Parses the environment once; exits with status 2 naming any bad variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): TokenIssuerConfig {
  return loadConfig(configSchema, env);
}
