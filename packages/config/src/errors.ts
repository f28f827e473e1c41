/** A required environment variable is missing or malformed. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  /**
   * @param problems one line per variable, each naming it
   */
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}
