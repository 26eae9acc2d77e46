/**
 * Enabling and disabling an LDAP entry the way its connection represents it (see connector.ts):
 * value changes on the status attribute, or a move to and from the disabled container. Only what
 * differs is written, so a repeated step changes nothing.
 */
import { Attribute, Change } from 'ldapts';
import { moveAccount, requireByAnchor } from '../directory/accounts.ts';
import { sameDn, splitDn } from '../directory/dn.ts';
import { valuesOf } from '../directory/entries.ts';
import { directoryFailure } from '../directory/errors.ts';
import type { DirectoryContext } from '../directory/profile.ts';
import { ldapUsersOu, type LdapConfig } from './connector.ts';

const valueChange = (operation: 'add' | 'delete', type: string, value: string) => new Change({ operation, modification: new Attribute({ type, values: [value] }) });

export async function setEntryEnabled(
  ctx: DirectoryContext,
  config: LdapConfig,
  anchor: string,
  enabled: boolean,
  enableInto?: string,
): Promise<{ dn: string; enabled: boolean; changed: boolean }> {
  const disabled = config.disabled;
  if (disabled.mode === 'move') {
    const entry = await requireByAnchor(ctx, anchor);
    const isDisabled = sameDn(splitDn(entry.dn).parent, disabled.disabledOu);
    if (isDisabled !== enabled) return { dn: entry.dn, enabled, changed: false };
    const moved = await moveAccount(ctx, anchor, enabled ? (enableInto ?? ldapUsersOu(config)) : disabled.disabledOu);
    return { dn: moved.dn, enabled, changed: moved.moved };
  }

  const entry = await requireByAnchor(ctx, anchor, [disabled.attribute]);
  const held = valuesOf(entry, disabled.attribute);
  const holds = (v: string) => held.some((h) => h.toLowerCase() === v.toLowerCase());
  const changes: Change[] = [];
  const [remove, add] = enabled ? [disabled.disabledValue, disabled.enabledValue] : [disabled.enabledValue, disabled.disabledValue];
  if (remove !== null && holds(remove)) changes.push(valueChange('delete', disabled.attribute, held.find((h) => h.toLowerCase() === remove.toLowerCase()) ?? remove));
  if (add !== null && !holds(add)) changes.push(valueChange('add', disabled.attribute, add));
  if (changes.length === 0) return { dn: entry.dn, enabled, changed: false };
  try {
    await ctx.session.modify(entry.dn, changes);
  } catch (error) {
    throw directoryFailure(error, `${enabled ? 'enabling' : 'disabling'} ${entry.dn} (${disabled.attribute})`);
  }
  return { dn: entry.dn, enabled, changed: true };
}
