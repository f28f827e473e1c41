import type { Readable } from 'node:stream';
import { anonymousAuth } from './anonymous-auth.js';
import {
  type BlobOptions,
  type BlobStream,
  getBlobStream,
  hasBlob,
  mountBlob,
  uploadBlob,
} from './blobs.js';
import { type ListCatalogOptions, listCatalog } from './catalog.js';
import {
  deleteManifest,
  getManifest,
  type Manifest,
  type ManifestDescriptor,
  type ManifestOptions,
  putManifest,
  resolveManifest,
  type StoredManifest,
} from './manifests.js';
import { ping } from './ping.js';
import { type ListReferrersOptions, listReferrers, type Referrer } from './referrers.js';
import { ReferrersSupport } from './referrers-support.js';
import type { RegistryAuth } from './registry-auth.js';
import { type ListTagsOptions, listTags } from './tags.js';
import { Transport } from './transport.js';

/** Options of {@link RegistryClient}. */
export interface RegistryClientOptions {
  /** Base URL without `/v2`, e.g. `http://127.0.0.1:5000`. */
  url: string;
  /** Default {@link anonymousAuth}. */
  auth?: RegistryAuth;
  /**
   * Connections per origin (default 32): enough for several repositories
   * synced at once, each with a few blobs in flight, without queueing.
   */
  connections?: number;
  /** Time to wait for response headers (default 60 s). */
  headersTimeoutMs?: number;
  /** Longest pause between two body chunks (default 5 min). */
  bodyTimeoutMs?: number;
  userAgent?: string;
  /** How long a registry's missing referrers API is remembered (default 5 min). */
  referrersRecheckMs?: number;
}

/**
 * A client of one registry's OCI Distribution API. Each method throws a
 * {@link RegistryError} naming the operation, repository and reference.
 */
export class RegistryClient {
  /** The registry's base URL, without credentials. */
  readonly url: string;
  private readonly transport: Transport;
  private readonly referrersSupport: ReferrersSupport;

  constructor(options: RegistryClientOptions) {
    this.transport = new Transport({
      url: options.url,
      auth: options.auth ?? anonymousAuth,
      connections: options.connections ?? 32,
      headersTimeoutMs: options.headersTimeoutMs ?? 60_000,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 300_000,
      userAgent: options.userAgent ?? 'geo-replicator',
    });
    this.url = this.transport.registry;
    this.referrersSupport = new ReferrersSupport(options.referrersRecheckMs ?? 300_000);
  }

  /** Checks the registry answers `GET /v2/` with 200 for these credentials. */
  ping(options: { signal?: AbortSignal } = {}): Promise<void> {
    return ping(this.transport, options.signal);
  }

  /** Every tag of `repository`; empty when the registry does not know it (404). */
  listTags(repository: string, options?: ListTagsOptions): Promise<string[]> {
    return listTags(this.transport, repository, options);
  }

  /** Every repository of the registry. */
  listCatalog(options?: ListCatalogOptions): Promise<string[]> {
    return listCatalog(this.transport, options);
  }

  /** Digest, media type and size of what `reference` points at (HEAD). */
  resolveManifest(
    repository: string,
    reference: string,
    options?: ManifestOptions,
  ): Promise<ManifestDescriptor> {
    return resolveManifest(this.transport, repository, reference, options);
  }

  /** The manifest's raw bytes; verified against the digest when fetched by digest. */
  getManifest(repository: string, reference: string, options?: ManifestOptions): Promise<Manifest> {
    return getManifest(this.transport, repository, reference, options);
  }

  /** Stores manifest bytes unchanged; returns the digest it was stored as. */
  putManifest(
    repository: string,
    reference: string,
    bytes: Uint8Array,
    mediaType: string,
    options?: ManifestOptions,
  ): Promise<StoredManifest> {
    return putManifest(this.transport, repository, reference, bytes, mediaType, options);
  }

  /** Deletes a manifest by digest, and with it every tag pointing at it. */
  deleteManifest(repository: string, digest: string, options?: ManifestOptions): Promise<void> {
    return deleteManifest(this.transport, repository, digest, options);
  }

  /** True when the repository has the blob (HEAD). */
  hasBlob(repository: string, digest: string, options?: BlobOptions): Promise<boolean> {
    return hasBlob(this.transport, repository, digest, options);
  }

  /** Opens a blob's content, following redirects without passing credentials on. */
  getBlobStream(repository: string, digest: string, options?: BlobOptions): Promise<BlobStream> {
    return getBlobStream(this.transport, repository, digest, options);
  }

  /** Streams a blob into the repository; DIGEST_MISMATCH if the bytes are not `digest`. */
  uploadBlob(
    repository: string,
    digest: string,
    size: number | undefined,
    stream: Readable,
    options?: BlobOptions,
  ): Promise<void> {
    return uploadBlob(this.transport, repository, digest, size, stream, options);
  }

  /** Mounts a blob from another repository of the same registry; false when refused. */
  mountBlob(
    repository: string,
    digest: string,
    fromRepository: string,
    options?: BlobOptions,
  ): Promise<boolean> {
    return mountBlob(this.transport, repository, digest, fromRepository, options);
  }

  /**
   * Referrers of manifest `digest` (OCI 1.1 referrers API); undefined when
   * the registry does not offer the API, so the caller falls back to the
   * tag schema. A registry without the API is not asked again for a while.
   */
  listReferrers(
    repository: string,
    digest: string,
    options?: ListReferrersOptions,
  ): Promise<Referrer[] | undefined> {
    return this.referrersSupport.run((absent) =>
      listReferrers(this.transport, repository, digest, options, absent),
    );
  }

  /** Closes every connection. */
  close(): Promise<void> {
    return this.transport.close();
  }
}
