import { login } from '../api.js';
import { h, message, withPending } from '../dom.js';

export function mount(main, { notice, onLoggedIn }) {
  const status = h('div', { class: 'form-status', 'aria-live': 'polite' }, notice ? message('info', notice) : null);
  const username = h('input', { id: 'username', name: 'username', type: 'text', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const submit = h('button', { type: 'submit', class: 'button button-primary button-block' }, 'Log in');

  const form = h('form', { class: 'login-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'username' }, 'Username'), username),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), password),
    submit);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!username.value.trim() || !password.value) {
      status.replaceChildren(message('error', 'Enter your username and password.'));
      (username.value.trim() ? password : username).focus();
      return;
    }
    status.replaceChildren();
    withPending(submit, 'Logging in…', async () => {
      try {
        await login(username.value.trim(), password.value);
        onLoggedIn();
      } catch (error) {
        password.value = '';
        status.replaceChildren(message('error', error.message));
        password.focus();
      }
    });
  });

  main.append(h('section', { class: 'login card' },
    h('h1', { tabindex: '-1' }, 'Log in'),
    h('p', { class: 'muted' }, 'Your accounts, balances and transactions from every bank in one place.'),
    status,
    form));
  username.focus();
}
