import type { ListenAddress } from '@geo/config';
import {
  HEALTH_SERVICE_NAME,
  reflectionPackage,
  type StatusServiceServer,
  StatusServiceService,
} from '@geo/contracts';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { ReflectionService } from '@grpc/reflection';
import { HealthImplementation } from 'grpc-health-check';

/** The fully qualified name of the status service, as health checks and reflection know it. */
export const STATUS_SERVICE_NAME = 'geo.status.v1.StatusService';

/** A running gRPC server and the port it bound. */
export interface GrpcServer {
  port: number;
  /** Marks the service NOT_SERVING, then lets calls under way finish. */
  stop(): Promise<void>;
}

/**
 * Serves the status service with gRPC health checking ('' and the service's
 * own name) and server reflection, so grpcurl, buf curl and probes work.
 */
export async function startGrpcServer(
  listen: ListenAddress,
  service: StatusServiceServer,
): Promise<GrpcServer> {
  const server = new Server();
  server.addService(StatusServiceService, service);

  const health = new HealthImplementation({ '': 'SERVING', [STATUS_SERVICE_NAME]: 'SERVING' });
  health.addToServer(server);

  // The descriptor set holds health.proto too, so reflection describes both.
  const described = reflectionPackage();
  const services = [STATUS_SERVICE_NAME, HEALTH_SERVICE_NAME];
  new ReflectionService(described, { services }).addToServer(server);

  const port = await bind(server, listen);
  return {
    port,
    stop: () => {
      health.setStatus('', 'NOT_SERVING');
      health.setStatus(STATUS_SERVICE_NAME, 'NOT_SERVING');
      return new Promise((resolve) => server.tryShutdown(() => resolve()));
    },
  };
}

function bind(server: Server, listen: ListenAddress): Promise<number> {
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;

  return new Promise((resolve, reject) => {
    server.bindAsync(`${host}:${listen.port}`, ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    );
  });
}
