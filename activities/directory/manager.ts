/** The `manager` attribute: the DN of the manager's own account, found by the manager's anchor. */
import { ApplicationFailure } from '@temporalio/common';
import { Attribute, Change } from 'ldapts';
import { findByAnchor, requireByAnchor } from './accounts.ts';
import { sameDn } from './dn.ts';
import { firstValue } from './entries.ts';
import { directoryFailure } from './errors.ts';
import type { DirectoryContext } from './profile.ts';

export async function setManager(ctx: DirectoryContext, anchor: string, managerAnchor: string | null): Promise<{ dn: string; managerDn: string | null; changed: boolean }> {
  const entry = await requireByAnchor(ctx, anchor, ['manager']);
  const current = firstValue(entry, 'manager');
  let managerDn: string | null = null;
  if (managerAnchor !== null && managerAnchor !== '') {
    const manager = await findByAnchor(ctx, managerAnchor);
    if (!manager) {
      throw ApplicationFailure.nonRetryable(
        `the manager has no ${ctx.profile.noun} (${ctx.profile.anchorAttribute}=${JSON.stringify(managerAnchor)}): create the manager’s account first, then retry`,
        'ManagerNotFound',
      );
    }
    managerDn = manager.dn;
  }
  if (managerDn === null ? current === undefined : current !== undefined && sameDn(current, managerDn)) return { dn: entry.dn, managerDn, changed: false };
  const change =
    managerDn === null
      ? new Change({ operation: 'delete', modification: new Attribute({ type: 'manager', values: [] }) })
      : new Change({ operation: 'replace', modification: new Attribute({ type: 'manager', values: [managerDn] }) });
  try {
    await ctx.session.modify(entry.dn, [change]);
  } catch (error) {
    throw directoryFailure(error, `setting the manager of ${entry.dn}`);
  }
  return { dn: entry.dn, managerDn, changed: true };
}
