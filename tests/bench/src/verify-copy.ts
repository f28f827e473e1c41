import type { RegistryClient } from '@geo/registry-client';
import { createLimiter, type Limiter } from '@geo/replication';
import type { Inventory, RepositoryInventory } from './inventory.js';

/**
 * Checks that `destination` holds everything `inventory` lists: the same
 * tags at the same digests, every index child and every blob. Returns the
 * differences (empty for an exact copy), so a fast but wrong copy is caught.
 */
export async function verifyCopy(
  destination: RegistryClient,
  inventory: Inventory,
): Promise<string[]> {
  const limit = createLimiter(16);
  const problems = await Promise.all(
    inventory.repositories.map((repository) => verifyRepository(destination, repository, limit)),
  );
  return problems.flat();
}

async function verifyRepository(
  destination: RegistryClient,
  expected: RepositoryInventory,
  limit: Limiter,
): Promise<string[]> {
  const { repository } = expected;
  const problems: string[] = [];

  const tags = new Set(await destination.listTags(repository));
  for (const tag of tags) {
    if (!expected.tags.has(tag)) problems.push(`${repository}:${tag} is not on the primary`);
  }

  const checks = [
    ...[...expected.tags].map(([tag, digest]) =>
      limit(async () => {
        if (!tags.has(tag)) return `${repository}:${tag} missing`;
        const found = await destination.resolveManifest(repository, tag);
        return found.digest === digest ? undefined : `${repository}:${tag} is ${found.digest}`;
      }),
    ),
    ...[...expected.manifests].map((digest) =>
      limit(async () => {
        const found = await destination.resolveManifest(repository, digest).catch(() => undefined);
        return found ? undefined : `${repository}@${digest} manifest missing`;
      }),
    ),
    ...[...expected.blobs.keys()].map((digest) =>
      limit(async () => {
        const found = await destination.hasBlob(repository, digest);
        return found ? undefined : `${repository}@${digest} blob missing`;
      }),
    ),
  ];

  for (const problem of await Promise.all(checks)) if (problem) problems.push(problem);
  return problems;
}
