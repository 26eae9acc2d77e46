/**
 * The default attribute mappings evaluated against sample people: accents, apostrophes, empty
 * middle names, long names, two people with the same name, and the rule-based groups a mover gains
 * and loses.
 */
import { describe, expect, it } from 'vitest';
import {
  COMMON_NAME,
  DISPLAY_NAME,
  GROUPS_NO_LONGER_APPLYING,
  MAIL,
  MAIL_NICKNAME,
  MANAGED_GROUPS,
  OU_BY_DEPARTMENT,
  RULE_GROUPS,
  SAM_ACCOUNT_NAME,
  USER_PRINCIPAL_NAME,
} from '../../workflows/dsl/mappings.ts';
import { run } from './expressions/helpers.ts';

const vars = { 'vars.upnSuffix': 'example.com', 'vars.directoryBase': 'DC=example,DC=com' };
const jose = { ...vars, employeeId: 'E1', givenName: 'José', middleName: '', surname: 'García', department: 'Engineering', title: 'Engineer', location: 'Berlin', employeeType: 'Employee' };
const obrien = { ...vars, employeeId: 'E2', givenName: 'Seán', surname: "O'Brien", department: 'Sales', title: 'Sales Manager', location: 'London', employeeType: 'Contractor' };

/** A directory that already holds `taken`, recording what was asked. */
function directory(taken: string[] = []) {
  const checked: string[] = [];
  return {
    checked,
    taken,
    isUnique: (value: string) => {
      checked.push(value);
      return Promise.resolve(!taken.includes(value));
    },
  };
}

describe('default mappings', () => {
  it('builds the display name from HR, leaving out empty parts', async () => {
    expect(await run(DISPLAY_NAME, jose)).toBe('José García');
    expect(await run(DISPLAY_NAME, { givenName: 'Cher', surname: '' })).toBe('Cher');
    expect(await run(DISPLAY_NAME, { ...jose, displayName: 'Pepe García' })).toBe('Pepe García');
    expect(await run(COMMON_NAME, jose)).toBe('José García (E1)');
  });

  it('makes sAMAccountName lower-case ASCII without accents or apostrophes', async () => {
    expect(await run(SAM_ACCOUNT_NAME, jose, directory())).toBe('jgarcia');
    expect(await run(SAM_ACCOUNT_NAME, obrien, directory())).toBe('sobrien');
    expect(await run(SAM_ACCOUNT_NAME, { givenName: 'Zoë', surname: 'Łukasz-Brontë Ångström' }, directory())).toMatch(/^[a-z0-9]{1,20}$/);
  });

  it('keeps sAMAccountName within 20 characters, numbered candidates included', async () => {
    const long = { givenName: 'Maximiliana', surname: 'Vandenberghe-Oppenheimer' };
    const first = await run(SAM_ACCOUNT_NAME, long, directory());
    expect(first).toBe('mvandenbergheoppenhe');
    const dir = directory(['mvandenbergheoppenhe', 'maximilianavandenber']);
    const third = await run(SAM_ACCOUNT_NAME, long, dir);
    expect(third).toBe('mvandenbergheoppenh2');
    expect(dir.checked.every((c) => c.length <= 20)).toBe(true);
  });

  it('gives two people named José García distinct names', async () => {
    const dir = directory();
    const first = String(await run(SAM_ACCOUNT_NAME, jose, dir));
    dir.taken.push(first);
    const second = String(await run(SAM_ACCOUNT_NAME, { ...jose, employeeId: 'E9' }, dir));
    expect([first, second]).toEqual(['jgarcia', 'josegarcia']);

    const upns = directory();
    const upn1 = String(await run(USER_PRINCIPAL_NAME, jose, upns));
    upns.taken.push(upn1);
    const upn2 = String(await run(USER_PRINCIPAL_NAME, jose, upns));
    expect([upn1, upn2]).toEqual(['jose.garcia@example.com', 'jose.garcia2@example.com']);
  });

  it('derives mail and mailNickname from the UPN suffix and the same alias', async () => {
    expect(await run(MAIL, obrien, directory())).toBe('sean.obrien@example.com');
    expect(await run(MAIL_NICKNAME, obrien, directory(['sean.obrien']))).toBe('sean.obrien2');
    expect(await run(USER_PRINCIPAL_NAME, { ...vars, givenName: 'Anne Marie', middleName: '', surname: 'Dupont' }, directory())).toBe('annemarie.dupont@example.com');
  });

  it('gives names in every script ASCII logon names and aliases, keeping the script in the display name', async () => {
    const people: [string, string, string, string][] = [
      ['芳', '王', 'fwang', 'fang.wang'],
      ['太郎', 'やまだ', 'tyamada', 'tailang.yamada'],
      ['민준', '김', 'mgim', 'minjun.gim'],
      ['Иван', 'Петров', 'ipetrov', 'ivan.petrov'],
      ['Γιώργος', 'Παπαδόπουλος', 'gpapadopoylos', 'giorgos.papadopoylos'],
      ['محمد', 'علي', 'mly', 'mhmd.ly'],
      ['प्रिया', 'शर्मा', 'psrma', 'priya.srma'],
    ];
    for (const [givenName, surname, sam, alias] of people) {
      const person = { ...vars, employeeId: 'E7', givenName, surname };
      expect(await run(SAM_ACCOUNT_NAME, person, directory())).toBe(sam);
      expect(await run(MAIL_NICKNAME, person, directory())).toBe(alias);
      expect(await run(USER_PRINCIPAL_NAME, person, directory())).toBe(`${alias}@example.com`);
      expect(await run(DISPLAY_NAME, person)).toBe(`${givenName} ${surname}`);
    }
  });

  it('falls back to the employee id when the name yields nothing usable, never to an empty value', async () => {
    const emoji = { ...vars, employeeId: 'E-10442', givenName: '😀', surname: '🎉' };
    expect(await run(SAM_ACCOUNT_NAME, emoji, directory())).toBe('e10442');
    expect(await run(MAIL, emoji, directory())).toBe('e10442@example.com');
    expect(await run(MAIL_NICKNAME, emoji, directory(['e10442']))).toBe('e104422');
    expect(await run(DISPLAY_NAME, emoji)).toBe('😀 🎉');
    expect(await run(USER_PRINCIPAL_NAME, { ...vars, givenName: '😀' }, directory())).toBe('user@example.com');
    // An emoji next to a real name is dropped, the name is used.
    expect(await run(USER_PRINCIPAL_NAME, { ...vars, employeeId: 'E5', givenName: '🌟', surname: 'Smith' }, directory())).toBe('smith@example.com');
  });

  it('places the account in its department OU, or OU=Staff', async () => {
    expect(await run(OU_BY_DEPARTMENT, jose)).toBe('OU=Engineering,DC=example,DC=com');
    expect(await run(OU_BY_DEPARTMENT, { ...jose, department: 'Legal' })).toBe('OU=Staff,DC=example,DC=com');
    expect(await run(OU_BY_DEPARTMENT, { 'vars.directoryBase': 'DC=example,DC=com' })).toBe('OU=Staff,DC=example,DC=com');
  });

  it('chooses groups by department, title, location and employee type', async () => {
    expect(await run(RULE_GROUPS, jose)).toEqual(['Dept Engineering', 'Site Berlin', 'All Employees']);
    expect(await run(RULE_GROUPS, obrien)).toEqual(['Dept Sales', 'People Managers', 'Site London', 'All Contractors']);
    expect(await run(RULE_GROUPS, {})).toEqual(['All Employees']);
  });

  it('lists the managed groups that no longer apply, and only those', async () => {
    const moved = { ...jose, department: 'Sales', title: 'Engineering Manager' };
    const remove = await run(GROUPS_NO_LONGER_APPLYING, moved);
    const keep = await run(RULE_GROUPS, moved);
    expect(keep).toEqual(['Dept Sales', 'People Managers', 'Site Berlin', 'All Employees']);
    expect(remove).toContain('Dept Engineering');
    expect(remove).not.toContain('Dept Sales');
    expect([...(Array.isArray(remove) ? remove : []), ...(Array.isArray(keep) ? keep : [])].sort()).toEqual([...MANAGED_GROUPS].sort());
  });
});
