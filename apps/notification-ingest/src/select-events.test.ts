import { RegistryAction } from '@geo/contracts';
import { describe, expect, it } from 'vitest';
import { envelopeBody, notificationEvent } from './envelope.test-helpers.js';
import { parseEnvelope } from './parse-envelope.js';
import { selectEvents } from './select-events.js';

const receivedAt = new Date('2024-05-01T10:21:00Z');

function select(...events: Array<Record<string, unknown>>) {
  return selectEvents(parseEnvelope(envelopeBody(...events)).events, receivedAt);
}

describe('selectEvents', () => {
  it('turns a tagged manifest push into a registry event', () => {
    const selection = select(notificationEvent({ id: 'e1', repository: 'group/app', tag: 'v1' }));

    expect(selection.dropped).toEqual([]);
    expect(selection.publish).toEqual([
      {
        id: 'e1',
        action: RegistryAction.REGISTRY_ACTION_PUSH,
        repository: 'group/app',
        tag: 'v1',
        digest: `sha256:${'a'.repeat(64)}`,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        occurredAt: new Date('2024-05-01T10:20:30.123Z'),
        receivedAt,
        sourceInstance: 'instance-1',
      },
    ]);
  });

  it('keeps a manifest pushed by digest, such as the child of an index', () => {
    const child = notificationEvent({
      tag: undefined,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
    });

    const selection = select(child);

    expect(selection.publish).toHaveLength(1);
    expect(selection.publish[0]?.tag).toBe('');
  });

  it('keeps both halves of a manifest delete', () => {
    const byDigest = notificationEvent({ action: 'delete', tag: undefined, mediaType: undefined });
    const byTag = notificationEvent({
      action: 'delete',
      digest: undefined,
      mediaType: undefined,
      tag: 'old',
    });

    const selection = select(byDigest, byTag);

    expect(selection.publish.map((event) => event.action)).toEqual([
      RegistryAction.REGISTRY_ACTION_DELETE,
      RegistryAction.REGISTRY_ACTION_DELETE,
    ]);
    expect(selection.publish.map((event) => [event.tag, event.digest])).toEqual([
      ['', `sha256:${'a'.repeat(64)}`],
      ['old', ''],
    ]);
  });

  it('drops pulls, mounts, blob pushes and unknown actions with their reason', () => {
    const blob = notificationEvent({
      id: 'blob',
      tag: undefined,
      mediaType: 'application/octet-stream',
    });
    const pull = notificationEvent({ id: 'pull', action: 'pull' });
    const mount = notificationEvent({ id: 'mount', action: 'mount', tag: undefined });
    const other = notificationEvent({ id: 'other', action: 'rename' });

    const selection = select(blob, pull, mount, other);

    expect(selection.publish).toEqual([]);
    expect(selection.dropped).toEqual([
      { id: 'blob', action: 'push', reason: 'blob_push' },
      { id: 'pull', action: 'pull', reason: 'ignored_action' },
      { id: 'mount', action: 'mount', reason: 'ignored_action' },
      { id: 'other', action: 'rename', reason: 'ignored_action' },
    ]);
  });

  it('drops a push or delete that names neither a tag nor a digest', () => {
    const bare = notificationEvent({
      id: 'bare',
      action: 'delete',
      tag: undefined,
      digest: undefined,
    });

    expect(select(bare).dropped).toEqual([
      { id: 'bare', action: 'delete', reason: 'no_reference' },
    ]);
  });

  it('keeps the order of the envelope among the events it publishes', () => {
    const ids = ['a', 'b', 'c'];

    const selection = select(...ids.map((id) => notificationEvent({ id })));

    expect(selection.publish.map((event) => event.id)).toEqual(ids);
  });
});
