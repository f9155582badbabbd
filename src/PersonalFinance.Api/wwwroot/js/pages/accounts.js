import { ApiError, api, query } from '../api.js';
import { h, message, openDialog, render, withPending } from '../dom.js';
import { colourSlot, date, dateTime, daysUntil, initials, maskIban, money, plural, relative } from '../format.js';

const CALLBACK_MESSAGES = {
  user_cancelled: 'You cancelled the connection at your bank. Nothing was connected; you can try again whenever you like.',
  rejected: 'Your bank did not grant access, so nothing was connected. Try again, and approve the request at your bank.',
  expired: 'The link to your bank expired before the connection was finished. Please start again.',
  incomplete: 'Your bank has not finished linking yet. We will keep checking; the connection becomes active when it does.',
  provider_error: 'The bank data provider had a problem, so the connection could not be finished. Please try again in a few minutes.',
  internal_error: 'Something went wrong on our side while finishing the connection. Please try again.',
};

const STATUS_LABELS = { active: 'Active', pending: 'Pending', expired: 'Expired', error: 'Error' };
const REAUTHORISABLE = new Set(['expired', 'pending', 'error']);
const EXPIRY_WARNING_DAYS = 14;
const COUNTRIES = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS', 'IE', 'IT', 'LV', 'LI', 'LT',
  'LU', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'GB'];
const MAX_INSTITUTIONS_SHOWN = 50;

/** XX is GoCardless's code for its test institutions. */
function countryName(names, code) {
  if (code === 'XX') return 'Test institution';
  try {
    return names?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Only http(s) links are followed; anything else from the API would be a bug or an attack. */
function safeLink(link) {
  try {
    const url = new URL(link, location.origin);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

export function mount(main) {
  let connections = [];
  let accounts = [];
  let loaded = false;
  let loadError = null;
  let disposed = false;
  const cardMessages = new Map(); // connection id → message element
  const watchers = new Map(); // job id → timer
  const watched = new Set(); // ids of jobs followed on this page
  const finishedJobs = new Map(); // connection id → the last job followed here to completion or failure

  const pageStatus = h('div', { class: 'page-status', 'aria-live': 'polite' });
  const list = h('div', { class: 'connections', 'aria-busy': 'true' });
  const connectButton = h('button', { type: 'button', class: 'button button-primary', id: 'connect-bank', onclick: () => openConnectDialog() }, 'Connect a bank');

  main.append(...[
    h('div', { class: 'page-head' }, h('h1', { tabindex: '-1' }, 'Accounts'), connectButton),
    readCallback(),
    pageStatus,
    list].filter(Boolean));

  load();

  return () => {
    disposed = true;
    watchers.forEach((timer) => clearTimeout(timer));
    watchers.clear();
  };

  // ----- data -----

  async function load() {
    try {
      const [c, a] = await Promise.all([api('/api/connections'), api('/api/accounts')]);
      if (disposed) return;
      connections = c.connections;
      accounts = a.accounts;
      // A job this page just followed to its end stays shown unless the server already knows a newer one.
      for (const connection of connections) {
        const finished = finishedJobs.get(connection.id);
        const latest = connection.latest_sync_job;
        if (finished && (!latest || Date.parse(latest.created_at) <= Date.parse(finished.created_at))) connection.latest_sync_job = finished;
      }
      loadError = null;
      for (const connection of connections) {
        const job = connection.latest_sync_job;
        if (job && (job.status === 'pending' || job.status === 'running')) watchJob(connection.id, job);
      }
    } catch (error) {
      if (disposed) return;
      loadError = error.message;
    }
    loaded = true;
    renderList();
  }

  function showPageMessage(kind, text) {
    pageStatus.replaceChildren(message(kind, text));
  }

  function setCardMessage(connectionId, kind, text) {
    if (text) cardMessages.set(connectionId, message(kind, text));
    else cardMessages.delete(connectionId);
    renderList();
  }

  // ----- callback from the bank -----

  function readCallback() {
    const params = new URLSearchParams(location.search);
    const outcome = params.get('callback');
    if (!outcome) return null;
    const reason = params.get('reason');
    history.replaceState(null, '', location.pathname);
    const region = h('div', { class: 'callback-message', id: 'callback-message', dataset: { outcome, reason: reason ?? '' } });
    if (outcome === 'success') {
      region.append(message('success', 'Your bank is connected. Balances and transactions are being fetched now.'));
    } else {
      const text = CALLBACK_MESSAGES[reason] ?? 'The bank connection could not be completed. Please try again.';
      region.append(message(reason === 'incomplete' ? 'warning' : 'error', text));
    }
    return region;
  }

  // ----- rendering -----

  function renderList() {
    if (disposed) return;
    const focusKey = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.focusKey : undefined;
    list.setAttribute('aria-busy', String(!loaded));
    if (!loaded) {
      render(list, h('p', { class: 'loading' }, 'Loading your accounts…'));
    } else if (loadError) {
      render(list, message('error', loadError, h('button', { type: 'button', class: 'button', onclick: (e) => withPending(e.currentTarget, 'Retrying…', load) }, 'Try again')));
    } else if (connections.length === 0) {
      render(list, h('div', { class: 'empty card' },
        h('h2', {}, 'No banks connected yet'),
        h('p', {}, 'Connect a bank to see your accounts, balances and transactions here.'),
        h('button', { type: 'button', class: 'button button-primary', onclick: () => openConnectDialog() }, 'Connect a bank')));
    } else {
      render(list, connections.map(connectionCard));
    }
    if (focusKey) list.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`)?.focus();
  }

  function connectionCard(connection) {
    const own = accounts.filter((a) => a.connection_id === connection.id);
    const status = connection.status;
    const job = connection.latest_sync_job;
    const syncing = job && (job.status === 'pending' || job.status === 'running');
    const titleId = `connection-${connection.id}`;

    const actions = h('div', { class: 'actions' },
      status === 'active'
        ? h('button', { type: 'button', class: 'button', disabled: syncing, 'aria-busy': syncing ? 'true' : null, dataset: { focusKey: `sync:${connection.id}`, action: 'sync' }, onclick: (e) => syncNow(connection, e.currentTarget) },
          syncing ? 'Syncing…' : 'Sync now')
        : null,
      REAUTHORISABLE.has(status)
        ? h('button', { type: 'button', class: status === 'pending' ? 'button' : 'button button-primary', dataset: { focusKey: `reauth:${connection.id}`, action: 'reauthorise' }, onclick: (e) => reauthorise(connection, e.currentTarget) },
          status === 'pending' ? 'Continue at bank' : 'Reauthorise')
        : null,
      h('button', { type: 'button', class: 'button button-quiet', dataset: { focusKey: `rename:${connection.id}`, action: 'rename' }, 'aria-label': `Rename connection ${connection.friendly_name}`, onclick: () => renameConnection(connection) }, 'Rename'),
      h('button', { type: 'button', class: 'button button-quiet button-danger', dataset: { focusKey: `delete:${connection.id}`, action: 'delete' }, 'aria-label': `Delete connection ${connection.friendly_name}`, onclick: () => deleteConnection(connection) }, 'Delete'));

    return h('article', { class: `connection card status-${status}`, 'aria-labelledby': titleId, dataset: { connectionId: connection.id, status } },
      h('div', { class: 'connection-head' },
        logo(connection.institution),
        h('div', { class: 'connection-title' },
          h('h2', { id: titleId, class: 'connection-name' }, connection.friendly_name),
          h('p', { class: 'muted institution-name' }, connection.institution?.name ?? '')),
        h('span', { class: `badge badge-${status}` }, STATUS_LABELS[status] ?? status)),
      h('ul', { class: 'connection-meta' },
        expiry(connection),
        h('li', { class: 'last-synced', title: connection.last_synced_at ? dateTime(connection.last_synced_at) : null },
          connection.last_synced_at ? `Last synced ${relative(connection.last_synced_at)}` : 'Not synced yet'),
        job ? syncState(job) : null),
      cardMessages.get(connection.id) ?? null,
      actions,
      accountList(connection, own));
  }

  function logo(institution) {
    // Institution logos live on an external CDN, which this page's policy does not load: show initials instead.
    const name = institution?.name ?? '';
    return h('span', { class: `logo logo-${colourSlot(name)}`, 'aria-hidden': 'true' }, initials(name));
  }

  function expiry(connection) {
    if (connection.status === 'expired') {
      return h('li', { class: 'expiry expiry-warning' },
        connection.expires_at ? `Consent ended on ${date(connection.expires_at)}. Reauthorise to keep syncing.` : 'Consent has ended. Reauthorise to keep syncing.');
    }
    if (connection.status === 'pending') return h('li', { class: 'expiry' }, 'Waiting for you to finish at your bank.');
    if (connection.status === 'error') return h('li', { class: 'expiry expiry-warning' }, 'The bank did not grant access. Reauthorise to try again.');
    if (!connection.expires_at) return null;
    const days = daysUntil(connection.expires_at);
    const text = days < 0 ? 'Consent has ended' : days === 0 ? 'Consent ends today' : `Consent ends in ${plural(days, 'day', 'days')}`;
    return h('li', { class: days < EXPIRY_WARNING_DAYS ? 'expiry expiry-warning' : 'expiry', title: dateTime(connection.expires_at) }, text);
  }

  function syncState(job) {
    let text;
    switch (job.status) {
      case 'pending': text = 'Sync queued…'; break;
      case 'running': text = 'Syncing…'; break;
      case 'completed':
        // "Last synced …" already says when; a completed sync is only worth a line right after the user watched it run.
        if (!watched.has(job.id)) return null;
        text = 'Sync completed';
        break;
      case 'failed': text = `Last sync failed: ${job.error_message || 'unknown error'}`; break;
      default: text = `Sync ${job.status}`;
    }
    return h('li', { class: `sync-state sync-${job.status}`, dataset: { jobStatus: job.status } }, text);
  }

  function accountList(connection, own) {
    if (own.length === 0) {
      const text = connection.status === 'active' ? 'Accounts will appear after the next sync.' : 'No accounts yet.';
      return h('p', { class: 'muted no-accounts' }, text);
    }
    return h('ul', { class: 'accounts', 'aria-label': `Accounts at ${connection.friendly_name}` },
      own.map((account) => {
        const title = account.display_name || account.name || 'Account';
        return h('li', { class: 'account', dataset: { accountId: account.id } },
          h('div', { class: 'account-main' },
            h('span', { class: 'account-name' }, title),
            h('span', { class: 'account-detail muted' },
              account.iban ? h('span', { class: 'iban', title: 'IBAN (masked)' }, maskIban(account.iban)) : null,
              account.display_name && account.name ? h('span', { class: 'bank-name' }, account.name) : null,
              account.status === 'inactive' ? h('span', { class: 'badge badge-inactive' }, 'Inactive') : null)),
          h('span', { class: account.balance ? `balance ${account.balance.amount < 0 ? 'negative' : ''}` : 'balance muted' },
            account.balance ? money(account.balance.amount, account.balance.currency) : 'No balance yet'),
          h('div', { class: 'account-actions' },
            h('a', { href: `/transactions${query({ account_id: account.id })}`, class: 'button button-quiet button-small' }, 'Transactions'),
            h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': `Rename account ${title}`, dataset: { focusKey: `rename-account:${account.id}`, action: 'rename-account' }, onclick: () => renameAccount(account) }, 'Rename')));
      }));
  }

  // ----- actions -----

  async function syncNow(connection, button) {
    setCardMessage(connection.id, null);
    await withPending(button, 'Starting sync…', async () => {
      try {
        const job = await api(`/api/connections/${connection.id}/sync`, { method: 'POST' });
        connection.latest_sync_job = job;
        watchJob(connection.id, job);
      } catch (error) {
        const runningJob = error instanceof ApiError && error.status === 409 ? jobFromProblem(error.problem) : null;
        if (runningJob) {
          connection.latest_sync_job = runningJob;
          watchJob(connection.id, runningJob);
          cardMessages.set(connection.id, message('info', error.message));
        } else if (error instanceof ApiError && error.status === 429) {
          const wait = error.retryAfter;
          const when = wait && !/try again/i.test(error.message) ? ` You can try again ${relative(new Date(Date.now() + wait * 1000).toISOString())}.` : '';
          cardMessages.set(connection.id, message('warning', error.message + when));
        } else {
          cardMessages.set(connection.id, message('error', error.message));
        }
      }
    });
    renderList();
  }

  function jobFromProblem(problem) {
    const candidate = problem?.job ?? problem?.latest_sync_job ?? problem;
    return candidate && typeof candidate.id === 'string' && typeof candidate.status === 'string' && candidate.job_type ? candidate : null;
  }

  /** Polls a job until it completes or fails, showing its state on the card; then reloads balances. */
  function watchJob(connectionId, job) {
    if (watchers.has(job.id) || disposed) return;
    watched.add(job.id);
    let delay = 1000;
    const poll = async () => {
      if (disposed) return;
      let current;
      try {
        current = await api(`/api/jobs/${job.id}`);
      } catch (error) {
        watchers.delete(job.id);
        setCardMessage(connectionId, 'error', `Could not follow the sync: ${error.message}`);
        return;
      }
      if (disposed) return;
      const connection = connections.find((c) => c.id === connectionId);
      if (connection) connection.latest_sync_job = current;
      if (current.status === 'completed' || current.status === 'failed') {
        watchers.delete(job.id);
        finishedJobs.set(connectionId, current);
        await load();
        return;
      }
      renderList();
      delay = Math.min(delay * 1.5, 10_000);
      watchers.set(job.id, setTimeout(poll, delay));
    };
    watchers.set(job.id, setTimeout(poll, delay));
  }

  async function reauthorise(connection, button) {
    setCardMessage(connection.id, null);
    button.focus();
    await withPending(button, 'Redirecting to your bank…', async () => {
      try {
        const result = await api(`/api/connections/${connection.id}/reauthorise`, { method: 'POST' });
        const link = safeLink(result.link);
        if (!link) throw new Error('The server returned an invalid bank link.');
        location.assign(link);
        // Stay pending while the browser leaves the page.
        await new Promise(() => {});
      } catch (error) {
        cardMessages.set(connection.id, message('error', error.message));
      }
    });
    renderList();
  }

  function renameConnection(connection) {
    openRenameDialog({
      title: 'Rename connection',
      label: 'Connection name',
      value: connection.friendly_name,
      required: true,
      save: async (value) => {
        await api(`/api/connections/${connection.id}`, { method: 'PATCH', body: { friendly_name: value } });
        showPageMessage('success', `Connection renamed to “${value}”.`);
      },
    });
  }

  function renameAccount(account) {
    openRenameDialog({
      title: 'Rename account',
      label: 'Display name',
      hint: account.name ? `Leave empty to use the bank’s name, “${account.name}”.` : 'Leave empty to use the bank’s name.',
      value: account.display_name ?? '',
      required: false,
      save: async (value) => {
        await api(`/api/accounts/${account.id}`, { method: 'PATCH', body: { display_name: value || null } });
        showPageMessage('success', value ? `Account renamed to “${value}”.` : 'Account name reset to the bank’s name.');
      },
    });
  }

  function openRenameDialog({ title, label, hint, value, required, save }) {
    openDialog({
      title,
      build: (close) => {
        const input = h('input', { id: 'rename-input', name: 'name', type: 'text', maxlength: '128', required, value, 'aria-describedby': hint ? 'rename-hint' : null });
        const status = h('div', { 'aria-live': 'polite' });
        const submit = h('button', { type: 'submit', class: 'button button-primary' }, 'Save');
        const form = h('form', { class: 'dialog-body', method: 'dialog', novalidate: true },
          h('div', { class: 'field' }, h('label', { for: 'rename-input' }, label), input, hint ? h('p', { id: 'rename-hint', class: 'hint' }, hint) : null),
          status,
          h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'), submit));
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          const text = input.value.trim();
          if (required && !text) {
            status.replaceChildren(message('error', `${label} cannot be empty.`));
            input.focus();
            return;
          }
          withPending(submit, 'Saving…', async () => {
            try {
              await save(text);
              close();
              await load();
            } catch (error) {
              status.replaceChildren(message('error', error.message));
              input.focus();
            }
          });
        });
        queueMicrotask(() => input.select());
        return form;
      },
    });
  }

  function deleteConnection(connection) {
    openDialog({
      title: 'Delete connection?',
      build: (close) => {
        const status = h('div', { 'aria-live': 'polite' });
        const confirm = h('button', { type: 'button', class: 'button button-danger-solid', id: 'confirm-delete' }, 'Delete connection');
        const cancel = h('button', { type: 'button', class: 'button', onclick: close }, 'Cancel');
        confirm.addEventListener('click', () => withPending(confirm, 'Deleting…', async () => {
          try {
            await api(`/api/connections/${connection.id}`, { method: 'DELETE' });
            close();
            showPageMessage('success', `“${connection.friendly_name}” was deleted.`);
          } catch (error) {
            if (error instanceof ApiError && error.status === 502) {
              // Deleted locally; the bank's access simply runs out on its own.
              close();
              showPageMessage('warning', error.message);
            } else {
              status.replaceChildren(message('error', error.message));
              return;
            }
          }
          cardMessages.delete(connection.id);
          await load();
        }));
        return h('div', { class: 'dialog-body' },
          h('p', {}, `“${connection.friendly_name}” and its ${plural(connection.account_count, 'account', 'accounts')} and transactions will be removed from PersonalFinance, and access at ${connection.institution?.name ?? 'the bank'} will be revoked.`),
          status,
          h('div', { class: 'dialog-actions' }, cancel, confirm));
      },
      initialFocus: '.dialog-actions .button:not(.button-danger-solid)',
    });
  }

  function openConnectDialog() {
    openDialog({
      title: 'Connect a bank',
      className: 'dialog-wide',
      build: (close) => {
        const countryNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, { type: 'region' }) : null;
        const countryOptions = COUNTRIES
          .map((code) => ({ code, name: countryName(countryNames, code) }))
          .sort((a, b) => a.name.localeCompare(b.name));
        const country = h('select', { id: 'connect-country', name: 'country' },
          h('option', { value: '' }, 'All countries'),
          countryOptions.map((c) => h('option', { value: c.code }, c.name)));
        const search = h('input', { id: 'connect-search', name: 'search', type: 'search', autocomplete: 'off', placeholder: 'e.g. Nationwide' });
        const results = h('div', { class: 'institutions', id: 'connect-results', 'aria-live': 'polite', 'aria-busy': 'true' });
        const friendly = h('input', { id: 'connect-name', name: 'friendly_name', type: 'text', maxlength: '128', required: true, placeholder: 'e.g. My Nationwide Account' });
        const status = h('div', { 'aria-live': 'polite' });
        const submit = h('button', { type: 'submit', class: 'button button-primary', id: 'connect-submit' }, 'Continue to bank');
        let selected = null;
        let nameEdited = false;
        let sequence = 0;
        let debounce = 0;

        friendly.addEventListener('input', () => { nameEdited = friendly.value.trim() !== ''; });

        async function searchInstitutions() {
          const mine = ++sequence;
          results.setAttribute('aria-busy', 'true');
          try {
            const data = await api(`/api/institutions${query({ country: country.value, search: search.value.trim() })}`);
            if (mine !== sequence) return;
            showResults(data.institutions, data.total);
          } catch (error) {
            if (mine !== sequence) return;
            render(results, message('error', error.message));
          } finally {
            if (mine === sequence) results.setAttribute('aria-busy', 'false');
          }
        }

        function showResults(institutions, total) {
          if (institutions.length === 0) {
            render(results, h('p', { class: 'muted' }, 'No banks match. Try another name or country.'));
            return;
          }
          const shown = institutions.slice(0, MAX_INSTITUTIONS_SHOWN);
          if (selected && !shown.some((i) => i.id === selected.id)) selected = null;
          render(results,
            h('fieldset', { class: 'institution-list' },
              h('legend', { class: 'visually-hidden' }, 'Bank'),
              shown.map((institution) => {
                const id = `institution-${institution.id}`;
                const radio = h('input', { type: 'radio', name: 'institution', id, value: institution.id, checked: selected?.id === institution.id });
                radio.addEventListener('change', () => {
                  selected = institution;
                  if (!nameEdited) friendly.value = institution.name;
                });
                return h('label', { class: 'institution', for: id },
                  radio,
                  logo(institution),
                  h('span', { class: 'institution-text' },
                    h('span', { class: 'institution-label' }, institution.name),
                    h('span', { class: 'muted institution-countries' }, institution.countries.map((c) => countryName(countryNames, c)).join(', '))));
              })),
            total > shown.length ? h('p', { class: 'muted hint' }, `Showing ${shown.length} of ${total}. Type more of the name to narrow the list.`) : null);
        }

        search.addEventListener('input', () => {
          clearTimeout(debounce);
          debounce = setTimeout(searchInstitutions, 250);
        });
        country.addEventListener('change', searchInstitutions);

        const form = h('form', { class: 'dialog-body connect-form', novalidate: true },
          h('div', { class: 'filters-row' },
            h('div', { class: 'field' }, h('label', { for: 'connect-search' }, 'Search by bank name'), search),
            h('div', { class: 'field' }, h('label', { for: 'connect-country' }, 'Country'), country)),
          results,
          h('div', { class: 'field' }, h('label', { for: 'connect-name' }, 'Name for this connection'), friendly,
            h('p', { class: 'hint' }, 'Shown on your accounts page, e.g. “Joint account”.')),
          status,
          h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button', onclick: close }, 'Cancel'), submit));

        form.addEventListener('submit', (event) => {
          event.preventDefault();
          if (!selected) {
            status.replaceChildren(message('error', 'Choose your bank from the list.'));
            (results.querySelector('input[type=radio]') ?? search).focus();
            return;
          }
          const name = friendly.value.trim();
          if (!name) {
            status.replaceChildren(message('error', 'Give the connection a name.'));
            friendly.focus();
            return;
          }
          status.replaceChildren();
          withPending(submit, 'Redirecting to your bank…', async () => {
            try {
              const created = await api('/api/connections', { method: 'POST', body: { institution_id: selected.id, friendly_name: name } });
              const link = safeLink(created.link);
              if (!link) throw new Error('The server returned an invalid bank link.');
              status.replaceChildren(message('info', 'Redirecting to your bank…'));
              location.assign(link);
              await new Promise(() => {});
            } catch (error) {
              status.replaceChildren(message('error', error.message));
            }
          });
        });

        searchInstitutions();
        return form;
      },
      initialFocus: '#connect-search',
    });
  }
}
