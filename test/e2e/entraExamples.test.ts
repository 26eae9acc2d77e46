/**
 * Acceptance, Entra compatibility: Microsoft's own documented example requests for API-driven
 * inbound provisioning (test/fixtures/entra/, kept as published) are posted unchanged to the SCIM
 * bulk endpoint and provision their users through the built-in Joiner, against Samba AD, the Graph
 * peer and scim2-server on real Temporal. The examples repeat a bulkId and carry no hire date (the
 * default hire-date policy dates such a hire the day it arrives), or a hire date in the past; the
 * directories themselves are read afterwards.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attr } from '../support/directory.ts';
import { helpdeskMailbox, isDisabled, useE2eStack } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';

const stack = useE2eStack();

/** A fixture's bytes, exactly as Microsoft publishes them. */
const example = (file: string) => readFileSync(new URL(`../fixtures/entra/${file}`, import.meta.url), 'utf8');

const bulkAnswer = z.object({
  importId: z.string(),
  counts: z.record(z.string(), z.number()),
  Operations: z.array(
    z
      .object({
        bulkId: z.string().optional(),
        status: z.string(),
        employeeId: z.string().optional(),
        outcome: z.string(),
        note: z.string().optional(),
        warning: z.string().optional(),
        lifecycles: z.array(z.object({ definitionId: z.string(), starts: z.string(), reason: z.string().optional() })).optional(),
      })
      .loose(),
  ),
  errors: z.array(z.unknown()),
});

/** Posts a body as Entra's client does: unchanged, as application/scim+json, as the HR source `source`. */
async function postUnchanged(body: string, source: string) {
  const res = await stack.sys.api('POST', `/api/inbound/scim/bulkUpload?source=${source}`, body, { 'content-type': 'application/scim+json' });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return bulkAnswer.parse(res.body);
}

const today = () => new Date().toISOString().slice(0, 10);
const joinerSucceeded = (p: { runs: { definitionId: string; status: string }[] }) => p.runs.some((r) => r.definitionId === 'template-joiner' && r.status === 'succeeded');

describe("Microsoft's example requests, posted unchanged", () => {
  it('provisions the users of the cURL quickstart request (one bulkId twice, no hire date) in AD, Entra ID and the app', { timeout: 300_000 }, async () => {
    const answer = await postUnchanged(example('curl-tutorial-bulk-request.json'), 'hr');
    expect(answer.errors).toEqual([]);
    expect(answer.Operations.map((o) => [o.bulkId, o.status, o.employeeId, o.outcome])).toEqual([
      ['00aa00aa-bb11-cc22-dd33-44ee44ee44ee', '202', '701984', 'hire'],
      ['00aa00aa-bb11-cc22-dd33-44ee44ee44ee', '202', '701985', 'hire'],
    ]);
    for (const o of answer.Operations) {
      // No hire date: dated the day it arrived, so the Joiner starts now, and the answer says both.
      expect(o.note).toContain(`no hireDate: dated ${today()}, the day it arrived, so it takes effect now`);
      expect(o.lifecycles).toContainEqual({ definitionId: 'template-joiner', starts: 'now' });
      expect(o.warning).toBeUndefined();
    }

    for (const id of ['701984', '701985']) {
      const p = await stack.person(id, joinerSucceeded, `${id}'s joiner run to succeed`, 240_000);
      expect(p.attributes).toMatchObject({ hireDate: today(), givenName: id === '701984' ? 'Barbara' : 'Kathy', surname: 'Jensen', department: 'Tour Operations' });
    }
    expect((await stack.person('701985', () => true, 'Kathy')).attributes.managerId).toBe('701984');

    const [barbara, kathy] = await Promise.all(['701984', '701985'].map(async (id) => eventually(async () => stack.adAccount(id), `${id}'s AD account`)));
    expect(isDisabled(barbara)).toBe(false);
    expect(isDisabled(kathy)).toBe(false);
    expect(attr(barbara, 'displayName')).toEqual(['Babs Jensen']);
    expect(attr(kathy, 'displayName')).toEqual(['Kathy Jensen']);
    expect([attr(barbara, 'sAMAccountName'), attr(kathy, 'sAMAccountName')]).toEqual([['bjensen'], ['kjensen']]);
    expect(attr(barbara, 'title')).toEqual(['Tour Guide']);

    for (const [id, displayName] of [['701984', 'Babs Jensen'], ['701985', 'Kathy Jensen']] as const) {
      const users = stack.entraUsers(id);
      expect(users, id).toHaveLength(1);
      expect(users[0]?.props).toMatchObject({ accountEnabled: true, displayName, department: 'Tour Operations', jobTitle: id === '701984' ? 'Tour Guide' : 'Tour Lead' });
      const app = await eventually(async () => {
        const found = await stack.appUsers(id);
        return found.length === 1 ? found[0] : undefined;
      }, `${id}'s app account`);
      expect(app.active, id).toBe(true);
    }
    // No managerEmail in Microsoft's example: the welcomes go to the helpdesk, not nowhere.
    const welcomes = await eventually(() => {
      const mails = stack.smtp.messages.filter((m) => m.parsed.subject?.startsWith('Welcome ') === true && m.rcptTo.includes(helpdeskMailbox));
      return Promise.resolve(mails.length >= 2 ? mails : undefined);
    }, 'the two welcome mails');
    expect(welcomes.map((m) => m.parsed.subject).sort()).toEqual(['Welcome Babs Jensen: their accounts are ready', 'Welcome Kathy Jensen: their accounts are ready']);
  });

  it('reads the custom schema of Graph example 2: a hire date in the past takes effect now, the custom attribute is kept', { timeout: 120_000 }, async () => {
    const answer = await postUnchanged(example('graph-bulkupload-example-2-custom-schema.json'), 'graph-example-2');
    expect(answer.errors).toEqual([]);
    expect(answer.Operations.map((o) => [o.bulkId, o.status, o.outcome])).toEqual([
      ['701984', '202', 'hire'],
      ['701985', '202', 'hire'],
    ]);
    expect(answer.Operations[0]?.note).toContain('hireDate 2021-05-01 is in the past: it takes effect now');
    expect(answer.Operations[1]?.note).toContain('hireDate 2022-07-15 is in the past: it takes effect now');
    expect(answer.Operations.map((o) => o.lifecycles?.find((l) => l.definitionId === 'template-joiner')?.starts)).toEqual(['now', 'now']);
    const kathy = await eventually(async () => {
      const res = await stack.sys.api('GET', '/api/people/701985?source=graph-example-2');
      const p = res.status === 200 ? z.object({ attributes: z.record(z.string(), z.unknown()), timeline: z.array(z.object({ kind: z.string(), definitionId: z.string().optional() }).loose()) }).parse(res.body) : undefined;
      return p?.timeline.some((t) => t.kind === 'run-started' && t.definitionId === 'template-joiner') === true ? p : undefined;
    }, "Kathy's joiner to start");
    expect(kathy.attributes).toMatchObject({ hireDate: '2022-07-15T00:00:00-05:00', JobCode: 'AB-1003', managerId: '701984' });
  });

  it('accepts Graph examples 1 and 3 as Entra does, and says what each record leads to', async () => {
    const first = await postUnchanged(example('graph-bulkupload-example-1-core-and-enterprise.json'), 'graph-example-1');
    expect(first.Operations.map((o) => [o.status, o.employeeId, o.outcome])).toEqual([
      ['202', '701984', 'hire'],
      ['202', '701985', 'hire'],
    ]);
    expect(first.Operations.every((o) => o.lifecycles?.some((l) => l.definitionId === 'template-joiner' && l.starts === 'now') === true)).toBe(true);
    // Example 3 disables a person Tenure never knew: nothing to provision, and the answer says so.
    const third = await postUnchanged(example('graph-bulkupload-example-3-update-existing-user.json'), 'graph-example-3');
    expect(third.Operations).toMatchObject([{ bulkId: '7172023', status: '200', employeeId: '7172023', outcome: 'skipped', note: 'not known to Tenure and inactive in HR: nothing to provision' }]);
  });
});
