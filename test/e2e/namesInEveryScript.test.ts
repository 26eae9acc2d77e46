/**
 * Acceptance, names in every script: workers whose names have no Latin letters (Chinese, Japanese,
 * Korean, Cyrillic, Greek, Arabic, Devanagari), a name that is only emoji and a name with
 * surrounding spaces are hired through the SCIM bulk endpoint and the built-in Joiner, against
 * Samba AD, the Graph peer and scim2-server on real Temporal. The directories themselves are read
 * afterwards: every account enabled, logon names and aliases valid ASCII and unique, display, given
 * and family names in the original script in all three, the emoji-only name on its employee-id
 * fallback.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { attr } from '../support/directory.ts';
import { isDisabled, worker, useE2eStack } from '../support/e2eStack.ts';
import { eventually } from '../support/eventually.ts';

const stack = useE2eStack();

const boss = 'boss@tenure.test';
const started = new Date(Date.now() - 60_000).toISOString();

/** employee id, given name, surname as HR sends them; the display name the directories must show. */
const people: [string, string, string, string][] = [
  ['S-zh', '芳', '王', '芳 王'],
  ['S-ja', '太郎', '山田', '太郎 山田'],
  ['S-ko', '민준', '김', '민준 김'],
  ['S-ru', 'Иван', 'Петров', 'Иван Петров'],
  ['S-el', 'Γιώργος', 'Παπαδόπουλος', 'Γιώργος Παπαδόπουλος'],
  ['S-ar', 'محمد', 'علي', 'محمد علي'],
  ['S-hi', 'प्रिया', 'शर्मा', 'प्रिया शर्मा'],
  ['S-EMOJI-7', '😀', '🎉', '😀 🎉'],
  ['S-sp', '  Ana  ', ' Lima ', 'Ana Lima'],
];

/** What the app keeps of a person's names (scim2-server answers SCIM core User). */
const appNames = z.looseObject({ displayName: z.string(), name: z.looseObject({ givenName: z.string(), familyName: z.string() }) });

const samAccountName = /^[a-z0-9]{1,20}$/;
const alias = /^[a-z0-9]+(\.[a-z0-9]+)*$/;
const address = /^[a-z0-9]+(\.[a-z0-9]+)*@tenure\.test$/;

describe('names in every script, end to end', () => {
  it('gives every worker enabled accounts with valid, unique ASCII logon names and aliases, and keeps their script for display', { timeout: 300_000 }, async () => {
    const workers = people.map(([id, givenName, surname]) => worker(id, { givenName, surname, department: 'Engineering', employeeType: 'Employee', managerEmail: boss, hireDate: started }));
    expect((await stack.bulk(workers)).status).toBe(202);
    for (const [id] of people) {
      await stack.person(id, (p) => p.runs.some((r) => r.definitionId === 'template-joiner' && r.status === 'succeeded'), `${id}'s joiner run to succeed`, 240_000);
    }

    const ad = await Promise.all(people.map(async ([id]) => eventually(async () => stack.adAccount(id), `${id}'s AD account`)));
    const sams = ad.map((entry) => attr(entry, 'sAMAccountName')[0] ?? '');
    const upns = ad.map((entry) => attr(entry, 'userPrincipalName')[0] ?? '');
    for (const [i, [id, givenName, surname, displayName]] of people.entries()) {
      expect(isDisabled(ad[i]), id).toBe(false);
      expect(sams[i], id).toMatch(samAccountName);
      expect(upns[i], id).toMatch(address);
      expect(attr(ad[i], 'displayName'), id).toEqual([displayName]);
      expect([attr(ad[i], 'givenName'), attr(ad[i], 'sn')], id).toEqual([[givenName.trim()], [surname.trim()]]);
    }
    expect(new Set(sams).size).toBe(people.length);
    expect(new Set(upns).size).toBe(people.length);
    // A few spelled out, so a reader sees what the rules give.
    expect(Object.fromEntries(people.map(([id], i) => [id, sams[i]]))).toMatchObject({ 'S-zh': 'fwang', 'S-ru': 'ipetrov', 'S-hi': 'psrma', 'S-EMOJI-7': 'semoji7', 'S-sp': 'alima' });
    expect(upns[people.findIndex(([id]) => id === 'S-ru')]).toBe('ivan.petrov@tenure.test');
    // Trimmed on the way in: the name parts themselves arrive without the spaces.
    const ana = ad[people.findIndex(([id]) => id === 'S-sp')];
    expect([attr(ana, 'givenName'), attr(ana, 'sn')]).toEqual([['Ana'], ['Lima']]);

    const entra = people.map(([id]) => {
      const users = stack.entraUsers(id);
      expect(users, id).toHaveLength(1);
      return users[0];
    });
    for (const [i, [id, givenName, surname, displayName]] of people.entries()) {
      const props = entra[i]?.props;
      expect(props?.accountEnabled, id).toBe(true);
      expect(props?.userPrincipalName, id).toBe(upns[i]);
      expect(props?.mail, id).toMatch(address);
      expect(props?.mailNickname, id).toMatch(alias);
      expect(props?.displayName, id).toBe(displayName);
      expect([props?.givenName, props?.surname], id).toEqual([givenName.trim(), surname.trim()]);
    }
    expect(new Set(entra.map((u) => u?.props.mailNickname)).size).toBe(people.length);

    const app = await Promise.all(people.map(async ([id]) => eventually(async () => {
      const users = await stack.appUsers(id);
      return users.length === 1 ? users[0] : undefined;
    }, `${id}'s app account`)));
    for (const [i, [id, givenName, surname, displayName]] of people.entries()) {
      expect(app[i]?.active, id).toBe(true);
      expect(app[i]?.userName, id).toBe(upns[i]);
      // The app keeps the script too: display name, given name and family name as HR wrote them, trimmed.
      const names = appNames.parse(app[i]);
      expect([names.displayName, names.name.givenName, names.name.familyName], id).toEqual([displayName, givenName.trim(), surname.trim()]);
    }
  });
});
