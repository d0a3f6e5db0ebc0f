// The public map: approved events as clustered markers, a popup each with the anonymized snapshot,
// and the events without a position listed beside the map.

import { getJson } from './api.js';
import { setupFilters } from './filters.js';
import { cameraAddresses, el, kindLabel, placeLabel, timeElement } from './format.js';

const status = document.getElementById('status');
const unplacedList = document.getElementById('unplaced');
const config = await getJson('/api/web-config');
const addresses = await cameraAddresses(getJson);

// Without a tile layer nothing tells the cluster layer how far the map zooms: say it here.
const map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 19 });
map.attributionControl.setPrefix('Leaflet');
if (config.tile_url) {
  const attribution = document.createElement('span');
  attribution.textContent = config.tile_attribution;
  L.tileLayer(config.tile_url, { attribution: attribution.innerHTML, maxZoom: 19 }).addTo(map);
} else {
  document.getElementById('map').classList.add('no-tiles');
  document.getElementById('no-tiles').hidden = false;
}
const clusters = L.markerClusterGroup();
map.addLayer(clusters);
window.veilMap = { map, clusters, markers: new Map() };

function popup(feature) {
  const p = feature.properties;
  return el('div', { class: 'popup' },
    el('strong', {}, kindLabel(p.kind)), el('br'),
    timeElement(p.time), el('br'),
    el('span', {}, placeLabel(p.camera, addresses)),
    p.snapshot_url
      ? el('img', { src: p.snapshot_url, alt: `Anonymized snapshot of the ${kindLabel(p.kind)} event`, width: 240 })
      : el('p', {}, 'No snapshot'));
}

function unplacedItem(feature) {
  const p = feature.properties;
  return el('li', { 'data-id': feature.id }, el('strong', {}, kindLabel(p.kind)), ' ', timeElement(p.time), ' ', placeLabel(p.camera, addresses));
}

let generation = 0; // a newer filter discards the answer of an older one

async function load(query) {
  const current = ++generation;
  document.body.dataset.state = 'loading';
  try {
    const data = await getJson('/api/events.geojson', query);
    if (current !== generation) return;
    clusters.clearLayers();
    window.veilMap.markers = new Map();
    const markers = [];
    const unplaced = [];
    for (const feature of data.features) {
      if (!feature.geometry) { unplaced.push(feature); continue; }
      const [lon, lat] = feature.geometry.coordinates;
      const p = feature.properties;
      const marker = L.marker([lat, lon], { title: `${kindLabel(p.kind)}, ${new Date(p.time).toLocaleString()}`, alt: kindLabel(p.kind) });
      marker.bindPopup(() => popup(feature), { minWidth: 240 });
      window.veilMap.markers.set(feature.id, marker);
      markers.push(marker);
    }
    clusters.addLayers(markers);
    if (markers.length > 0) map.fitBounds(clusters.getBounds(), { padding: [30, 30], maxZoom: 16 });
    else map.setView([20, 0], 2);
    unplacedList.replaceChildren(...unplaced.map(unplacedItem));
    document.getElementById('unplaced-none').hidden = unplaced.length > 0;
    status.textContent = `${markers.length} event(s) on the map, ${unplaced.length} without a position`
      + (data.truncated ? ' (the newest only: narrow the filters to see the rest)' : '');
    document.body.dataset.state = 'ready';
  } catch (error) {
    console.error(error);
    status.textContent = `Could not load the events: ${error.message ?? error}`;
    document.body.dataset.state = 'error';
  }
}

await load(await setupFilters(document.getElementById('filters'), load));
