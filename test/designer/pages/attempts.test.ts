/** The run page's wording for a step Temporal is retrying. */
import { describe, expect, it } from 'vitest';
import type { ActivityAttemptView } from '../../../designer/src/api/schemas.ts';
import { attemptSummary, retryingByNode } from '../../../designer/src/pages/attempts.ts';

const now = Date.UTC(2026, 0, 1, 9);
const attempt = (extra: Partial<ActivityAttemptView> = {}): ActivityAttemptView => ({
  nodeId: 'call',
  activityType: 'http.callout',
  state: 'scheduled',
  attempt: 3,
  maximumAttempts: 5,
  lastError: { message: 'the service could not be reached', type: 'HttpUnavailable' },
  lastAttemptAt: new Date(now - 1000).toISOString(),
  nextAttemptAt: new Date(now + 11_200).toISOString(),
  ...extra,
});

describe('attemptSummary', () => {
  it('says the attempt, the last error with its type and when the next retry comes', () => {
    expect(attemptSummary(attempt(), now)).toBe('Running — attempt 3 of 5, last error: the service could not be reached (HttpUnavailable), next retry in 12 s');
  });

  it('says an attempt is running when none is due, with no limit when there is none, and a retry due now', () => {
    expect(attemptSummary(attempt({ state: 'started', nextAttemptAt: null, maximumAttempts: null, lastError: { message: 'refused' } }), now)).toBe('Running — attempt 3, last error: refused');
    expect(attemptSummary(attempt({ nextAttemptAt: new Date(now - 500).toISOString() }), now)).toMatch(/, next retry now$/);
    expect(attemptSummary(attempt({ nextAttemptAt: new Date(now + 600_000).toISOString() }), now)).toMatch(/, next retry in 10 minutes$/);
  });
});

describe('retryingByNode', () => {
  it('keeps the retrying activities of steps, the furthest into its retries per step', () => {
    const first = attempt({ attempt: 1, lastError: null, nextAttemptAt: null });
    const own = attempt({ nodeId: null, activityType: 'store.loadRevision' });
    const further = attempt({ nodeId: 'mail', attempt: 4 });
    expect(retryingByNode([first, own, attempt({ nodeId: 'mail', attempt: 2 }), further])).toEqual({ mail: further });
  });
});
