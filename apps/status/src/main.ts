import { countByState, migrate, openDatabase } from '@geo/db';
import { connectNats, ensureJobStream } from '@geo/stream';
import { createLogger, onShutdown, startMetricsServer } from '@geo/telemetry';
import { connectTokenIssuer } from '@geo/token-client';
import { loadCertificates } from '@geo/tokens';
import { loadStatusConfig } from './config.js';
import { createFreshnessChecker } from './freshness-checker.js';
import { startGrpcServer } from './grpc-server.js';
import { startHttpServer } from './http-server.js';
import { registerStateGauge } from './metrics.js';
import { createPrimaryLookup } from './primary-lookup.js';
import { readSiteStatus } from './read-site-status.js';
import { openRegistryAccess } from './registry-access.js';
import type { StatusContext } from './status-context.js';
import { createStatusService, findRepository, listRepositoryPage } from './status-service.js';

const config = loadStatusConfig();
const site = config.GEO_SITE;
const logger = createLogger('status', config.LOG_LEVEL).child({ site });

const bundleFile = config.GEO_REGISTRY_ROOT_CERT_BUNDLE;
const trustedCertificates = bundleFile
  ? await loadCertificates(bundleFile).catch((error: Error) => {
      process.stderr.write(
        `invalid configuration:\n  GEO_REGISTRY_ROOT_CERT_BUNDLE: ${error.message}\n`,
      );
      process.exit(2);
    })
  : undefined;

// Set only when some registry uses the token-issuer, as in sync-worker.
const { credentials } = config;
const issuer = credentials?.tokenIssuer;
const tokenIssuer = issuer
  ? { client: connectTokenIssuer(issuer.url), secret: issuer.secret, target: issuer.url }
  : undefined;

try {
  await migrate(config.DATABASE_URL);
  const database = openDatabase(config.DATABASE_URL);
  const nc = await connectNats(config.NATS_URL, `status-${site}`);
  await ensureJobStream(nc, site);

  const registries = {
    primaryUrl: config.GEO_PRIMARY_REGISTRY_URL,
    secondaryUrl: config.GEO_SECONDARY_REGISTRY_URL,
    credentials,
    tokenIssuer,
    trustedCertificates,
  };
  const access = openRegistryAccess({ ...registries, site });
  const context: StatusContext = {
    site,
    replicationEnabled: config.GEO_REPLICATION_ENABLED,
    db: database.db,
    nc,
    js: nc.jetstream(),
    logger,
    registries,
    freshness: createFreshnessChecker(access),
    primary: createPrimaryLookup(access, site),
  };
  registerStateGauge(site, () => countByState(database.db, site));

  const grpc = await startGrpcServer(config.GEO_STATUS_LISTEN, createStatusService(context));
  const http = config.GEO_STATUS_HTTP_LISTEN
    ? await startHttpServer(
        config.GEO_STATUS_HTTP_LISTEN,
        {
          site,
          readStatus: () => readSiteStatus(context),
          listRepositories: (request) => listRepositoryPage(context, request),
          getRepository: (name) => findRepository(context, name),
        },
        (error) => logger.error({ err: error }, 'status page failed'),
      )
    : undefined;
  const metrics = config.GEO_METRICS_LISTEN
    ? await startMetricsServer(config.GEO_METRICS_LISTEN)
    : undefined;

  onShutdown(logger, [
    () => http?.stop(),
    () => grpc.stop(),
    () => new Promise<void>((resolve) => (metrics ? metrics.close(() => resolve()) : resolve())),
    () => access.close(),
    () => nc.drain(),
    () => database.close(),
    () => tokenIssuer?.client.close(),
  ]);

  logger.info(
    {
      grpc: `${config.GEO_STATUS_LISTEN.host}:${grpc.port}`,
      http: http && `${config.GEO_STATUS_HTTP_LISTEN?.host}:${http.port}`,
      replicationEnabled: config.GEO_REPLICATION_ENABLED,
      primary: config.GEO_PRIMARY_REGISTRY_URL ?? null,
      // Only the kinds: the credentials themselves never reach a log.
      primaryAuth: credentials?.primary.type ?? null,
      secondaryAuth: credentials?.secondary.type ?? null,
      tokenIssuer: issuer?.url ?? null,
    },
    'ready',
  );
} catch (error) {
  logger.fatal({ err: error }, 'start-up failed');
  process.exit(1);
}
