export { run } from './exec.js';
export {
  type BuildImageOptions,
  buildImage,
  type LocalImage,
  type SkopeoCopyOptions,
  skopeoCopy,
  skopeoInspectRaw,
} from './images.js';
export {
  type ManagedProcess,
  type StartProcessOptions,
  startProcess,
  waitForOutput,
} from './managed-process.js';
export { type NatsServer, startNats } from './nats.js';
export { freePort } from './ports.js';
export { createDatabase, postgresAdminUrl, type TestDatabase } from './postgres.js';
export {
  type Registry,
  type RegistryNotifications,
  type RegistryOptions,
  type RegistryTokenAuth,
  startRegistry,
} from './registry.js';
export { repoRoot, type ServiceName, serviceMain, startService } from './services.js';
export { generateSigningKey, type SigningKey } from './signing-key.js';
export {
  pusher,
  type SiteOptions,
  type SiteStack,
  siteServices,
  startSite,
} from './site-stack.js';
export { type TempDir, tempDir } from './temp-dir.js';
export { type WaitOptions, waitFor } from './wait.js';
