/**
 * The session token a page works with. It may arrive in the URL fragment (`#token=<jwt>`), which browsers never
 * send to a server; it is then kept for this tab only (sessionStorage) and taken out of the address bar, so it
 * is not bookmarked, shared or left in the history.
 */
export function sessionToken(storageKey: string): string | undefined {
  const handedOver = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (handedOver) {
    sessionStorage.setItem(storageKey, handedOver);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(storageKey) ?? undefined;
}

export function keepSessionToken(storageKey: string, token: string | undefined): void {
  if (token) sessionStorage.setItem(storageKey, token);
  else sessionStorage.removeItem(storageKey);
}
