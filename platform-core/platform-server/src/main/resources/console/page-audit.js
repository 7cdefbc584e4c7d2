import { fill, h, state, table, when } from './dom.js';

// GET /admin/audit: the latest admin changes, newest first, with who made them (console:<operator> for the
// console, the operator medsync-admin named otherwise), from where, and through which node. In a cluster they
// are every node's, from Redis; when this node cannot read Redis it answers with its own and says why.
const LIMIT = 200;

export function auditPage(container, { api, notice }) {
  const list = h('div', { id: 'audit' });
  const source = h('p', { id: 'audit-source', class: 'notice error', role: 'status', hidden: true });
  const refreshButton = h('button', { type: 'button', onclick: () => refresh() }, 'Refresh');
  fill(container, h('h1', {}, 'Audit log'), h('p', { class: 'muted' }, `The latest ${LIMIT} entries. `, refreshButton),
    source, list);

  async function refresh() {
    try {
      const answer = await api.get('/admin/audit', { limit: LIMIT });
      source.hidden = !answer.problem;
      source.textContent = answer.problem ? `Showing ${answer.problem}` : '';
      fill(list, table([
        { title: 'When', cell: (entry) => when(entry.at) },
        { title: 'Node', cell: (entry) => entry.node ?? '—', class: 'node' },
        { title: 'Who', cell: (entry) => entry.who, class: 'who' },
        { title: 'Address', cell: (entry) => entry.address ?? '—' },
        { title: 'Action', cell: (entry) => entry.action, class: 'action' },
        { title: 'Target', cell: (entry) => entry.target ?? '—' },
        { title: 'Result', cell: (entry) => state(entry.result) },
      ], answer.entries ?? [], { class: 'audit', empty: 'No admin change yet.' }));
    } catch (error) {
      notice.error(error, 'Reading /admin/audit');
    }
  }

  refresh();
  return () => {};
}
