/** Rewrites docs/hr.md from the code that reads HR input and from the built-in templates: `node scripts/hr-docs.ts`. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderHrReference } from './hrReference.ts';

const target = join(import.meta.dirname, '../docs/hr.md');
await writeFile(target, renderHrReference());
console.log(`wrote ${target}`);
