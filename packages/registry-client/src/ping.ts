import type { Transport } from './transport.js';

/**
 * `GET /v2/` with credentials. Resolves only on 200: a 401 or a network
 * error throws, so that a refused registry is never mistaken for an empty one.
 */
export async function ping(transport: Transport, signal?: AbortSignal): Promise<void> {
  const response = await transport.expect(
    { method: 'GET', url: transport.endpoint('/v2/'), scopes: [], verb: 'ping', signal },
    [200],
  );

  await response.body.dump();
}
