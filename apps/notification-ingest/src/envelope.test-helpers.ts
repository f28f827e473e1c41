import { randomUUID } from 'node:crypto';

/** Options of {@link notificationEvent}. */
export interface EventShape {
  id?: string;
  action?: string;
  repository?: string;
  tag?: string;
  digest?: string;
  mediaType?: string;
  timestamp?: string;
}

/** A notification event shaped like CNCF Distribution 2.8 sends it. */
export function notificationEvent(shape: EventShape = {}): Record<string, unknown> {
  const repository = shape.repository ?? 'group/app';
  const digest = 'digest' in shape ? shape.digest : `sha256:${'a'.repeat(64)}`;
  return {
    id: shape.id ?? randomUUID(),
    timestamp: shape.timestamp ?? '2024-05-01T10:20:30.123456789Z',
    action: shape.action ?? 'push',
    target: {
      mediaType:
        'mediaType' in shape
          ? shape.mediaType
          : 'application/vnd.docker.distribution.manifest.v2+json',
      size: 528,
      digest,
      length: 528,
      repository,
      url: `http://registry.example:5000/v2/${repository}/manifests/${digest}`,
      tag: 'tag' in shape ? shape.tag : 'latest',
    },
    request: { id: randomUUID(), addr: '10.0.0.2:4242', method: 'PUT', useragent: 'skopeo' },
    actor: { name: 'root' },
    source: { addr: 'registry.example:5000', instanceID: 'instance-1' },
  };
}

/** An envelope of `events`, as the request body text. */
export function envelopeBody(...events: Array<Record<string, unknown>>): string {
  return JSON.stringify({ events });
}
