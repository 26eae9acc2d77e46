/** Every connector kind's declaration: what its connections hold and how they are tested. */
import { adConnector } from './ad/connector.ts';
import type { ConnectorDeclaration } from './connections.ts';
import { emailConnector } from './email/connector.ts';
import { entraConnector } from './entra/connector.ts';
import { hrConnector } from './hr/connector.ts';
import { httpConnector } from './http/connector.ts';
import { ldapConnector } from './ldap/connector.ts';
import { scimConnector } from './scim/connector.ts';

// One line per connector: `import { adConnector } from './ad/connector.ts';` above, its name below.
export const connectorDeclarations: readonly ConnectorDeclaration[] = [scimConnector, emailConnector, httpConnector, entraConnector, adConnector, ldapConnector, hrConnector];

export function findConnector(kind: string): ConnectorDeclaration | undefined {
  return connectorDeclarations.find((c) => c.kind === kind);
}
