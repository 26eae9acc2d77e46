/**
 * A scenario's batch: people of the benchmark's kind (bench/people.ts: distinct names, spread over
 * the departments, sites and titles the built-in group rules know), each scenario under its own
 * employee-id prefix so that scenarios never touch each other's people, and what their hire implies.
 */
import { benchPerson, dateFromToday, displayNameOf, type BenchPerson } from '../../bench/people.ts';
import type { Expected } from './verify.ts';

/** `n` hires of prefix `prefix` (one upper-case letter), starting `hireDate` (today: the Joiner's wait for the first day is over). */
export function batch(prefix: string, n: number, hireDate = dateFromToday(0)): BenchPerson[] {
  return Array.from({ length: n }, (_, i) => benchPerson(prefix, i, hireDate));
}

/** Hired and working: their accounts enabled everywhere, the welcome mail and write-back sent. */
export function hired(people: readonly BenchPerson[]): Expected[] {
  return people.map((p) => ({ employeeId: p.employeeId, displayName: displayNameOf(p), accounts: 'enabled' }));
}
