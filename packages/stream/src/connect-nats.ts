import { connect, type NatsConnection } from 'nats';
import { StreamError } from './errors.js';

/**
 * Connects to `servers`, naming the connection after the service so it shows
 * in the server's monitoring; reconnects forever once connected.
 */
export async function connectNats(servers: string[], name: string): Promise<NatsConnection> {
  try {
    return await connect({ servers, name, maxReconnectAttempts: -1 });
  } catch (error) {
    throw StreamError.from(error, 'CONNECT_FAILED', `connect to NATS as ${name}`);
  }
}
