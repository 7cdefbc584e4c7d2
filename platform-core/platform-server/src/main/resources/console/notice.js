import { fill, h } from './dom.js';

// One line under the navigation for what the last action did or why it failed, in the API's own words.
export class Notice {
  constructor() {
    this.element = h('p', { id: 'notice', role: 'status', hidden: true });
  }

  error(error, doing) {
    const message = error?.message ?? String(error);
    this.show('error', doing ? `${doing}: ${message}` : message);
  }

  info(message) {
    this.show('info', message);
  }

  clear() {
    this.element.hidden = true;
    fill(this.element);
  }

  show(kind, message) {
    this.element.className = `notice ${kind}`;
    this.element.hidden = false;
    fill(this.element, message);
  }
}
