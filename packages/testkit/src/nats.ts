import { type ManagedProcess, startProcess, waitForOutput } from './managed-process.js';
import { freePort } from './ports.js';
import { type TempDir, tempDir } from './temp-dir.js';

/** A private nats-server with JetStream. */
export interface NatsServer {
  url: string;
  port: number;
  process: ManagedProcess;
  stop(): Promise<void>;
}

/** Starts `nats-server -js` on a free port with a throw-away store directory. */
export async function startNats(): Promise<NatsServer> {
  const port = await freePort();
  const store: TempDir = await tempDir('geo-nats-');
  const server = startProcess(
    'nats-server',
    ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', store.path],
    { name: `nats:${port}` },
  );
  await waitForOutput(server, /Server is ready/);

  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    process: server,
    async stop() {
      await server.stop();
      await store.remove();
    },
  };
}
