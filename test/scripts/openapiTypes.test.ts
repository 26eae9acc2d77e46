/** designer/src/api/openapi.ts is what the server's route declarations produce: regenerate it when a route changes. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiTypesCommand, renderOpenApiTypes } from '../../scripts/openapiTypes.ts';

const generated = join(import.meta.dirname, '../../designer/src/api/openapi.ts');

describe("the designer's API types", () => {
  it(`are what the server's OpenAPI document produces (run \`${openApiTypesCommand}\` after changing a route)`, async () => {
    expect(await readFile(generated, 'utf8'), `designer/src/api/openapi.ts is stale: run \`${openApiTypesCommand}\``).toBe(await renderOpenApiTypes());
  });
});
