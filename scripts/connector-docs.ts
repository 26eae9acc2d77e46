/** Rewrites docs/connectors.md from the connector declarations: `node scripts/connector-docs.ts`. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderConnectorReference } from './connectorReference.ts';

const target = join(import.meta.dirname, '../docs/connectors.md');
await writeFile(target, renderConnectorReference());
console.log(`wrote ${target}`);
