import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { repositoryJson } from '../json-views.js';
import { repositoryText } from '../text-views.js';

/** `geoctl repo NAME`: one repository's state, failure and retry time. */
export function addRepoCommand(
  program: Command,
  context: (command: Command) => CommandContext,
): void {
  program
    .command('repo')
    .description('show one repository')
    .argument('<name>', 'repository name, e.g. group/project/image')
    .action(async (name: string, _options, command: Command) => {
      const out = context(command);

      const repository = await out.withStatus((api) => api.getRepository(name));

      const json = repositoryJson(repository);
      out.print(json, (paint) => repositoryText(json, paint));
    });
}
