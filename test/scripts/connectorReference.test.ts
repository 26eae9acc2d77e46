/** docs/connectors.md is the reference the declarations produce: regenerate it when a connector changes. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectorDeclarations } from '../../activities/connectors.ts';
import { renderConnectorReference } from '../../scripts/connectorReference.ts';

const reference = join(import.meta.dirname, '../../docs/connectors.md');

describe('the connector settings reference', () => {
  it('is what the declarations produce (run `node scripts/connector-docs.ts` after changing a connector)', async () => {
    expect(await readFile(reference, 'utf8')).toBe(renderConnectorReference());
  });

  it('has a section for every connector kind, with its required settings and secrets', () => {
    const text = renderConnectorReference();
    for (const c of connectorDeclarations) expect(text).toContain(`## <a id="${c.kind}"></a>${c.label} (\`${c.kind}\`)`);
    const start = text.indexOf('(`email`)');
    const email = text.slice(start, text.indexOf('\n## ', start));
    expect(email).toContain('| `host` | yes | string, 1–253 characters |  |');
    expect(email).toContain('| `port` |  | integer, 1–65535 | `587` |');
    expect(email).toContain('| `password` |  | string, 1–1000 characters |');
  });
});
