import { pushChild } from './copy-manifest.js';
import { once, type SyncContext } from './sync-context.js';

/**
 * Copies the referrers (signatures, SBOMs, attestations) of manifest
 * `digest`, and of the child manifests this sync prepared under it, that
 * the primary lists through the OCI 1.1 referrers API; then their own
 * referrers. A primary without the API (CNCF Distribution 2.8) keeps
 * referrers under `sha256-<hex>` tags of the referrers tag schema, which the
 * tag sync copies like any tag, children before the index, so nothing more
 * is needed then.
 */
export async function copyReferrers(context: SyncContext, digest: string): Promise<void> {
  // TODO: the children of an index the secondary already held are not
  // known without fetching it, so their new referrers wait until the index
  // itself is copied again; walking every unchanged index each sync fixes it.
  const prepared = await context.prepared.get(digest)?.catch(() => undefined);
  const subjects = [digest, ...(prepared?.children ?? [])];

  await Promise.all(subjects.map((subject) => copyReferrersOf(context, subject)));
}

function copyReferrersOf(context: SyncContext, subject: string): Promise<void> {
  return once(context.referrers, subject, async () => {
    if (!context.referrersApi) return;

    const { primary, repository, signal } = context;
    const referrers = await primary.listReferrers(repository, subject, { signal });
    if (referrers === undefined) {
      context.referrersApi = false;
      return;
    }

    // TODO: a secondary without the referrers API (Distribution 2.8) would
    // need the `sha256-<hex>` tag index written for clients to discover
    // these; that tag is not on the primary, so it would break the exact
    // copy. Both sides are expected to speak the same API.
    for (const referrer of referrers) context.referrerDigests.add(referrer.digest);
    await Promise.all(
      referrers.map(async (referrer) => {
        await pushChild(context, referrer.digest);
        await copyReferrersOf(context, referrer.digest);
      }),
    );
  });
}
