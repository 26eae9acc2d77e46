/** Every connector kind's declaration: what its connections hold and how they are tested. */
import type { ConnectorDeclaration } from './connections.ts';

// One line per connector: `import { adConnector } from './ad/connector.ts';` above, its name below.
export const connectorDeclarations: readonly ConnectorDeclaration[] = [];

export function findConnector(kind: string): ConnectorDeclaration | undefined {
  return connectorDeclarations.find((c) => c.kind === kind);
}
