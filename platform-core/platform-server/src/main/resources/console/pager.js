import { h } from './dom.js';

// Server-side paging by cursor: the API answers a page and the cursor of the next ("next", null on the last
// page). Going back replays the cursors that led here, so no list is ever loaded whole.
export class CursorPager {
  constructor(onChange) {
    this.onChange = onChange;
    this.behind = [];
    this.after = null;
    this.next = null;
    this.previousButton = h('button', { type: 'button', class: 'previous', onclick: () => this.back() }, '← Previous');
    this.nextButton = h('button', { type: 'button', class: 'next', onclick: () => this.forward() }, 'Next →');
    this.position = h('span', { class: 'muted page-position' });
    this.element = h('div', { class: 'pager' }, this.previousButton, this.position, this.nextButton);
    this.update();
  }

  /** Back to the first page (filters changed). */
  reset() {
    this.behind = [];
    this.after = null;
    this.next = null;
    this.onChange();
  }

  /** What the last answer said about the page after this one. */
  received(next) {
    this.next = next ?? null;
    this.update();
  }

  forward() {
    if (this.next === null) return;
    this.behind.push(this.after);
    this.after = this.next;
    this.onChange();
  }

  back() {
    if (this.behind.length === 0) return;
    this.after = this.behind.pop();
    this.onChange();
  }

  update() {
    this.previousButton.disabled = this.behind.length === 0;
    this.nextButton.disabled = this.next === null;
    this.position.textContent = `page ${this.behind.length + 1}`;
  }
}
