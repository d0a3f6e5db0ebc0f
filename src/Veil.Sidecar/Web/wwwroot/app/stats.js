// The statistics page: five Chart.js charts of GET /api/stats, with the map's filters. Hours and
// days are those of the viewer's current UTC offset.

import { getJson } from './api.js';
import { setupFilters } from './filters.js';
import { kindLabel } from './format.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const status = document.getElementById('status');

function utcOffset() {
  const minutes = -new Date().getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function chart(id, type, label) {
  return new Chart(document.getElementById(id), {
    type,
    data: { labels: [], datasets: [{ label, data: [], backgroundColor: '#3b6ea5', borderColor: '#3b6ea5' }] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
    },
  });
}

const charts = {
  kind: chart('by-kind', 'bar', 'Events'),
  hour: chart('by-hour', 'bar', 'Events'),
  weekday: chart('by-weekday', 'bar', 'Events'),
  daily: chart('daily', 'line', 'Events per day'),
  camera: chart('by-camera', 'bar', 'Events'),
};
window.veilCharts = charts;

function show(target, labels, data) {
  target.data.labels = labels;
  target.data.datasets[0].data = data;
  target.update();
}

let generation = 0; // a newer filter discards the answer of an older one

async function load(query) {
  const current = ++generation;
  document.body.dataset.state = 'loading';
  query.set('tz', utcOffset());
  try {
    const stats = await getJson('/api/stats', query);
    if (current !== generation) return;
    show(charts.kind, stats.by_kind.map(k => kindLabel(k.kind)), stats.by_kind.map(k => k.count));
    show(charts.hour, stats.by_hour.map((_, hour) => `${hour}h`), stats.by_hour);
    show(charts.weekday, WEEKDAYS, stats.by_weekday);
    show(charts.daily, stats.daily.map(d => d.date), stats.daily.map(d => d.count));
    show(charts.camera, stats.by_camera.map(c => c.address || c.camera), stats.by_camera.map(c => c.count));
    status.textContent = `${stats.total} approved event(s), times at UTC${stats.tz}`;
    document.body.dataset.query = query.toString();
    document.body.dataset.state = 'ready';
  } catch (error) {
    console.error(error);
    status.textContent = `Could not load the statistics: ${error.message ?? error}`;
    document.body.dataset.state = 'error';
  }
}

await load(await setupFilters(document.getElementById('filters'), load));
