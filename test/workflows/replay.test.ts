/**
 * Determinism: histories captured from real runs (scripts/capture-histories.ts) are replayed
 * against the current workflow code. A change that would make running workflows diverge fails here.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils.js';
import { Worker } from '@temporalio/worker';
import { describe, expect, inject, it } from 'vitest';

const dir = resolve(import.meta.dirname, '../fixtures/histories');
const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();

describe('replay of committed histories', () => {
  it('has histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)('replays %s without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(await readFile(join(dir, file), 'utf8')));
    await expect(Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, history, file)).resolves.toBeUndefined();
  });
});
