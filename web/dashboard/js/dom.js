/** `h('td', { class: 'num', text: '1' }, child…)`: elements built without innerHTML. */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name === 'text') {
      el.textContent = String(value);
    } else if (name === 'class') {
      el.className = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  el.append(...children.filter((child) => child !== null && child !== undefined));
  return el;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  el.replaceChildren(...children.filter((child) => child !== null && child !== undefined));
}
