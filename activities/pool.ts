/**
 * A client per connection, created on first use and reused by every activity after (no bind or
 * login per operation). A connection that changed (new version) gets a new client; the old one is
 * closed.
 */
export interface ClientFactory<T> {
  create(): Promise<T>;
  close(client: T): Promise<void>;
}

export class ClientPool<T> {
  private readonly clients = new Map<string, { version: number; client: Promise<T> }>();

  async get(id: string, version: number, factory: ClientFactory<T>): Promise<T> {
    const existing = this.clients.get(id);
    if (existing?.version === version) return existing.client;
    // Closing a replaced client is best effort: its failure does not concern the caller.
    if (existing) void existing.client.then((c) => factory.close(c)).catch(() => undefined);
    const client = factory.create();
    this.clients.set(id, { version, client });
    // A failed creation is not cached: the next call tries again.
    client.catch(() => {
      if (this.clients.get(id)?.client === client) this.clients.delete(id);
    });
    return client;
  }

  /** Drops a client that turned out broken (connection reset), so the next call makes a new one. */
  discard(id: string): void {
    this.clients.delete(id);
  }

  async closeAll(close: (client: T) => Promise<void>): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.allSettled(all.map(async (e) => close(await e.client)));
  }
}
