/**
 * Enabling and disabling an AD account: the ACCOUNTDISABLE bit of userAccountControl, with every
 * other flag kept as it is (password-never-expires, smartcard-required…). Written only when the
 * bit has to change.
 */
import { ApplicationFailure } from '@temporalio/common';
import { Attribute, Change } from 'ldapts';
import { requireByAnchor } from '../directory/accounts.ts';
import { directoryFailure, isResult } from '../directory/errors.ts';
import type { DirectoryContext } from '../directory/profile.ts';
import { accountDisabled, userAccountControl } from './profile.ts';

export async function setAccountEnabled(ctx: DirectoryContext, anchor: string, enabled: boolean): Promise<{ dn: string; enabled: boolean; changed: boolean }> {
  const entry = await requireByAnchor(ctx, anchor, ['userAccountControl']);
  const flags = userAccountControl(entry);
  if (flags === undefined) throw ApplicationFailure.nonRetryable(`${entry.dn} has no readable userAccountControl: grant the connection’s account read access to it`, 'LdapAccessDenied');
  const wanted = enabled ? flags & ~accountDisabled : flags | accountDisabled;
  if (wanted === flags) return { dn: entry.dn, enabled, changed: false };
  try {
    await ctx.session.modify(entry.dn, [new Change({ operation: 'replace', modification: new Attribute({ type: 'userAccountControl', values: [String(wanted)] }) })]);
  } catch (error) {
    if (enabled && (isResult(error, 'unwillingToPerform') || isResult(error, 'constraintViolation'))) {
      throw ApplicationFailure.nonRetryable(
        `${entry.dn} cannot be enabled: AD requires a password that meets the policy first (set the password in an earlier step)`,
        'AccountNeedsPassword',
      );
    }
    throw directoryFailure(error, `${enabled ? 'enabling' : 'disabling'} ${entry.dn}`);
  }
  return { dn: entry.dn, enabled, changed: true };
}
