import { fill, h } from './dom.js';

// An in-page confirmation (a modal <dialog>) rather than window.confirm: it can show what is about to happen
// (a phase's plan) and looks the same in every browser.
let dialog;

/** Resolves true when the operator confirms, false when they cancel (button or Escape). */
export function confirmAction({ title, body = [], confirmLabel, danger = false }) {
  dialog ??= createDialog();
  fill(dialog.querySelector('.dialog-title'), title);
  fill(dialog.querySelector('.dialog-body'), body);
  const ok = dialog.querySelector('#confirm-ok');
  ok.textContent = confirmLabel;
  ok.className = danger ? 'danger' : 'primary';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    dialog.querySelector('#confirm-cancel').focus();
  });
}

function createDialog() {
  const element = h('dialog', { id: 'confirm-dialog', 'aria-labelledby': 'confirm-title' },
    h('form', { method: 'dialog' },
      h('h2', { class: 'dialog-title', id: 'confirm-title' }),
      h('div', { class: 'dialog-body' }),
      h('div', { class: 'dialog-buttons' },
        h('button', { id: 'confirm-cancel', value: 'cancel', type: 'submit' }, 'Cancel'),
        h('button', { id: 'confirm-ok', value: 'ok', type: 'submit' }, 'Confirm'))));
  document.body.append(element);
  return element;
}
