import { fill, h, table } from './dom.js';
import { CursorPager } from './pager.js';

// GET /admin/rooms: rooms and their member counts, searched and paged by the server (50 at a time).
const PAGE_SIZE = 50;

export function roomsPage(container, { api, notice }) {
  const namespace = h('input', { id: 'rooms-namespace', type: 'text', placeholder: '/patient-pharmacy' });
  const query = h('input', { id: 'rooms-q', type: 'search', placeholder: 'chat:' });
  const list = h('div', { id: 'rooms' });
  const pager = new CursorPager(() => load());
  const form = h('form', { class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    pager.reset();
  } }, h('label', {}, h('span', {}, 'namespace'), namespace), h('label', {}, h('span', {}, 'room contains'), query),
  h('button', { type: 'submit', class: 'primary' }, 'Search'));
  fill(container, h('h1', {}, 'Rooms'), form, list, pager.element);

  async function load() {
    try {
      const page = await api.get('/admin/rooms', { namespace: namespace.value.trim(), q: query.value.trim(),
        after: pager.after, limit: PAGE_SIZE });
      fill(list, table([
        { title: 'Namespace', cell: (room) => room.namespace },
        { title: 'Room', cell: (room) => h('code', {}, room.room) },
        { title: 'Members', cell: (room) => String(room.members), class: 'number' },
      ], page.rooms ?? [], { class: 'rooms', empty: 'No room matches.' }));
      pager.received(page.next);
    } catch (error) {
      fill(list);
      pager.received(null);
      notice.error(error, 'Reading /admin/rooms');
    }
  }

  load();
  return () => {};
}
