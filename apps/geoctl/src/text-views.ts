import { noPaint, type Paint } from './colours.js';
import type { FreshnessJson, RepositoryJson, SiteStatusJson } from './json-views.js';
import { formatBytes, formatFields, formatTable, oneLine } from './text-layout.js';

const orDash = (value: string | null) => value ?? '-';

/** The site's status as key-value lines. */
export function siteStatusText(status: SiteStatusJson, paint: Paint = noPaint): string {
  const { counts } = status;
  const byState = (['pending', 'started', 'synced', 'failed'] as const)
    .map((state) => paint(`${state} ${counts[state]}`, state))
    .join(', ');
  const oldest = status.oldestPendingRepository
    ? `${status.oldestPendingRepository} (since ${status.oldestPendingSince ?? '?'})`
    : '-';
  const minutes = Math.round(status.workersWindowSeconds / 60);

  return formatFields([
    ['site', status.site],
    ['replication', status.replicationEnabled ? 'enabled' : paint('disabled', 'warning')],
    ['repositories', `${counts.total} (${byState})`],
    ['events behind', String(status.eventsBehind)],
    ['cursor sequence', String(status.cursorSequence)],
    ['oldest pending', oldest],
    ['last event at', orDash(status.lastEventAt)],
    ['last synced at', orDash(status.lastSyncedAt)],
    [
      `workers (${minutes} min)`,
      `${status.recentWorkers.length}${status.recentWorkers.length ? ` (${status.recentWorkers.join(', ')})` : ''}`,
    ],
    ['blobs copied', String(status.blobsCopied)],
    ['bytes copied', `${formatBytes(status.bytesCopied)} (${status.bytesCopied} bytes)`],
  ]);
}

/** One repository as key-value lines, then its failing tags and its latest attempts. */
export function repositoryText(repository: RepositoryJson, paint: Paint = noPaint): string {
  const fields = formatFields([
    ['name', repository.name],
    ['state', paint(repository.state, repository.state)],
    ['sync again', repository.syncAgain ? 'yes' : 'no'],
    ['retry count', String(repository.retryCount)],
    ['retry at', orDash(repository.retryAt)],
    ['last sync failure', orDash(repository.lastSyncFailure)],
    ['last synced at', orDash(repository.lastSyncedAt)],
    ['started at', orDash(repository.startedAt)],
    ['created at', orDash(repository.createdAt)],
    ['tags', String(repository.tagCount)],
    ['verification checksum', orDash(repository.verificationChecksum)],
    ['verified at', orDash(repository.verifiedAt)],
    ['blobs copied', String(repository.blobsCopied)],
    ['bytes copied', `${formatBytes(repository.bytesCopied)} (${repository.bytesCopied} bytes)`],
  ]);
  const sections = [fields];

  if (repository.failedTags.length > 0) {
    const rows = repository.failedTags.map(({ tag, reason }) => [tag, oneLine(reason, 80)]);
    sections.push(`failing tags:\n${formatTable(['TAG', 'REASON'], rows)}`);
  }

  if (repository.attempts.length > 0) {
    const rows = repository.attempts.map((attempt) => [
      orDash(attempt.startedAt),
      orDash(attempt.finishedAt),
      attempt.outcome ?? 'running',
      attempt.worker,
      String(attempt.blobsCopied),
      String(attempt.blobsMounted),
      attempt.error ? oneLine(attempt.error, 50) : '-',
    ]);
    const headers = ['STARTED', 'FINISHED', 'OUTCOME', 'WORKER', 'COPIED', 'MOUNTED', 'ERROR'];
    const table = formatTable(headers, rows, (padded, cell, column) =>
      column === 2 ? paint(padded, cell) : padded,
    );
    sections.push(`attempts (newest first):\n${table}`);
  }

  return sections.join('\n\n');
}

/** Repositories as a table, one per line. */
export function repositoriesText(repositories: RepositoryJson[], paint: Paint = noPaint): string {
  if (repositories.length === 0) return 'no repositories';

  const rows = repositories.map((repository) => [
    repository.name,
    repository.state,
    String(repository.retryCount),
    orDash(repository.retryAt),
    orDash(repository.lastSyncedAt),
    repository.lastSyncFailure ? oneLine(repository.lastSyncFailure, 60) : '-',
  ]);
  const headers = ['NAME', 'STATE', 'RETRIES', 'RETRY AT', 'LAST SYNCED', 'FAILURE'];
  return formatTable(headers, rows, (padded, cell, column) =>
    column === 1 ? paint(padded, cell) : padded,
  );
}

/** A freshness answer: the verdict, then both digests. */
export function freshnessText(answer: FreshnessJson, paint: Paint = noPaint): string {
  const verdicts: Record<string, string> = {
    fresh: 'fresh: the secondary serves the primary digest',
    stale: 'stale: the secondary serves another digest',
    'missing-on-secondary': 'missing: the secondary does not have this tag yet',
    'missing-on-primary': 'missing on the primary: no such tag',
  };
  const verdict = verdicts[answer.freshness] ?? answer.freshness;

  return formatFields([
    ['image', `${answer.repository}:${answer.tag}`],
    ['freshness', paint(verdict, answer.freshness)],
    ['primary', orDash(answer.primaryDigest)],
    ['secondary', orDash(answer.secondaryDigest)],
    ['checked at', orDash(answer.checkedAt)],
  ]);
}
