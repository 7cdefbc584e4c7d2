import { Api } from './api.js';
import { fill, h } from './dom.js';
import { loginView } from './login.js';
import { Notice } from './notice.js';
import { auditPage } from './page-audit.js';
import { connectionsPage } from './page-connections.js';
import { eventsPage } from './page-events.js';
import { overviewPage } from './page-overview.js';
import { phasesPage } from './page-phases.js';
import { pluginsPage } from './page-plugins.js';
import { roomsPage } from './page-rooms.js';

// A small single-page app with hash routing (#/overview, #/plugins, ...): the server serves one page, and
// every page here is a function mount(container, context) -> dispose(), so its polling stops when it is left.
const PAGES = [
  { path: 'overview', title: 'Overview', mount: overviewPage },
  { path: 'plugins', title: 'Plugins', mount: pluginsPage },
  { path: 'phases', title: 'Phases', mount: phasesPage },
  { path: 'connections', title: 'Connections', mount: connectionsPage },
  { path: 'rooms', title: 'Rooms', mount: roomsPage },
  { path: 'events', title: 'Live events', mount: eventsPage },
  { path: 'audit', title: 'Audit log', mount: auditPage },
];

const root = document.getElementById('app');
const api = new Api((error) => showLogin(`Your session ended: ${error.message}`));
let disposeCurrent = () => {};
let session = null;

async function start() {
  try {
    session = await api.resume();
  } catch (error) {
    fill(root, h('p', { class: 'notice error', role: 'alert' }, `The node does not answer: ${error.message}`));
    return;
  }
  if (session) showShell();
  else showLogin();
}

function showLogin(reason) {
  window.onhashchange = null;
  disposeCurrent();
  disposeCurrent = () => {};
  session = null;
  fill(root, loginView(api, {
    reason,
    onLoggedIn: (opened) => {
      session = opened;
      if (!location.hash) location.hash = '#/overview';
      showShell();
    },
  }));
  root.querySelector('#login-operator')?.focus();
}

function showShell() {
  const notice = new Notice();
  const content = h('main', { id: 'content' });
  const nav = h('nav', { 'aria-label': 'Pages' },
    PAGES.map((page) => h('a', { href: `#/${page.path}`, dataset: { page: page.path } }, page.title)));
  const logOut = h('button', { id: 'logout', type: 'button', onclick: async () => {
    try {
      await api.logOut();
    } catch (error) {
      // The cookie is cleared by the answer even when the session had already ended; go to the login anyway.
    }
    showLogin();
  } }, 'Log out');
  fill(root,
    h('header', { class: 'top' },
      h('span', { class: 'brand' }, 'MedSync Realtime'),
      nav,
      h('span', { class: 'who' }, h('span', { class: 'muted' }, 'console:'), h('span', { id: 'operator' }, session.operator)),
      logOut),
    notice.element,
    content);

  const route = () => {
    const wanted = location.hash.replace(/^#\/?/, '') || 'overview';
    const page = PAGES.find((candidate) => candidate.path === wanted) ?? PAGES[0];
    for (const link of nav.querySelectorAll('a')) {
      if (link.dataset.page === page.path) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    disposeCurrent();
    notice.clear();
    fill(content);
    document.title = `${page.title} · MedSync Realtime console`;
    disposeCurrent = page.mount(content, { api, notice }) ?? (() => {});
  };
  window.onhashchange = route;
  route();
}

start();
