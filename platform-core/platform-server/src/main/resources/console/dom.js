// Building DOM without markup strings: every text from the server goes in as a text node or textContent,
// never through innerHTML, so it can never become markup or script (the CSP would block inline script
// anyway; this keeps even harmless-looking markup out).

/**
 * Creates an element. props: class, text, dataset, hidden/disabled/... (booleans), on<event> listeners, any
 * other attribute. children: nodes, strings (as text), arrays of them; null/false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

/** Replaces every child of node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
}

/** A table: columns [{title, cell(row) -> node|string, class?}], one row per item, keyed by rowProps(item). */
export function table(columns, items, { rowProps = () => ({}), empty = 'Nothing to show.', ...props } = {}) {
  const head = h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column.title))));
  const rows = items.map((item) => h('tr', rowProps(item),
    columns.map((column) => h('td', { class: column.class }, column.cell(item)))));
  if (rows.length === 0) {
    rows.push(h('tr', { class: 'empty' }, h('td', { colspan: columns.length }, empty)));
  }
  return h('table', props, head, h('tbody', {}, rows));
}

/** A list of short words (plugin ids, rooms) as chips; a dash when there are none. */
export function chips(words) {
  if (!words || words.length === 0) return h('span', { class: 'muted' }, '—');
  return h('span', { class: 'chips' }, words.map((word) => h('span', { class: 'chip' }, word)));
}

/** 3725 -> "1h 2m 5s". */
export function duration(seconds) {
  let rest = Math.max(0, Math.floor(seconds));
  const parts = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]]) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (parts.length < 2) parts.push(`${rest}s`);
  return parts.join(' ');
}

/** An ISO time or epoch milliseconds as the operator's local date and time. */
export function when(value) {
  if (value === null || value === undefined || value === '') return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString();
}

/** A state word (UP, DOWN, STARTED, FAILED, REACHED, ...) marked by what it means. */
export function state(word) {
  const text = String(word);
  const tone = /^(UP|STARTED|REACHED|ok)$/i.test(text) ? 'good'
    : /^(DOWN|FAILED|UNLOADED|refused.*|failed.*)$/i.test(text) ? 'bad' : 'neutral';
  return h('span', { class: `state ${tone}` }, text);
}
