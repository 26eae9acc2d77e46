/**
 * The API token of this browser tab. sessionStorage keeps it for the tab's life only: closing the
 * tab signs out, and another site cannot read it.
 */
const key = 'tenure.token';

export function readToken(): string | null {
  return sessionStorage.getItem(key);
}

export function writeToken(token: string): void {
  sessionStorage.setItem(key, token);
}

export function clearToken(): void {
  sessionStorage.removeItem(key);
}
