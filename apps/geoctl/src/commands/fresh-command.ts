import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { NotFreshError, UsageError } from '../errors.js';
import { freshnessJson } from '../json-views.js';
import { freshnessText } from '../text-views.js';

/**
 * `geoctl fresh NAME:TAG`: asks whether the secondary serves the primary's
 * digest for the tag right now. Exits 0 when it does and 3 when it does not,
 * so a script can decide whether pulling from the secondary is safe.
 */
export function addFreshCommand(
  program: Command,
  context: (command: Command) => CommandContext,
): void {
  program
    .command('fresh')
    .description('check that the secondary serves the same digest as the primary for a tag')
    .argument('<image>', 'repository:tag, e.g. group/project/image:v1')
    .action(async (image: string, _options, command: Command) => {
      const out = context(command);
      const { repository, tag } = splitImage(image);

      const answer = await out.withStatus((api) => api.checkFreshness(repository, tag));

      const json = freshnessJson(answer);
      out.print(json, (paint) => freshnessText(json, paint));
      if (!json.fresh) throw new NotFreshError(image, json.freshness);
    });
}

/** Splits `repository:tag` at the last colon after the last slash. */
export function splitImage(image: string): { repository: string; tag: string } {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon <= slash || colon === image.length - 1 || colon === 0) {
    throw new UsageError(`fresh needs repository:tag, got "${image}"`);
  }

  return { repository: image.slice(0, colon), tag: image.slice(colon + 1) };
}
