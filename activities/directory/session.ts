/**
 * One bound LDAP client per connection, shared by every activity through the ClientPool: it binds
 * once, and binds again (after StartTLS when configured) when the server dropped the connection,
 * so no operation runs on an unauthenticated socket. Every request goes through the connection's
 * limits. Searches page (RFC 2696), so a server's size limit never truncates a result.
 *
 * A session left idle closes its connection (and binds again on next use), so an idle worker holds
 * no sockets open and can exit.
 *
 * A bind must always end. A hung one holds the connection's call slots (its callers wait inside the
 * limits), and every later step against the directory would queue behind it for good. ldapts leaves
 * a pending connect unsettled when the socket is destroyed under it (it drops the socket's error
 * listener and the connect timer), so a session is never unbound while calls are in flight (a
 * close waits for them), and a bind that has not ended within three timeouts (connect, StartTLS,
 * bind) fails as a connection error: the step retries and the pool opens a fresh session.
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

/** A connection error (code ETIMEDOUT: errors.ts counts it as one, so the pool drops the session). */
function bindTimedOut(seconds: number): Error {
  return Object.assign(new Error(`Connection timeout: connecting and binding took longer than ${seconds} s`), { code: 'ETIMEDOUT' });
}

export class DirectorySession {
  readonly #options: SessionOptions;
  readonly #client: Client;
  #binding: Promise<void> | undefined;
  #closing: Promise<void> | undefined;
  #inFlight = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  /** Closed (dropped from the pool): unbinds once the calls in flight are done. */
  #closed = false;

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
    return this.#using(() => this.#bound());
  }

  async #bound(): Promise<void> {
    if (this.#binding) return this.#binding;
    if (this.#client.isBound && !this.#closing) return;
    const { endpoint, secrets } = this.#options;
    const attempt = (async () => {
      if (this.#closing) await this.#closing;
      if (this.#client.isBound) return;
      if (this.#client.isConnected) await this.#client.unbind();
      if (endpoint.startTls && !endpointHost(endpoint).secure) await this.#client.startTLS(tlsOptions(endpoint));
      await this.#client.bind(secrets.bindDn, secrets.password);
    })();
    const seconds = 3 * endpoint.timeoutSeconds;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(bindTimedOut(seconds)), seconds * 1000).unref();
    });
    const binding = Promise.race([attempt, deadline]).finally(() => {
      clearTimeout(timer);
      if (this.#binding === binding) this.#binding = undefined;
    });
    // An attempt that ends after its deadline has no one left to tell.
    attempt.catch(() => undefined);
    this.#binding = binding;
    return binding;
  }

  /** Counts a call in flight while `work` runs: the session neither idles out nor unbinds under it. */
  async #using<T>(work: () => Promise<T>): Promise<T> {
    clearTimeout(this.#idleTimer);
    this.#inFlight++;
    try {
      return await work();
    } finally {
      this.#inFlight--;
      if (this.#inFlight === 0) {
        if (this.#closed) void this.#client.unbind().catch(() => undefined);
        else this.#idleTimer = setTimeout(() => this.#closeIdle(), idleMs).unref();
      }
    }
  }

  async #call<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const { connectionId, version, limits } = this.#options;
    return withinLimits(connectionId, version, limits, () =>
      this.#using(async () => {
        await this.#bound();
        return fn(this.#client);
      }),
    );
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

  /** Unbinds now, or once the calls in flight are done (another step may still be binding through this session). */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    if (this.#inFlight > 0) return;
    await this.#client.unbind();
  }
}
