import { ReplicationError } from './errors.js';

/**
 * Settles as `promise` does, unless `signal` aborts first: then it rejects
 * at once with ABORTED, naming `what` was being waited for. For waits on
 * work shared with others, which must not be cancelled for all of them.
 */
export function unlessAborted<T>(promise: Promise<T>, what: string, signal?: AbortSignal) {
  if (!signal) return promise;

  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(new ReplicationError('ABORTED', `${what}: aborted`, { cause: signal.reason }));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
