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
    .option('--watch', 'print it again each time it changes (one JSON object per line with --json)')
    .action(async (options: { watch?: boolean }, command: Command) => {
      const out = context(command);

      if (options.watch) {
        await out.withStatus((api) =>
          api.watchSiteStatus((status) => {
            const json = siteStatusJson(status);
            out.printLine(json, (paint) => `${siteStatusText(json, paint)}\n`);
          }),
        );
        return;
      }

      const status = await out.withStatus((api) => api.getSiteStatus());

      const json = siteStatusJson(status);
      out.print(json, (paint) => siteStatusText(json, paint));
    });
}
