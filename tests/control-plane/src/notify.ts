import { randomUUID } from 'node:crypto';
import { OCI_MANIFEST } from '@geo/registry-client';
import type { Stack } from './stack.js';

/**
 * Posts `count` manifest push notifications for `repository` to
 * notification-ingest, `perEnvelope` per request, as the registry sends
 * them; resolves once every envelope was answered 200 (durably stored).
 */
export async function notify(
  stack: Stack,
  repository: string,
  count: number,
  perEnvelope = 10,
): Promise<void> {
  for (let sent = 0; sent < count; sent += perEnvelope) {
    const events = Array.from({ length: Math.min(perEnvelope, count - sent) }, () => ({
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      action: 'push',
      target: {
        mediaType: OCI_MANIFEST,
        digest: `sha256:${'b'.repeat(64)}`,
        repository,
        tag: 'latest',
      },
    }));
    const response = await fetch(stack.ingestUrl, {
      method: 'POST',
      headers: {
        authorization: stack.notificationSecret,
        'content-type': 'application/vnd.docker.distribution.events.v1+json',
      },
      body: JSON.stringify({ events }),
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`ingest answered ${response.status}`);
  }
}
