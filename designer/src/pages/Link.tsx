/** An in-app link: a real anchor (open in a new tab works) that navigates without reloading. */
import type { ReactNode } from 'react';
import { navigate } from '../router.ts';

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  return (
    <a
      href={to}
      className={className}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
