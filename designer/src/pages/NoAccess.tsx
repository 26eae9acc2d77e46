/**
 * What someone sees on a page their roles do not open, reached by a link or a bookmark: which page,
 * which roles open it and which they hold, instead of being moved elsewhere without a word.
 */
import { Link } from './Link.tsx';

/** "auditor", "admin or auditor", "operator, auditor or hr-source". */
function either(roles: readonly string[]): string {
  if (roles.length <= 1) return roles.join('');
  return `${roles.slice(0, -1).join(', ')} or ${roles.slice(-1).join('')}`;
}

export function NoAccess({ page, needs, held }: { page: string; needs: readonly string[]; held: readonly string[] }) {
  return (
    <div className="page">
      <div className="warn-note" role="alert" data-testid="no-access">
        <p>
          <strong>
            You do not have access to {page} (needs role {either(needs)}).
          </strong>
        </p>
        <p>
          You are signed in {held.length === 0 ? 'without any role' : `with the role${held.length === 1 ? '' : 's'} ${held.join(', ')}`}. An admin can give you a role on the Users page; admins open every page.
        </p>
        <p>
          <Link to="/inbox">Go to your inbox</Link>
        </p>
      </div>
    </div>
  );
}
