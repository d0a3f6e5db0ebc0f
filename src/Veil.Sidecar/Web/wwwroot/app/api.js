// Requests to the sidecar's API. Public pages send no credentials, so they show exactly what anyone
// sees; the review page goes through `reviewer`, the one place that knows how a reviewer signs in.

/** The API's { "error": "..." } as an Error, with the status. */
async function apiError(response) {
  let message = `${response.status} ${response.statusText}`;
  try {
    const body = await response.json();
    if (body && body.error) message = body.error;
  } catch { /* not JSON: keep the status line */ }
  const error = new Error(message);
  error.status = response.status;
  return error;
}

/** GET path?params as the public; params is a URLSearchParams or a plain object. */
export async function getJson(path, params) {
  const query = params ? new URLSearchParams(params).toString() : '';
  const response = await fetch(query ? `${path}?${query}` : path, { credentials: 'omit' });
  if (!response.ok) throw await apiError(response);
  return response.json();
}

const TOKEN_KEY = 'veil.review.token';
const ACTOR_KEY = 'veil.review.actor';
const SESSION_KEY = 'veil.review.session';

/**
 * The signed-in reviewer: a user session (POST /api/login sets an HttpOnly cookie; this tab only
 * remembers that it signed in and as whom), or the admin bearer token kept for this tab in
 * sessionStorage. Cookie requests carry X-Veil-Request, the sidecar's CSRF check.
 */
export const reviewer = {
  get signedIn() { return sessionStorage.getItem(TOKEN_KEY) !== null || sessionStorage.getItem(SESSION_KEY) !== null; },
  get actor() { return sessionStorage.getItem(ACTOR_KEY) || sessionStorage.getItem(SESSION_KEY) || ''; },

  signIn(token, actor) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(ACTOR_KEY, actor);
  },

  async logIn(name, password) {
    const response = await fetch('/api/login', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Veil-Request': '1' },
      body: JSON.stringify({ name, password }),
    });
    if (!response.ok) throw await apiError(response);
    sessionStorage.setItem(SESSION_KEY, name);
  },

  async signOut() {
    if (sessionStorage.getItem(SESSION_KEY) !== null)
      await fetch('/api/logout', { method: 'POST', credentials: 'same-origin', headers: { 'X-Veil-Request': '1' } }).catch(() => {});
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ACTOR_KEY);
    sessionStorage.removeItem(SESSION_KEY);
  },

  async fetch(path, init = {}) {
    const headers = new Headers(init.headers);
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (token !== null) {
      headers.set('Authorization', `Bearer ${token}`);
      if (this.actor) headers.set('X-Veil-Actor', this.actor);
    } else {
      headers.set('X-Veil-Request', '1');
    }
    const response = await fetch(path, { ...init, headers, credentials: token !== null ? 'omit' : 'same-origin' });
    if (!response.ok) throw await apiError(response);
    return response;
  },

  async json(path, init) { return (await this.fetch(path, init)).json(); },
};
