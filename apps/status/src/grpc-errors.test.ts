import { DbError } from '@geo/db';
import { StreamError } from '@geo/stream';
import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, RepositoryNotFoundError } from './errors.js';
import { toGrpcError } from './grpc-errors.js';

describe('toGrpcError', () => {
  it('passes request errors to the client with their message', () => {
    expect(toGrpcError(new InvalidArgumentError('name', 'is required'))).toEqual({
      response: { code: status.INVALID_ARGUMENT, details: 'name: is required' },
      serverFault: false,
    });
    expect(toGrpcError(new RepositoryNotFoundError('eu', 'a/b')).response).toEqual({
      code: status.NOT_FOUND,
      details: 'repository "a/b" not found on site eu',
    });
  });

  it('hides database messages, which may hold SQL', () => {
    const error = new DbError('QUERY_FAILED', 'read eu/a: syntax error near "secret"');

    const mapped = toGrpcError(error);

    expect(mapped.response.code).toBe(status.INTERNAL);
    expect(mapped.response.details).not.toContain('secret');
    expect(mapped.serverFault).toBe(true);
  });

  it('calls an unreachable database or job queue UNAVAILABLE', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const db = new DbError('QUERY_FAILED', 'read', {}, { cause: refused });
    const stream = new StreamError('PUBLISH_FAILED', 'publish to geo.sync.jobs.eu');

    expect(toGrpcError(db).response.code).toBe(status.UNAVAILABLE);
    expect(toGrpcError(stream).response.code).toBe(status.UNAVAILABLE);
  });

  it('answers INTERNAL without details for anything else', () => {
    expect(toGrpcError(new TypeError('x is undefined')).response).toEqual({
      code: status.INTERNAL,
      details: 'internal error',
    });
  });
});
