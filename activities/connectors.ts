/** Every connector kind's declaration: what its connections hold and how they are tested. */
import { z } from 'zod';
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

/**
 * Every connector as the API serves it: its settings and secrets as JSON Schema (what a new
 * connection may hold; defaults filled in are not required), so the designer's forms and the
 * settings reference in docs/ come from the same declaration the API validates with.
 */
export function describeConnectors() {
  return connectorDeclarations.map((c) => ({
    kind: c.kind,
    label: c.label,
    config: z.toJSONSchema(c.config, { io: 'input', unrepresentable: 'any' }),
    secrets: z.toJSONSchema(c.secrets, { io: 'input', unrepresentable: 'any' }),
  }));
}
