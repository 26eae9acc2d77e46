/** docs/hr.md is the reference the HR code and the templates produce: regenerate it when either changes. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csvSnapshotFormat } from '../../server/hr/csvSnapshot.ts';
import { hireDatePolicies } from '../../server/hr/hireDate.ts';
import { scimAttributeMap } from '../../server/hr/scimUser.ts';
import { DEFAULT_OU, departmentOus, MANAGED_GROUPS } from '../../workflows/dsl/mappings.ts';
import { templateConnections } from '../../server/templates/canvas.ts';
import { renderHrReference } from '../../scripts/hrReference.ts';

const reference = join(import.meta.dirname, '../../docs/hr.md');
const section = (text: string, anchor: string) => {
  const start = text.indexOf(`<a id="${anchor}"></a>`);
  return text.slice(start, text.indexOf('\n## ', start));
};

describe('the HR input reference', () => {
  it('is what the code produces (run `node scripts/hr-docs.ts` after changing HR intake or a template)', async () => {
    expect(await readFile(reference, 'utf8')).toBe(renderHrReference());
  });

  it('maps every declared SCIM attribute, with its schema and path', () => {
    const scim = section(renderHrReference(), 'scim');
    for (const m of scimAttributeMap) expect(scim).toContain(`| \`${m.attribute}\` |`);
    expect(scim).toContain('| `managerId` | enterprise | `manager.value` |');
    expect(scim).toContain('| `hireDate` | Tenure | `hireDate` | `employeeHireDate`, `hireDate`, `startDate` |');
    // The example is read by the real reader: a custom extension's alias lands on hireDate.
    expect(scim).toContain('"hireDate": "2027-01-04"');
    expect(scim).toContain('"badgeNumber": "B-7"');
  });

  it('derives the events the way the intake does', () => {
    const derive = section(renderHrReference(), 'derive');
    expect(derive).toContain('| not known to Tenure | `hire` | nothing (not known to Tenure and inactive in HR: nothing to provision) | `hire` |');
    expect(derive).toContain('| `terminated` | `rehire` |');
    expect(derive).toContain('| `prehire` | `cancel` |');
    for (const policy of hireDatePolicies) expect(derive).toContain(`| \`${policy}\``);
    expect(derive).toContain('no hireDate: dated 2027-01-04, the day it arrived');
  });

  it('states the CSV header from the parser\'s declaration and shows its real verdicts', () => {
    const csv = section(renderHrReference(), 'csv');
    expect(csv).toContain(`| \`${csvSnapshotFormat.idColumn}\` | yes |`);
    expect(csv).toContain(`| \`${csvSnapshotFormat.activeColumn}\` | no |`);
    expect(csv).toContain('"columnName": "hireDate"');
    expect(csv).toContain('"columnName": "active"');
  });

  it('names the field of every refused value, in every channel', () => {
    const hygiene = section(renderHrReference(), 'hygiene');
    expect(hygiene).toContain('"path": "body.attributes.surname"');
    expect(hygiene).toContain('"path": "Operations[3].data.name.familyName"');
    expect(hygiene).toContain('"columnName": "surname"');
    expect(hygiene).toContain('| `"Mary\\u00a0\\u00a0Ann"` | `"Mary Ann"` |');
  });

  it('lists every OU, managed group and connection the templates expect', () => {
    const templates = renderHrReference().slice(renderHrReference().indexOf('<a id="templates"></a>'));
    for (const ou of [...Object.values(departmentOus), DEFAULT_OU]) expect(templates).toContain(`\`${ou},DC=example,DC=com\``);
    for (const group of MANAGED_GROUPS) expect(templates).toContain(`| \`${group}\` |`);
    for (const id of Object.values(templateConnections)) expect(templates).toContain(`| \`${id}\` |`);
  });
});
