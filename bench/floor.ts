/**
 * The floor: the Joiner's target operations for N other people, issued by the least a script
 * needs — one LDAP connection (ldapts), HTTP to the Graph peer and scim2-server, one pooled SMTP
 * transport, a POST to the HR receiver — with no engine, no durability, no retries. C people are
 * provisioned at once, each one's operations one after another, so no target sees more calls in
 * flight than Tenure's connection limits allow it. Tenure's time over this time is its overhead.
 *
 * Per person, in the Joiner's order: Graph name probe, create (disabled); LDAP name probe, add
 * (disabled); password; enable; Graph enable; LDAP group adds (one modify per group); Graph
 * Temporary Access Pass and its mail; SCIM create; SMTP welcome; HR write-back.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:https';
import { Attribute, Change, Client, EqualityFilter, OrFilter } from 'ldapts';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { departmentGroups, departmentOus, DEFAULT_OU, employeeTypeGroups, locationGroups, managerGroup } from '../workflows/dsl/mappings.ts';
import { helpdeskMailbox, upnSuffix } from '../test/support/e2eStack.ts';
import { benchPerson, dateFromToday, displayNameOf, type BenchPerson } from './people.ts';
import type { BenchStack } from './stack.ts';
import { distribution, type Distribution } from './stats.ts';

export interface FloorResult {
  people: number;
  concurrency: number;
  failed: number;
  firstError: string | undefined;
  /** First operation → the last person's last operation. */
  seconds: number;
  hiresPerSecond: number;
  /** One person's operations, first to last. */
  perPerson: Distribution;
  operationsPerPerson: number;
  /** Seconds since the start at which each person finished, in order (for the chart). */
  completions: number[];
}

const graphUser = z.looseObject({ id: z.string() });
const graphList = z.looseObject({ value: z.array(graphUser) });
const token = z.looseObject({ access_token: z.string() });

interface Answer {
  status: number;
  body: unknown;
}

/** A minimal HTTPS client for the Graph peer (it serves a self-signed certificate). */
function graphClient(stack: BenchStack) {
  const { graph } = stack;
  const agent = new Agent({ keepAlive: true, ca: graph.caCert });
  const send = async (method: string, url: string, body: string | undefined, headers: Record<string, string>): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = request(url, { method, agent, headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text === '' ? undefined : (JSON.parse(text) as unknown) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  let bearer: string | undefined;
  const call = async (method: string, path: string, json?: unknown): Promise<Answer> => {
    if (bearer === undefined) {
      const form = new URLSearchParams({ client_id: graph.clientId, client_secret: graph.clientSecret, scope: `${graph.origin}/.default`, grant_type: 'client_credentials' }).toString();
      const res = await send('POST', `${graph.authorityHost}/${graph.tenantId}/oauth2/v2.0/token`, form, { 'content-type': 'application/x-www-form-urlencoded' });
      const got = token.safeParse(res.body);
      if (!got.success) throw new Error(`Graph token: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      bearer = got.data.access_token;
    }
    const res = await send(method, `${graph.graphBaseUrl}${path}`, json === undefined ? undefined : JSON.stringify(json), { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' });
    if (res.status >= 300) throw new Error(`Graph ${method} ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    return res;
  };
  return { call, close: () => agent.destroy() };
}

function groupsOf(p: BenchPerson): string[] {
  return [departmentGroups[p.department], /manager/i.test(p.title) ? managerGroup : undefined, locationGroups[p.location], employeeTypeGroups[p.employeeType]].filter((g): g is string => g !== undefined);
}

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

export async function runFloor(stack: BenchStack, n: number, concurrency: number, progress: (line: string) => void): Promise<FloorResult> {
  const { dc, scim, smtp, hr } = stack;
  const ldap = new Client({ url: dc.ldapsUrl, tlsOptions: { ca: [dc.caCert], servername: dc.serverName }, timeout: 30_000, connectTimeout: 10_000, strictDN: false });
  await ldap.bind(dc.adminDn, dc.adminPassword);
  const graph = graphClient(stack);
  const mail = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, requireTLS: true, tls: { ca: smtp.ca }, pool: true, maxConnections: concurrency });
  const today = dateFromToday(0);
  const people = Array.from({ length: n }, (_, i) => benchPerson('F', i, today));
  let operations = 0;

  const provision = async (p: BenchPerson): Promise<void> => {
    const displayName = displayNameOf(p);
    const alias = `${p.givenName}.${p.surname}`.toLowerCase();
    const upn = `${alias}@${upnSuffix}`;
    const sam = `${p.givenName.charAt(0)}${p.surname}`.toLowerCase().slice(0, 20);
    const ou = departmentOus[p.department] ?? DEFAULT_OU;
    const dn = `CN=${displayName} (${p.employeeId}),${ou},${dc.baseDn}`;
    const op = () => operations++;

    const taken = graphList.parse((await graph.call('GET', `/users?$filter=${encodeURIComponent(`userPrincipalName eq ${quote(upn)} or mail eq ${quote(upn)} or mailNickname eq ${quote(alias)}`)}&$select=id`)).body);
    op();
    if (taken.value.length > 0) throw new Error(`${upn} is taken in Entra ID`);
    const password = `Fl0or!${randomBytes(9).toString('base64url')}`;
    const user = graphUser.parse(
      (
        await graph.call('POST', '/users', {
          accountEnabled: false,
          displayName,
          mailNickname: alias,
          userPrincipalName: upn,
          mail: upn,
          givenName: p.givenName,
          surname: p.surname,
          jobTitle: p.title,
          department: p.department,
          officeLocation: p.location,
          employeeType: p.employeeType,
          employeeId: p.employeeId,
          passwordProfile: { password, forceChangePasswordNextSignIn: true },
        })
      ).body,
    );
    op();

    const clash = await ldap.search(dc.baseDn, { scope: 'sub', filter: new OrFilter({ filters: [new EqualityFilter({ attribute: 'sAMAccountName', value: sam }), new EqualityFilter({ attribute: 'userPrincipalName', value: upn })] }), attributes: ['dn'] });
    op();
    if (clash.searchEntries.length > 0) throw new Error(`${sam} or ${upn} is taken in AD`);
    await ldap.add(dn, {
      objectClass: ['top', 'person', 'organizationalPerson', 'user'],
      cn: `${displayName} (${p.employeeId})`,
      sAMAccountName: sam,
      userPrincipalName: upn,
      mail: upn,
      displayName,
      givenName: p.givenName,
      sn: p.surname,
      department: p.department,
      title: p.title,
      employeeType: p.employeeType,
      physicalDeliveryOfficeName: p.location,
      employeeID: p.employeeId,
      userAccountControl: '514',
    });
    op();
    await ldap.modify(dn, [
      new Change({ operation: 'replace', modification: new Attribute({ type: 'unicodePwd', values: [Buffer.from(`"${password}"`, 'utf16le')] }) }),
      new Change({ operation: 'replace', modification: new Attribute({ type: 'pwdLastSet', values: ['0'] }) }),
    ]);
    op();
    await ldap.modify(dn, new Change({ operation: 'replace', modification: new Attribute({ type: 'userAccountControl', values: ['512'] }) }));
    op();
    await graph.call('PATCH', `/users/${user.id}`, { accountEnabled: true });
    op();
    for (const group of groupsOf(p)) {
      await ldap.modify(`CN=${group},OU=Groups,${dc.baseDn}`, new Change({ operation: 'add', modification: new Attribute({ type: 'member', values: [dn] }) }));
      op();
    }
    await graph.call('POST', `/users/${user.id}/authentication/temporaryAccessPassMethods`, { lifetimeInMinutes: 480, isUsableOnce: true });
    op();
    await graph.call('POST', `/users/${encodeURIComponent(helpdeskMailbox)}/sendMail`, {
      message: { subject: 'First sign-in: a Temporary Access Pass for your new team member', body: { contentType: 'Text', content: `A pass for ${displayName}` }, toRecipients: [{ emailAddress: { address: p.managerEmail } }] },
      saveToSentItems: false,
    });
    op();
    const app = await fetch(`${scim.baseUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${scim.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: upn,
        externalId: p.employeeId,
        displayName,
        name: { givenName: p.givenName, familyName: p.surname },
        title: p.title,
        emails: [{ value: upn, type: 'work', primary: true }],
        active: true,
      }),
    });
    await app.text();
    op();
    if (app.status !== 201) throw new Error(`SCIM create ${p.employeeId}: ${app.status}`);
    await mail.sendMail({ from: 'tenure@example.com', to: p.managerEmail, subject: `Welcome ${displayName}: their accounts are ready`, text: `${displayName} starts on ${p.hireDate}. They sign in as ${upn}.` });
    op();
    const back = await fetch(hr.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ employeeId: p.employeeId, email: upn, userPrincipalName: upn }) });
    await back.text();
    op();
  };

  const perPerson: number[] = [];
  const completions: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = Date.now();
  const lane = async () => {
    for (let i = next++; i < people.length; i = next++) {
      const p = people[i];
      if (!p) continue;
      const began = Date.now();
      try {
        await provision(p);
        perPerson.push(Date.now() - began);
        completions.push((Date.now() - started) / 1000);
      } catch (error) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
      if ((i + 1) % Math.max(1, Math.floor(n / 10)) === 0) progress(`floor ${i + 1}/${n}`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  } finally {
    mail.close();
    graph.close();
    await ldap.unbind();
  }
  const seconds = (Date.now() - started) / 1000;
  return {
    people: n,
    concurrency,
    failed,
    firstError,
    seconds,
    hiresPerSecond: (n - failed) / seconds,
    perPerson: distribution(perPerson),
    operationsPerPerson: operations / Math.max(1, n - failed),
    completions: completions.sort((a, b) => a - b),
  };
}
