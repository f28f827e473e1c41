import type { SyncState } from '@geo/contracts';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../command-context.js';
import { UsageError } from '../errors.js';
import { repositoryJson } from '../json-views.js';
import { stateOption } from '../option-parsers.js';
import { stateWord, stateWords } from '../sync-state-words.js';

interface ResyncOptions {
  all?: boolean;
  state?: SyncState;
}

/** `geoctl resync NAME` or `geoctl resync --all [--state S]`: mark pending and enqueue. */
export function addResyncCommand(
  program: Command,
  context: (command: Command) => CommandContext,
): void {
  program
    .command('resync')
    .description('mark one repository, or all of them, pending and enqueue a sync')
    .argument('[name]', 'repository name')
    .option('--all', 'resync every repository')
    .addOption(
      new Option(
        '--state <state>',
        `with --all: only repositories in this state (${stateWords.join(', ')})`,
      ).argParser(stateOption),
    )
    .action(async (name: string | undefined, options: ResyncOptions, command: Command) => {
      const out = context(command);
      checkTarget(name, options);

      if (name !== undefined) {
        const repository = await out.withStatus((api) => api.resyncRepository(name));
        const json = repositoryJson(repository);
        out.print(json, () =>
          json.state === 'started'
            ? `${json.name}: a sync is running; another one follows it`
            : `${json.name}: marked ${json.state}`,
        );
        return;
      }

      const count = await out.withStatus((api) => api.resyncAll(options.state ?? 0));
      const which = options.state === undefined ? '' : ` ${stateWord(options.state)}`;
      out.print({ count }, () => `marked ${count}${which} repositories pending`);
    });
}

function checkTarget(name: string | undefined, options: ResyncOptions): void {
  if (name !== undefined && options.all) {
    throw new UsageError('resync takes a repository name or --all, not both');
  }

  if (name === undefined && !options.all) {
    throw new UsageError('resync needs a repository name or --all');
  }

  if (options.state !== undefined && !options.all) {
    throw new UsageError('--state goes with resync --all');
  }
}
