/**
 * Fixtures for the ad and ldap activity tests: a connection source that hands out one connection
 * pointing at the test's real server, a caller for the implementations, and an inspector that
 * reads the directory on its own bind (as the directory's administrator), so tests assert what
 * the server holds rather than what the activity said.
 */
import { Attribute, Change, Client, EqualityFilter, type Entry, type Filter } from 'ldapts';
import type { Connection } from '../../activities/connections.ts';
import type { ActivityDeps } from '../../activities/deps.ts';
import type { ActionImplementations } from '../../activities/types.ts';
import type { ConnectorKind } from '../../workflows/dsl/index.ts';
import { testActivityDeps } from './deps.ts';

export function directoryConnection(kind: ConnectorKind, config: Record<string, unknown>, secrets: Record<string, unknown>, id = `${kind}-test`): Connection {
  return { id, kind, name: `${kind} test`, version: 1, config, secrets };
}

export function depsFor(...connections: Connection[]): ActivityDeps {
  return testActivityDeps({
    connections: {
      load: async (id) => {
        const found = connections.find((c) => c.id === id);
        return found ? Promise.resolve(found) : Promise.reject(new Error(`no connection ${id} in this test`));
      },
    },
  });
}

/** Calls an implementation as the workflow would, for a step on `connectionId`. */
export function caller(implementations: ActionImplementations, connectionId: string) {
  return async (action: string, input: Record<string, unknown>): Promise<unknown> => {
    const implementation = implementations[action];
    if (!implementation) throw new Error(`no implementation of ${action}`);
    return implementation({ runId: 'test-run', nodeId: 'step', connectionId, input });
  };
}

export interface Inspector {
  /** Entries under `base` matching the filter, with the named attributes. */
  search(base: string, filter: Filter | string, attributes?: string[]): Promise<Entry[]>;
  /** The entry whose `attribute` equals `value` exactly (one at most), or undefined. */
  find(base: string, attribute: string, value: string, attributes?: string[]): Promise<Entry | undefined>;
  /** Adds an entry beside the connector (fixtures: OUs, groups). */
  add(dn: string, entry: Record<string, string | string[]>): Promise<void>;
  /** Replaces one attribute's values beside the connector. */
  replace(dn: string, attribute: string, values: string[]): Promise<void>;
  /** Whether a simple bind with these credentials succeeds. */
  canBind(dn: string, password: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function inspector(url: string, bindDn: string, password: string, tlsOptions: Record<string, unknown> = {}): Promise<Inspector> {
  // ldapts speaks TLS whenever it is given TLS options: pass them only for ldaps://.
  const tls = url.startsWith('ldaps:') ? { tlsOptions } : {};
  const client = new Client({ url, ...tls, timeout: 10_000, connectTimeout: 10_000, strictDN: false });
  await client.bind(bindDn, password);
  const search = async (base: string, filter: Filter | string, attributes: string[] = ['*']) =>
    (await client.search(base, { scope: 'sub', filter, attributes, paged: true })).searchEntries;
  return {
    search,
    async find(base, attribute, value, attributes) {
      const found = await search(base, new EqualityFilter({ attribute, value }), attributes);
      if (found.length > 1) throw new Error(`${found.length} entries have ${attribute}=${value}`);
      return found[0];
    },
    async add(dn, entry) {
      await client.add(dn, entry);
    },
    async replace(dn, attribute, values) {
      await client.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: attribute, values }) }));
    },
    async canBind(dn, pw) {
      const other = new Client({ url, ...tls, timeout: 10_000, connectTimeout: 10_000 });
      try {
        await other.bind(dn, pw);
        return true;
      } catch (error) {
        if (error instanceof Error && error.name === 'InvalidCredentialsError') return false;
        throw error;
      } finally {
        await other.unbind();
      }
    },
    async close() {
      await client.unbind();
    },
  };
}

/** One attribute's values of an entry as strings, whatever case the server answered in. */
export function attr(entry: Entry | undefined, name: string): string[] {
  if (!entry) return [];
  const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
  const raw = key === undefined ? undefined : entry[key];
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((v) => (typeof v === 'string' ? v : v.toString('utf8')));
}
