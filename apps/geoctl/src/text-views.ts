import type { RepositoryJson, SiteStatusJson } from './json-views.js';
import { formatBytes, formatFields, formatTable, oneLine } from './text-layout.js';

const orDash = (value: string | null) => value ?? '-';

/** The site's status as key-value lines. */
export function siteStatusText(status: SiteStatusJson): string {
  const { counts } = status;
  const byState =
    `pending ${counts.pending}, started ${counts.started}, ` +
    `synced ${counts.synced}, failed ${counts.failed}`;

  return formatFields([
    ['site', status.site],
    ['replication', status.replicationEnabled ? 'enabled' : 'disabled'],
    ['repositories', `${counts.total} (${byState})`],
    ['events behind', String(status.eventsBehind)],
    ['cursor sequence', String(status.cursorSequence)],
    ['last event at', orDash(status.lastEventAt)],
    ['last synced at', orDash(status.lastSyncedAt)],
    ['blobs copied', String(status.blobsCopied)],
    ['bytes copied', `${formatBytes(status.bytesCopied)} (${status.bytesCopied} bytes)`],
  ]);
}

/** One repository as key-value lines. */
export function repositoryText(repository: RepositoryJson): string {
  return formatFields([
    ['name', repository.name],
    ['state', repository.state],
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
}

/** Repositories as a table, one per line. */
export function repositoriesText(repositories: RepositoryJson[]): string {
  if (repositories.length === 0) return 'no repositories';

  const rows = repositories.map((repository) => [
    repository.name,
    repository.state,
    String(repository.retryCount),
    orDash(repository.retryAt),
    orDash(repository.lastSyncedAt),
    repository.lastSyncFailure ? oneLine(repository.lastSyncFailure, 60) : '-',
  ]);
  return formatTable(['NAME', 'STATE', 'RETRIES', 'RETRY AT', 'LAST SYNCED', 'FAILURE'], rows);
}
