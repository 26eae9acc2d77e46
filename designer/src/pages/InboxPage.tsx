/** The inbox: approvals waiting for the caller, each approved or rejected with an optional comment. */
import { useCallback, useEffect, useState } from 'react';
import { describeError } from '../api/client.ts';
import { Empty, ErrorNote, Spinner } from '../ui/common.tsx';
import { formatInstant, formatRelative } from '../ui/format.ts';
import { toast } from '../ui/toast.ts';
import { loadInbox, type Inbox, type InboxCard } from './approvals.ts';
import { decide } from './decide.ts';
import { Link } from './Link.tsx';

const refreshMs = 5000;

/** "Ada Lovelace (E-1)", or the employee id alone when HR sent no name. */
function personLabel(item: InboxCard): string {
  const name = item.person?.displayName;
  return name !== undefined && name !== '' ? `${name} (${item.employeeId})` : item.employeeId;
}

function ApprovalCard({ item, onDecided }: { item: InboxCard; onDecided: (id: string) => void }) {
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const act = async (decision: 'approve' | 'reject') => {
    setBusy(decision);
    setError(null);
    try {
      const outcome = await decide(item.id, decision, comment);
      toast('success', `${decision === 'approve' ? 'Approved' : 'Rejected'}: the run continues (${outcome}).`);
      onDecided(item.id);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(null);
    }
  };
  const commentId = `comment-${item.id}`;
  return (
    <article className="approval-card" data-approval={item.id} aria-label={`Approval for ${item.employeeId}`}>
      <header>
        <h3>{item.question !== '' ? item.question : 'Approval requested'}</h3>
        <p className="muted small">
          <strong data-testid="approval-person">{personLabel(item)}</strong> · {item.definitionId} · step {item.step ?? <code>{item.nodeId}</code>} · <Link to={`/runs/${encodeURIComponent(item.runId)}`}>open the run</Link>
        </p>
      </header>
      <dl className="facts">
        {item.onApprove !== undefined && item.onApprove !== '' && (
          <div>
            <dt>Approving will</dt>
            <dd data-testid="approval-on-approve">{item.onApprove}</dd>
          </div>
        )}
        {item.requestedBy !== undefined && item.requestedBy !== '' && (
          <div>
            <dt>Requested by</dt>
            <dd>{item.requestedBy}</dd>
          </div>
        )}
        <div>
          <dt>Asked</dt>
          <dd title={formatInstant(item.openedAt)}>{formatRelative(item.openedAt)}</dd>
        </div>
        {item.deadline !== undefined && (
          <div>
            <dt>Due</dt>
            <dd>{formatInstant(item.deadline)}</dd>
          </div>
        )}
        <div>
          <dt>Approvers</dt>
          <dd>{item.approvers.join(', ')}</dd>
        </div>
      </dl>
      <label htmlFor={commentId} className="field-label">
        Comment
      </label>
      <textarea id={commentId} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Optional: why, for the record" />
      <div className="button-row">
        <button type="button" className="button primary" disabled={busy !== null} onClick={() => void act('approve')}>
          {busy === 'approve' ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" className="button danger" disabled={busy !== null} onClick={() => void act('reject')}>
          {busy === 'reject' ? 'Rejecting…' : 'Reject'}
        </button>
      </div>
      {error !== null && <ErrorNote message={error} />}
    </article>
  );
}

export function InboxPage() {
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [decided, setDecided] = useState<Set<string>>(new Set());

  const load = useCallback(async () => {
    try {
      setInbox(await loadInbox());
      setError(null);
    } catch (e) {
      setError(describeError(e));
    }
  }, []);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), refreshMs);
    return () => clearInterval(timer);
  }, [load]);

  const items = inbox?.items.filter((i) => !decided.has(i.id)) ?? [];
  return (
    <div className="page">
      <div className="page-head">
        <h1>Inbox</h1>
        <button type="button" className="button" onClick={() => void load()}>
          Refresh
        </button>
      </div>
      {inbox !== null && !inbox.personal && <p className="muted small">Every open approval is listed; the server accepts a decision only from an assigned approver.</p>}
      {error !== null && <ErrorNote message={`The inbox could not be loaded: ${error}`} onRetry={() => void load()} />}
      {inbox === null && error === null && <Spinner label="Loading approvals…" />}
      {inbox !== null && items.length === 0 && <Empty title="Nothing to approve">Approvals that wait for you appear here.</Empty>}
      <div className="approval-list">
        {items.map((item) => (
          <ApprovalCard key={item.id} item={item} onDecided={(id) => setDecided((d) => new Set([...d, id]))} />
        ))}
      </div>
    </div>
  );
}
