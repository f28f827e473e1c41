import { ScopeSyntaxError, SigningKeyUnreadableError } from '@geo/tokens';
import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { IssuerError } from './errors.js';
import { toGrpcError } from './grpc-status.js';

describe('toGrpcError', () => {
  it.each([
    [new IssuerError('UNAUTHENTICATED', 'no'), status.UNAUTHENTICATED],
    [new IssuerError('INVALID_REQUEST', 'no'), status.INVALID_ARGUMENT],
    [new IssuerError('UNKNOWN_SITE', 'no'), status.FAILED_PRECONDITION],
    [new ScopeSyntaxError('x', 'no'), status.INVALID_ARGUMENT],
  ])('maps %s to its gRPC status', (error, code) => {
    expect(toGrpcError(error).code).toBe(code);
  });

  it('hides the details of unexpected errors behind INTERNAL', () => {
    const mapped = toGrpcError(new SigningKeyUnreadableError('/secret/path'));

    expect(mapped).toEqual({ code: status.INTERNAL, details: 'internal error' });
  });
});
