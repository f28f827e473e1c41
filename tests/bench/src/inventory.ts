import type { RegistryClient } from '@geo/registry-client';
import { createLimiter, type Limiter, manifestReferences } from '@geo/replication';

/** One repository of the primary as a copy must reproduce it. */
export interface RepositoryInventory {
  repository: string;
  /** Tag to manifest digest. */
  tags: Map<string, string>;
  /** Every manifest digest reachable from a tag, index children included. */
  manifests: Set<string>;
  /** Blob digest to size. */
  blobs: Map<string, number>;
}

/** What the primary holds: per repository, and the bytes a full copy moves. */
export interface Inventory {
  repositories: RepositoryInventory[];
  /** Blob bytes summed per repository: what every replicator must transfer. */
  bytes: number;
  manifests: number;
  blobs: number;
}

/** Reads every tag, manifest and blob of `repositories` on `client`. */
export async function readInventory(
  client: RegistryClient,
  repositories: string[],
): Promise<Inventory> {
  const limit = createLimiter(16);
  const read = await Promise.all(
    repositories.map((repository) => readRepository(client, repository, limit)),
  );

  const sum = (count: (entry: RepositoryInventory) => number) =>
    read.reduce((total, entry) => total + count(entry), 0);
  return {
    repositories: read,
    bytes: sum((entry) => [...entry.blobs.values()].reduce((total, size) => total + size, 0)),
    manifests: sum((entry) => entry.manifests.size),
    blobs: sum((entry) => entry.blobs.size),
  };
}

async function readRepository(
  client: RegistryClient,
  repository: string,
  limit: Limiter,
): Promise<RepositoryInventory> {
  const inventory: RepositoryInventory = {
    repository,
    tags: new Map(),
    manifests: new Set(),
    blobs: new Map(),
  };

  const visit = async (reference: string): Promise<string> => {
    const manifest = await limit(() => client.getManifest(repository, reference));
    if (inventory.manifests.has(manifest.digest)) return manifest.digest;
    inventory.manifests.add(manifest.digest);

    const references = manifestReferences(repository, manifest);
    for (const blob of references.blobs) inventory.blobs.set(blob.digest, blob.size ?? 0);
    await Promise.all(references.children.map((child) => visit(child.digest)));
    return manifest.digest;
  };

  const tags = await client.listTags(repository);
  await Promise.all(
    tags.map(async (tag) => {
      inventory.tags.set(tag, await visit(tag));
    }),
  );
  return inventory;
}
