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

/** A call needs a variable the site was started without. */
export class NotConfiguredError extends Error {
  readonly code = 'NOT_CONFIGURED';

  /**
   * @param what the call or feature that cannot run
   * @param variables the unset variables it needs
   */
  constructor(
    what: string,
    readonly variables: string[],
  ) {
    super(`${what} needs ${variables.join(' and ')}, unset on this site`);
    this.name = 'NotConfiguredError';
  }
}

/** A registry did not answer a question about a tag; `cause` keeps its error. */
export class RegistryUnavailableError extends Error {
  readonly code = 'REGISTRY_UNAVAILABLE';

  /**
   * @param registry which registry: `primary` or `secondary`
   * @param repository the repository asked about
   * @param tag the tag asked about
   * @param reason the registry client's error code, e.g. `NETWORK`
   */
  constructor(
    readonly registry: 'primary' | 'secondary',
    readonly repository: string,
    readonly tag: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`the ${registry} registry did not say what ${repository}:${tag} is (${reason})`, options);
    this.name = 'RegistryUnavailableError';
  }
}
