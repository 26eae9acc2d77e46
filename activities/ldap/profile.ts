/** How a generic LDAP directory looks to the shared account operations, from its connection's config. */
import { EqualityFilter } from 'ldapts';
import { sameDn, splitDn } from '../directory/dn.ts';
import { valuesOf } from '../directory/entries.ts';
import type { DirectoryProfile } from '../directory/profile.ts';
import { ldapUsersOu, type LdapConfig } from './connector.ts';

export function ldapProfile(config: LdapConfig): DirectoryProfile {
  const disabled = config.disabled;
  const userClass = config.userObjectClasses.at(-1) ?? 'inetOrgPerson';
  const markers = disabled.mode === 'attribute' ? [disabled.disabledValue, ...(disabled.enabledValue === null ? [] : [disabled.enabledValue])] : [];
  return {
    noun: 'LDAP entry',
    baseDn: config.baseDn,
    usersOu: ldapUsersOu(config),
    anchorAttribute: config.anchorAttribute,
    rdnAttribute: config.rdnAttribute,
    userObjectClasses: config.userObjectClasses,
    userFilter: new EqualityFilter({ attribute: 'objectClass', value: userClass }),
    groupFilter: new EqualityFilter({ attribute: 'objectClass', value: config.groupObjectClass }),
    groupNameAttributes: ['cn'],
    defaultReadAttributes: ['cn', 'uid', 'givenName', 'sn', 'displayName', 'mail', 'title', 'departmentNumber', 'employeeType', 'manager'],
    createDefaults: disabled.mode === 'attribute' ? { [disabled.attribute]: [disabled.disabledValue] } : {},
    statusAttributes: disabled.mode === 'attribute' ? [disabled.attribute] : [],
    isEnabled: (entry) =>
      disabled.mode === 'attribute'
        ? !valuesOf(entry, disabled.attribute).some((v) => v.toLowerCase() === disabled.disabledValue.toLowerCase())
        : !sameDn(splitDn(entry.dn).parent, disabled.disabledOu),
    statusValues: (attribute) => (disabled.mode === 'attribute' && attribute.toLowerCase() === disabled.attribute.toLowerCase() ? markers : []),
    valueTakenFilter: (attribute, value) => new EqualityFilter({ attribute, value }),
  };
}
