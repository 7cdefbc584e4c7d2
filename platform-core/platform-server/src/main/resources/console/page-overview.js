import { chips, duration, fill, h, state, table } from './dom.js';
import { RateHistory, drawRates } from './rate-chart.js';

// This node and, in a cluster, every live node (GET /admin/stats, cluster.nodes), polled every 2 s: uptime,
// connections and rooms per namespace, events in and out per second as a chart, store state and readiness
// (this node's from GET /health/ready, the others' as they report it with their figures).
const POLL_MILLIS = 2000;

export function overviewPage(container, { api, notice }) {
  const histories = new Map();
  const summary = h('section', { class: 'card summary', id: 'summary' });
  const nodes = h('div', { class: 'nodes', id: 'nodes' });
  fill(container, h('h1', {}, 'Overview'), summary, nodes);
  let timer = null;
  let stopped = false;
  let failing = false;

  async function poll() {
    try {
      const [stats, readiness] = await Promise.all([api.get('/admin/stats'), api.readiness()]);
      if (stopped) return;
      const now = Date.now();
      const entries = nodeEntries(stats);
      for (const entry of entries) {
        if (!histories.has(entry.id)) histories.set(entry.id, new RateHistory());
        histories.get(entry.id).record(entry.figures.events ?? { in: 0, out: 0 }, now);
      }
      renderSummary(summary, stats, readiness, entries.length);
      fill(nodes, entries.map((entry) => nodeCard(entry, readiness)));
      for (const entry of entries) {
        drawRates(nodes.querySelector(`[data-node="${CSS.escape(entry.id)}"] canvas`), histories.get(entry.id));
      }
      if (failing) notice.clear();
      failing = false;
    } catch (error) {
      failing = true;
      notice.error(error, 'Reading the node\'s figures');
    } finally {
      if (!stopped) timer = setTimeout(poll, POLL_MILLIS);
    }
  }

  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** [{id, self, figures}], this node first: every live node in cluster mode, else this node alone. */
function nodeEntries(stats) {
  const cluster = stats.cluster;
  const self = cluster?.node ?? 'this node';
  const others = Array.isArray(cluster?.nodes) ? cluster.nodes.filter((figures) => figures.node !== self) : [];
  const mine = cluster?.nodes?.find((figures) => figures.node === self);
  // This node's own figures are the freshest; its entry in the cluster list adds its plugin-set report.
  const clustered = Boolean(cluster);
  const selfEntry = { id: self, self: true, clustered,
    figures: { ...(mine ?? {}), ...stats, pluginSet: mine?.pluginSet } };
  return [selfEntry, ...others.map((figures) => ({ id: figures.node, self: false, clustered, figures }))];
}

function renderSummary(summary, stats, readiness, nodeCount) {
  const checks = readiness.body?.checks ?? {};
  const problems = readiness.body?.problems ?? {};
  fill(summary,
    h('dl', { class: 'facts' },
      h('dt', {}, 'Readiness'),
      h('dd', { id: 'readiness' }, state(readiness.ready ? 'UP' : 'DOWN'),
        Object.entries(checks).map(([name, value]) => h('span', { class: 'check' }, ` ${name}: `, state(value),
          problems[name] ? h('span', { class: 'problem' }, ` ${problems[name]}`) : null))),
      h('dt', {}, 'Mode'),
      h('dd', {}, stats.cluster ? `cluster, ${nodeCount} live node${nodeCount === 1 ? '' : 's'}` : 'single node'),
      h('dt', {}, 'Phase'),
      h('dd', { id: 'overview-phase' }, stats.plugins?.phase ?? '—'),
      h('dt', {}, 'Started plugins'),
      h('dd', {}, chips(stats.plugins?.started))),
    stats.cluster?.problem
      ? h('p', { class: 'notice error' }, `The other nodes cannot be listed: ${stats.cluster.problem}`) : null);
}

function nodeCard(entry, readiness) {
  const figures = entry.figures;
  const namespaces = Object.entries(figures.namespaces ?? {})
    .map(([name, counts]) => ({ name, connections: counts.connections, rooms: counts.rooms }));
  // This node answers /health/ready itself; every other node reports the same with its figures (2 s old at most).
  const reported = entry.self ? readiness.body : figures.readiness;
  const store = reported?.checks?.store;
  const storeProblem = reported?.problems?.store;
  const ready = entry.self ? readiness.ready : reported?.status === 'UP';
  return h('section', { class: 'card node-card', dataset: { node: entry.id } },
    h('h2', {}, entry.clustered ? [entry.id, entry.self ? h('span', { class: 'badge' }, 'this node') : null]
      : 'This node'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Uptime'), h('dd', { class: 'uptime' }, duration(figures.uptimeSeconds ?? 0)),
      h('dt', {}, 'Store'),
      h('dd', { class: 'store' }, reported
        ? [state(store ?? 'UP'), storeProblem ? h('span', { class: 'problem' }, ` ${storeProblem}`) : null]
        : h('span', { class: 'muted' }, 'not reported')),
      h('dt', {}, 'Readiness'),
      h('dd', { class: 'readiness' }, reported ? state(ready ? 'UP' : 'DOWN')
        : h('span', { class: 'muted' }, 'not reported')),
      figures.pluginSet ? [h('dt', {}, 'Plugin set'), h('dd', {}, pluginSet(figures.pluginSet))] : null,
      figures.leases?.length ? [h('dt', {}, 'Leases'), h('dd', {}, chips(figures.leases))] : null),
    table([
      { title: 'Namespace', cell: (row) => row.name, class: 'namespace' },
      { title: 'Connections', cell: (row) => String(row.connections), class: 'connections number' },
      { title: 'Rooms', cell: (row) => String(row.rooms), class: 'rooms number' },
    ], namespaces, { class: 'namespaces', rowProps: (row) => ({ dataset: { namespace: row.name } }),
      empty: 'No namespace is served.' }),
    h('canvas', { class: 'rates', role: 'img', 'aria-label': `events in and out per second on ${entry.id}` }),
    h('p', { class: 'muted totals' }, `events in ${figures.events?.in ?? 0}, out ${figures.events?.out ?? 0} in total`));
}

function pluginSet(report) {
  if (report.problem) return [state('FAILED'), h('span', { class: 'problem' }, ` ${report.problem}`)];
  return [state(report.reached ? 'REACHED' : 'PENDING'), h('span', { class: 'muted' }, ` revision ${report.revision ?? '—'}`)];
}
