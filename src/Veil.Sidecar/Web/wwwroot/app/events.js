// Event cards: the approved events newest first, a page at a time (the API's cursor), filtered by
// kind, camera, place and dates, and grouped by kind or place.

import { getJson } from './api.js';
import { setupFilters } from './filters.js';
import { cameraAddresses, el, kindLabel, placeLabel, timeElement } from './format.js';

const PAGE = 24;
const list = document.getElementById('cards');
const more = document.getElementById('more');
const status = document.getElementById('status');
const group = document.getElementById('group');
const addresses = await cameraAddresses(getJson);
let events = [];
let query = new URLSearchParams();
let cursor = null;
let generation = 0; // a newer filter discards the answer of an older one

function card(e) {
  return el('article', { class: 'card', 'data-id': e.id },
    e.snapshot_url
      ? el('img', { src: e.snapshot_url, alt: `Anonymized snapshot of the ${kindLabel(e.kind)} event`, loading: 'lazy' })
      : el('div', { class: 'no-snapshot' }, 'No snapshot'),
    el('h3', {}, kindLabel(e.kind)),
    el('p', {}, timeElement(e.time)),
    el('p', {}, placeLabel(e.camera, addresses)));
}

function groupKey(e) {
  if (group.value === 'kind') return kindLabel(e.kind);
  if (group.value === 'place') return addresses.get(e.camera) || e.camera;
  return null;
}

function render() {
  const sections = new Map();
  for (const e of events) {
    const key = groupKey(e);
    if (!sections.has(key)) sections.set(key, []);
    sections.get(key).push(card(e));
  }
  list.replaceChildren(...[...sections].map(([key, cards]) =>
    el('section', { class: 'group' }, key === null ? null : el('h2', {}, `${key} (${cards.length})`), el('div', { class: 'cards' }, ...cards))));
  more.hidden = cursor === null;
  status.textContent = events.length === 0 ? 'No approved events match these filters.' : `${events.length} event(s) shown`;
}

async function loadPage() {
  const current = generation;
  document.body.dataset.state = 'loading';
  try {
    const params = new URLSearchParams(query);
    params.set('limit', PAGE);
    if (cursor) params.set('cursor', cursor);
    const page = await getJson('/api/events', params);
    if (current !== generation) return;
    events = events.concat(page.events);
    cursor = page.next_cursor;
    render();
    document.body.dataset.state = 'ready';
  } catch (error) {
    console.error(error);
    status.textContent = `Could not load the events: ${error.message ?? error}`;
    document.body.dataset.state = 'error';
  }
}

function restart(newQuery) {
  generation++;
  query = newQuery;
  events = [];
  cursor = null;
  return loadPage();
}

more.addEventListener('click', loadPage);
await restart(await setupFilters(document.getElementById('filters'), restart));
