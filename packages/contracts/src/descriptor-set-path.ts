import { fileURLToPath } from 'node:url';

/**
 * Path of the binary FileDescriptorSet of every contract, and of the gRPC
 * health checking service (grpc.health.v1), for gRPC server reflection.
 */
export const descriptorSetPath = fileURLToPath(new URL('../descriptor.binpb', import.meta.url));
