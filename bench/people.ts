/**
 * The benchmark's people: distinct names (so choosing a unique sAMAccountName or UPN takes the
 * first candidate, as for most real hires), spread over the departments, sites and titles the
 * built-in group rules know, all employees (so everyone gets the app). Each part has its own
 * employee-id prefix, so parts never touch each other's people.
 */
import { departmentOus } from '../workflows/dsl/mappings.ts';
import { worker } from '../test/support/e2eStack.ts';

export interface BenchPerson {
  employeeId: string;
  givenName: string;
  surname: string;
  department: string;
  title: string;
  location: string;
  employeeType: string;
  managerEmail: string;
  hireDate: string;
}

export const managerEmail = 'boss@tenure.test';

const givenNames = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Radia', 'Niklaus', 'Margaret', 'John'];
const departments = Object.keys(departmentOus);
const locations = ['Berlin', 'London', 'New York'];
const titles = ['Engineer', 'Analyst', 'Sales Manager', 'Consultant'];

/** Lower-case letters for a number (0 → a, 25 → z, 26 → ba): names stay letters only, as HR names are. */
function letters(n: number): string {
  let s = '';
  let rest = n;
  do {
    s = String.fromCharCode(97 + (rest % 26)) + s;
    rest = Math.floor(rest / 26);
  } while (rest > 0);
  return s;
}

/** YYYY-MM-DD, `days` from today (UTC, the calendar the hire-date rules read). */
export function dateFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** Person `i` of a part; `prefix` is one upper-case letter (Graph's employeeId holds 16 characters at most). */
export function benchPerson(prefix: string, i: number, hireDate: string): BenchPerson {
  const tag = letters(i);
  return {
    employeeId: `${prefix}${String(i).padStart(6, '0')}`,
    givenName: givenNames[i % givenNames.length] ?? 'Ada',
    // Starts with the part's letter, so two parts never share a name: "Lovqbc".
    surname: `${prefix}ovq${tag}`,
    department: departments[i % departments.length] ?? 'Engineering',
    title: titles[i % titles.length] ?? 'Engineer',
    location: locations[i % locations.length] ?? 'Berlin',
    employeeType: 'Employee',
    managerEmail,
    hireDate,
  };
}

/** The person as Entra API-driven inbound provisioning sends them in a SCIM bulk request. */
export function scimWorker(p: BenchPerson): Record<string, unknown> {
  return worker(p.employeeId, { givenName: p.givenName, surname: p.surname, department: p.department, title: p.title, location: p.location, employeeType: p.employeeType, managerEmail: p.managerEmail, hireDate: p.hireDate });
}

/** The person's hire as one HR event (POST /api/hr/events). */
export function hireEvent(p: BenchPerson): Record<string, unknown> {
  const { employeeId, ...attributes } = p;
  return { eventId: `hire-${employeeId}`, type: 'hire', employeeId, attributes: { employeeId, ...attributes } };
}

/** A SCIM BulkRequest of these workers, 50 at most. */
export function bulkRequest(workers: readonly Record<string, unknown>[]): Record<string, unknown> {
  return { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: workers.map((data, i) => ({ method: 'POST', bulkId: `op${i}`, path: '/Users', data })) };
}

/** The display name the mappings give (Join(" ", givenName, surname)); the welcome mail's subject names it. */
export const displayNameOf = (p: BenchPerson) => `${p.givenName} ${p.surname}`;
