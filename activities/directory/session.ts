/**
 * One bound LDAP client per connection, shared by every activity through the ClientPool: it binds
 * once, and binds again (after StartTLS when configured) when the server dropped the connection,
 * so no operation runs on an unauthenticated socket. Every request goes through the connection's
 * limits. Searches page (RFC 2696), so a server's size limit never truncates a result.
 *
 * A session left idle closes its connection (and binds again on next use), so an idle worker holds
 * no sockets open and can exit.
 */
import { Client, type Change, type Entry, type Filter } from 'ldapts';
import { withinLimits, type Limits } from '../limits.ts';
import { endpointHost, tlsOptions, type BindSecrets, type Endpoint } from './settings.ts';

export interface SessionOptions {
  connectionId: string;
  version: number;
  endpoint: Endpoint;
  secrets: BindSecrets;
  limits: Limits;
}

export interface SearchRequest {
  scope: 'base' | 'one' | 'sub';
  filter: Filter;
  attributes: string[];
}

const idleMs = 60_000;

export class DirectorySession {
  readonly #options: SessionOptions;
  readonly #client: Client;
  #binding: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #inFlight = 0;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(options: SessionOptions) {
    this.#options = options;
    const endpoint = options.endpoint;
    this.#client = new Client({
      url: endpoint.url,
      timeout: endpoint.timeoutSeconds * 1000,
      connectTimeout: endpoint.timeoutSeconds * 1000,
      // ldapts speaks TLS from the first byte whenever it is given TLS options: only for ldaps://.
      ...(endpointHost(endpoint).secure ? { tlsOptions: tlsOptions(endpoint) } : {}),
      strictDN: false,
    });
  }

  /** Connects and binds unless the client is bound already; concurrent callers share one attempt. */
  async ensureBound(): Promise<void> {
    if (this.#closing) await this.#closing;
    if (this.#client.isBound) return;
    this.#binding ??= (async () => {
      try {
        const { endpoint, secrets } = this.#options;
        if (this.#client.isConnected) await this.#client.unbind();
        if (endpoint.startTls && !endpointHost(endpoint).secure) await this.#client.startTLS(tlsOptions(endpoint));
        await this.#client.bind(secrets.bindDn, secrets.password);
      } finally {
        this.#binding = undefined;
      }
    })();
    return this.#binding;
  }

  async #call<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const { connectionId, version, limits } = this.#options;
    return withinLimits(connectionId, version, limits, async () => {
      clearTimeout(this.#idleTimer);
      this.#inFlight++;
      try {
        await this.ensureBound();
        return await fn(this.#client);
      } finally {
        this.#inFlight--;
        if (this.#inFlight === 0) this.#idleTimer = setTimeout(() => this.#closeIdle(), idleMs).unref();
      }
    });
  }

  #closeIdle(): void {
    if (this.#inFlight > 0 || this.#closing) return;
    this.#closing = this.#client
      .unbind()
      // An idle connection the server already dropped has nothing left to close.
      .catch(() => undefined)
      .finally(() => (this.#closing = undefined));
  }

  async search(base: string, request: SearchRequest): Promise<Entry[]> {
    const pageSize = this.#options.endpoint.pageSize;
    return this.#call(async (c) => {
      const { searchEntries } = await c.search(base, {
        scope: request.scope,
        filter: request.filter,
        attributes: request.attributes,
        // A base search returns at most one entry: nothing to page.
        paged: request.scope === 'base' ? false : { pageSize },
      });
      return searchEntries;
    });
  }

  async add(dn: string, attributes: Record<string, string[]>): Promise<void> {
    return this.#call((c) => c.add(dn, attributes));
  }

  async modify(dn: string, changes: Change[]): Promise<void> {
    return this.#call((c) => c.modify(dn, changes));
  }

  /** Renames or moves an entry; `newDn` must be built with dn.ts so ldapts splits it at the right comma. */
  async modifyDn(dn: string, newDn: string): Promise<void> {
    return this.#call((c) => c.modifyDN(dn, newDn));
  }

  async del(dn: string): Promise<void> {
    return this.#call((c) => c.del(dn));
  }

  async exop(oid: string, value: Buffer): Promise<void> {
    await this.#call((c) => c.exop(oid, value));
  }

  async close(): Promise<void> {
    clearTimeout(this.#idleTimer);
    await this.#client.unbind();
  }
}
