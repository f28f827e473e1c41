import type { Repository, SiteStatus, SyncAttempt } from '@geo/contracts';
import { page } from './dashboard-layout.js';
import { html, type SafeHtml } from './html.js';
import { stateWord } from './sync-state.js';

const states = ['pending', 'started', 'synced', 'failed'] as const;

/** What the overview shows below the site's totals. */
export interface OverviewData {
  status: SiteStatus;
  /** Failed repositories, first page by name. */
  failing: Repository[];
  /** Present when the visitor searched: the filters and one page of results. */
  search?: { text: string; state: string; results: Repository[]; nextPageHref?: string };
}

/** The overview: facts of the site, the bar of states, failing repositories, search. */
export function overviewPage(data: OverviewData): string {
  const { status } = data;

  const body = html`${facts(status)}${stateBar(status)}${failingSection(data.failing)}
${searchSection(data.search)}`;
  return page(`geo-replicator · ${status.site}`, status.site, body);
}

/** One repository: its fields, failing tags and the history of its attempts. */
export function repositoryPage(site: string, repository: Repository): string {
  const word = stateWord(repository.state);
  const fields: [string, unknown][] = [
    ['State', html`<span class="badge state-${word}" id="state">${word}</span>`],
    ['Retry count', repository.retryCount],
    ['Next retry', time(repository.retryAt)],
    ['Last synced', time(repository.lastSyncedAt)],
    ['Sync started', time(repository.startedAt)],
    ['Created', time(repository.createdAt)],
    ['Tags', repository.tagCount],
    ['Blobs copied', repository.blobsCopied],
    ['Bytes copied', bytes(repository.bytesCopied)],
    ['Verified', time(repository.verifiedAt)],
  ];

  const body = html`<section><h2 id="repository">${repository.name}</h2>
<div class="facts">${fields.map(([label, value]) => html`<div class="fact"><b>${label}</b>${value}</div>`)}</div>
</section>
${failureSection(repository)}${historySection(repository.attempts)}`;
  return page(`${repository.name} · ${site}`, site, body);
}

/** A page with a title and one sentence: not found, a bad query, the database down. */
export function messagePage(site: string, title: string, message: string): string {
  return page(
    title,
    site,
    html`<section><h2>${title}</h2><p id="message">${message}</p></section>`,
  );
}

function facts(status: SiteStatus): SafeHtml {
  const enabled = status.replicationEnabled;
  const oldest = status.oldestPendingRepository
    ? html`${repositoryLink(status.oldestPendingRepository)} since ${time(status.oldestPendingSince)}`
    : '-';
  const minutes = Math.round(status.workersWindowSeconds / 60);
  const items: [string, string, unknown][] = [
    [
      'replication',
      'Replication',
      html`<span class="badge ${enabled ? 'on' : 'off'}">${enabled ? 'enabled' : 'disabled'}</span>`,
    ],
    ['total', 'Repositories', status.counts?.total ?? 0],
    ['events-behind', 'Events behind the stream', status.eventsBehind],
    ['oldest-pending', 'Oldest pending', oldest],
    ['last-event', 'Last event', time(status.lastEventAt)],
    ['last-synced', 'Last successful sync', time(status.lastSyncedAt)],
    ['workers', `Workers (last ${minutes} min)`, status.recentWorkers.length],
    ['blobs', 'Blobs copied', status.blobsCopied],
    ['bytes', 'Bytes copied', bytes(status.bytesCopied)],
  ];

  return html`<section><h2>Site</h2><div class="facts">${items.map(
    ([id, label, value]) => html`<div class="fact" id="fact-${id}"><b>${label}</b>${value}</div>`,
  )}</div></section>`;
}

function stateBar(status: SiteStatus): SafeHtml {
  const counts = status.counts;
  const total = counts?.total ?? 0;
  const segments = states.map((state) => {
    const count = counts?.[state] ?? 0;
    const width = total === 0 ? 0 : (count / total) * 100;
    return html`<span class="state-${state}" data-state="${state}" data-count="${count}" style="width: ${width.toFixed(3)}%" title="${state}: ${count}"></span>`;
  });
  const label = states.map((state) => `${state} ${counts?.[state] ?? 0}`).join(', ');
  const legend = states.map(
    (state) =>
      html`<span class="state-${state}" id="count-${state}">${state} ${counts?.[state] ?? 0}</span>`,
  );

  return html`<section><h2>Repositories by state</h2>
<div class="bar" id="state-bar" role="img" aria-label="${label}">${segments}</div>
<div class="legend">${legend}</div></section>`;
}

function failingSection(failing: Repository[]): SafeHtml {
  if (failing.length === 0) {
    return html`<section id="failing"><h2>Failing repositories</h2><p class="muted">None.</p></section>`;
  }

  const rows = failing.map(
    (repository) => html`<tr data-repository="${repository.name}">
<td>${repositoryLink(repository.name)}</td><td>${reason(repository)}</td>
<td>${repository.retryCount}</td><td>${time(repository.retryAt)}</td></tr>`,
  );
  return html`<section id="failing"><h2>Failing repositories</h2>
<table><thead><tr><th>Repository</th><th>Reason</th><th>Retries</th><th>Next retry</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

function searchSection(search: OverviewData['search']): SafeHtml {
  const text = search?.text ?? '';
  const chosen = search?.state ?? '';
  const options = ['', ...states].map(
    (state) =>
      html`<option value="${state}"${state === chosen ? html` selected` : ''}>${state || 'any state'}</option>`,
  );
  const form = html`<form method="get" action="/" role="search">
<input type="search" name="q" value="${text}" placeholder="repository name contains…" aria-label="name contains">
<select name="state" aria-label="state">${options}</select><button type="submit">Search</button></form>`;

  if (!search) return html`<section id="search"><h2>Search</h2>${form}</section>`;

  const rows = search.results.map((repository) => {
    const word = stateWord(repository.state);
    return html`<tr data-repository="${repository.name}"><td>${repositoryLink(repository.name)}</td>
<td><span class="badge state-${word}">${word}</span></td><td>${time(repository.lastSyncedAt)}</td></tr>`;
  });
  const results =
    rows.length === 0
      ? html`<p class="muted" id="no-results">No repository matches.</p>`
      : html`<table id="results"><thead><tr><th>Repository</th><th>State</th><th>Last synced</th></tr></thead><tbody>${rows}</tbody></table>`;
  const next = search.nextPageHref
    ? html`<p><a href="${search.nextPageHref}" id="next-page">Next page</a></p>`
    : '';

  return html`<section id="search"><h2>Search</h2>${form}${results}${next}</section>`;
}

function failureSection(repository: Repository): SafeHtml | string {
  if (!repository.lastSyncFailure) return '';

  const tags =
    repository.failedTags.length === 0
      ? ''
      : html`<table id="failed-tags"><thead><tr><th>Tag</th><th>Reason</th></tr></thead><tbody>${repository.failedTags.map(
          ({ tag, reason }) => html`<tr><td>${tag}</td><td>${reason}</td></tr>`,
        )}</tbody></table>`;
  return html`<section><h2>Last sync failure</h2>${tags || html`<pre id="failure">${repository.lastSyncFailure}</pre>`}</section>`;
}

function historySection(attempts: SyncAttempt[]): SafeHtml {
  if (attempts.length === 0) {
    return html`<section id="history"><h2>Attempts</h2><p class="muted">No attempt yet.</p></section>`;
  }

  const rows = attempts.map((attempt) => {
    const outcome = attempt.outcome || 'running';
    const css = outcome === 'running' ? 'started' : outcome;
    return html`<tr><td>${time(attempt.startedAt)}</td><td>${time(attempt.finishedAt)}</td>
<td><span class="badge state-${css}">${outcome}</span></td><td>${attempt.worker}</td>
<td>${attempt.blobsCopied}</td><td>${attempt.blobsMounted}</td><td>${bytes(attempt.bytesCopied)}</td>
<td><pre>${attempt.error}</pre></td></tr>`;
  });
  return html`<section id="history"><h2>Attempts (newest first)</h2>
<table><thead><tr><th>Started</th><th>Finished</th><th>Outcome</th><th>Worker</th><th>Blobs copied</th>
<th>Blobs mounted</th><th>Bytes</th><th>Error</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}

function reason(repository: Repository): SafeHtml {
  if (repository.failedTags.length > 0) {
    return html`${repository.failedTags.map(({ tag, reason }) => html`<div><b>${tag}</b>: ${reason}</div>`)}`;
  }
  return html`<pre>${repository.lastSyncFailure}</pre>`;
}

/** Repository names follow the OCI grammar, so slashes stay and nothing else needs encoding. */
function repositoryLink(name: string): SafeHtml {
  return html`<a href="/repositories/${name.split('/').map(encodeURIComponent).join('/')}">${name}</a>`;
}

function time(date: Date | undefined): SafeHtml | string {
  if (!date) return '-';
  const iso = date.toISOString();
  return html`<time datetime="${iso}">${iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z')}</time>`;
}

function bytes(count: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = count;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${count} B` : `${value.toFixed(1)} ${units[unit]}`;
}
