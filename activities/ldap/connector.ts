/**
 * What a generic LDAP connection holds (OpenLDAP and alike: inetOrgPerson users, groupOfNames
 * groups), and how it is tested. LDAP has no standard "account disabled", so the connection says
 * how it is represented:
 *
 * - `{ mode: 'attribute', attribute, disabledValue, enabledValue }`: disabling adds disabledValue to
 *   the attribute (and removes enabledValue); enabling does the reverse. Other values of the
 *   attribute are kept, so a multi-valued attribute such as employeeType can carry it.
 *   The default: employeeType holds "disabled" while the account is disabled.
 * - `{ mode: 'move', disabledOu }`: disabling moves the entry to disabledOu; enabling moves it back
 *   (to the step's `ou`, or usersOu). New entries are created in disabledOu.
 *
 * For `member` and `manager` values to follow entries that move or go, enable OpenLDAP's refint
 * overlay on those attributes.
 */
import { z } from 'zod';
import { attributeName, distinguishedName } from '../../workflows/dsl/catalog/directory.ts';
import { declareConnector } from '../connections.ts';
import { testDirectoryConnection } from '../directory/connectionTest.ts';
import { bindSecrets, directoryLimits, endpointFields } from '../directory/settings.ts';

const objectClassName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'an object class name');

export const disabledRepresentation = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('attribute'),
    attribute: attributeName,
    disabledValue: z.string().min(1).max(1024),
    /** Present while enabled; null: the attribute simply lacks disabledValue. */
    enabledValue: z.string().min(1).max(1024).nullable().default(null),
  }),
  z.strictObject({ mode: z.literal('move'), disabledOu: distinguishedName }),
]);

export const ldapConfig = z.strictObject({
  ...endpointFields,
  /** Where new entries go unless a step names a container; ou=People under the base DN by default. */
  usersOu: distinguishedName.optional(),
  anchorAttribute: attributeName.default('employeeNumber'),
  /** The attribute that names entries: cn=Ada Lovelace,… or uid=ada,… */
  rdnAttribute: z.enum(['cn', 'uid']).default('cn'),
  userObjectClasses: z.array(objectClassName).min(1).max(20).default(['top', 'person', 'organizationalPerson', 'inetOrgPerson']),
  groupObjectClass: objectClassName.default('groupOfNames'),
  disabled: disabledRepresentation.default({ mode: 'attribute', attribute: 'employeeType', disabledValue: 'disabled', enabledValue: null }),
  /** `exop`: the Password Modify operation (RFC 3062), so the server hashes; `replace`: write userPassword as given. */
  passwordChange: z.enum(['exop', 'replace']).default('exop'),
  limits: directoryLimits,
});
export type LdapConfig = z.infer<typeof ldapConfig>;

export const ldapSecrets = bindSecrets;

export function ldapUsersOu(config: LdapConfig): string {
  return config.usersOu ?? `ou=People,${config.baseDn}`;
}

export const ldapConnector = declareConnector({
  kind: 'ldap',
  label: 'LDAP directory',
  config: ldapConfig,
  secrets: ldapSecrets,
  test: async ({ config, secrets }) =>
    testDirectoryConnection(config, secrets, {
      dns: [config.baseDn, ldapUsersOu(config), ...(config.disabled.mode === 'move' ? [config.disabled.disabledOu] : [])],
    }),
});
