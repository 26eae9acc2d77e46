/** Approve or reject an open approval (`<runId>:<nodeId>`) through the public API. */
import { post } from '../api/client.ts';
import { decisionAnswerSchema } from '../api/schemas.ts';

export async function decide(approvalId: string, decision: 'approve' | 'reject', comment: string): Promise<string> {
  const answer = await post(`/api/approvals/${encodeURIComponent(approvalId)}/decision`, decisionAnswerSchema, {
    decision,
    ...(comment.trim() !== '' ? { comment: comment.trim() } : {}),
  });
  return answer.outcome;
}
