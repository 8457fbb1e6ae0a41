type Child = Node | string | null | undefined | false;

/** An element with attributes and children; text always goes in as text, never as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/** A section with a heading, or a line saying there is nothing to show. */
export function section(id: string, title: string, ...content: (Child | Child[])[]): HTMLElement {
  return h('section', { id, 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...content);
}

export function listOrNone<T>(items: readonly T[] | null | undefined, none: string, render: (item: T) => Child | Child[]): HTMLElement {
  if (!items || items.length === 0) return h('p', { class: 'none' }, none);
  return h('ul', {}, ...items.map((item) => h('li', {}, render(item))));
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });

/** `1954-03-12` → 12 March 1954; an ISO instant → its date and time in the UK. */
export function ukDate(isoDate: string): string {
  return dateFormat.format(new Date(`${isoDate.slice(0, 10)}T12:00:00Z`));
}

export function ukDateTime(instant: string): string {
  return timeFormat.format(new Date(instant));
}
