/**
 * How a step Temporal is retrying reads on the run page — "Running — attempt 3 of 5, last error: …,
 * next retry in 12 s" — so a step that keeps failing never passes for a step at work.
 */
import type { ActivityAttemptView } from '../api/schemas.ts';
import { formatRelative } from '../ui/format.ts';

/** Whether an activity has more to say than "running": a retry under way, or one failed attempt behind it. */
export const isRetrying = (a: ActivityAttemptView): boolean => a.attempt > 1 || a.lastError !== null;

/** The retrying activity of each step; when a step has several, the one furthest into its retries. */
export function retryingByNode(activities: readonly ActivityAttemptView[]): Record<string, ActivityAttemptView> {
  const byNode: Record<string, ActivityAttemptView> = {};
  for (const a of activities) {
    if (a.nodeId === null || !isRetrying(a)) continue;
    const seen = byNode[a.nodeId];
    if (seen === undefined || a.attempt > seen.attempt) byNode[a.nodeId] = a;
  }
  return byNode;
}

export function attemptText(a: ActivityAttemptView): string {
  return `attempt ${a.attempt}${a.maximumAttempts !== null ? ` of ${a.maximumAttempts}` : ''}`;
}

export function errorText(a: ActivityAttemptView): string | undefined {
  if (a.lastError === null) return undefined;
  return a.lastError.type !== undefined ? `${a.lastError.message} (${a.lastError.type})` : a.lastError.message;
}

/** "next retry in 12 s", "next retry in 3 minutes", "next retry now"; nothing while an attempt runs. */
export function nextRetryText(a: ActivityAttemptView, now: number): string | undefined {
  if (a.nextAttemptAt === null) return undefined;
  const at = Date.parse(a.nextAttemptAt);
  if (Number.isNaN(at)) return undefined;
  const seconds = Math.ceil((at - now) / 1000);
  if (seconds <= 0) return 'next retry now';
  return seconds < 120 ? `next retry in ${seconds} s` : `next retry ${formatRelative(a.nextAttemptAt, now)}`;
}

export function attemptSummary(a: ActivityAttemptView, now: number): string {
  const error = errorText(a);
  const next = nextRetryText(a, now);
  const parts = [attemptText(a), ...(error !== undefined ? [`last error: ${error}`] : []), ...(next !== undefined ? [next] : [])];
  return `${a.state === 'paused' ? 'Paused' : 'Running'} — ${parts.join(', ')}`;
}
