import { chips, fill, h, state, table } from './dom.js';
import { confirmAction } from './confirm.js';

// GET /admin/plugins with each plugin's operations, and loading a jar of the plugins directory by its file name.
// Every button calls the admin API route medsync-admin calls, and the list is read again afterwards.
const OPERATIONS = [
  { name: 'start', when: (plugin) => plugin.state !== 'STARTED' },
  { name: 'stop', when: (plugin) => plugin.state === 'STARTED' },
  { name: 'enable', when: (plugin) => plugin.state === 'DISABLED' },
  { name: 'disable', when: (plugin) => plugin.state !== 'DISABLED' },
  { name: 'reload', when: () => true },
];

export function pluginsPage(container, { api, notice }) {
  const list = h('div', { id: 'plugins' });
  const path = h('input', { id: 'load-path', type: 'text', required: true, placeholder: 'medsync-plugin-chat.jar',
    spellcheck: 'false', 'aria-label': 'jar file name in the plugins directory' });
  const loadForm = h('form', { class: 'inline-form', onsubmit: (event) => {
    event.preventDefault();
    run(`load ${path.value}`, () => api.post('/admin/plugins', { path: path.value.trim() }));
  } }, h('label', { for: 'load-path' }, 'Load a jar from the plugins directory'), path,
  h('button', { type: 'submit', class: 'primary' }, 'Load'));
  fill(container, h('h1', {}, 'Plugins'), list, h('section', { class: 'card' }, loadForm));
  let busy = false;

  async function refresh() {
    try {
      render(await api.get('/admin/plugins'));
    } catch (error) {
      notice.error(error, 'Reading /admin/plugins');
    }
  }

  async function run(label, call) {
    if (busy) return;
    busy = true;
    container.classList.add('busy');
    try {
      const result = await call();
      notice.info(result?.id ? `${label}: ${result.id} is ${result.state}${result.failure ? ` (${result.failure})` : ''}`
        : `${label}: done`);
    } catch (error) {
      notice.error(error, label);
    } finally {
      busy = false;
      container.classList.remove('busy');
      await refresh();
    }
  }

  async function unload(plugin) {
    const confirmed = await confirmAction({
      title: `Unload ${plugin.id}?`,
      body: [h('p', {}, 'It is stopped and its classes are dropped; in a cluster every node unloads it. '
        + 'Loading its jar again brings it back.')],
      confirmLabel: `Unload ${plugin.id}`,
      danger: true,
    });
    if (confirmed) run(`unload ${plugin.id}`, () => api.delete(`/admin/plugins/${encodeURIComponent(plugin.id)}`));
  }

  function actions(plugin) {
    const id = encodeURIComponent(plugin.id);
    return h('span', { class: 'actions' },
      OPERATIONS.map((operation) => h('button', {
        type: 'button',
        disabled: !operation.when(plugin),
        dataset: { operation: operation.name, plugin: plugin.id },
        onclick: () => run(`${operation.name} ${plugin.id}`, () => api.post(`/admin/plugins/${id}/${operation.name}`)),
      }, operation.name)),
      h('button', { type: 'button', class: 'danger', dataset: { operation: 'unload', plugin: plugin.id },
        onclick: () => unload(plugin) }, 'unload'));
  }

  function render(plugins) {
    fill(list, table([
      { title: 'Plugin', cell: (plugin) => [h('strong', {}, plugin.id), h('div', { class: 'muted' }, plugin.description ?? '')] },
      { title: 'Version', cell: (plugin) => plugin.version ?? '—' },
      { title: 'State', cell: (plugin) => state(plugin.state), class: 'plugin-state' },
      { title: 'Provides', cell: (plugin) => chips(plugin.provides) },
      { title: 'Namespaces', cell: (plugin) => chips(plugin.namespaces), class: 'namespaces' },
      { title: 'Failure', cell: (plugin) => plugin.failure ? h('span', { class: 'problem' }, plugin.failure) : '—' },
      { title: '', cell: actions },
    ], plugins, { class: 'plugins', rowProps: (plugin) => ({ dataset: { plugin: plugin.id } }),
      empty: 'No plugin is loaded.' }));
  }

  refresh();
  return () => {};
}
