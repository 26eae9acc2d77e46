/**
 * SelectUniqueValue in a real run against OpenLDAP: a step's unique parameters ask the directory
 * together, once per round (ldap.freeValues), not once per parameter and candidate. What the
 * directory holds afterwards is read from the directory itself, and the run's history replays
 * against the current workflow code — as does the history of the same run made by the code before,
 * which asked one value at a time (ldap.isValueFree), so runs begun then replay as they ran.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Client as Ldap } from 'ldapts';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { createKeyring } from '../../server/secrets/keyring.ts';
import { payloadCodec } from '../../server/temporal/codec.ts';
import { startSlapd, type Slapd } from '../peers/slapd.ts';
import { runView, startedRuns } from '../support/api.ts';
import { definition, edge, node } from '../support/definitions.ts';
import { attr } from '../support/directory.ts';
import { eventually } from '../support/eventually.ts';
import { startTestSystem, type TestSystem } from '../support/system.ts';

let slapd: Slapd;
let sys: TestSystem;
/** A fixed key, so the committed history of the earlier code (encrypted with it) can be replayed. */
const historyKey = Buffer.alloc(32, 0x5a);
const replay = async (history: Parameters<typeof Worker.runReplayHistory>[1], id: string) =>
  Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: { payloadCodecs: [payloadCodec(createKeyring(historyKey))] } }, history, id);

beforeAll(async () => {
  [slapd, sys] = await Promise.all([startSlapd(), startTestSystem({ secretKey: historyKey })]);
  const connection = { id: 'dir', kind: 'ldap', name: 'Directory', config: { url: slapd.url, baseDn: slapd.baseDn }, secrets: { bindDn: slapd.serviceDn, password: slapd.servicePassword } };
  expect((await sys.api('POST', '/api/connections', connection)).status).toBe(201);
}, 120_000);
afterAll(async () => {
  await sys.stop();
  await slapd.stop();
});

async function directory<T>(use: (ldap: Ldap) => Promise<T>): Promise<T> {
  const ldap = new Ldap({ url: slapd.url });
  await ldap.bind(slapd.rootDn, slapd.rootPassword);
  try {
    return await use(ldap);
  } finally {
    await ldap.unbind();
  }
}

it('asks the directory once per round for all of a step’s unique values, and creates the account with the free ones', async () => {
  // Someone else already holds the first uid candidate and the first mail candidate.
  await directory(async (ldap) =>
    ldap.add(`cn=Ada Lovelace (Sales),${slapd.peopleDn}`, { objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'], cn: 'Ada Lovelace (Sales)', sn: 'Lovelace', uid: 'alovelace', mail: 'ada.lovelace@tenure.test', employeeNumber: 'OTHER1' }),
  );
  const def = definition(
    'unique-at-once',
    [
      node({ id: 'start', type: 'start', data: {} }),
      node({
        id: 'create',
        type: 'action',
        data: {
          action: 'ldap.createUser',
          connectionId: 'dir',
          params: {
            anchor: { expression: '[employeeId]' },
            name: { expression: 'Join(" ", [givenName], [surname])' },
            sn: { expression: '[surname]' },
            uid: { expression: 'SelectUniqueValue(Join("", Left([givenName], 1), [surname]), Join("", Left([givenName], 2), [surname]))' },
            mail: { expression: 'SelectUniqueValue(Join("", [givenName], ".", [surname], "@tenure.test"), Join("", [givenName], ".", [surname], "2@tenure.test"))' },
            displayName: { expression: 'SelectUniqueValue(Join(" ", [givenName], [surname]), Join(" ", [givenName], [surname], "(2)"))' },
          },
        },
      }),
      node({ id: 'end', type: 'end', data: {} }),
    ],
    [edge('start', 'create'), edge('create', 'end')],
  );
  expect((await sys.api('POST', '/api/definitions', def)).status).toBe(201);
  expect((await sys.api('POST', '/api/definitions/unique-at-once/publish')).status).toBe(201);
  const started = await sys.api('POST', '/api/runs', { definitionId: 'unique-at-once', people: [{ employeeId: 'U1', attributes: { givenName: 'ada', surname: 'lovelace' } }] });
  expect(started.status).toBe(202);
  const run = startedRuns.parse(started.body).runs[0];
  if (!run) throw new Error('no run started');
  const done = await eventually(async () => {
    const v = runView.parse((await sys.api('GET', `/api/runs/${run.id}`)).body);
    return v.workflowStatus === 'COMPLETED' ? v : undefined;
  }, 'the run to complete');
  expect(done.outcome).toBe('succeeded');

  // The account, as the directory holds it: the second uid and mail, the first display name.
  const [entry] = await directory(async (ldap) => (await ldap.search(slapd.baseDn, { filter: '(employeeNumber=U1)', attributes: ['uid', 'mail', 'displayName'] })).searchEntries);
  expect(attr(entry, 'uid')).toEqual(['adlovelace']);
  expect(attr(entry, 'mail')).toEqual(['ada.lovelace2@tenure.test']);
  expect(attr(entry, 'displayName')).toEqual(['ada lovelace']);

  // Two questions: all three first candidates, then the next uid and mail together.
  const history = await sys.client.workflow.getHandle(run.workflowId).fetchHistory();
  const asked = (history.events ?? []).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter((name): name is string => name !== undefined && name !== 'store.loadRevision');
  expect(asked).toEqual(['ldap.freeValues', 'ldap.freeValues', 'ldap.createUser']);

  await expect(replay(history, run.workflowId)).resolves.toBeUndefined();
});

it('replays the same run as the code before made it, one value at a time', async () => {
  const history = historyFromJSON(JSON.parse(await readFile(join(import.meta.dirname, '../fixtures/unique-values/one-by-one-v1.json'), 'utf8')));
  const asked = (history.events ?? []).map((e) => e.activityTaskScheduledEventAttributes?.activityType?.name).filter((name) => name !== undefined && name !== 'store.loadRevision');
  expect(asked).toEqual(['ldap.isValueFree', 'ldap.isValueFree', 'ldap.isValueFree', 'ldap.isValueFree', 'ldap.isValueFree', 'ldap.createUser']);
  await expect(replay(history, 'one-by-one-v1')).resolves.toBeUndefined();
});
