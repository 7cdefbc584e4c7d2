import { h } from './dom.js';

// The login: the admin token goes once to POST /console/session and is cleared from the form right after.
// The browser keeps only the HttpOnly session cookie; nothing is written to localStorage or put in a URL.
export function loginView(api, { reason, onLoggedIn }) {
  const token = h('input', { id: 'login-token', type: 'password', name: 'token', required: true, autocomplete: 'off',
    spellcheck: 'false' });
  const operator = h('input', { id: 'login-operator', type: 'text', name: 'operator', required: true,
    pattern: '[A-Za-z0-9_.@\\-]{1,48}', maxlength: 48, autocomplete: 'username', spellcheck: 'false' });
  const error = h('p', { id: 'login-error', class: 'notice error', role: 'alert', hidden: !reason }, reason ?? '');
  const submit = h('button', { id: 'login-submit', type: 'submit', class: 'primary' }, 'Log in');

  async function logIn(event) {
    event.preventDefault();
    submit.disabled = true;
    error.hidden = true;
    try {
      const session = await api.logIn(token.value, operator.value.trim());
      token.value = '';
      onLoggedIn(session);
    } catch (failure) {
      error.textContent = failure.message;
      error.hidden = false;
      token.select();
    } finally {
      submit.disabled = false;
    }
  }

  return h('main', { class: 'login' },
    h('form', { class: 'card login-card', onsubmit: logIn },
      h('h1', {}, 'MedSync Realtime console'),
      h('p', { class: 'muted' }, 'Log in with this node\'s admin token (MEDSYNC_ADMIN_TOKEN). Your name goes into the audit log as console:<name>.'),
      h('label', { for: 'login-operator' }, 'Your name'),
      operator,
      h('label', { for: 'login-token' }, 'Admin token'),
      token,
      error,
      submit));
}
