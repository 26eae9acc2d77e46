/**
 * Which admin pages a signed-in user's roles open. The designer may not import the server, so this
 * names the roles server/http/access.ts gives the routes each page reads; the server still decides
 * every request, and a page whose route refuses shows the refusal.
 */
export const adminPages = {
  people: { path: '/people', label: 'People', roles: ['operator', 'auditor', 'hr-source'] },
  imports: { path: '/imports', label: 'HR imports', roles: ['operator', 'auditor', 'hr-source'] },
  users: { path: '/users', label: 'Users', roles: ['admin', 'auditor'] },
  hrSources: { path: '/hr-sources', label: 'HR sources', roles: ['admin', 'auditor'] },
  audit: { path: '/audit', label: 'Audit', roles: ['auditor'] },
} as const;

export type AdminPage = keyof typeof adminPages;
/** The pages in the navigation's order. */
export const adminPageList = ['people', 'imports', 'users', 'hrSources', 'audit'] as const satisfies readonly AdminPage[];

/** Whether `held` opens the page (admin holds every role). */
export function mayOpen(page: AdminPage, held: readonly string[]): boolean {
  const needs: readonly string[] = adminPages[page].roles;
  return held.includes('admin') || needs.some((r) => held.includes(r));
}

/** The roles of routes that change things, where the page offers the button only to them. */
export const mayUploadImports = (held: readonly string[]) => held.includes('admin') || held.includes('hr-source');
export const isAdmin = (held: readonly string[]) => held.includes('admin');
