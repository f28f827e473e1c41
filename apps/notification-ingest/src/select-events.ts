import { RegistryAction, type RegistryEvent } from '@geo/contracts';
import { isManifestMediaType } from './manifest-media-types.js';
import type { NotificationEvent } from './parse-envelope.js';

/** Why an event was dropped rather than published. */
export type DropReason =
  /** `pull`, `mount` or an action this service does not know. */
  | 'ignored_action'
  /** A push of a layer or config blob, not of a manifest. */
  | 'blob_push'
  /** A push or delete naming neither a tag nor a digest. */
  | 'no_reference';

/** An event that will not be published, and why. */
export interface DroppedEvent {
  id: string;
  action: string;
  reason: DropReason;
}

/** The events of one envelope, split into those to publish and those dropped. */
export interface EventSelection {
  publish: RegistryEvent[];
  dropped: DroppedEvent[];
}

function verdict(event: NotificationEvent): RegistryAction | DropReason {
  const { action, target } = event;
  if (action !== 'push' && action !== 'delete') return 'ignored_action';
  if (!target.tag && !target.digest) return 'no_reference';
  if (action === 'delete') return RegistryAction.REGISTRY_ACTION_DELETE;

  const manifest = Boolean(target.tag) || isManifestMediaType(target.mediaType);
  return manifest ? RegistryAction.REGISTRY_ACTION_PUSH : 'blob_push';
}

/**
 * Keeps manifest pushes and every delete of a manifest or tag (a manifest
 * delete arrives as one event with the digest and one with the tag), and
 * turns them into {@link RegistryEvent}s received at `receivedAt`. Pulls,
 * mounts and blob pushes are dropped.
 */
export function selectEvents(events: NotificationEvent[], receivedAt: Date): EventSelection {
  const selection: EventSelection = { publish: [], dropped: [] };

  for (const event of events) {
    const action = verdict(event);
    if (typeof action === 'string') {
      selection.dropped.push({ id: event.id, action: event.action, reason: action });
      continue;
    }

    selection.publish.push({
      id: event.id,
      action,
      repository: event.target.repository,
      tag: event.target.tag ?? '',
      digest: event.target.digest ?? '',
      mediaType: event.target.mediaType ?? '',
      occurredAt: new Date(event.timestamp),
      receivedAt,
      sourceInstance: event.source?.instanceID ?? '',
    });
  }
  return selection;
}
