/** Rewrites the designer's API types from the server's route declarations: `node scripts/openapi-types.ts`. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderOpenApiTypes } from './openapiTypes.ts';

const target = join(import.meta.dirname, '../designer/src/api/openapi.ts');
await writeFile(target, await renderOpenApiTypes());
console.log(`wrote ${target}`);
