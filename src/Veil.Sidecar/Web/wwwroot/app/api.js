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

/**
 * The signed-in reviewer. Today: the admin bearer token, kept for this tab in sessionStorage.
 * When logins arrive, `fetch` below sends the session cookie (credentials: 'same-origin') instead.
 */
export const reviewer = {
  get signedIn() { return sessionStorage.getItem(TOKEN_KEY) !== null; },
  get actor() { return sessionStorage.getItem(ACTOR_KEY) || ''; },

  signIn(token, actor) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(ACTOR_KEY, actor);
  },

  signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ACTOR_KEY);
  },

  async fetch(path, init = {}) {
    const headers = new Headers(init.headers);
    headers.set('Authorization', `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`);
    if (this.actor) headers.set('X-Veil-Actor', this.actor);
    const response = await fetch(path, { ...init, headers, credentials: 'omit' });
    if (!response.ok) throw await apiError(response);
    return response;
  },

  async json(path, init) { return (await this.fetch(path, init)).json(); },
};
