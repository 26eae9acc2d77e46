/**
 * The benchmark's own reads of AD: one LDAPS connection bound as the directory's administrator,
 * bound again whenever Samba dropped it — it closes connections left idle for long, as this one is
 * while thousands of people wait for their start date, and a reconnected socket is not bound.
 */
import { Client, type Entry, type Filter } from 'ldapts';
import type { SambaDc } from '../test/peers/samba.ts';

export class DirectoryReader {
  readonly #dc: SambaDc;
  readonly #client: Client;

  constructor(dc: SambaDc) {
    this.#dc = dc;
    this.#client = new Client({ url: dc.ldapsUrl, tlsOptions: { ca: [dc.caCert], servername: dc.serverName }, timeout: 30_000, connectTimeout: 10_000, strictDN: false });
  }

  async #bind(): Promise<void> {
    await this.#client.bind(this.#dc.adminDn, this.#dc.adminPassword);
  }

  /** Entries under the base DN matching `filter`, paged. */
  async search(filter: Filter, attributes: string[]): Promise<Entry[]> {
    if (!this.#client.isConnected) await this.#bind();
    const search = async () => (await this.#client.search(this.#dc.baseDn, { scope: 'sub', filter, attributes, paged: true })).searchEntries;
    try {
      return await search();
    } catch (error) {
      // Dropped between the check and the search: bind on the new socket, and ask once more.
      if (!(error instanceof Error && /without authentication|not connected|ECONNRESET|socket/i.test(error.message))) throw error;
      await this.#bind();
      return search();
    }
  }

  async close(): Promise<void> {
    await this.#client.unbind();
  }
}
