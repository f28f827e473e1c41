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

/** The site has no row for the repository asked about (nor, for a resync, the primary). */
export class RepositoryNotFoundError extends Error {
  readonly code = 'REPOSITORY_NOT_FOUND';

  /**
   * @param site the site asked
   * @param repository the repository name asked for
   * @param elsewhere what else was found out, e.g. that the primary lacks it too
   */
  constructor(
    readonly site: string,
    readonly repository: string,
    elsewhere?: string,
  ) {
    const found = `repository "${repository}" not found on site ${site}`;
    super(elsewhere ? `${found}, ${elsewhere}` : found);
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

/**
 * A registry did not answer a question about a tag, or about a repository's
 * tags when `tag` is undefined; `cause` keeps its error.
 */
export class RegistryUnavailableError extends Error {
  readonly code = 'REGISTRY_UNAVAILABLE';

  /**
   * @param registry which registry: `primary` or `secondary`
   * @param repository the repository asked about
   * @param tag the tag asked about; undefined when its tags were listed
   * @param reason the registry client's error code, e.g. `NETWORK`
   */
  constructor(
    readonly registry: 'primary' | 'secondary',
    readonly repository: string,
    readonly tag: string | undefined,
    reason: string,
    options?: { cause?: unknown },
  ) {
    const question =
      tag === undefined ? `list the tags of ${repository}` : `say what ${repository}:${tag} is`;
    super(`the ${registry} registry did not ${question} (${reason})`, options);
    this.name = 'RegistryUnavailableError';
  }
}
