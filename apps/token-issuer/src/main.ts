import { createLogger, metricsRegistry, onShutdown, startMetricsServer } from '@geo/telemetry';
import { type Accounts, loadAccounts, loadSigningKeys, type SigningKeySet } from '@geo/tokens';
import { buildHttpServer } from './build-http-server.js';
import { readConfig } from './config.js';
import { startGrpcServer } from './grpc-server.js';
import { createIssuerMetrics } from './issuer-metrics.js';
import { createTokenService } from './token-service.js';

const config = readConfig();
const logger = createLogger('token-issuer', config.LOG_LEVEL);

/** A file a variable names is unusable: as bad as a malformed variable, so exit 2. */
function exitNaming(variable: string, error: unknown): never {
  process.stderr.write(`invalid configuration:\n  ${variable}: ${(error as Error).message}\n`);
  process.exit(2);
}

const keys: SigningKeySet = await loadSigningKeys(
  config.GEO_REGISTRY_KEY_FILE,
  config.GEO_REGISTRY_CERT_FILE,
).catch((error) =>
  exitNaming(
    error?.code === 'CERTIFICATE_UNREADABLE' ? 'GEO_REGISTRY_CERT_FILE' : 'GEO_REGISTRY_KEY_FILE',
    error,
  ),
);
const key = keys.current;
const x5c = config.GEO_TOKEN_X5C;
if (x5c && !key.certificate) {
  exitNaming(
    'GEO_REGISTRY_CERT_FILE',
    new Error('GEO_TOKEN_X5C needs the signing key certificate'),
  );
}
const accountsFile = config.GEO_TOKEN_ACCOUNTS_FILE;
const accounts: Accounts | undefined = accountsFile
  ? await loadAccounts(accountsFile).catch((error) => exitNaming('GEO_TOKEN_ACCOUNTS_FILE', error))
  : undefined;

const metrics = createIssuerMetrics(metricsRegistry);
const secondaryServices = config.GEO_TOKEN_SECONDARY_SERVICES;
const tokenService = createTokenService({
  key,
  issuer: config.GEO_TOKEN_ISSUER,
  policy: { primaryService: config.GEO_TOKEN_SERVICE, secondaryServices },
  secret: config.GEO_TOKEN_ISSUER_SECRET,
  x5c,
  ttlSeconds: config.GEO_TOKEN_TTL_SECONDS,
  metrics,
  logger,
});
const http = buildHttpServer({
  key,
  issuer: config.GEO_TOKEN_ISSUER,
  services: [config.GEO_TOKEN_SERVICE, ...secondaryServices.values()],
  accounts,
  x5c,
  ttlSeconds: config.GEO_TOKEN_TTL_SECONDS,
  metrics,
  logger,
});

try {
  const grpc = await startGrpcServer(config.GEO_TOKEN_ISSUER_LISTEN, tokenService);
  const httpListen = config.GEO_TOKEN_ISSUER_HTTP_LISTEN;
  await http.listen({ host: httpListen.host, port: httpListen.port });
  const metricsServer = config.GEO_METRICS_LISTEN
    ? await startMetricsServer(config.GEO_METRICS_LISTEN)
    : undefined;

  onShutdown(logger, [
    () => http.close(),
    () => grpc.close(),
    () =>
      new Promise<void>((resolve) =>
        metricsServer ? metricsServer.close(() => resolve()) : resolve(),
      ),
  ]);
  logger.info(
    {
      grpcPort: grpc.port,
      httpPort: (http.server.address() as { port: number }).port,
      metrics: config.GEO_METRICS_LISTEN ?? null,
      kid: key.keyId,
      kids: keys.keys.map((loaded) => loaded.keyId),
      signingCertificateNotAfter: key.certificate?.validTo ?? null,
      x5c,
      issuer: config.GEO_TOKEN_ISSUER,
      services: [config.GEO_TOKEN_SERVICE, ...secondaryServices.values()],
      accounts: accounts?.accounts.length ?? 0,
    },
    'ready',
  );
} catch (error) {
  logger.fatal({ err: error }, 'start failed');
  process.exit(1);
}
