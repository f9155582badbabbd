// Tiny DOM helpers: every piece of data goes in as text, never as HTML.

/**
 * h('button', { type: 'button', class: 'x', onclick: fn }, 'Label', child...)
 * Attributes with `on` prefixes become listeners; `false`/`null`/`undefined` attributes are skipped.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `parent`. */
export function render(parent, ...children) {
  parent.replaceChildren();
  append(parent, children);
}

/**
 * Runs `action` with `button` disabled and showing `pendingLabel`; restores it afterwards.
 * aria-busy tells assistive technology the control is working.
 */
export async function withPending(button, pendingLabel, action) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.classList.add('is-pending');
  if (pendingLabel) button.textContent = pendingLabel;
  try {
    return await action();
  } finally {
    if (button.isConnected) {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.classList.remove('is-pending');
      if (pendingLabel) button.textContent = label;
    }
  }
}

/** A message region: kind is 'error' | 'success' | 'info' | 'warning'. Errors use role=alert. */
export function message(kind, text, extra) {
  return h('div', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, h('p', {}, text), extra);
}

let dialogId = 0;

/**
 * A modal <dialog>: focus moves into it (first field or `initialFocus`), Escape closes it, and focus returns to the
 * element that opened it. `build(close)` returns the dialog's body content.
 */
export function openDialog({ title, build, initialFocus, onClose, className }) {
  const opener = document.activeElement;
  const id = `dialog-title-${++dialogId}`;
  const dialog = h('dialog', { class: `dialog ${className ?? ''}`.trim(), 'aria-labelledby': id });
  const close = () => dialog.close();
  const heading = h('h2', { id, class: 'dialog-title' }, title);
  const closeButton = h('button', { type: 'button', class: 'dialog-close', 'aria-label': 'Close', onclick: close }, '×');
  dialog.append(h('div', { class: 'dialog-header' }, heading, closeButton));
  const content = build(close, dialog);
  append(dialog, [content]);
  dialog.addEventListener('close', () => {
    dialog.remove();
    onClose?.();
    if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  const target = typeof initialFocus === 'string' ? dialog.querySelector(initialFocus) : initialFocus;
  (target ?? dialog.querySelector('input, select, textarea, button:not(.dialog-close)') ?? closeButton).focus();
  return dialog;
}
