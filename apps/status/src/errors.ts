/** A request to the status service is malformed; `field` names the offending request field. */
export class InvalidArgumentError extends Error {
  readonly code = 'INVALID_ARGUMENT';

  /**
   * @param field the request field, as the proto names it
   * @param reason what is wrong with it, without echoing secrets
   */
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = 'InvalidArgumentError';
  }
}

/** The site has no row for the repository asked about. */
export class RepositoryNotFoundError extends Error {
  readonly code = 'REPOSITORY_NOT_FOUND';

  /**
   * @param site the site asked
   * @param repository the repository name asked for
   */
  constructor(
    readonly site: string,
    readonly repository: string,
  ) {
    super(`repository "${repository}" not found on site ${site}`);
    this.name = 'RepositoryNotFoundError';
  }
}
