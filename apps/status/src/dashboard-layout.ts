import { html, SafeHtml } from './html.js';

/** Seconds between automatic reloads of a dashboard page. */
export const REFRESH_SECONDS = 10;

// Inline so the page needs nothing from the network: sites are often offline.
const style = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d232b; background: #f5f6f8; }
header { background: #1d232b; color: #fff; padding: 12px 24px; display: flex; gap: 16px;
  align-items: baseline; }
header h1 { font-size: 18px; margin: 0; }
header a { color: #fff; text-decoration: none; }
main { padding: 16px 24px; max-width: 1200px; }
section { background: #fff; border: 1px solid #dde1e6; border-radius: 6px; padding: 12px 16px;
  margin-bottom: 16px; }
h2 { font-size: 15px; margin: 0 0 10px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eceef1; vertical-align: top; }
th { font-weight: 600; color: #55606e; font-size: 12px; text-transform: uppercase; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 8px; }
.fact { padding: 6px 8px; background: #f8f9fa; border-radius: 4px; }
.fact b { display: block; font-size: 12px; color: #55606e; font-weight: 600; }
.bar { display: flex; height: 26px; border-radius: 4px; overflow: hidden; background: #eceef1; }
.bar span { display: block; height: 100%; }
.legend { display: flex; gap: 16px; margin-top: 8px; flex-wrap: wrap; }
.legend span::before { content: ''; display: inline-block; width: 10px; height: 10px;
  margin-right: 6px; border-radius: 2px; background: var(--c); }
.state-pending { --c: #e0a800; background: var(--c); }
.state-started { --c: #1c7ed6; background: var(--c); }
.state-synced { --c: #2b8a3e; background: var(--c); }
.state-failed { --c: #c92a2a; background: var(--c); }
.legend span { background: none; }
.badge { padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; }
.on { background: #2b8a3e; } .off { background: #c92a2a; }
.muted { color: #6b7785; }
pre { white-space: pre-wrap; margin: 0; font-size: 12px; }
form { display: flex; gap: 8px; margin-bottom: 10px; }
input, select, button { font: inherit; padding: 4px 8px; }
`;

/** A whole page: head with the inline style and the refresh, the header, then `body`. */
export function page(title: string, site: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="${REFRESH_SECONDS}">
<title>${title}</title>
<style>${new SafeHtml(style)}</style>
</head>
<body>
<header><h1><a href="/">geo-replicator</a></h1><span>site <b id="site">${site}</b></span>
<span class="muted">read-only · refreshes every ${REFRESH_SECONDS} s</span></header>
<main>${body}</main>
</body>
</html>
`.text;
}
