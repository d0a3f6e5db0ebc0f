// The review page: events of one status (pending first) with approve, reject, delete and edits of
// kind and note, and the recycle bin (deleted events) with restore. Every change is audited by the
// sidecar under the reviewer's name.

import { reviewer } from './api.js';
import { el, kindLabel, timeElement } from './format.js';

const signIn = document.getElementById('sign-in');
const logIn = document.getElementById('log-in');
const workspace = document.getElementById('workspace');
const message = document.getElementById('message');
const statusChoice = document.getElementById('status-choice');
const queue = document.getElementById('queue');
const bin = document.getElementById('bin');
const blobUrls = [];

function say(text) { message.textContent = text; }

/** Snapshots of events that are not public need the reviewer's credentials, so they are fetched and shown as blob: URLs. */
function snapshot(e) {
  if (!e.snapshot_url) return el('div', { class: 'no-snapshot' }, 'No snapshot');
  const img = el('img', { alt: `Anonymized snapshot of the ${kindLabel(e.kind)} event` });
  reviewer.fetch(e.snapshot_url).then(r => r.blob()).then(blob => {
    const url = URL.createObjectURL(blob);
    blobUrls.push(url);
    img.src = url;
  }).catch(error => { img.alt = `Snapshot not loaded: ${error.message ?? error}`; });
  return img;
}

async function act(e, action) {
  try {
    await reviewer.fetch(`/api/events/${encodeURIComponent(e.id)}/${action}`, { method: 'POST' });
    say(`${action}: ${e.id} done`);
  } catch (error) {
    say(`${action} ${e.id} failed: ${error.message ?? error}`);
  }
  await refresh();
}

async function edit(e, form) {
  try {
    const body = JSON.stringify({ kind: form.elements.kind.value, note: form.elements.note.value });
    await reviewer.fetch(`/api/events/${encodeURIComponent(e.id)}`, { method: 'PATCH', headers: { 'Content-Type': 'application/json' }, body });
    say(`saved ${e.id}`);
  } catch (error) {
    say(`saving ${e.id} failed: ${error.message ?? error}`);
  }
  await refresh();
}

function button(label, onClick) {
  const b = el('button', { type: 'button' }, label);
  b.addEventListener('click', onClick);
  return b;
}

const ACTIONS = {
  pending: ['approve', 'reject', 'delete'],
  approved: ['reject', 'delete'],
  rejected: ['approve', 'delete'],
  deleted: ['restore'],
};

function card(e) {
  const idPart = e.id.replace(/[^A-Za-z0-9_-]/g, '_');
  const form = el('form', { class: 'edit' },
    el('label', { for: `kind-${idPart}` }, 'Kind'),
    el('input', { id: `kind-${idPart}`, name: 'kind', value: e.kind, required: true, pattern: '[A-Za-z0-9_.\\-]{1,64}' }),
    el('label', { for: `note-${idPart}` }, 'Note'),
    el('textarea', { id: `note-${idPart}`, name: 'note', rows: 2, maxlength: 2000 }, e.note ?? ''),
    el('button', { type: 'submit' }, 'Save kind and note'));
  form.addEventListener('submit', event => { event.preventDefault(); edit(e, form); });
  return el('article', { class: 'card review', 'data-id': e.id, 'data-status': e.status },
    snapshot(e),
    el('h3', {}, kindLabel(e.kind), ' ', el('span', { class: 'badge' }, e.status)),
    el('p', {}, timeElement(e.time), ` · ${e.camera} · confidence ${e.confidence.toFixed(2)}`),
    el('p', { class: 'id' }, e.id),
    el('div', { class: 'actions' }, ...ACTIONS[e.status].map(action => button(action[0].toUpperCase() + action.slice(1), () => act(e, action)))),
    form);
}

/** All events of a status, following the cursor (a review queue is worked through, not browsed). */
async function fill(target, status) {
  const events = [];
  let cursor = null;
  do {
    const params = new URLSearchParams({ status, limit: 100 });
    if (cursor) params.set('cursor', cursor);
    const page = await reviewer.json(`/api/events?${params}`);
    events.push(...page.events);
    cursor = page.next_cursor;
  } while (cursor && events.length < 500);
  target.replaceChildren(...(events.length ? events.map(card) : [el('p', {}, `No ${status} events.`)]));
  return events.length;
}

async function refresh() {
  document.body.dataset.state = 'loading';
  blobUrls.splice(0).forEach(url => URL.revokeObjectURL(url));
  try {
    // Other tokens (the ingest one) read approved events like anyone: only staff may review.
    const me = await reviewer.json('/api/me').catch(error => { throw error.status === 401 ? notStaff() : error; });
    if (!['reviewer', 'admin'].includes(me.role ?? me.user?.role)) throw notStaff();
    const [queued, deleted] = await Promise.all([fill(queue, statusChoice.value), fill(bin, 'deleted')]);
    document.getElementById('queue-count').textContent = String(queued);
    document.getElementById('bin-count').textContent = String(deleted);
    document.body.dataset.state = 'ready';
  } catch (error) {
    console.error(error);
    if (error.status === 401) { await reviewer.signOut(); show(); }
    say(`Could not load the events: ${error.message ?? error}`);
    document.body.dataset.state = 'error';
  }
}

function notStaff() {
  return Object.assign(new Error('401: that is not the admin token (or a reviewer\'s session)'), { status: 401 });
}

function show() {
  signIn.hidden = reviewer.signedIn;
  logIn.hidden = reviewer.signedIn;
  workspace.hidden = !reviewer.signedIn;
  if (reviewer.signedIn) {
    document.getElementById('who').textContent = reviewer.actor || 'admin';
    refresh();
  } else {
    document.body.dataset.state = 'ready';
  }
}

signIn.addEventListener('submit', event => {
  event.preventDefault();
  reviewer.signIn(signIn.elements.token.value.trim(), signIn.elements.actor.value.trim());
  signIn.reset();
  say('');
  show();
});
logIn.addEventListener('submit', async event => {
  event.preventDefault();
  try {
    await reviewer.logIn(logIn.elements.name.value.trim(), logIn.elements.password.value);
    logIn.reset();
    say('');
  } catch (error) {
    say(`Could not sign in: ${error.message}`);
    document.body.dataset.state = 'error';
    return;
  }
  show();
});
document.getElementById('sign-out').addEventListener('click', async () => { await reviewer.signOut(); show(); });
statusChoice.addEventListener('change', refresh);
show();
