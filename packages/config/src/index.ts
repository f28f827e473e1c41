export { z } from 'zod';
export { ConfigError } from './errors.js';
export {
  booleanFlag,
  databaseUrl,
  filePath,
  grpcTarget,
  httpUrl,
  type ListenAddress,
  listenAddress,
  logLevel,
  natsServers,
  positiveInt,
  secret,
  siteName,
} from './fields.js';
export { exitOnConfigError, loadConfig, parseEnv } from './parse-env.js';
export { secretMatches } from './secret-matches.js';
