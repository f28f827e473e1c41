import type { TagFailure } from '@geo/contracts';

// A line `tag: reason`, as sync-worker writes one per failed tag. The tag
// grammar is the OCI distribution spec's, so a whole-sync failure such as
// "primary registry http://…: unauthorized" never reads as a tag.
const tagLine = /^([A-Za-z0-9_][A-Za-z0-9._-]{0,127}): (.+)$/;

/**
 * The tags a failed sync names in its `last_sync_failure`, one per line
 * (`tag: reason`), with their reasons; lines that name no tag are left out.
 */
export function parseFailedTags(failure: string | null): TagFailure[] {
  if (!failure) return [];

  const tags: TagFailure[] = [];
  for (const line of failure.split('\n')) {
    const match = tagLine.exec(line.trim());
    if (match?.[1] && match[2]) tags.push({ tag: match[1], reason: match[2] });
  }

  return tags;
}
