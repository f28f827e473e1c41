import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { repoRoot, run } from '@geo/testkit';
import {
  type Client,
  type ClientDuplexStream,
  credentials,
  loadPackageDefinition,
  makeClientConstructor,
  type ServiceClientConstructor,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { service as healthService } from 'grpc-health-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StartedGrpcServer, startGrpcServer, TOKEN_SERVICE_NAME } from './grpc-server.js';

type Callback = (error: Error | null, response: Record<string, unknown>) => void;
type ReflectionReply = { listServicesResponse: { service: Array<{ name: string }> } };
type Unary = (request: object, callback: Callback) => void;

const reflectionProto = join(
  dirname(createRequire(import.meta.url).resolve('@grpc/reflection')),
  '../proto/grpc/reflection/v1/reflection.proto',
);

describe('the gRPC server', () => {
  let started: StartedGrpcServer;
  let target: string;

  beforeAll(async () => {
    started = await startGrpcServer({ host: '127.0.0.1', port: 0 }, { issueToken: () => {} });
    target = `127.0.0.1:${started.port}`;
  });

  afterAll(async () => {
    await started?.close();
  });

  it.each(['', TOKEN_SERVICE_NAME])('reports %j as SERVING to health checks', async (name) => {
    const Health = makeClientConstructor(healthService, 'grpc.health.v1.Health');
    const client = new Health(target, credentials.createInsecure()) as unknown as Client & {
      check: Unary;
    };

    const response = await new Promise((resolve, reject) =>
      client.check({ service: name }, (error, reply) => (error ? reject(error) : resolve(reply))),
    );
    client.close();

    expect(response).toEqual({ status: 'SERVING' });
  });

  it('lists the token service through server reflection', async () => {
    const definition = loadPackageDefinition(loadSync(reflectionProto)) as unknown as {
      grpc: { reflection: { v1: { ServerReflection: ServiceClientConstructor } } };
    };
    const Reflection = definition.grpc.reflection.v1.ServerReflection;
    const client = new Reflection(target, credentials.createInsecure()) as unknown as Client & {
      serverReflectionInfo(): ClientDuplexStream<object, ReflectionReply>;
    };

    const call = client.serverReflectionInfo();
    const reply = new Promise<ReflectionReply>((resolve, reject) => {
      call.once('data', resolve);
      call.once('error', reject);
    });
    call.write({ listServices: '' });
    const services = (await reply).listServicesResponse.service.map((entry) => entry.name);
    call.end();
    client.close();

    expect(services).toContain(TOKEN_SERVICE_NAME);
  });

  it('describes only its own services to buf curl through reflection', async () => {
    const buf = join(repoRoot, 'packages/contracts/node_modules/.bin/buf');
    const flags = ['curl', '--protocol', 'grpc', '--http2-prior-knowledge'];

    const services = await run(buf, [...flags, '--list-services', `http://${target}`]);
    const methods = await run(buf, [...flags, '--list-methods', `http://${target}`]);

    expect(services.trim().split('\n').sort()).toEqual([
      TOKEN_SERVICE_NAME,
      'grpc.health.v1.Health',
    ]);
    expect(methods).toContain(`${TOKEN_SERVICE_NAME}/IssueToken`);
  });
});
