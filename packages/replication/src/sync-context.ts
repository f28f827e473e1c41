import type { Manifest, RegistryClient } from '@geo/registry-client';
import type { BlobLocations } from './blob-locations.js';
import type { Limiter } from './limiter.js';
import type { SyncProgress } from './sync-progress.js';

/** Counters a sync accumulates. */
export interface SyncCounters {
  copiedBlobs: number;
  /** Blobs the secondary mounted from another of its repositories instead of a copy. */
  mountedBlobs: number;
  skippedBlobs: number;
  copiedBytes: number;
  pushedManifests: number;
  deletedTags: number;
}

/** A manifest of the primary, and whether the secondary holds it already. */
export interface PreparedManifest {
  manifest: Manifest;
  present: boolean;
  /** Digests of its child manifests; empty when the secondary held it already. */
  children: string[];
}

/** State shared by the steps of one repository's sync. */
export interface SyncContext {
  primary: RegistryClient;
  secondary: RegistryClient;
  repository: string;
  signal?: AbortSignal;
  /** Bounds blobs in flight (HEAD and copy). */
  blobLimit: Limiter;
  counters: SyncCounters;
  report(event: SyncProgress): void;
  /** Per digest, so tags sharing content copy it once. */
  blobs: Map<string, Promise<void>>;
  prepared: Map<string, Promise<PreparedManifest>>;
  pushedChildren: Map<string, Promise<void>>;
  /** Per subject digest, so referrers are asked for once. */
  referrers: Map<string, Promise<void>>;
  /** False once the primary showed it has no referrers API. */
  referrersApi: boolean;
  /** Digests the primary's referrers API listed as a referrer of a manifest of this sync. */
  referrerDigests: Set<string>;
  /** True once the sync has put or deleted a manifest on the secondary. */
  wrote: boolean;
  /** True once the sync has deleted a manifest on the secondary (and with it every tag on it). */
  deleted: boolean;
  /**
   * Tags put on the secondary by this sync, with the digest the registry
   * said it stored, or undefined where it named none (read the tag again).
   */
  tagged: Map<string, string | undefined>;
  /**
   * True when the secondary listed no tags for the repository. At most an
   * interrupted earlier sync left content there, so it is not asked for
   * manifests (putting one again is harmless) nor for small blobs (see
   * `copy-blob.ts`); large blobs are still asked for.
   */
  secondaryEmpty: boolean;
  /** Primary manifests already fetched while resolving tags, until their copy takes them. */
  fetched: Map<string, Manifest>;
  /** Bytes held in `fetched`. */
  fetchedBytes: number;
  /** Where blobs were seen on the secondary, for cross-repository mounts. */
  blobLocations: BlobLocations;
}

/** Manifest bytes a sync holds in `fetched` at most; beyond that they are fetched again. */
const fetchedBytesLimit = 8 * 1024 * 1024;

/**
 * Holds a manifest fetched while resolving tags, within the sync's byte
 * budget; false once the budget is spent (this manifest is not held).
 */
export function keepFetched(context: SyncContext, manifest: Manifest): boolean {
  if (context.fetched.has(manifest.digest)) return true;
  if (context.fetchedBytes + manifest.size > fetchedBytesLimit) return false;

  context.fetched.set(manifest.digest, manifest);
  context.fetchedBytes += manifest.size;
  return true;
}

/** The manifest fetched earlier for `digest`, if held; it is held no longer. */
export function takeFetched(context: SyncContext, digest: string): Manifest | undefined {
  const manifest = context.fetched.get(digest);
  if (!manifest) return undefined;

  context.fetched.delete(digest);
  context.fetchedBytes -= manifest.size;
  return manifest;
}

/** Returns the memoised promise for `key`, starting `task` the first time. */
export function once<T>(memo: Map<string, Promise<T>>, key: string, task: () => Promise<T>) {
  let promise = memo.get(key);
  if (!promise) {
    promise = task();
    memo.set(key, promise);
  }
  return promise;
}
