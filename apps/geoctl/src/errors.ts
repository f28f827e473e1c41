/** Exit status of geoctl for each kind of outcome. */
export const ExitCode = {
  ok: 0,
  /** The command was right but could not be carried out: server down, repository unknown. */
  failed: 1,
  /** The command line (or a value it carries) is wrong. */
  usage: 2,
  /** `geoctl fresh`: the secondary does not serve the primary's digest for the tag. */
  notFresh: 3,
} as const;

/** A failure geoctl reports on stderr and turns into its exit status. */
export class GeoctlError extends Error {
  /**
   * @param code stable identifier of the failure
   * @param exitCode the process's exit status
   */
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GeoctlError';
  }
}

/** The command line, or the environment geoctl reads, is malformed. */
export class UsageError extends GeoctlError {
  constructor(message: string) {
    super('USAGE', message, ExitCode.usage);
    this.name = 'UsageError';
  }
}

/** A call to the status service failed; `status` is the gRPC status code. */
export class RpcFailedError extends GeoctlError {
  /**
   * @param server the target that was called
   * @param status the gRPC status code of the failure
   */
  constructor(
    readonly server: string,
    readonly status: number,
    message: string,
    exitCode: number,
    options?: { cause?: unknown },
  ) {
    super('RPC_FAILED', message, exitCode, options);
    this.name = 'RpcFailedError';
  }
}

/** `geoctl doctor` ran, and at least one check failed; the report is already printed. */
export class ChecksFailedError extends GeoctlError {
  /** @param failedChecks the names of the failed checks */
  constructor(readonly failedChecks: string[]) {
    super('CHECKS_FAILED', `failed: ${failedChecks.join(', ')}`, ExitCode.failed);
    this.name = 'ChecksFailedError';
  }
}

/** `geoctl fresh` ran, and the tag is not fresh on the secondary; the answer is already printed. */
export class NotFreshError extends GeoctlError {
  /**
   * @param image the `repository:tag` asked about
   * @param freshness the word for what was found, e.g. `stale`
   */
  constructor(
    readonly image: string,
    readonly freshness: string,
  ) {
    super('NOT_FRESH', `${image} is not fresh on the secondary (${freshness})`, ExitCode.notFresh);
    this.name = 'NotFreshError';
  }
}
