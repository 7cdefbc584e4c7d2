import { chips, fill, h, table, when } from './dom.js';
import { confirmAction } from './confirm.js';
import { CursorPager } from './pager.js';

// GET /admin/connections, filtered and paged by the server (50 at a time), with disconnecting one socket
// (POST /admin/connections/{id}/disconnect) or every socket of a user (POST /admin/users/{userId}/disconnect).
const PAGE_SIZE = 50;

export function connectionsPage(container, { api, notice }) {
  const filters = {
    namespace: h('input', { id: 'filter-namespace', type: 'text', placeholder: '/patient-pharmacy' }),
    user: h('input', { id: 'filter-user', type: 'text', placeholder: 'user id' }),
    room: h('input', { id: 'filter-room', type: 'text', placeholder: 'chat:room_1' }),
    transport: h('select', { id: 'filter-transport' },
      h('option', { value: '' }, 'any transport'), h('option', { value: 'websocket' }, 'websocket'),
      h('option', { value: 'polling' }, 'polling')),
  };
  const list = h('div', { id: 'connections' });
  const pager = new CursorPager(() => load());
  const form = h('form', { class: 'filters', onsubmit: (event) => {
    event.preventDefault();
    pager.reset();
  } }, Object.entries(filters).map(([name, input]) => h('label', {}, h('span', {}, name), input)),
  h('button', { type: 'submit', class: 'primary' }, 'Filter'));
  fill(container, h('h1', {}, 'Connections'), form, list, pager.element);

  async function load() {
    try {
      const page = await api.get('/admin/connections', {
        namespace: filters.namespace.value.trim(), user: filters.user.value.trim(), room: filters.room.value.trim(),
        transport: filters.transport.value, after: pager.after, limit: PAGE_SIZE,
      });
      render(page.connections ?? []);
      pager.received(page.next);
    } catch (error) {
      fill(list);
      pager.received(null);
      notice.error(error, 'Reading /admin/connections');
    }
  }

  async function disconnect(connection) {
    const confirmed = await confirmAction({ title: `Disconnect ${connection.id}?`,
      body: [h('p', {}, `User ${connection.userId} on ${connection.namespace}. `
        + 'Its client may reconnect on its own.')], confirmLabel: 'Disconnect', danger: true });
    if (!confirmed) return;
    try {
      await api.post(`/admin/connections/${encodeURIComponent(connection.id)}/disconnect`);
      notice.info(`Disconnected ${connection.id}`);
    } catch (error) {
      notice.error(error, `disconnect ${connection.id}`);
    }
    load();
  }

  async function disconnectUser(userId) {
    const confirmed = await confirmAction({ title: `Disconnect every socket of ${userId}?`,
      body: [h('p', {}, 'On every namespace of this node. Their clients may reconnect on their own.')],
      confirmLabel: `Disconnect ${userId}`, danger: true });
    if (!confirmed) return;
    try {
      const result = await api.post(`/admin/users/${encodeURIComponent(userId)}/disconnect`);
      notice.info(`Disconnected ${result?.disconnected ?? 0} socket(s) of ${userId}`);
    } catch (error) {
      notice.error(error, `disconnect user ${userId}`);
    }
    load();
  }

  function render(connections) {
    fill(list, table([
      { title: 'Socket', cell: (c) => h('code', {}, c.id) },
      { title: 'Namespace', cell: (c) => c.namespace },
      { title: 'User', cell: (c) => c.userId },
      { title: 'Role', cell: (c) => c.role ?? '—' },
      { title: 'Transport', cell: (c) => c.transport },
      { title: 'Rooms', cell: (c) => chips(c.rooms) },
      { title: 'Connected', cell: (c) => when(c.connectedAt) },
      { title: 'Node', cell: (c) => c.node ?? '—' },
      { title: '', cell: (c) => h('span', { class: 'actions' },
        h('button', { type: 'button', class: 'danger', onclick: () => disconnect(c) }, 'Disconnect'),
        h('button', { type: 'button', onclick: () => disconnectUser(c.userId) }, 'Disconnect user')) },
    ], connections, { class: 'connections', rowProps: (c) => ({ dataset: { socket: c.id, user: c.userId } }),
      empty: 'No connection matches.' }));
  }

  load();
  return () => {};
}
