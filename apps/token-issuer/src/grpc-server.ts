import {
  HEALTH_SERVICE_NAME,
  reflectionPackage,
  type TokenServiceServer,
  TokenServiceService,
} from '@geo/contracts';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';

/** The full name of the token service, as health checks and reflection know it. */
export const TOKEN_SERVICE_NAME = 'geo.token.v1.TokenService';

/** A started gRPC server and the port it is bound to. */
export interface StartedGrpcServer {
  server: Server;
  port: number;
  /** Marks the services NOT_SERVING, then stops, letting calls in flight finish. */
  close(): Promise<void>;
}

/**
 * Serves the token service with gRPC health checking (SERVING for `''` and
 * the token service) and server reflection, so generic tools can call it.
 */
export async function startGrpcServer(
  listen: { host: string; port: number },
  tokenService: TokenServiceServer,
): Promise<StartedGrpcServer> {
  const server = new Server();
  server.addService(TokenServiceService, tokenService);

  const health = new HealthImplementation({ '': 'SERVING', [TOKEN_SERVICE_NAME]: 'SERVING' });
  health.addToServer(server);

  // Only what this server serves, with the files' imports kept, so
  // `buf curl --list-methods` and grpcurl resolve every message.
  new ReflectionService(reflectionPackage(), {
    services: [TOKEN_SERVICE_NAME, HEALTH_SERVICE_NAME],
  }).addToServer(server);

  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(
      `${host}:${listen.port}`,
      ServerCredentials.createInsecure(),
      (error, bound) => (error ? reject(error) : resolve(bound)),
    );
  });

  const close = async () => {
    health.setStatus('', 'NOT_SERVING');
    health.setStatus(TOKEN_SERVICE_NAME, 'NOT_SERVING');
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  };
  return { server, port, close };
}
