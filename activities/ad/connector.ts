/**
 * What an Active Directory connection holds, and how it is tested. AD refuses simple binds in
 * clear, so the URL is ldaps:// or the connection uses StartTLS. The bind password is a secret:
 * write-only in the API, loaded only by activities.
 */
import { z } from 'zod';
import { attributeName, distinguishedName } from '../../workflows/dsl/catalog/directory.ts';
import { declareConnector } from '../connections.ts';
import { testDirectoryConnection } from '../directory/connectionTest.ts';
import { bindSecrets, directoryLimits, endpointFields } from '../directory/settings.ts';

export const adConfig = z
  .strictObject({
    ...endpointFields,
    /** Where new accounts go unless a step names an OU; CN=Users under the base DN by default. */
    usersOu: distinguishedName.optional(),
    /** The attribute that carries the person's HR id and finds their account. */
    anchorAttribute: attributeName.default('employeeID'),
    limits: directoryLimits,
  })
  .refine((c) => /^ldaps:\/\//i.test(c.url) || c.startTls, {
    message: 'Active Directory refuses simple binds without TLS: use an ldaps:// URL or set startTls',
    path: ['url'],
  });
export type AdConfig = z.infer<typeof adConfig>;

export const adSecrets = bindSecrets;

export function usersOuOf(config: AdConfig): string {
  return config.usersOu ?? `CN=Users,${config.baseDn}`;
}

export const adConnector = declareConnector({
  kind: 'ad',
  label: 'Active Directory',
  config: adConfig,
  secrets: adSecrets,
  test: async ({ config, secrets }) => testDirectoryConnection(config, secrets, { dns: [config.baseDn, usersOuOf(config)] }),
});
