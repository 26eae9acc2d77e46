/**
 * The built-in lifecycle templates: each passes the validator, simulates for a sample person along
 * the expected path with the expected operations, and is seeded once as an editable draft that a
 * later start never overwrites.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDefinition, validateDefinition, type Definition } from '../../workflows/dsl/index.ts';
import { simulateRun } from '../../workflows/dsl/simulate.ts';
import { openPglite, type Database } from '../../server/db/database.ts';
import { createDefinitionStore } from '../../server/db/definitions.ts';
import { migrate } from '../../server/db/migrate.ts';
import { estimatedHeight } from '../../server/templates/canvas.ts';
import { builtInTemplates, seedTemplates } from '../../server/templates/seed.ts';
import { joinerTemplateId } from '../../server/templates/joiner.ts';
import { moverTemplateId } from '../../server/templates/mover.ts';
import { leaverTemplateId } from '../../server/templates/leaver.ts';
import { rehireTemplateId } from '../../server/templates/rehire.ts';
import { managerLinkTemplateId } from '../../server/templates/managerLink.ts';

const now = new Date('2026-03-02T08:00:00Z');
const jose = {
  employeeId: 'E1001',
  givenName: 'José',
  middleName: '',
  surname: 'García',
  department: 'Engineering',
  title: 'Engineering Manager',
  location: 'Berlin',
  employeeType: 'Employee',
  hireDate: '2026-03-09',
  managerId: 'E0001',
  managerEmail: 'boss@example.com',
};

function template(id: string): Definition {
  const found = builtInTemplates().find((t) => t.id === id);
  if (!found) throw new Error(`no template ${id}`);
  return found;
}

const simulate = (id: string, attributes: Record<string, unknown>) => simulateRun(compileDefinition(template(id)), { attributes }, { now });
const operation = (result: Awaited<ReturnType<typeof simulate>>, nodeId: string) => result.operations.find((o) => o.nodeId === nodeId)?.input;

describe('built-in templates', () => {
  it('each passes the validator, with labels and positions on every node', () => {
    const templates = builtInTemplates();
    expect(templates.map((t) => [t.id, t.lifecycle])).toEqual([
      [joinerTemplateId, 'joiner'],
      [moverTemplateId, 'mover'],
      [leaverTemplateId, 'leaver'],
      [rehireTemplateId, 'rehire'],
      [managerLinkTemplateId, 'custom'],
    ]);
    for (const t of templates) {
      expect(validateDefinition(t).problems, t.id).toEqual([]);
      for (const n of t.nodes) expect(n.data.label, `${t.id}/${n.id}`).toBeTruthy();
      const places = new Set(t.nodes.map((n) => `${n.position.x},${n.position.y}`));
      expect(places.size, `${t.id}: two nodes on the same spot`).toBe(t.nodes.length);
    }
  });

  it('marks every step against a directory or an app waitForOperator, and no mail or setting step', () => {
    const kinds = new Set(['ad', 'ldap', 'entra', 'scim']);
    let targets = 0;
    for (const t of builtInTemplates()) {
      for (const n of t.nodes) {
        if (n.type !== 'action') continue;
        const target = kinds.has(n.data.action.split('.')[0] ?? '') && n.data.continueOnError !== true;
        if (target) targets++;
        expect(n.data.waitForOperator === true, `${t.id}/${n.id} (${n.data.action})`).toBe(target);
      }
    }
    expect(targets).toBeGreaterThan(20);
  });

  it('each reads top to bottom: every edge leads down, and no two steps overlap at the height the designer draws them', () => {
    for (const t of builtInTemplates()) {
      const at = new Map(t.nodes.map((n) => [n.id, n]));
      const upward = t.edges.filter((e) => (at.get(e.target)?.position.y ?? 0) <= (at.get(e.source)?.position.y ?? 0)).map((e) => e.id);
      expect(upward, t.id).toEqual([]);
      // 220 px wide, as tall as the estimate (which the browser test checks against the drawn steps).
      const boxes = t.nodes.map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, w: 220, h: estimatedHeight(n) }));
      const overlaps = boxes.flatMap((a, i) => boxes.slice(i + 1).filter((c) => a.x < c.x + c.w && c.x < a.x + a.w && a.y < c.y + c.h && c.y < a.y + a.h).map((c) => `${a.id} × ${c.id}`));
      expect(overlaps, t.id).toEqual([]);
    }
  });

  it('joiner: pre-creates disabled accounts with unique names, waits for hireDate, then opens AD, Entra ID and the app side by side, then welcome, write-back', async () => {
    const result = await simulate(joinerTemplateId, jose);
    expect(result.outcome).toBe('succeeded');
    const fork = result.path.indexOf('openAccounts');
    const join = result.path.indexOf('accountsOpen');
    // The manager is looked up by managerId; a dry run finds nobody, so nothing is set (test/e2e/manager.test.ts sets it for real).
    expect(result.path.slice(0, fork + 1)).toEqual(['start', 'setting-upnSuffix', 'setting-directoryBase', 'setting-helpdeskMailbox', 'createEntra', 'createAd', 'checkManager', 'managerRule', 'findManager', 'managerActive', 'waitHireDate', 'openAccounts']);
    expect(operation(result, 'findManager')).toEqual({ user: 'E0001' });
    expect(result.path.slice(join)).toEqual(['accountsOpen', 'welcome', 'writeBack', 'end']);
    // The branches interleave as they may; each keeps its own order.
    const branches = result.path.slice(fork + 1, join);
    const inBranch = (...ids: string[]) => branches.filter((id) => ids.includes(id));
    expect(branches).toHaveLength(7);
    expect(inBranch('setPassword', 'enableAd', 'addGroups')).toEqual(['setPassword', 'enableAd', 'addGroups']);
    expect(inBranch('enableEntra', 'accessPass')).toEqual(['enableEntra', 'accessPass']);
    expect(inBranch('appScope', 'provisionApp')).toEqual(['appScope', 'provisionApp']);
    expect(operation(result, 'createEntra')).toMatchObject({ userPrincipalName: 'jose.garcia@example.com', mailNickname: 'jose.garcia', displayName: 'José García', accountEnabled: false, employeeId: 'E1001' });
    expect(operation(result, 'createAd')).toMatchObject({ anchor: 'E1001', name: 'José García (E1001)', ou: 'OU=Engineering,DC=example,DC=com', sAMAccountName: 'jgarcia', userPrincipalName: 'jose.garcia@example.com' });
    expect(result.trace.find((t) => t.nodeId === 'waitHireDate')?.until).toBe('2026-03-09T00:00:00.000Z');
    expect(operation(result, 'addGroups')).toMatchObject({ groups: ['Dept Engineering', 'People Managers', 'Site Berlin', 'All Employees'] });
    expect(operation(result, 'welcome')).toMatchObject({ to: ['boss@example.com'], data: { person: { displayName: 'José García', userPrincipalName: 'jose.garcia@example.com', hireDate: '2026-03-09' } } });
    expect(operation(result, 'writeBack')).toEqual({ employeeId: 'E1001', email: 'jose.garcia@example.com', userPrincipalName: 'jose.garcia@example.com' });
  });

  it('joiner: keeps contractors out of the app, and tells the helpdesk when HR names no manager', async () => {
    const { managerEmail: _ignored, ...noManager } = jose;
    const result = await simulate(joinerTemplateId, { ...noManager, employeeType: 'Contractor', givenName: 'Seán "Shay"', surname: "O'Brien" });
    expect(result.path).not.toContain('provisionApp');
    expect(result.trace.find((t) => t.nodeId === 'appScope')?.handle).toBe('default');
    expect(operation(result, 'welcome')).toMatchObject({ to: ['it-helpdesk@example.com'], data: { person: { displayName: 'Seán "Shay" O\'Brien' } } });
    expect(operation(result, 'createAd')).toMatchObject({ sAMAccountName: 'sobrien', userPrincipalName: 'seanshay.obrien@example.com' });
  });

  it('joiner: Simulate catches a name Entra ID would refuse, with the message a real run gives, and ends at the helpdesk mail', async () => {
    // test/e2e/failedJoiner.test.ts runs the same person for real: same step, same message.
    const result = await simulate(joinerTemplateId, { ...jose, surname: 'Long'.repeat(70) });
    expect(result.outcome).toBe('failed');
    const failed = result.trace.find((t) => t.nodeId === 'createEntra');
    expect(failed?.handle).toBe('error');
    expect(failed?.error).toContain('displayName: displayName holds at most 256 characters in Entra ID');
    expect(result.path.slice(-2)).toEqual(['tellHelpdesk', 'failed']);
    expect(operation(result, 'tellHelpdesk')).toMatchObject({ to: ['it-helpdesk@example.com'] });
  });

  it('escapes names into the email data: quotes, backslashes and line breaks stay data', async () => {
    const result = await simulate(joinerTemplateId, { ...jose, displayName: 'Back\\slash "Quote"\nNew line {{vars}}' });
    expect(operation(result, 'welcome')).toMatchObject({ data: { person: { displayName: 'Back\\slash "Quote" New line {{vars}}' } } });
  });

  it('mover: moves the OU, swaps the rule-based groups, looks the manager up, updates the app and tells the manager', async () => {
    const result = await simulate(moverTemplateId, { ...jose, department: 'Sales', title: 'Account Executive' });
    expect(result.outcome).toBe('succeeded');
    expect(result.path).toEqual([
      'start',
      'setting-directoryBase',
      'setting-helpdeskMailbox',
      'moveOu',
      'updateAd',
      'addGroups',
      'removeGroups',
      'updateEntra',
      'checkManager',
      'managerRule',
      'findManager',
      'managerActive',
      'findApp',
      'appRule',
      'updateApp',
      'notify',
      'end',
    ]);
    expect(operation(result, 'moveOu')).toEqual({ anchor: 'E1001', ou: 'OU=Sales,DC=example,DC=com' });
    expect(operation(result, 'addGroups')).toMatchObject({ groups: ['Dept Sales', 'Site Berlin', 'All Employees'] });
    const removed = operation(result, 'removeGroups')?.groups;
    expect(removed).toContain('Dept Engineering');
    expect(removed).toContain('People Managers');
    expect(removed).not.toContain('Dept Sales');
    expect(operation(result, 'findManager')).toEqual({ user: 'E0001' });
    expect(result.trace.find((t) => t.nodeId === 'managerActive')?.handle).toBe('default');

    const { managerId: _ignored, ...noManager } = jose;
    const without = await simulate(moverTemplateId, noManager);
    expect(without.path).not.toContain('findManager');
    expect(without.trace.find((t) => t.nodeId === 'managerRule')?.handle).toBe('default');
  });

  it('leaver: waits for the last day when HR gives one, disables, revokes, removes, deactivates, and deletes after retention', async () => {
    const result = await simulate(leaverTemplateId, { ...jose, lastDay: '2026-03-31' });
    expect(result.path.slice(0, 6)).toEqual(['start', 'setting-helpdeskMailbox', 'setting-licenseSkuIds', 'checkLastDay', 'lastDayRule', 'waitLastDay']);
    expect(result.trace.find((t) => t.nodeId === 'waitLastDay')?.until).toBe('2026-03-31T00:00:00.000Z');
    expect(result.path).toEqual(expect.arrayContaining(['disableAd', 'disableEntra', 'revokeSessions', 'removeAdGroups', 'removeEntraGroups', 'removeLicenses', 'deactivateApp', 'notify', 'retention']));
    expect(result.trace.find((t) => t.nodeId === 'retention')?.until).toBe('2026-04-30T00:00:00.000Z');
    expect(operation(result, 'removeLicenses')).toEqual({ user: 'E1001', skuIds: ['6fd2c87f-b296-42f0-b197-1e91e994b900'] });
    // The simulated look-up answers "enabled", as a rehire during the retention would: the accounts are kept.
    expect(result.path.slice(-3)).toEqual(['checkStillDisabled', 'stillDisabledRule', 'kept']);

    const now = await simulate(leaverTemplateId, jose);
    expect(now.path).not.toContain('waitLastDay');
    // Each account is looked up before it is disabled: a terminate can stop a hire before it made any.
    expect(now.path.slice(3, 8)).toEqual(['checkLastDay', 'lastDayRule', 'findAd', 'adRule', 'disableAd']);
    expect(now.path).toEqual(expect.arrayContaining(['findEntra', 'entraRule', 'findApp', 'appRule']));
  });

  it('rehire: reactivates the old accounts by default, and archives them and provisions new ones under reprovision', async () => {
    const reactivate = await simulate(rehireTemplateId, jose);
    expect(reactivate.outcome).toBe('succeeded');
    expect(reactivate.vars.rehirePolicy).toBe('reactivate');
    expect(reactivate.path).toEqual(expect.arrayContaining(['findOld', 'oldRule', 'moveOu', 'updateAd', 'resetPassword', 'enableAd', 'enableEntra', 'addGroups', 'reactivateApp', 'notifyReactivated', 'end']));
    expect(reactivate.path).not.toContain('createAd');

    const reprovision = await simulate(rehireTemplateId, { ...jose, rehirePolicy: 'reprovision' });
    expect(reprovision.outcome).toBe('succeeded');
    expect(reprovision.path.slice(5)).toEqual([
      'policyRule',
      'findOldEntra',
      'oldEntraRule',
      'archiveEntra',
      'findOldApp',
      'oldAppRule',
      'archiveApp',
      'deleteOldAd',
      'createEntra',
      'createAd',
      'newPassword',
      'enableNewAd',
      'enableNewEntra',
      'newGroups',
      'appScope',
      'provisionApp',
      'notifyProvisioned',
      'writeBack',
      'endNew',
    ]);
    expect(operation(reprovision, 'archiveEntra')).toEqual({ user: 'E1001', employeeId: 'E1001-old', clear: [] });
    expect(operation(reprovision, 'archiveApp')).toEqual({ matchValue: 'E1001', externalId: 'E1001-old', active: false });
  });

  it('manager link: starts on managerReady, looks the person’s own accounts up first, then runs the manager steps the Joiner uses', async () => {
    expect(template(managerLinkTemplateId).trigger).toEqual({ events: ['managerReady'] });
    const result = await simulate(managerLinkTemplateId, jose);
    expect(result.outcome).toBe('succeeded');
    expect(result.path.slice(0, 4)).toEqual(['start', 'findEntra', 'findAd', 'accountsExist']);
    expect(operation(result, 'findEntra')).toEqual({ user: 'E1001' });
    expect(operation(result, 'findAd')).toEqual({ anchor: 'E1001' });
    // The same manager steps as the Joiner's, leaving the decision that the person's accounts exist.
    const joiner = template(joinerTemplateId);
    const link = template(managerLinkTemplateId);
    const managerSteps = ['checkManager', 'managerRule', 'findManager', 'managerActive', 'managerMail', 'setManagerAd', 'setManagerEntra'];
    for (const id of managerSteps) expect(link.nodes.find((n) => n.id === id)?.data, id).toEqual(joiner.nodes.find((n) => n.id === id)?.data);
    expect(link.edges.find((e) => e.target === 'checkManager')).toMatchObject({ source: 'accountsExist', sourceHandle: 'exist' });
    expect(link.edges.find((e) => e.source === 'accountsExist' && e.sourceHandle === 'default')?.target).toBe('notYet');
    // A manager who is not there or has left is not set, and the run ends: looking the manager up never
    // links the manager's user to the person (workflows/dsl/accounts.ts), so nothing needs putting right.
    expect(link.edges.find((e) => e.source === 'managerActive' && e.sourceHandle === 'default')?.target).toBe('end');
    expect(link.nodes.filter((n) => n.type === 'action' && n.data.action === 'entra.findUser').map((n) => n.id)).toEqual(['findEntra', 'findManager']);
  });
});

describe('seeding the templates', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openPglite(undefined);
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates each template once, as a draft, and never overwrites an admin’s edits', async () => {
    const store = createDefinitionStore(db);
    expect(await seedTemplates(store, 'system:templates')).toEqual([joinerTemplateId, moverTemplateId, leaverTemplateId, rehireTemplateId, managerLinkTemplateId]);
    const joiner = await store.get(joinerTemplateId);
    expect(joiner).toMatchObject({ version: 1, latestRevision: null, createdBy: 'system:templates' });

    const edited = { ...joiner.definition, name: 'Our joiner', trigger: { ...joiner.definition.trigger, date: { attribute: 'hireDate', offsetDays: -3 } } };
    await store.update(joinerTemplateId, edited, 'admin');
    // Publishing needs the connections the template names to exist, with the kinds its steps use
    // and settings their connectors accept (secrets are not part of that check).
    const settings: [id: string, kind: string, config: Record<string, unknown>][] = [
      ['ad', 'ad', { url: 'ldaps://dc.example.com', baseDn: 'DC=example,DC=com' }],
      ['entra', 'entra', { tenantId: 'example.onmicrosoft.com', clientId: '00000000-0000-4000-8000-000000000000' }],
      ['app', 'scim', { baseUrl: 'https://app.example.com/scim/v2', auth: { mode: 'bearer' } }],
      ['mail', 'email', { host: 'smtp.example.com', from: 'it@example.com' }],
      ['hr', 'hr', { mode: 'webhook', url: 'https://hr.example.com/tenure' }],
    ];
    for (const [id, kind, config] of settings) {
      await db.query("INSERT INTO connections (id, kind, name, config, secrets, created_by, updated_by) VALUES ($1, $2, $1, $3, '', 'test', 'test')", [id, kind, JSON.stringify(config)]);
    }
    await store.publish(moverTemplateId, 'admin');

    expect(await seedTemplates(store, 'system:templates')).toEqual([]);
    const after = await store.get(joinerTemplateId);
    expect(after.version).toBe(2);
    expect(after.definition.name).toBe('Our joiner');
    expect(after.definition.trigger.date).toEqual({ attribute: 'hireDate', offsetDays: -3 });
    expect((await store.get(moverTemplateId)).latestRevision).toBe(1);
    expect((await store.list()).filter((d) => d.id.startsWith('template-'))).toHaveLength(5);
  });
});
