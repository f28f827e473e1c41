/**
 * What a client has learnt about a registry's referrers API. A registry
 * without it (CNCF Distribution 2.8) answers a bare 404 for the route, the
 * same for every manifest, so that answer is remembered for `ttlMs` instead
 * of being asked for again per manifest. Until the first lookup has
 * answered, later ones wait for it: a burst of lookups against a registry
 * without the API then costs one request.
 */
export class ReferrersSupport {
  /** Until when the registry counts as having no referrers API; 0 when not known to lack it. */
  private absentUntil = 0;
  /** True once a lookup has answered, so lookups no longer wait for the first. */
  private answered = false;
  private probe?: Promise<void>;

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Runs `lookup` unless the registry is known to lack the API (then
   * undefined). `lookup` calls `absent` when the registry showed it has no
   * such route.
   */
  async run<T>(lookup: (absent: () => void) => Promise<T>): Promise<T | undefined> {
    while (this.probe) await this.probe;
    if (this.now() < this.absentUntil) return undefined;

    // Unknown, or what was learnt has expired: this lookup goes alone.
    const probing = !this.answered || this.absentUntil !== 0;
    this.absentUntil = 0;
    const answer = lookup(() => {
      this.absentUntil = this.now() + this.ttlMs;
    });

    if (probing) {
      this.probe = answer
        .then(
          () => {
            this.answered = true;
          },
          () => undefined,
        )
        .finally(() => {
          this.probe = undefined;
        });
    }
    return answer;
  }
}
