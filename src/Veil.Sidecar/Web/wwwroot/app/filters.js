// The filter form of the public pages. Its fields mirror the page's query string (so a filtered
// view can be bookmarked and shared) and become the API's query: kind, camera, place, and a date
// range whose "to" day is included (the API's `to` is exclusive, so the next day is sent).

import { getJson } from './api.js';
import { el, kindLabel } from './format.js';

const API_FIELDS = ['kind', 'camera', 'place', 'from', 'to'];

/** Fills the kind and camera choices, applies the URL, and calls onChange(query) after each change; returns the first query. */
export async function setupFilters(form, onChange) {
  await fillChoices(form);
  const url = new URLSearchParams(location.search);
  for (const field of form.elements) {
    if (field.name && url.has(field.name)) field.value = url.get(field.name);
  }
  const changed = () => {
    const state = new URLSearchParams();
    for (const field of form.elements) if (field.name && field.value) state.set(field.name, field.value);
    const search = state.toString();
    history.replaceState(null, '', search ? `?${search}` : location.pathname);
    onChange(apiQuery(form));
  };
  form.addEventListener('change', changed);
  form.addEventListener('submit', event => { event.preventDefault(); changed(); });
  form.addEventListener('reset', () => setTimeout(changed));
  return apiQuery(form);
}

/** The API query of the form's current values. */
export function apiQuery(form) {
  const query = new URLSearchParams();
  for (const name of API_FIELDS) {
    const field = form.elements.namedItem(name);
    if (!field || !field.value) continue;
    query.set(name, name === 'to' ? nextDay(field.value) : field.value);
  }
  return query;
}

function nextDay(date) {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** Choices from what is public: the kinds and cameras of approved events, with the cameras' addresses. */
async function fillChoices(form) {
  const stats = await getJson('/api/stats');
  const kind = form.elements.namedItem('kind');
  if (kind) for (const k of stats.by_kind) kind.append(el('option', { value: k.kind }, kindLabel(k.kind)));
  const camera = form.elements.namedItem('camera');
  if (camera) {
    for (const c of stats.by_camera) camera.append(el('option', { value: c.camera }, c.address ? `${c.camera} · ${c.address}` : c.camera));
  }
  const places = document.getElementById('places');
  if (places) {
    for (const address of new Set(stats.by_camera.map(c => c.address).filter(Boolean))) places.append(el('option', { value: address }));
  }
}
