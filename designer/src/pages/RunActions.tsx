/**
 * Retry and cancel a run, from the runs list and from the run page: one pair of buttons over the two
 * API routes. Retry on a failed run resets it to its failed step (the same run, the same pinned
 * revision, its variables and earlier steps kept); on a running run it retries the steps waiting for
 * an operator. Cancel asks Temporal to cancel the run; the run ends cancelled and tells its person.
 */
import { useState } from 'react';
import { describeError, post } from '../api/client.ts';
import { toast } from '../ui/toast.ts';

export function RunActions({ runId, workflowStatus, canRetryRunning = false, onDone }: { runId: string; workflowStatus: string; canRetryRunning?: boolean; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const act = async (what: 'retry' | 'cancel') => {
    if (what === 'cancel' && !window.confirm('Cancel this run? Steps in progress are cancelled and the run ends; it cannot be resumed.')) return;
    setBusy(true);
    try {
      if (what === 'retry') {
        const answer = await post('/api/runs/{id}/retry', { params: { path: { id: runId } }, body: {} });
        toast('success', answer.mode === 'reset' ? `Retrying from step ${answer.nodeIds.join(', ')}` : `Retrying step ${answer.nodeIds.join(', ')}`);
      } else {
        await post('/api/runs/{id}/cancel', { params: { path: { id: runId } } });
        toast('success', 'Cancelling the run');
      }
      onDone();
    } catch (e) {
      toast('error', describeError(e));
    } finally {
      setBusy(false);
    }
  };
  const retryable = workflowStatus === 'FAILED' || (workflowStatus === 'RUNNING' && canRetryRunning);
  if (!retryable && workflowStatus !== 'RUNNING') return null;
  return (
    <span className="button-row run-actions">
      {retryable && (
        <button type="button" className="button small" disabled={busy} onClick={() => void act('retry')} title={workflowStatus === 'FAILED' ? 'Run the failed step again, keeping what the run did before it' : 'Retry the steps waiting for an operator'}>
          {workflowStatus === 'FAILED' ? 'Retry from failed step' : 'Retry'}
        </button>
      )}
      {workflowStatus === 'RUNNING' && (
        <button type="button" className="button small danger" disabled={busy} onClick={() => void act('cancel')}>
          Cancel
        </button>
      )}
    </span>
  );
}
