import type { Repository, SyncState } from '@geo/contracts';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../command-context.js';
import { repositoryJson } from '../json-views.js';
import { positiveIntOption, stateOption } from '../option-parsers.js';
import type { StatusApi } from '../status-client.js';
import { stateWords } from '../sync-state-words.js';
import { repositoriesText } from '../text-views.js';

/** How many repositories `geoctl repos` lists without `--limit` or `--all`. */
const DEFAULT_LIMIT = 100;

/** The largest page the status service hands out. */
const MAX_PAGE_SIZE = 1000;

interface ReposOptions {
  state?: SyncState;
  search?: string;
  limit: number;
  all?: boolean;
}

/** `geoctl repos`: repositories by name, optionally filtered, page after page. */
export function addReposCommand(
  program: Command,
  context: (command: Command) => CommandContext,
): void {
  program
    .command('repos')
    .description('list repositories, ordered by name')
    .addOption(
      new Option(
        '--state <state>',
        `only repositories in this state (${stateWords.join(', ')})`,
      ).argParser(stateOption),
    )
    .option('--search <text>', 'only repositories whose name contains this text')
    .addOption(
      new Option('--limit <n>', 'list at most this many')
        .default(DEFAULT_LIMIT)
        .argParser(positiveIntOption),
    )
    .addOption(new Option('--all', 'list every matching repository').conflicts('limit'))
    .action(async (options: ReposOptions, command: Command) => {
      const out = context(command);
      const limit = options.all ? Number.POSITIVE_INFINITY : options.limit;

      const { repositories, more } = await out.withStatus((api) => collect(api, options, limit));

      const json = repositories.map(repositoryJson);
      out.print(json, (paint) => repositoriesText(json, paint));
      if (more) out.note(`more than ${json.length} repositories match; use --all or --limit`);
    });
}

async function collect(api: StatusApi, options: ReposOptions, limit: number) {
  const repositories: Repository[] = [];
  let pageToken = '';

  do {
    const pageSize = Math.min(MAX_PAGE_SIZE, limit - repositories.length);
    const page = await api.listRepositories({
      pageSize,
      pageToken,
      state: options.state ?? 0,
      nameContains: options.search ?? '',
    });
    repositories.push(...page.repositories.slice(0, pageSize));
    pageToken = page.nextPageToken;
  } while (pageToken !== '' && repositories.length < limit);

  return { repositories, more: pageToken !== '' };
}
