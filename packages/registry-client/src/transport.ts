import type { Readable } from 'node:stream';
import { Agent, type Dispatcher, request } from 'undici';
import { codeForStatus, RegistryError, type RegistryErrorDetails } from './errors.js';
import type { AccessScope, RegistryAuth } from './registry-auth.js';

/** A response whose body the caller must consume or dump. */
export type RegistryResponse = Dispatcher.ResponseData;

/** One request to the registry, with what errors should name. */
export interface RegistryRequest {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  url: URL;
  scopes: AccessScope[];
  /** Names the operation in errors, e.g. `get manifest`. */
  verb: string;
  headers?: Record<string, string>;
  /** A Buffer can be sent again after a 401; a stream cannot. */
  body?: Buffer | Uint8Array | Readable;
  signal?: AbortSignal;
  repository?: string;
  reference?: string;
  digest?: string;
}

/** Options of {@link Transport}. */
export interface TransportOptions {
  url: string;
  auth: RegistryAuth;
  connections: number;
  userAgent: string;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

const errorBodyLimit = 64 * 1024;

/**
 * HTTP to one registry: one undici Agent (a pool per origin), credentials
 * only for the registry's own origin, and one retry with fresh credentials
 * after a 401, because tokens expire during long copies.
 */
export class Transport {
  /** Base URL for errors: no credentials, no query. */
  readonly registry: string;
  private readonly base: URL;
  private readonly prefix: string;
  private readonly agent: Agent;

  constructor(private readonly options: TransportOptions) {
    const base = new URL(options.url);
    base.username = '';
    base.password = '';
    base.search = '';
    base.hash = '';
    this.base = base;
    this.prefix = base.pathname.replace(/\/+$/, '');
    this.registry = `${base.origin}${this.prefix}`;
    this.agent = new Agent({
      connections: options.connections,
      headersTimeout: options.headersTimeoutMs,
      bodyTimeout: options.bodyTimeoutMs,
    });
  }

  /** The URL of `path` (which starts with `/v2/`) under the base URL. */
  endpoint(path: string): URL {
    return new URL(`${this.base.origin}${this.prefix}${path}`);
  }

  /** True when `url` is on the registry's own origin, the only one that sees credentials. */
  isOwnOrigin(url: URL): boolean {
    return url.origin === this.base.origin;
  }

  /** Sends `req`, retrying once after a 401; returns the response whatever its status. */
  async send(req: RegistryRequest): Promise<RegistryResponse> {
    const first = await this.authorization(req);
    const response = await this.dispatch(req, first);
    if (response.statusCode !== 401) return response;

    this.options.auth.invalidate();
    const replayable = req.body === undefined || !isStream(req.body);
    if (!replayable) return response;

    const second = await this.authorization(req);
    if (first === undefined && second === undefined) return response;

    await response.body.dump();
    return this.dispatch(req, second);
  }

  /** Sends `req` and returns the response if its status is one of `statuses`; else throws. */
  async expect(req: RegistryRequest, statuses: number[]): Promise<RegistryResponse> {
    const response = await this.send(req);
    if (statuses.includes(response.statusCode)) return response;

    throw await this.failure(req, response);
  }

  /** Reads the registry's error body and turns the answer into a {@link RegistryError}. */
  async failure(req: RegistryRequest, response: RegistryResponse): Promise<RegistryError> {
    const registryCodes = await readErrorCodes(response);
    const status = response.statusCode;
    const codes = registryCodes.length > 0 ? ` ${registryCodes.join(', ')}` : '';

    return new RegistryError(
      codeForStatus(status),
      `${this.describe(req)}: HTTP ${status}${codes}`,
      { ...this.details(req), status, registryCodes },
    );
  }

  /** `verb repository:reference on registry`, for error messages. */
  describe(req: Pick<RegistryRequest, 'verb' | 'repository' | 'reference' | 'digest'>): string {
    const reference = req.reference ?? req.digest;
    const separator = reference?.includes(':') ? '@' : ':';
    const target = req.repository
      ? ` ${req.repository}${reference ? `${separator}${reference}` : ''}`
      : '';
    return `${req.verb}${target} on ${this.registry}`;
  }

  /** The identifiers of `req`, for a {@link RegistryError}. */
  details(req: Partial<RegistryRequest>): RegistryErrorDetails {
    return {
      registry: this.registry,
      repository: req.repository,
      reference: req.reference,
      digest: req.digest,
    };
  }

  /** Closes every connection. */
  close(): Promise<void> {
    return this.agent.close();
  }

  private async authorization(req: RegistryRequest): Promise<string | undefined> {
    if (!this.isOwnOrigin(req.url)) return undefined;

    try {
      return await this.options.auth.authorization(req.scopes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new RegistryError('UNAUTHORIZED', `${this.describe(req)}: no credentials: ${reason}`, {
        ...this.details(req),
        cause: error,
      });
    }
  }

  private async dispatch(req: RegistryRequest, authorization?: string): Promise<RegistryResponse> {
    const headers: Record<string, string> = {
      'user-agent': this.options.userAgent,
      ...req.headers,
    };
    if (authorization) headers.authorization = authorization;

    try {
      return await request(req.url, {
        dispatcher: this.agent,
        method: req.method,
        headers,
        body: req.body,
        signal: req.signal,
        // undici closes the connection after every HEAD, in case a server
        // sends a body anyway; registries answer HEAD as HTTP says, and a
        // no-op sync is mostly HEADs, so keep the connection.
        reset: req.method === 'HEAD' ? false : undefined,
      });
    } catch (error) {
      throw RegistryError.from(error, this.describe(req), this.details(req));
    }
  }
}

function isStream(body: unknown): body is Readable {
  return typeof (body as Readable).pipe === 'function';
}

async function readErrorCodes(response: RegistryResponse): Promise<string[]> {
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      if (size < errorBodyLimit) chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      errors?: Array<{ code?: unknown }>;
    };
    return (parsed.errors ?? [])
      .map((entry) => entry.code)
      .filter((code): code is string => typeof code === 'string');
  } catch {
    return [];
  }
}

/** The first value of a response header. */
export function header(response: RegistryResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
