import { api, query } from '../api.js';
import { h, message, render, withPending } from '../dom.js';
import { date, maskIban, money } from '../format.js';

const PAGE_SIZE = 50;
const FILTERS = ['account_id', 'start_date', 'end_date', 'min_amount', 'max_amount', 'search', 'status'];

export function mount(main) {
  let disposed = false;
  let accounts = [];
  let page = 1;
  let pages = 1;
  let sequence = 0;
  const initial = new URLSearchParams(location.search);
  page = Math.max(1, Number.parseInt(initial.get('page') ?? '1', 10) || 1);

  const field = (id, label, control) => h('div', { class: `field field-${id}` }, h('label', { for: `filter-${id}` }, label), control);
  const controls = {
    account_id: h('select', { id: 'filter-account', name: 'account_id' }, h('option', { value: '' }, 'All accounts')),
    start_date: h('input', { id: 'filter-start', name: 'start_date', type: 'date' }),
    end_date: h('input', { id: 'filter-end', name: 'end_date', type: 'date' }),
    min_amount: h('input', { id: 'filter-min', name: 'min_amount', type: 'number', step: '0.01', inputmode: 'decimal' }),
    max_amount: h('input', { id: 'filter-max', name: 'max_amount', type: 'number', step: '0.01', inputmode: 'decimal' }),
    search: h('input', { id: 'filter-search', name: 'search', type: 'search', placeholder: 'Description or merchant' }),
    status: h('select', { id: 'filter-status', name: 'status' },
      h('option', { value: '' }, 'Booked and pending'), h('option', { value: 'booked' }, 'Booked only'), h('option', { value: 'pending' }, 'Pending only')),
  };
  for (const name of FILTERS) controls[name].value = initial.get(name) ?? '';
  const wantedAccount = initial.get('account_id') ?? '';

  const apply = h('button', { type: 'submit', class: 'button button-primary', id: 'apply-filters' }, 'Apply filters');
  const clear = h('button', { type: 'button', class: 'button', id: 'clear-filters' }, 'Clear');
  const form = h('form', { class: 'filters card', 'aria-label': 'Filter transactions', novalidate: true },
    field('account', 'Account', controls.account_id),
    field('search', 'Text', controls.search),
    field('start', 'From date', controls.start_date),
    field('end', 'To date', controls.end_date),
    field('min', 'Min amount', controls.min_amount),
    field('max', 'Max amount', controls.max_amount),
    field('status', 'Status', controls.status),
    h('div', { class: 'filters-actions' }, clear, apply));

  const status = h('div', { class: 'page-status', 'aria-live': 'polite' });
  const results = h('div', { class: 'results', 'aria-busy': 'true' });
  const summary = h('p', { class: 'summary muted', id: 'transactions-summary', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'button', id: 'prev-page' }, '← Previous');
  const next = h('button', { type: 'button', class: 'button', id: 'next-page' }, 'Next →');
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages', hidden: true }, prev, summary, next);

  main.append(h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Transactions')), form, status, results, pager);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    page = 1;
    withPending(apply, 'Applying…', load);
  });
  clear.addEventListener('click', () => {
    for (const name of FILTERS) controls[name].value = '';
    page = 1;
    withPending(clear, 'Clearing…', load);
  });
  // The pager buttons' own disabled state depends on the page just loaded: set it after the pending state ends.
  prev.addEventListener('click', () => { page -= 1; withPending(prev, 'Loading…', load).then(updatePager); });
  next.addEventListener('click', () => { page += 1; withPending(next, 'Loading…', load).then(updatePager); });

  init();
  return () => { disposed = true; };

  async function init() {
    try {
      const data = await api('/api/accounts');
      if (disposed) return;
      accounts = data.accounts;
      for (const account of accounts) {
        const name = account.display_name || account.name || 'Account';
        controls.account_id.append(h('option', { value: account.id }, account.iban ? `${name} (${maskIban(account.iban)})` : name));
      }
      controls.account_id.value = wantedAccount;
    } catch (error) {
      status.replaceChildren(message('error', error.message));
    }
    await load();
  }

  function filters() {
    const values = {};
    for (const name of FILTERS) values[name] = controls[name].value.trim();
    return values;
  }

  async function load() {
    const values = filters();
    if (values.min_amount && values.max_amount && Number(values.min_amount) > Number(values.max_amount)) {
      status.replaceChildren(message('error', 'The minimum amount is larger than the maximum amount.'));
      controls.min_amount.focus();
      return;
    }
    if (values.start_date && values.end_date && values.start_date > values.end_date) {
      status.replaceChildren(message('error', 'The start date is after the end date.'));
      controls.start_date.focus();
      return;
    }
    const params = { ...values, page, page_size: PAGE_SIZE };
    history.replaceState(null, '', `/transactions${query({ ...values, page: page > 1 ? page : '' })}`);
    const mine = ++sequence;
    results.setAttribute('aria-busy', 'true');
    try {
      const data = await api(`/api/transactions${query(params)}`);
      if (disposed || mine !== sequence) return;
      status.replaceChildren();
      show(data);
    } catch (error) {
      if (disposed || mine !== sequence) return;
      status.replaceChildren(message('error', error.message));
    } finally {
      if (mine === sequence) results.setAttribute('aria-busy', 'false');
    }
  }

  function accountCell(account) {
    if (!account) return '';
    return [account.display_name || account.name || 'Account',
      account.iban ? h('span', { class: 'account-iban muted' }, maskIban(account.iban)) : null];
  }

  function updatePager() {
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
    // Keep keyboard focus on the pager when the button just used becomes disabled.
    if (document.activeElement === next && next.disabled && !prev.disabled) prev.focus();
    if (document.activeElement === prev && prev.disabled && !next.disabled) next.focus();
  }

  function show({ transactions, total, page: current, page_size: size }) {
    pages = Math.max(1, Math.ceil(total / size));
    if (transactions.length === 0 && total > 0 && current > pages) {
      // The filters shrank the list below the current page: go to its last page.
      page = pages;
      load();
      return;
    }
    page = current;
    updatePager();
    pager.hidden = total === 0;
    if (total === 0) {
      summary.textContent = 'No transactions';
      const filtered = Object.values(filters()).some(Boolean);
      render(results, h('div', { class: 'empty card' }, h('p', {}, filtered
        ? 'No transactions match these filters.'
        : 'No transactions yet. They appear here after your bank accounts have synced.')));
      return;
    }
    const first = (current - 1) * size + 1;
    const last = first + transactions.length - 1;
    summary.textContent = `${first}–${last} of ${total} · page ${current} of ${pages}`;
    const accountsById = new Map(accounts.map((a) => [a.id, a]));
    render(results, h('table', { class: 'transactions', id: 'transactions-table' },
      h('caption', { class: 'visually-hidden' }, `Transactions ${first} to ${last} of ${total}`),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Date'),
        h('th', { scope: 'col' }, 'Description'),
        h('th', { scope: 'col' }, 'Account'),
        h('th', { scope: 'col', class: 'amount' }, 'Amount'))),
      h('tbody', {}, transactions.map((t) => {
        const pending = t.status === 'pending';
        const title = t.merchant_name || t.description || '—';
        const secondary = t.merchant_name && t.description && t.description !== t.merchant_name ? t.description : null;
        return h('tr', { class: pending ? 'row-pending' : null, dataset: { status: t.status, transactionId: t.id } },
          h('td', { class: 'date', 'data-label': 'Date' }, date(t.booking_date ?? t.value_date)),
          h('td', { class: 'description', 'data-label': 'Description' },
            h('span', { class: 'tx-title' }, title),
            pending ? h('span', { class: 'badge badge-pending' }, 'Pending') : null,
            secondary ? h('span', { class: 'tx-secondary muted' }, secondary) : null,
            t.category ? h('span', { class: 'tx-category muted' }, t.category) : null),
          h('td', { class: 'account-cell', 'data-label': 'Account' }, accountCell(accountsById.get(t.account_id))),
          h('td', { class: `amount ${t.amount < 0 ? 'negative' : 'positive'}`, 'data-label': 'Amount' }, money(t.amount, t.currency)));
      }))));
  }
}
