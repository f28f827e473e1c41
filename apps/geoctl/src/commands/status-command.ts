import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { siteStatusJson } from '../json-views.js';
import { siteStatusText } from '../text-views.js';

/** `geoctl status`: how far replication of the site has come. */
export function addStatusCommand(
  program: Command,
  context: (command: Command) => CommandContext,
): void {
  program
    .command('status')
    .description('show the replication status of the site')
    .action(async (_options, command: Command) => {
      const out = context(command);

      const status = await out.withStatus((api) => api.getSiteStatus());

      const json = siteStatusJson(status);
      out.print(json, (paint) => siteStatusText(json, paint));
    });
}
