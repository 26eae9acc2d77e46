/** The action catalog and the worker's implementations are the same list: nothing declared is missing, nothing implemented is undeclared. */
import { describe, expect, it } from 'vitest';
import { createActionImplementations } from '../../activities/index.ts';
import { actionCatalog, connectorKinds } from '../../workflows/dsl/index.ts';
import { testActivityDeps } from '../support/deps.ts';

const implementations = createActionImplementations(testActivityDeps());

describe('action catalog', () => {
  it('has an implementation for every declared action, and declares every implementation', () => {
    expect(Object.keys(implementations).sort()).toEqual(actionCatalog.map((a) => a.id).sort());
  });

  it('names each action after its connector and declares it once', () => {
    const ids = actionCatalog.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const a of actionCatalog) {
      expect(a.id.startsWith(`${a.connector}.`), a.id).toBe(true);
      expect(connectorKinds).toContain(a.connector);
    }
  });
});
