import { chips, fill, h, state, table } from './dom.js';
import { confirmAction } from './confirm.js';

// GET /admin/phases; "Plan" asks POST /admin/phases/{name}/plan what applying a phase would do, "Apply" shows
// that plan in a confirmation and then calls POST /admin/phases/{name}/apply, showing each node's outcome.
export function phasesPage(container, { api, notice }) {
  const current = h('p', { class: 'current-phase' });
  const list = h('div', { id: 'phases' });
  const plan = h('section', { class: 'card', id: 'phase-plan', hidden: true });
  const outcome = h('section', { class: 'card', id: 'phase-outcome', hidden: true });
  fill(container, h('h1', {}, 'Migration phases'), current, list, plan, outcome);

  async function refresh() {
    try {
      render(await api.get('/admin/phases'));
    } catch (error) {
      notice.error(error, 'Reading /admin/phases');
    }
  }

  function render(phases) {
    fill(current, 'Current phase: ', h('strong', { id: 'current-phase' }, phases.current ?? 'none'));
    fill(list, table([
      { title: 'Phase', cell: (phase) => [h('strong', {}, phase.name),
        phase.name === phases.current ? h('span', { class: 'badge' }, 'current') : null] },
      { title: 'Description', cell: (phase) => phase.description ?? '' },
      { title: 'Plugins', cell: (phase) => chips(phase.plugins) },
      { title: '', cell: (phase) => h('span', { class: 'actions' },
        h('button', { type: 'button', dataset: { plan: phase.name }, onclick: () => showPlan(phase.name) }, 'Plan'),
        h('button', { type: 'button', class: 'primary', dataset: { apply: phase.name },
          onclick: () => apply(phase.name) }, 'Apply…')) },
    ], phases.phases ?? [], { class: 'phases', rowProps: (phase) => ({ dataset: { phase: phase.name } }) }));
  }

  async function fetchPlan(name) {
    return api.post(`/admin/phases/${encodeURIComponent(name)}/plan`);
  }

  async function showPlan(name) {
    plan.hidden = false;
    fill(plan, h('h2', {}, `Plan for ${name}`), h('p', { class: 'muted' }, 'asking the node…'));
    try {
      fill(plan, h('h2', {}, `Plan for ${name}`), describePlan(await fetchPlan(name)));
    } catch (error) {
      fill(plan, h('h2', {}, `Plan for ${name}`), h('p', { class: 'notice error' }, `No plan: ${error.message}`));
    }
  }

  async function apply(name) {
    let planned;
    try {
      planned = describePlan(await fetchPlan(name));
    } catch (error) {
      // Applying checks everything itself before it changes anything; without a plan the operator decides blind.
      planned = h('p', { class: 'notice error' }, `The plan could not be computed (${error.message}). `
        + 'Applying still checks the phase before it changes anything.');
    }
    const confirmed = await confirmAction({
      title: `Apply ${name}?`,
      body: [planned, h('p', {}, 'Plugins outside the phase are stopped and those in it started, on every node.')],
      confirmLabel: `Apply ${name}`,
      danger: true,
    });
    if (!confirmed) return;
    outcome.hidden = false;
    fill(outcome, h('h2', {}, `Applying ${name}…`));
    try {
      const applied = await api.post(`/admin/phases/${encodeURIComponent(name)}/apply`);
      fill(outcome, describeOutcome(name, applied));
      notice.info(`Applied ${name}`);
    } catch (error) {
      fill(outcome, h('h2', {}, `${name} was not applied`), h('p', { class: 'notice error' }, error.message));
      notice.error(error, `apply ${name}`);
    }
    refresh();
  }

  refresh();
  return () => {};
}

function describePlan(plan) {
  const row = (label, value) => [h('dt', {}, label), h('dd', {}, value)];
  return h('dl', { class: 'facts plan' },
    row('From', plan.current ?? 'none'),
    row('To', plan.phase),
    row('Plugins started', chips(plan.start)),
    row('Plugins stopped', chips(plan.stop)),
    row('Namespaces that appear', chips(plan.namespacesAppear)),
    row('Namespaces that vanish', chips(plan.namespacesVanish)),
    row('Clients disconnected', h('strong', { class: 'clients-disconnected' }, String(plan.clientsDisconnected ?? 0))));
}

function describeOutcome(name, applied) {
  const cluster = applied.cluster ?? { complete: true, nodes: [] };
  return [
    h('h2', {}, `${name} applied`, h('span', { class: 'badge' }, cluster.complete ? 'complete' : 'not complete')),
    h('p', {}, 'Current phase: ', h('strong', {}, applied.current ?? 'none')),
    table([
      { title: 'Plugin', cell: (plugin) => plugin.id },
      { title: 'State', cell: (plugin) => state(plugin.state) },
    ], applied.plugins ?? [], { class: 'applied-plugins' }),
    cluster.nodes.length === 0
      ? h('p', { class: 'muted' }, 'Single node: this node applied it.')
      : table([
        { title: 'Node', cell: (node) => node.node },
        { title: 'State', cell: (node) => state(node.state) },
        { title: 'Problem', cell: (node) => node.problem ?? '—' },
      ], cluster.nodes, { class: 'node-outcomes', rowProps: (node) => ({ dataset: { node: node.node } }) }),
  ];
}
