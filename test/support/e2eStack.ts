/**
 * The whole stack for the end-to-end acceptance tests: a Tenure (real Temporal, PGlite, the API),
 * Samba AD, scim2-server, the Graph peer, the SMTP peer and an HR write-back receiver, started the
 * way the activity tests start them. Connections are created through the API with the ids the
 * built-in templates name; the templates are seeded as drafts, edited the way an admin would
 * (settings pointed at these servers, short waits) and published.
 */
import type { Entry } from 'ldapts';
import { afterAll, beforeAll } from 'vitest';
import { z } from 'zod';
import { definitionSchema, type Definition, type ParamValue } from '../../workflows/dsl/index.ts';
import { MANAGED_GROUPS, departmentOus, DEFAULT_OU } from '../../workflows/dsl/mappings.ts';
import { builtInTemplates, seedTemplates } from '../../server/templates/seed.ts';
import { entraConnection } from '../activities/entra/fixture.ts';
import { emailConnection } from '../activities/email/connection.ts';
import { startReceiver, type Receiver } from '../activities/http/receiver.ts';
import { startGraphPeer, type GraphPeer } from '../peers/graph/server.ts';
import type { UserRecord } from '../peers/graph/state.ts';
import { startSamba, type SambaDc } from '../peers/samba.ts';
import { startScimServer, type ScimServer } from '../peers/scim.ts';
import { startSmtpPeer, type SmtpPeer } from '../peers/smtp.ts';
import { attr, inspector, type Inspector } from './directory.ts';
import { eventually } from './eventually.ts';
import { startTestSystem, type TestSystem } from './system.ts';

export const upnSuffix = 'tenure.test';
export const helpdeskMailbox = 'helpdesk@tenure.test';
const enterpriseUserUrn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const tenureUserUrn = 'urn:ietf:params:scim:schemas:extension:tenure:1.0:User';

export interface StackOptions {
  /** The leaver's retention wait; 30 days as shipped. */
  retentionSeconds?: number;
  /** Every connection's limits (calls in flight, calls per second); the connectors' defaults when absent. */
  limits?: { maxConcurrent: number; perSecond: number };
  /** Every step's timeout: how long a step whose worker died is waited for before it is tried again; 300 s as shipped. */
  stepTimeoutSeconds?: number;
}

/** The Tenure API as its bootstrap admin: in-process in the tests, over HTTP in the benchmark (bench/). */
export type AdminApi = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

/** The target systems a stack provisions. */
export interface TargetServers {
  scim: ScimServer;
  graph: GraphPeer;
  smtp: SmtpPeer;
  hr: Receiver;
  dc: SambaDc;
}

export const personView = z.object({
  state: z.string().nullish(),
  attributes: z.record(z.string(), z.unknown()),
  timeline: z.array(z.object({ kind: z.string(), message: z.string(), runId: z.string().optional(), nodeId: z.string().optional(), definitionId: z.string().optional() }).loose()),
  runs: z.array(z.object({ runId: z.string(), definitionId: z.string(), status: z.string() }).loose()),
  scheduled: z.array(z.object({ definitionId: z.string() }).loose()).default([]),
  accounts: z.unknown().optional(),
});
export type PersonView = z.infer<typeof personView>;

export const appUser = z.looseObject({ id: z.string(), userName: z.string(), externalId: z.string().optional(), active: z.boolean().optional(), title: z.string().optional() });
const appList = z.looseObject({ Resources: z.array(appUser).default([]) });

export interface E2eStack {
  sys: TestSystem;
  dc: SambaDc;
  look: Inspector;
  scim: ScimServer;
  graph: GraphPeer;
  smtp: SmtpPeer;
  hr: Receiver;
  /** The license the leaver removes (the licenseSkuIds setting). */
  skuId: string;
  /** The AD account with this employeeID (with uSNChanged and memberOf), or undefined. */
  adAccount(employeeId: string): Promise<Entry | undefined>;
  /** Every AD user account (objects under the base with an employeeID). */
  adAccounts(): Promise<Entry[]>;
  /** The active Entra ID users with this employeeId. */
  entraUsers(employeeId: string): UserRecord[];
  /** App users whose externalId is this. */
  appUsers(externalId: string): Promise<z.infer<typeof appUser>[]>;
  /** Posts one HR event (POST /api/hr/events) and expects it accepted. */
  event(event: Record<string, unknown>): Promise<void>;
  /** Posts a SCIM bulk request of Users, as Entra API-driven inbound provisioning does. */
  bulk(users: Record<string, unknown>[]): Promise<{ status: number; body: unknown }>;
  /** Polls the person until `ok` holds. */
  person(employeeId: string, ok: (p: PersonView) => boolean, what: string, timeoutMs?: number): Promise<PersonView>;
  stop(): Promise<void>;
}

/** A worker as HR sends it in a SCIM bulk request (the employee id also as an attribute the templates read). */
export function worker(employeeId: string, a: { givenName: string; surname: string; department?: string; title?: string; location?: string; employeeType?: string; managerId?: string; managerEmail?: string; hireDate?: string; active?: boolean }) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterpriseUserUrn, tenureUserUrn],
    externalId: employeeId,
    userName: `${employeeId.toLowerCase()}@hr.example`,
    name: { givenName: a.givenName, familyName: a.surname },
    active: a.active ?? true,
    ...(a.title !== undefined ? { title: a.title } : {}),
    ...(a.employeeType !== undefined ? { userType: a.employeeType } : {}),
    ...(a.location !== undefined ? { addresses: [{ type: 'work', locality: a.location }] } : {}),
    [enterpriseUserUrn]: { ...(a.department !== undefined ? { department: a.department } : {}), ...(a.managerId !== undefined ? { manager: { value: a.managerId } } : {}) },
    [tenureUserUrn]: { employeeId, ...(a.hireDate !== undefined ? { hireDate: a.hireDate } : {}), ...(a.managerEmail !== undefined ? { managerEmail: a.managerEmail } : {}) },
  };
}

function setSetting(def: Definition, key: string, value: ParamValue): void {
  const node = def.nodes.find((n) => n.id === `setting-${key}`);
  if (node?.type !== 'action') throw new Error(`${def.id} has no setting ${key}`);
  node.data.params.value = value;
}

interface Stoppable {
  stop(): Promise<void>;
}

/** Waits for every start; when one failed, stops the ones that started and rethrows. */
async function all<T extends readonly Promise<Stoppable>[]>(starts: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }>;
async function all(starts: readonly Promise<Stoppable>[]): Promise<Stoppable[]> {
  const settled = await Promise.allSettled(starts);
  const failed = settled.find((s) => s.status === 'rejected');
  const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (failed) {
    await Promise.allSettled(started.map((s) => s.stop()));
    throw failed.reason;
  }
  return started;
}

/**
 * Starts the target systems (the e2e tests, the benchmark and the fault suite share them): the light
 * servers first (scim2-server's Python start is slow on a busy machine: one more try), then Samba,
 * which takes the CPU for a few seconds. `stop()` stops them all.
 */
export async function startTargetServers(): Promise<TargetServers & Stoppable> {
  const light = await all([startScimServer().catch(() => startScimServer()), startGraphPeer({ verifiedDomains: [upnSuffix] }), startSmtpPeer(), startReceiver('hr-write-back-secret')] as const);
  const [scim, graph, smtp, hr] = light;
  const dc = await startSamba().catch(async (error: unknown) => {
    await Promise.allSettled(light.map((s) => s.stop()));
    throw error;
  });
  return {
    scim,
    graph,
    smtp,
    hr,
    dc,
    async stop() {
      await Promise.allSettled([dc, ...light].map((s) => s.stop()));
    },
  };
}

export async function startE2eStack(options: StackOptions = {}): Promise<E2eStack> {
  // Tenure starts beside the targets: it and Samba each take the CPU for a few seconds.
  const [targets, sys] = await all([startTargetServers(), startTestSystem()] as const);
  try {
    return await prepare(options, { ...targets, sys });
  } catch (error) {
    await Promise.allSettled([targets.stop(), sys.stop()]);
    throw error;
  }
}

/**
 * Prepares the targets as an organisation has them before Tenure arrives: the OUs and the managed
 * groups in AD, the helpdesk mailbox and a license in Entra ID. Returns the directory inspector and
 * the license. Nothing in Tenure is touched (the first-hour browser test configures Tenure by hand).
 */
export async function prepareTargets({ graph, dc }: Pick<TargetServers, 'graph' | 'dc'>): Promise<{ look: Inspector; skuId: string }> {
  const look = await inspector(dc.ldapsUrl, dc.adminDn, dc.adminPassword, { ca: [dc.caCert], servername: dc.serverName });
  for (const ou of [DEFAULT_OU, ...Object.values(departmentOus), 'OU=Groups']) await look.add(`${ou},${dc.baseDn}`, { objectClass: ['top', 'organizationalUnit'] });
  for (const group of MANAGED_GROUPS) await look.add(`CN=${group},OU=Groups,${dc.baseDn}`, { objectClass: ['top', 'group'], sAMAccountName: group.replaceAll(' ', '-') });
  graph.addUser({ userPrincipalName: helpdeskMailbox, displayName: 'IT helpdesk', mail: helpdeskMailbox, accountEnabled: true, mailNickname: 'helpdesk' });
  return { look, skuId: graph.addSku('ENTERPRISEPACK') };
}

/**
 * Prepares the targets (OUs, the managed groups, the helpdesk mailbox, a license) and a Tenure whose
 * built-in templates are drafts: creates the connections the templates name, points the templates'
 * settings at these servers and publishes them. Returns the directory inspector and the license.
 */
export async function configureTenure(api: AdminApi, servers: TargetServers, options: StackOptions = {}): Promise<{ look: Inspector; skuId: string }> {
  const { scim, graph, smtp, hr, dc } = servers;
  const { look, skuId } = await prepareTargets(servers);

  const entra = entraConnection(graph);
  const connections = [
    { id: 'ad', kind: 'ad', name: 'Active Directory', config: { url: dc.ldapsUrl, baseDn: dc.baseDn, usersOu: `${DEFAULT_OU},${dc.baseDn}`, tlsCaCert: dc.caCert, tlsServerName: dc.serverName }, secrets: { bindDn: dc.adminDn, password: dc.adminPassword } },
    { id: 'entra', kind: 'entra', name: 'Entra ID', config: entra.config, secrets: entra.secrets },
    { id: 'app', kind: 'scim', name: 'The app', config: { baseUrl: scim.baseUrl, auth: { mode: 'bearer' } }, secrets: { token: scim.token } },
    { id: 'mail', kind: 'email', name: 'Mail', config: emailConnection(smtp).config, secrets: {} },
    { id: 'hr', kind: 'hr', name: 'HR write-back', config: { mode: 'webhook', url: hr.url }, secrets: { signingSecret: 'hr-write-back-secret' } },
  ];
  for (const c of connections) {
    const res = await api('POST', '/api/connections', options.limits ? { ...c, config: { ...z.record(z.string(), z.unknown()).parse(c.config), limits: options.limits } } : c);
    if (res.status !== 201) throw new Error(`creating connection ${c.id}: ${res.status} ${JSON.stringify(res.body)}`);
  }

  // As an admin: settings pointed at these servers, a short retention.
  for (const template of builtInTemplates()) {
    const got = await api('GET', `/api/definitions/${template.id}`);
    const def = definitionSchema.parse(z.looseObject({ definition: z.unknown() }).parse(got.body).definition);
    for (const node of def.nodes) {
      if (node.id === 'setting-upnSuffix') setSetting(def, 'upnSuffix', upnSuffix);
      if (node.id === 'setting-directoryBase') setSetting(def, 'directoryBase', dc.baseDn);
      if (node.id === 'setting-helpdeskMailbox') setSetting(def, 'helpdeskMailbox', helpdeskMailbox);
      if (node.id === 'setting-licenseSkuIds') setSetting(def, 'licenseSkuIds', [skuId]);
      if (node.id === 'retention' && node.type === 'wait' && options.retentionSeconds !== undefined) node.data.wait = { kind: 'duration', duration: { seconds: options.retentionSeconds } };
      if (node.type === 'action' && options.stepTimeoutSeconds !== undefined) node.data.timeoutSeconds = options.stepTimeoutSeconds;
    }
    const saved = await api('PUT', `/api/definitions/${def.id}`, def);
    if (saved.status !== 200) throw new Error(`saving ${def.id}: ${saved.status} ${JSON.stringify(saved.body)}`);
    const published = await api('POST', `/api/definitions/${def.id}/publish`);
    if (published.status !== 201) throw new Error(`publishing ${def.id}: ${published.status} ${JSON.stringify(published.body)}`);
  }
  return { look, skuId };
}

async function prepare(options: StackOptions, servers: TargetServers & { sys: TestSystem }): Promise<E2eStack> {
  const { scim, graph, smtp, hr, dc, sys } = servers;
  // As on a first start: the templates are drafts.
  await seedTemplates(sys.definitions);
  const { look, skuId } = await configureTenure((method, url, body) => sys.api(method, url, body), servers, options);
  const adAttributes = ['*', 'uSNChanged', 'memberOf', 'manager'];
  return {
    sys,
    dc,
    look,
    scim,
    graph,
    smtp,
    hr,
    skuId,
    adAccount: (employeeId) => look.find(dc.baseDn, 'employeeID', employeeId, adAttributes),
    adAccounts: () => look.search(dc.baseDn, '(&(objectClass=user)(employeeID=*))', adAttributes),
    entraUsers: (employeeId) => graph.activeUsers().filter((u) => u.props.employeeId === employeeId),
    async appUsers(externalId) {
      const res = await scim.read('/Users', { filter: `externalId eq ${JSON.stringify(externalId)}` });
      return appList.parse(res.body).Resources;
    },
    async event(event) {
      const res = await sys.api('POST', '/api/hr/events', event);
      if (res.status !== 202) throw new Error(`HR event ${JSON.stringify(event)}: ${res.status} ${JSON.stringify(res.body)}`);
    },
    async bulk(users) {
      const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: users.map((data, i) => ({ method: 'POST', bulkId: `op${i}`, path: '/Users', data })) };
      return sys.api('POST', '/api/inbound/scim/bulkUpload', body, { 'content-type': 'application/scim+json' });
    },
    person: (employeeId, ok, what, timeoutMs = 60_000) =>
      eventually(
        async () => {
          const res = await sys.api('GET', `/api/people/${employeeId}`);
          if (res.status !== 200) return undefined;
          const p = personView.parse(res.body);
          return ok(p) ? p : undefined;
        },
        what,
        timeoutMs,
      ),
    async stop() {
      await Promise.allSettled([look.close()]);
      await Promise.allSettled([sys.stop(), dc.stop(), scim.stop(), graph.stop(), smtp.stop(), hr.stop()]);
    },
  };
}

/** userAccountControl's "account disabled" flag. */
export function isDisabled(entry: Entry | undefined): boolean {
  return (Number(attr(entry, 'userAccountControl')[0] ?? '0') & 2) === 2;
}

/** The group names (CNs) an AD account is a member of. */
export function groupsOf(entry: Entry | undefined): string[] {
  return attr(entry, 'memberOf')
    .map((dn) => /^CN=([^,]+)/i.exec(dn)?.[1] ?? dn)
    .sort();
}

/**
 * One stack for a test file: started before its tests (beforeAll), stopped after them (afterAll).
 * The stack returned is usable inside tests and hooks, once beforeAll has started it.
 */
export function useE2eStack(options: StackOptions = {}): E2eStack {
  let started: E2eStack | undefined;
  beforeAll(async () => {
    started = await startE2eStack(options);
  }, 240_000);
  afterAll(async () => {
    await started?.stop();
  });
  return new Proxy({} as E2eStack, {
    get(_target, key) {
      if (started === undefined) throw new Error('the e2e stack is not started yet: use it inside a test or a hook');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(started) : value;
    },
  });
}
