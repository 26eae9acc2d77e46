/** How Active Directory looks to the shared account operations. */
import { AndFilter, EqualityFilter, NotFilter, OrFilter, type Entry } from 'ldapts';
import { firstValue } from '../directory/entries.ts';
import type { DirectoryProfile } from '../directory/profile.ts';
import { usersOuOf, type AdConfig } from './connector.ts';

/** userAccountControl flags (MS-ADTS 2.2.16). */
export const accountDisabled = 0x2;
const normalAccount = 0x200;

export function userAccountControl(entry: Entry): number | undefined {
  const raw = firstValue(entry, 'userAccountControl');
  const flags = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(flags) ? flags : undefined;
}

export function adProfile(config: AdConfig): DirectoryProfile {
  return {
    noun: 'AD account',
    baseDn: config.baseDn,
    usersOu: usersOuOf(config),
    anchorAttribute: config.anchorAttribute,
    rdnAttribute: 'cn',
    userObjectClasses: ['top', 'person', 'organizationalPerson', 'user'],
    // Computers are users too in AD's schema.
    userFilter: new AndFilter({
      filters: [new EqualityFilter({ attribute: 'objectClass', value: 'user' }), new NotFilter({ filter: new EqualityFilter({ attribute: 'objectClass', value: 'computer' }) })],
    }),
    groupFilter: new EqualityFilter({ attribute: 'objectClass', value: 'group' }),
    groupNameAttributes: ['sAMAccountName', 'cn'],
    defaultReadAttributes: ['cn', 'sAMAccountName', 'userPrincipalName', 'givenName', 'sn', 'displayName', 'mail', 'department', 'title', 'manager', 'memberOf', 'userAccountControl'],
    // Created disabled: the account gets a password and is enabled by later steps.
    createDefaults: { userAccountControl: [String(normalAccount | accountDisabled)] },
    statusAttributes: ['userAccountControl'],
    isEnabled: (entry) => {
      const flags = userAccountControl(entry);
      return flags === undefined ? null : (flags & accountDisabled) === 0;
    },
    statusValues: () => [],
    valueTakenFilter: (attribute, value) =>
      attribute.toLowerCase() === 'mail'
        ? new OrFilter({ filters: [new EqualityFilter({ attribute: 'mail', value }), new EqualityFilter({ attribute: 'proxyAddresses', value: `smtp:${value}` })] })
        : new EqualityFilter({ attribute, value }),
  };
}
