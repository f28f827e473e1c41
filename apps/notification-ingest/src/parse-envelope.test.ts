import { describe, expect, it } from 'vitest';
import { envelopeBody, notificationEvent } from './envelope.test-helpers.js';
import { IngestError } from './errors.js';
import { parseEnvelope } from './parse-envelope.js';

function failure(body: string): IngestError {
  try {
    parseEnvelope(body);
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error('the envelope was accepted');
}

describe('parseEnvelope', () => {
  it('reads every event of a registry envelope, ignoring fields it does not use', () => {
    const event = notificationEvent({ id: 'e1', tag: 'v1' });

    const envelope = parseEnvelope(envelopeBody(event));

    expect(envelope.events).toEqual([
      {
        id: 'e1',
        timestamp: '2024-05-01T10:20:30.123456789Z',
        action: 'push',
        target: {
          mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
          size: 528,
          digest: `sha256:${'a'.repeat(64)}`,
          length: 528,
          repository: 'group/app',
          url: `http://registry.example:5000/v2/group/app/manifests/sha256:${'a'.repeat(64)}`,
          tag: 'v1',
        },
        source: { addr: 'registry.example:5000', instanceID: 'instance-1' },
      },
    ]);
  });

  it('accepts the sparse delete events that name only a digest or only a tag', () => {
    const byDigest = {
      id: 'd1',
      timestamp: '2024-05-01T10:20:30-07:00',
      action: 'delete',
      target: { digest: `sha256:${'b'.repeat(64)}`, repository: 'app' },
      source: {},
    };
    const byTag = { ...byDigest, id: 'd2', target: { repository: 'app', tag: 'old' } };

    expect(parseEnvelope(envelopeBody(byDigest, byTag)).events).toHaveLength(2);
  });

  it('refuses an empty body', () => {
    expect(failure(' ').message).toBe('body is empty');
  });

  it('refuses a body that is not JSON', () => {
    const error = failure('{"events": [');

    expect(error.code).toBe('INVALID_ENVELOPE');
    expect(error.message).toBe('body is not JSON');
  });

  it('refuses JSON without an events array', () => {
    expect(failure('{}').message).toBe('events is required');
    expect(failure('{"events": {}}').message).toBe('events must be an array');
    expect(failure('[]').message).toBe('body must be an object');
  });

  it('names the index and field of an event without a repository', () => {
    const broken = notificationEvent();
    delete (broken.target as Record<string, unknown>).repository;

    const error = failure(envelopeBody(notificationEvent(), broken));

    expect(error.message).toBe('events[1].target.repository is required');
    expect(error.details).toEqual({ index: 1, field: 'events[1].target.repository' });
  });

  it('names a missing id, action or target', () => {
    const { id: _id, ...noId } = notificationEvent();
    const { action: _action, ...noAction } = notificationEvent();
    const { target: _target, ...noTarget } = notificationEvent();

    expect(failure(envelopeBody(noId)).message).toBe('events[0].id is required');
    expect(failure(envelopeBody(noAction)).message).toBe('events[0].action is required');
    expect(failure(envelopeBody(noTarget)).message).toBe('events[0].target is required');
  });

  it('refuses a timestamp that is not RFC 3339', () => {
    const event = notificationEvent({ timestamp: 'yesterday' });

    const error = failure(envelopeBody(event));

    expect(error.message).toBe('events[0].timestamp must be an RFC 3339 timestamp');
  });

  it('refuses names a registry could not have sent', () => {
    const badRepository = notificationEvent({ repository: '../Etc' });
    const badDigest = notificationEvent({ digest: 'not a digest' });
    const badTag = notificationEvent({ tag: '-dash' });

    expect(failure(envelopeBody(badRepository)).details.field).toBe('events[0].target.repository');
    expect(failure(envelopeBody(badDigest)).details.field).toBe('events[0].target.digest');
    expect(failure(envelopeBody(badTag)).details.field).toBe('events[0].target.tag');
  });
});
