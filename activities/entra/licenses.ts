/**
 * License assignment. The user's assigned licenses are read first, so only the missing ones are
 * added and only the present ones removed: a rerun sends nothing, and Graph's 400 for removing a
 * license the user lacks never happens. Assigning needs a usageLocation on the user; Graph says so.
 */
import { z } from 'zod';
import type { entraAssignLicenses, entraRemoveLicenses } from '../../workflows/dsl/catalog/entra.ts';
import { graphCall, type EntraTarget } from './call.ts';
import { requireUser } from './lookup.ts';
import { segment } from './odata.ts';

const assigned = z.object({ assignedLicenses: z.array(z.object({ skuId: z.string() }).loose()).default([]) });

async function current(target: EntraTarget, ref: string) {
  const user = await requireUser(target, ref, ['assignedLicenses']);
  return { id: user.id, skus: new Set(assigned.parse(user).assignedLicenses.map((l) => l.skuId.toLowerCase())) };
}

async function assignLicense(target: EntraTarget, id: string, what: string, body: { addLicenses: { skuId: string; disabledPlans: string[] }[]; removeLicenses: string[] }) {
  await graphCall(target, { what, permission: 'LicenseAssignment.ReadWrite.All' }, (g) => g.api(`/users/${segment(id)}/assignLicense`).post(body));
}

export async function assignLicenses(target: EntraTarget, input: z.infer<typeof entraAssignLicenses.input>) {
  const user = await current(target, input.user);
  const wanted = [...new Set(input.skuIds)];
  const missing = wanted.filter((s) => !user.skus.has(s.toLowerCase()));
  if (missing.length > 0) {
    await assignLicense(target, user.id, `assign licenses ${missing.join(', ')} to user ${user.id}`, { addLicenses: missing.map((skuId) => ({ skuId, disabledPlans: [] })), removeLicenses: [] });
  }
  return { id: user.id, assigned: missing, alreadyAssigned: wanted.filter((s) => !missing.includes(s)) };
}

export async function removeLicenses(target: EntraTarget, input: z.infer<typeof entraRemoveLicenses.input>) {
  const user = await current(target, input.user);
  const named = [...new Set(input.skuIds)];
  const present = named.filter((s) => user.skus.has(s.toLowerCase()));
  if (present.length > 0) await assignLicense(target, user.id, `remove licenses ${present.join(', ')} from user ${user.id}`, { addLicenses: [], removeLicenses: present });
  return { id: user.id, removed: present, notAssigned: named.filter((s) => !present.includes(s)) };
}
