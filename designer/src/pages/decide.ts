/** Approve or reject an open approval (`<runId>:<nodeId>`) through the public API. */
import { post } from '../api/client.ts';

export async function decide(approvalId: string, decision: 'approve' | 'reject', comment: string): Promise<string> {
  const answer = await post('/api/approvals/{id}/decision', {
    params: { path: { id: approvalId } },
    body: { decision, ...(comment.trim() !== '' ? { comment: comment.trim() } : {}) },
  });
  return answer.outcome;
}
