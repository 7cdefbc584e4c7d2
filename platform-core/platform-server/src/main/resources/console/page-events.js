import { chips, fill, h, when } from './dom.js';

// A live tail of the node's events: GET /admin/events?after=<last seq> once a second, pausable, filtered by
// name in the page. At most MAX_ROWS rows stay in the DOM (newest on top), so an open tab never grows without
// bound however busy the node is.
const POLL_MILLIS = 1000;
const BATCH = 200;
const MAX_ROWS = 500;

export function eventsPage(container, { api, notice }) {
  const rows = h('tbody', {});
  const filter = h('input', { id: 'events-filter', type: 'search', placeholder: 'event name, e.g. chat:message',
    oninput: () => applyFilter() });
  const pause = h('button', { id: 'events-pause', type: 'button', onclick: () => togglePause() }, 'Pause');
  const clear = h('button', { type: 'button', onclick: () => fill(rows) }, 'Clear');
  const status = h('span', { class: 'muted', id: 'events-status' }, 'connecting…');
  fill(container, h('h1', {}, 'Live events'),
    h('div', { class: 'toolbar' }, h('label', { for: 'events-filter' }, 'Name contains'), filter, pause, clear, status),
    h('table', { class: 'events' },
      h('thead', {}, h('tr', {}, ['Seq', 'At', 'Source', 'Name', 'Namespace', 'Rooms', 'Bytes']
        .map((title) => h('th', { scope: 'col' }, title)))),
      rows));
  let last = null;
  let paused = false;
  let stopped = false;
  let timer = null;
  let reading = false;

  async function poll() {
    timer = null;
    if (stopped || paused || reading) return;
    reading = true;
    let full = false;
    try {
      const answer = await api.get('/admin/events', { after: last, limit: BATCH });
      if (stopped) return;
      const events = answer.events ?? [];
      for (const event of events) add(event);
      if (answer.last !== undefined && answer.last !== null) last = answer.last;
      full = events.length >= BATCH;
      status.textContent = `last seq ${last ?? '—'} · ${rows.childElementCount} rows`;
    } catch (error) {
      status.textContent = 'not reading';
      notice.error(error, 'Reading /admin/events');
    } finally {
      reading = false;
    }
    // A full batch means more are waiting: read on at once rather than fall further behind.
    if (!stopped && !paused) timer = setTimeout(poll, full ? 0 : POLL_MILLIS);
  }

  function add(event) {
    const row = h('tr', { dataset: { name: event.name ?? '', seq: String(event.seq) } },
      h('td', { class: 'number' }, String(event.seq)),
      h('td', {}, when(event.at)),
      h('td', {}, event.source ?? '—'),
      h('td', { class: 'event-name' }, event.name ?? ''),
      h('td', {}, event.namespace ?? '—'),
      h('td', {}, chips(event.rooms)),
      h('td', { class: 'number' }, String(event.bytes ?? '')));
    row.hidden = !matches(row);
    rows.prepend(row);
    while (rows.childElementCount > MAX_ROWS) rows.lastElementChild.remove();
  }

  function matches(row) {
    const wanted = filter.value.trim().toLowerCase();
    return wanted === '' || row.dataset.name.toLowerCase().includes(wanted);
  }

  function applyFilter() {
    for (const row of rows.children) row.hidden = !matches(row);
  }

  function togglePause() {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    pause.setAttribute('aria-pressed', String(paused));
    if (paused) {
      clearTimeout(timer);
      timer = null;
      status.textContent = `paused at seq ${last ?? '—'}`;
    } else if (timer === null && !reading) {
      poll();
    }
  }

  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
