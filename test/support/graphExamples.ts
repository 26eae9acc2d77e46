/**
 * Microsoft Graph's bulkUpload examples, posted unchanged and read back from the targets: shared by
 * test/e2e/entraGraphExample1.test.ts and entraGraphExample2.test.ts. Each example has a file (so a
 * stack) of its own, since both name the same two workers as the cURL quickstart in
 * entraExamples.test.ts.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { z } from 'zod';
import { attr } from './directory.ts';
import { isDisabled, type E2eStack } from './e2eStack.ts';
import { eventually } from './eventually.ts';

/** A fixture's bytes, exactly as Microsoft publishes them (test/fixtures/entra/README.md). */
const example = (file: string) => readFileSync(new URL(`../fixtures/entra/${file}`, import.meta.url), 'utf8');
const bulkAnswer = z.object({ errors: z.array(z.unknown()), Operations: z.array(z.looseObject({ status: z.string(), employeeId: z.string().optional(), outcome: z.string(), note: z.string().optional() })) });
const joinerSucceeded = (p: { runs: { definitionId: string; status: string }[] }) => p.runs.some((r) => r.definitionId === 'template-joiner' && r.status === 'succeeded');

/** Barbara and Kathy as both examples send them: employee id, display name, title. */
const workers = [
  ['701984', 'Babs Jensen', 'Tour Guide'],
  ['701985', 'Kathy Jensen', 'Tour Lead'],
] as const;

/**
 * Posts the example unchanged, as Entra's client does, as HR source `source`, and reads the three
 * targets once the Joiners succeed. Each example has a source of its own: person workflows are
 * named by source and employee id in the Temporal every test file shares.
 */
export async function postAndProvision(stack: E2eStack, file: string, source: string) {
  const res = await stack.sys.api('POST', `/api/inbound/scim/bulkUpload?source=${source}`, example(file), { 'content-type': 'application/scim+json' });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  const answer = bulkAnswer.parse(res.body);
  expect(answer.errors).toEqual([]);
  expect(answer.Operations.map((o) => [o.status, o.employeeId, o.outcome])).toEqual(workers.map(([id]) => ['202', id, 'hire']));

  for (const [id] of workers) await stack.person(id, joinerSucceeded, `${id}'s joiner run to succeed`, 240_000);
  for (const [id, displayName, title] of workers) {
    const ad = await eventually(async () => stack.adAccount(id), `${id}'s AD account`);
    expect(isDisabled(ad), id).toBe(false);
    expect([attr(ad, 'displayName'), attr(ad, 'title'), attr(ad, 'department')], id).toEqual([[displayName], [title], ['Tour Operations']]);
    const entra = stack.entraUsers(id);
    expect(entra, id).toHaveLength(1);
    expect(entra[0]?.props, id).toMatchObject({ accountEnabled: true, displayName, jobTitle: title, department: 'Tour Operations' });
    const app = await eventually(async () => {
      const found = await stack.appUsers(id);
      return found.length === 1 ? found[0] : undefined;
    }, `${id}'s app account`);
    expect(app.active, id).toBe(true);
  }
  // Kathy's manager.value names Barbara, who came in the same request: set in AD and Entra ID.
  const barbara = await stack.adAccount('701984');
  await eventually(async () => (attr(await stack.adAccount('701985'), 'manager')[0] === barbara?.dn ? true : undefined), "Kathy's AD manager to be Barbara", 120_000);
  await eventually(() => Promise.resolve(stack.entraUsers('701985')[0]?.managerId === stack.entraUsers('701984')[0]?.id ? true : undefined), "Kathy's Entra ID manager to be Barbara", 120_000);
  return answer;
}
