import { z } from '@geo/config';
import { IngestError } from './errors.js';

/** The parts of a `docker/distribution` reference grammar the service relies on. */
const repositoryName =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const tagName = /^\w[\w.-]{0,127}$/;
const digestText = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

function required(kind: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? 'is required' : `must be ${kind}`;
}

function text(kind = 'a string') {
  return z.string({ error: required(kind) });
}

const target = z.object(
  {
    mediaType: text().optional(),
    size: z.number({ error: required('a number') }).optional(),
    digest: text('a digest').regex(digestText, 'must be a digest').optional(),
    length: z.number({ error: required('a number') }).optional(),
    repository: text().regex(repositoryName, 'must be a repository name'),
    url: text().optional(),
    tag: text().regex(tagName, 'must be a tag').optional(),
  },
  { error: required('an object') },
);

const source = z.object(
  { addr: text().optional(), instanceID: text().optional() },
  { error: required('an object') },
);

const event = z.object(
  {
    id: text().min(1, 'must not be empty'),
    timestamp: text('a timestamp').refine(
      (value) => rfc3339.test(value) && !Number.isNaN(Date.parse(value)),
      'must be an RFC 3339 timestamp',
    ),
    action: text().min(1, 'must not be empty'),
    target,
    source: source.optional(),
  },
  { error: required('an object') },
);

const envelope = z.object(
  { events: z.array(event, { error: required('an array') }) },
  { error: required('an object') },
);

/** One notification event, reduced to the fields the service uses. */
export type NotificationEvent = z.infer<typeof event>;

/** A notification envelope as CNCF Distribution posts it. */
export type NotificationEnvelope = z.infer<typeof envelope>;

function fieldPath(path: PropertyKey[]): string {
  return path
    .map((part, position) =>
      typeof part === 'number' ? `[${part}]` : `${position === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/**
 * Parses a request body into an envelope. Throws an {@link IngestError}
 * `INVALID_ENVELOPE` whose message names the first offending field, with the
 * event's index, such as `events[2].target.repository is required`.
 */
export function parseEnvelope(body: string): NotificationEnvelope {
  if (body.trim() === '') throw new IngestError('INVALID_ENVELOPE', 'body is empty');

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    throw new IngestError('INVALID_ENVELOPE', 'body is not JSON', {}, { cause: error });
  }

  const result = envelope.safeParse(json);
  if (result.success) return result.data;

  const issue = result.error.issues[0];
  const path = issue?.path ?? [];
  const field = path.length === 0 ? 'body' : fieldPath(path);
  const index = path[0] === 'events' && typeof path[1] === 'number' ? path[1] : undefined;
  const message = `${field} ${issue?.message ?? 'is invalid'}`;
  throw new IngestError('INVALID_ENVELOPE', message, { index, field }, { cause: result.error });
}
